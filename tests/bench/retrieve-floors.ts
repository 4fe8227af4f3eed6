import fs from 'node:fs';
import path from 'node:path';
import type { DicomWebTarget } from '../../electron/core/pacs/dicomweb/dicomweb-target';
import { wadoRetrieve } from '../../electron/core/pacs/dicomweb/wado-rs';
import { WRITES_IN_FLIGHT } from '../../electron/core/pacs/retrieve/retrieve-study';

// The floors under ours in bench:pacs: the same WADO-RS study read by Node with the app's own
// multipart reader and nothing else, once dropping each part and once writing each part to a file
// of its own. Between curl and ours, they say what Node itself costs and what the files cost, so
// that the rest (checking each file's identity, indexing it) is measured, not guessed.

/**
 * Reads the study's WADO-RS answer and drops each part as it arrives; resolves with the bytes of
 * the parts.
 * @param target - the PACS
 * @param studyUid - the study
 * @param parts - the parts expected (bounds the answer)
 */
export async function partsDropped(target: DicomWebTarget, studyUid: string, parts: number): Promise<number> {
  let bytes = 0;
  for await (const file of wadoRetrieve(target, `/studies/${studyUid}`, parts)) bytes += file.size;
  return bytes;
}

/**
 * Reads the study's WADO-RS answer and writes each part to a file of its own in `folder` (open,
 * one gathering write, close, on libuv's threads), at most WRITES_IN_FLIGHT at once.
 * @param target - the PACS
 * @param studyUid - the study
 * @param parts - the parts expected (bounds the answer)
 * @param folder - where the files go (created)
 */
export async function partsToFiles(target: DicomWebTarget, studyUid: string, parts: number, folder: string): Promise<number> {
  fs.mkdirSync(folder, { recursive: true });
  const writes: Promise<void>[] = [];
  let count = 0;
  for await (const file of wadoRetrieve(target, `/studies/${studyUid}`, parts)) {
    const name = path.join(folder, String(count++));
    writes.push(
      new Promise((resolve, reject) =>
        fs.open(name, 'w', (opened, fd) => {
          if (opened) return reject(opened);
          fs.writev(fd, file.chunks as Uint8Array[], (wrote) => fs.close(fd, (closed) => (wrote ?? closed ? reject(wrote ?? closed) : resolve())));
        }),
      ),
    );
    if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
  }
  await Promise.all(writes);
  return count;
}
