import fs from 'node:fs';
import { createRequire } from 'node:module';
import { frameSizeMismatch } from './declared-frame-size';

// JPEG Baseline, JPEG-LS, JPEG 2000 and HTJ2K frames, decoded in Node by the same WebAssembly codecs
// the viewer's Cornerstone uses (libjpeg-turbo, CharLS, OpenJPEG, OpenJPH), so the NIfTI export, the bone analysis and the referral's
// key images read what the viewer shows. The codecs are instantiated synchronously, once, on first
// use: the callers are synchronous, and a 300 KB module compiles in tens of milliseconds.

/** The decoder class each codec exports through Emscripten's embind (the same calls in all four). */
interface EmbindFrameDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
type DecoderModule = Record<string, new () => EmbindFrameDecoder>;

/** A WebAssembly codec package: its Emscripten script, its module, and the decoder class it exports. */
interface WasmCodec {
  name: string;
  script: string;
  wasm: string;
  decoderClass: string;
  /** Where the frame's header declares its size (declaredFrameSize). */
  family: 'jpeg' | 'j2k';
}

/** A codec package's decoder: its script and module exports are `<entry>js` and `<entry>`. */
const wasmCodec = (name: string, pkg: string, decoderClass: string, family: 'jpeg' | 'j2k', entry = 'decodewasm'): WasmCodec => ({
  name,
  family,
  script: `@cornerstonejs/${pkg}/${entry}js`,
  wasm: `@cornerstonejs/${pkg}/${entry}`,
  decoderClass,
});
const LIBJPEG_TURBO = wasmCodec('JPEG Baseline', 'codec-libjpeg-turbo-8bit', 'JPEGDecoder', 'jpeg');
const CHARLS = wasmCodec('JPEG-LS', 'codec-charls', 'JpegLSDecoder', 'jpeg');
const OPENJPEG = wasmCodec('JPEG 2000', 'codec-openjpeg', 'J2KDecoder', 'j2k');
// OpenJPH ships one module, decoder and encoder together.
const OPENJPH = wasmCodec('HTJ2K', 'codec-openjph', 'HTJ2KDecoder', 'j2k', 'wasm');

/** The transfer syntaxes these codecs decode, with their names and codec. */
export const WASM_DECODED_SYNTAXES: Readonly<Record<string, { name: string; codec: WasmCodec }>> = {
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline (Process 1)', codec: LIBJPEG_TURBO },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', codec: CHARLS },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', codec: CHARLS },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', codec: OPENJPEG },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', codec: OPENJPEG },
  '1.2.840.10008.1.2.4.201': { name: 'High-Throughput JPEG 2000 Lossless', codec: OPENJPH },
  '1.2.840.10008.1.2.4.202': { name: 'High-Throughput JPEG 2000 (RPCL) Lossless', codec: OPENJPH },
  '1.2.840.10008.1.2.4.203': { name: 'High-Throughput JPEG 2000', codec: OPENJPH },
};

const loaded = new Map<WasmCodec, DecoderModule>();

/** The codec's module, compiled and instantiated on first use (synchronously: no await in the callers). */
function decoderModule(codec: WasmCodec): DecoderModule {
  const ready = loaded.get(codec);
  if (ready) return ready;
  const require = createRequire(import.meta.url);
  const factory = require(codec.script) as ((module: object) => unknown) | { default: (module: object) => unknown };
  const compiled = new WebAssembly.Module(fs.readFileSync(require.resolve(codec.wasm)));
  const module: Record<string, unknown> = {
    // Emscripten asks the host to instantiate; answering at once makes the whole start-up synchronous.
    instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      const instance = new WebAssembly.Instance(compiled, imports);
      receive(instance, compiled);
      return instance.exports;
    },
    print: () => undefined,
    printErr: () => undefined,
  };
  (typeof factory === 'function' ? factory : factory.default)(module);
  if (typeof module[codec.decoderClass] !== 'function') throw new Error(`the ${codec.name} codec did not start (no ${codec.decoderClass})`);
  loaded.set(codec, module as DecoderModule);
  return module as DecoderModule;
}

