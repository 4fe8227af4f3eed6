import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExportFile } from '../../../electron/core/export/write-export-file';
import { temporaryFolder } from '../../support/paths';

// The one writer every export uses, against real file-system errors: a full disk (a 64 kB tmpfs,
// mountable as root) and a folder that is a file.

const folder = temporaryFolder('write-export-file');
const tiny = path.join(folder, 'tiny-disk');
let mounted = false;
beforeAll(() => {
  fs.mkdirSync(tiny);
  mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]).status === 0;
});
afterAll(() => {
  if (mounted) spawnSync('umount', [tiny]);
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('writeExportFile', () => {
  it('writes the whole file under its name, creating the folder, and leaves no temporary file', () => {
    const file = path.join(folder, 'deep', 'er', 'referral.pdf');
    expect(writeExportFile(file, 'hello')).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('hello');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['referral.pdf']);
  });

  it('says the disk is full when it is, and leaves neither the file nor half of it', (context) => {
    // A real full disk needs a mount, which needs root; say so rather than pass without testing.
    if (!mounted) context.skip('mount -t tmpfs needs root: the full-disk case is not tested here');
    const file = path.join(tiny, 'dataset', 'IM000001.dcm');
    let error: unknown;
    try {
      writeExportFile(file, new Uint8Array(256 * 1024));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'io_error' });
    expect((error as Error).message).toBe(`The disk is full: ${file} was not written; free space and export again.`);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('asks for another folder when the folder cannot be made (a file stands in its place)', () => {
    const blocker = path.join(folder, 'a-file');
    fs.writeFileSync(blocker, 'x');
    expect(() => writeExportFile(path.join(blocker, 'referral.pdf'), 'x')).toThrow(/^Could not write .*a-file\/referral\.pdf: .*Choose an output folder you can write to\.$/);
  });
});
