import fs from 'node:fs';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { openIndexedFile, type IndexedFileAnswer } from '../../../electron/core/index/indexed-file';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The one check both pixel doors (the browser-mode host and Electron's dicom://) make before
// serving an instance: the file at the indexed path must still be the file that was imported.
const SOURCE = path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm');
const ORIGINAL = fs.readFileSync(SOURCE);

let folder: string;
let dataDir: string;
let core: AppCore;
let file: string;
let instanceId: number;

beforeEach(async () => {
  folder = fs.realpathSync(temporaryFolder('indexed-file'));
  dataDir = temporaryFolder('indexed-file-data');
  file = path.join(folder, 'CT_small.dcm');
  fs.copyFileSync(SOURCE, file);
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [folder], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [folder] });
  await coreInternals(core).importJobs.wait(jobId);
  instanceId = coreInternals(core).db.prepare('SELECT id FROM instances').pluck().get() as number;
});
afterEach(() => {
  core.close();
  fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function bytesOf(answer: IndexedFileAnswer): Promise<Buffer> {
  if (!answer.ok) throw new Error(answer.error.message);
  const chunks: Buffer[] = [];
  for await (const chunk of answer.file.stream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('openIndexedFile', () => {
  it('serves the imported file, byte for byte', async () => {
    const answer = openIndexedFile(coreInternals(core).db, instanceId);
    expect(answer).toMatchObject({ ok: true, file: { path: file, size: ORIGINAL.length } });
    expect((await bytesOf(answer)).equals(ORIGINAL)).toBe(true);
  });

  it('refuses a file rewritten since import (same size, new content and time) with 409 and the remedy', () => {
    const altered = Buffer.from(ORIGINAL);
    altered[altered.length - 1] = altered.at(-1)! ^ 0xff;
    fs.writeFileSync(file, altered);
    const answer = openIndexedFile(coreInternals(core).db, instanceId);
    expect(answer).toEqual({
      ok: false,
      status: 409,
      error: { code: 'conflict', message: `The file of instance ${instanceId} (${file}) changed since import: import its folder again.` },
    });
  });

  it('refuses a file whose modification time alone changed, and serves it again once imported again', async () => {
    const later = new Date(fs.statSync(file).mtimeMs + 60_000);
    fs.utimesSync(file, later, later);
    expect(openIndexedFile(coreInternals(core).db, instanceId)).toMatchObject({ ok: false, status: 409, error: { message: expect.stringMatching(/changed since import: import its folder again/) } });
    const { jobId } = await core.handlers['import.start']({ paths: [folder] });
    await coreInternals(core).importJobs.wait(jobId);
    expect((await bytesOf(openIndexedFile(coreInternals(core).db, instanceId))).equals(ORIGINAL)).toBe(true);
  });

  it('refuses a file that grew or shrank', () => {
    const { mtime } = fs.statSync(file);
    fs.appendFileSync(file, Buffer.alloc(16));
    fs.utimesSync(file, mtime, mtime); // only the size tells
    expect(openIndexedFile(coreInternals(core).db, instanceId)).toMatchObject({ ok: false, status: 409, error: { code: 'conflict' } });
  });

  it('refuses a symbolic link put where the file was, even to an identical file with the same size and time', () => {
    const elsewhere = path.join(dataDir, 'elsewhere.dcm');
    fs.copyFileSync(file, elsewhere);
    const { atime, mtime } = fs.statSync(file);
    fs.utimesSync(elsewhere, atime, mtime);
    fs.rmSync(file);
    fs.symlinkSync(elsewhere, file);
    expect(fs.statSync(file).mtimeMs).toBe(fs.statSync(elsewhere).mtimeMs); // followed, it would pass every other check
    const answer = openIndexedFile(coreInternals(core).db, instanceId);
    expect(answer).toEqual({
      ok: false,
      status: 409,
      error: {
        code: 'conflict',
        message: `The file of instance ${instanceId} (${file}) changed since import (it is now a symbolic link, which is never served): import its folder again.`,
      },
    });
  });

  it('answers 404 with the remedy for a file gone or replaced by a folder, and for an unknown id; 400 for a bad id', () => {
    fs.rmSync(file);
    const gone = `The file of instance ${instanceId} (${file}) was moved, deleted or cannot be read since it was imported: import its folder again.`;
    expect(openIndexedFile(coreInternals(core).db, instanceId)).toEqual({ ok: false, status: 404, error: { code: 'not_found', message: gone } });
    fs.mkdirSync(file);
    expect(openIndexedFile(coreInternals(core).db, instanceId)).toEqual({ ok: false, status: 404, error: { code: 'not_found', message: gone } });
    expect(openIndexedFile(coreInternals(core).db, instanceId + 1000)).toEqual({ ok: false, status: 404, error: { code: 'not_found', message: `Instance ${instanceId + 1000} is not in the index.` } });
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(openIndexedFile(coreInternals(core).db, bad)).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_request' } });
  });

  it('never streams past the checked size, even if the file grows while it is read', async () => {
    const answer = openIndexedFile(coreInternals(core).db, instanceId);
    fs.appendFileSync(file, 'appended after the check');
    const served = await bytesOf(answer);
    expect(served.length).toBe(ORIGINAL.length);
    expect(await text(fs.createReadStream(file))).toContain('appended after the check');
  });
});

describe('a file over 16 MiB (streamed rather than read at once)', () => {
  it('is served byte for byte, and never past the checked size even if it grows while it is read', async () => {
    // The small CT rewritten with 17 MiB of padding after its data set, and imported again.
    const large = file;
    const padded = Buffer.concat([ORIGINAL, Buffer.alloc(17 * 2 ** 20, 0xfe)]);
    fs.writeFileSync(large, padded);
    const { jobId } = await core.handlers['import.start']({ paths: [large] });
    await coreInternals(core).importJobs.wait(jobId);
    const id = coreInternals(core).db.prepare('SELECT id FROM instances WHERE file_path = ?').pluck().get(large) as number | undefined;
    expect(id, 'the padded file is indexed').toBeDefined();
    const answer = openIndexedFile(coreInternals(core).db, id!);
    expect(answer).toMatchObject({ ok: true, file: { size: padded.length } });
    fs.appendFileSync(large, 'appended after the check');
    expect((await bytesOf(answer)).equals(padded)).toBe(true);
  });
});

describe('an ACR-NEMA style file (no preamble, no File Meta)', () => {
  it.each([
    ['pydicom-data/OT-PAL-8-face.dcm', '1.2.840.10008.1.2'],
    ['pydicom/ExplVR_LitEndNoMeta.dcm', '1.2.840.10008.1.2.1'],
    ['pydicom/ExplVR_BigEndNoMeta.dcm', '1.2.840.10008.1.2.2'],
  ])('%s is served with a Part 10 prefix naming the indexed transfer syntax %s, then its own bytes', async (name, syntax) => {
    const acr = path.join(folder, path.basename(name));
    fs.copyFileSync(path.join(SHARED_DICOM, name), acr);
    const { jobId } = await core.handlers['import.start']({ paths: [acr] });
    await coreInternals(core).importJobs.wait(jobId);
    const row = coreInternals(core).db.prepare('SELECT id, transfer_syntax_uid FROM instances WHERE file_path = ?').get(acr) as { id: number; transfer_syntax_uid: string };
    expect(row.transfer_syntax_uid).toBe(syntax);
    const answer = openIndexedFile(coreInternals(core).db, row.id);
    const served = await bytesOf(answer);
    const own = fs.readFileSync(acr);
    expect(served.subarray(128, 132).toString('latin1')).toBe('DICM');
    const prefixLength = served.length - own.length;
    expect(served.subarray(152, prefixLength).toString('latin1').replace(/\0$/, '')).toBe(syntax);
    expect(served.readUInt32LE(140), 'the File Meta group length').toBe(prefixLength - 144);
    expect(served.subarray(prefixLength).equals(own)).toBe(true);
    expect(answer.ok && answer.file.size).toBe(served.length);
  });

  it('a Part 10 file is served as it is', async () => {
    expect((await bytesOf(openIndexedFile(coreInternals(core).db, instanceId))).equals(ORIGINAL)).toBe(true);
  });
});
