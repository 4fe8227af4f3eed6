/**
 * 3D texture slices uploaded before the page waits once for the GPU process to take them in.
 *
 * A reformat's first frame uploads every slice of the volume (one texSubImage3D each, see
 * Cornerstone's vtkStreamingOpenGLTexture) in one go. Chromium hands them to the GPU process,
 * whose GL (ANGLE, on SwiftShader without a GPU) stages each upload in memory of its own until it
 * is applied to the texture: for a 512x512x300 CT with nothing to pace it, the GPU process peaked
 * 130 MB above where it settled (410 MB against 278 MB in a page doing only the upload). Waiting
 * for the GPU process every 16 slices keeps the staging to 16 slices (8 MB here), and took no
 * longer to upload (674 ms against 716 ms).
 */
export const SLICES_PER_UPLOAD_WAIT = 16;

interface UploadWait {
  uploads: number;
  /** A 1x1 framebuffer of the page's own, read from to wait: never one Cornerstone draws into. */
  framebuffer: WebGLFramebuffer | null;
}

const waits = new WeakMap<WebGL2RenderingContext, UploadWait>();
const pixel = new Uint8Array(4);

/** A 1x1 RGBA8 framebuffer on `gl`, or null when the context cannot make one (lost). */
function waitingFramebuffer(gl: WebGL2RenderingContext): WebGLFramebuffer | null {
  const framebuffer = gl.createFramebuffer();
  const renderbuffer = gl.createRenderbuffer();
  if (!framebuffer || !renderbuffer) return null;
  const [drawn, read, rendered] = [gl.getParameter(gl.DRAW_FRAMEBUFFER_BINDING), gl.getParameter(gl.READ_FRAMEBUFFER_BINDING), gl.getParameter(gl.RENDERBUFFER_BINDING)];
  gl.bindRenderbuffer(gl.RENDERBUFFER, renderbuffer);
  gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, 1, 1);
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, renderbuffer);
  gl.bindRenderbuffer(gl.RENDERBUFFER, rendered);
  gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, drawn);
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, read);
  return framebuffer;
}

/**
 * Waits until the GPU process has taken every command sent so far: a one-pixel read is answered
 * only then (glFinish is not enough: measured, it left the uploads staged). The bindings a read
 * depends on are put back as they were, so that Cornerstone's own state is untouched.
 */
function waitForGpuProcess(gl: WebGL2RenderingContext, wait: UploadWait): void {
  wait.framebuffer ??= waitingFramebuffer(gl);
  if (!wait.framebuffer) return;
  const [read, packBuffer] = [gl.getParameter(gl.READ_FRAMEBUFFER_BINDING), gl.getParameter(gl.PIXEL_PACK_BUFFER_BINDING)];
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, wait.framebuffer);
  if (packBuffer) gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  if (packBuffer) gl.bindBuffer(gl.PIXEL_PACK_BUFFER, packBuffer);
  gl.bindFramebuffer(gl.READ_FRAMEBUFFER, read);
}

let paced = false;

/**
 * Makes every WebGL2 context of the page wait for the GPU process after each SLICES_PER_UPLOAD_WAIT
 * 3D texture uploads (a reformat's volume), so that the GPU process holds the volume's texture
 * and a few slices in transit, not a second copy of the volume. Idempotent.
 */
export function paceVolumeTextureUploads(): void {
  if (paced || typeof WebGL2RenderingContext === 'undefined') return;
  paced = true;
  const prototype = WebGL2RenderingContext.prototype;
  const upload = prototype.texSubImage3D as (this: WebGL2RenderingContext, ...args: unknown[]) => void;
  prototype.texSubImage3D = function (this: WebGL2RenderingContext, ...args: unknown[]): void {
    upload.apply(this, args);
    let wait = waits.get(this);
    if (!wait) waits.set(this, (wait = { uploads: 0, framebuffer: null }));
    wait.uploads += 1;
    if (wait.uploads % SLICES_PER_UPLOAD_WAIT === 0) waitForGpuProcess(this, wait);
  } as typeof prototype.texSubImage3D;
}
