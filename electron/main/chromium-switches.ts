// The Chromium switches the app starts with (appended before Electron is ready), and the ones the
// end-to-end tests and benchmarks start Debian's Chromium with in its place (playwright.config.ts).
//
// Many hospitals read on virtual desktops and thin clients without a GPU. There Chromium composites,
// rasterises and draws 2D canvases in software on its own, and gives WebGL2 (which the reformat
// needs) through SwiftShader only when this switch allows it. The app loads only its own pages
// (the app:// scheme, no remote content), which is what makes the "unsafe" SwiftShader JIT
// acceptable. With a GPU the switch changes nothing: Chromium uses the GPU.
//
// Not `--use-angle=swiftshader`: that makes SwiftShader Chromium's GPU, so that compositing,
// rasterisation and canvases go through emulated GL too (chrome://gpu: "Compositing: Hardware
// accelerated"), which no GPU-less workstation does and which paced scrolling at 10 to 14 fps.

/** Switches appended to Chromium's command line by the Electron main process, without their leading dashes. */
export const CHROMIUM_SWITCHES: readonly string[] = ['enable-unsafe-swiftshader'];