/**
 * Decodes one greyscale JPEG Baseline, JPEG-LS, JPEG 2000 or HTJ2K frame into native little-endian samples.
 * @param pixels - rows x columns of the image
 * @param bytesPerSample - 1 or 2 (Bits Allocated / 8)
 * @returns the decoded bytes, or a reason the frame cannot be decoded
 */
export function decodeWasmFrame(syntax: string, frame: Uint8Array, pixels: number, bytesPerSample: number): Uint8Array | string {
  const entry = WASM_DECODED_SYNTAXES[syntax];
  if (!entry) return `frames in transfer syntax ${syntax} are not decoded here`;
  // OpenJPH decodes a cut stream into a whole image, the missing part blank: its end is checked here.
  if (entry.codec === OPENJPH && !endsWithEndOfCodestream(frame)) return `the ${entry.name} frame cannot be decoded (the stream is truncated: no end-of-codestream marker)`;
  // Checked before decoding: a codec allocates (and keeps) the memory the header declares.
  const mismatch = frameSizeMismatch(entry.codec.family, frame, pixels, entry.name);
  if (mismatch) return mismatch;
  let decoder: EmbindFrameDecoder | undefined;
  try {
    decoder = new (decoderModule(entry.codec)[entry.codec.decoderClass]!)();
    decoder.getEncodedBuffer(frame.byteLength).set(frame);
    decoder.decode();
    const info = decoder.getFrameInfo();
    // OpenJPEG and OpenJPH report a stream they could not read as an empty frame, not an error.
    if (info.componentCount === 0 || info.width * info.height === 0) return `the ${entry.name} frame cannot be decoded (the stream is damaged or truncated)`;
    if (info.componentCount !== 1) return `the ${entry.name} frame holds ${info.componentCount} components; greyscale frames (one) are read`;
    if (info.width * info.height !== pixels) return `the ${entry.name} frame is ${info.width} x ${info.height}, not the image's ${pixels} pixels`;
    if (info.bitsPerSample > bytesPerSample * 8) return `the ${entry.name} frame holds ${info.bitsPerSample}-bit samples, more than the ${bytesPerSample * 8} bits allocated`;
    // A copy: the decoder's buffer lives in WebAssembly memory, freed (and reused) below.
    return widened(decoder.getDecodedBuffer(), pixels, bytesPerSample, entry.name);
  } catch (error) {
    // CharLS throws a C++ exception, which reaches script as a bare number; a WebAssembly trap may
    // leave the module aborted, so the next frame starts a fresh one.
    if (!(typeof error === 'number')) loaded.delete(entry.codec);
    const why = error instanceof Error ? error.message : 'the stream is damaged or truncated';
    return `the ${entry.name} frame cannot be decoded (${why})`;
  } finally {
    try {
      decoder?.delete();
    } catch {
      // An aborted module cannot free; it is dropped above.
    }
  }
}

/** True when the codestream ends with EOC (FF D9), past the zero bytes that pad a fragment to even length. */
function endsWithEndOfCodestream(frame: Uint8Array): boolean {
  let end = frame.length;
  while (end > 0 && frame[end - 1] === 0) end--;
  return end >= 2 && frame[end - 2] === 0xff && frame[end - 1] === 0xd9;
}

/** The decoded samples as bytesPerSample bytes each (a codec gives 8-bit samples one byte even when 16 are allocated). */
function widened(decoded: Uint8Array, pixels: number, bytesPerSample: number, name: string): Uint8Array | string {
  // A Uint8Array of its own (embind hands over a view of WebAssembly memory, clamped).
  if (decoded.byteLength >= pixels * bytesPerSample) return new Uint8Array(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + pixels * bytesPerSample));
  if (bytesPerSample === 2 && decoded.byteLength >= pixels) {
    const out = new Uint8Array(pixels * 2);
    for (let i = 0; i < pixels; i++) out[2 * i] = decoded[i]!;
    return out;
  }
  return `the ${name} frame decodes to ${decoded.byteLength} bytes, short of the ${pixels * bytesPerSample} of its image`;
}
