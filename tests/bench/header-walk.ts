import fs from 'node:fs';
import path from 'node:path';
import { parseHeaderBytes } from '../../electron/core/dicom/read-header';
import { writeItemFlood } from '../support/hostile-headers';
import { SHARED_DICOM, temporaryFolder } from '../support/paths';
import { median, numberFlag } from './bench-support';

// What the pre-parse walks cost parseHeaderBytes, the header parse of a whole file an export has
// read (an Enhanced CT's functional groups): a small CT, the same CT with its pixel data grown to
// --mib MiB (a large multi-frame file), and a flood of two million empty items (refused).
// Usage: tsx tests/bench/header-walk.ts [--mib 256] [--runs 5]

const mib = numberFlag('mib', 256);
const runs = numberFlag('runs', 5);

function timed(label: string, bytes: Uint8Array, repeat = 1): void {
  const ms: number[] = [];
  let outcome = 'parsed';
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (let i = 0; i < repeat; i++) {
      try {
        parseHeaderBytes(bytes);
      } catch (error) {
        outcome = `refused: ${(error as Error).message.slice(0, 48)}`;
      }
    }
    ms.push((performance.now() - started) / repeat);
  }
  console.log(`${label}: median ${median(ms).toFixed(3)} ms per parse (${outcome})`);
}

const small = fs.readFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'));
// The Pixel Data element of CT_small (explicit VR little endian, OW) starts 12 bytes before its value.
const pixelAt = small.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57]));
const bigPixels = Buffer.alloc(mib * 1024 * 1024, 0x5a);
const header = Buffer.from(small.subarray(0, pixelAt + 12));
header.writeUInt32LE(bigPixels.length, pixelAt + 8);
const big = Buffer.concat([header, bigPixels]);
const work = temporaryFolder('header-walk');
try {
  const floodFile = path.join(work, 'flood.dcm');
  writeItemFlood(floodFile, 2_000_000, '1.2.826.0.1.3680043.8.498.71');
  timed('CT_small (39 KB)', small, 200);
  timed(`CT_small with ${mib} MiB of pixel data`, big);
  timed('2,000,000 empty items (16 MB)', fs.readFileSync(floodFile));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
