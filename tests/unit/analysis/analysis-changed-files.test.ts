import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { openPhantomCore, type PhantomCore } from '../../support/phantom-core';

// The analysis reads voxels from the files the index names: like serving an image, it must read
// only the files that were imported (same size and modification time, not a link), and say which
// file changed and what to do, rather than measure other pixels than the viewer shows.

let phantom: PhantomCore;

beforeAll(async () => {
  phantom = await openPhantomCore('analysis-changed');
});
afterAll(() => phantom.close());

/** The file of one ground-truth slice, as the index holds it. */
function sliceFile(index: number): string {
  return coreInternals(phantom.core).db.prepare('SELECT file_path FROM instances WHERE sop_instance_uid = ?').pluck().get(phantom.truth.slices[index]!.sopInstanceUid) as string;
}

async function analyseL1() {
  const { core, truth } = phantom;
  const lesion = truth.lesions.find((l) => l.id === 'L1')!;
  const { jobId } = await core.handlers['analysis.start']({ seriesInstanceUid: truth.seriesInstanceUid, at: [lesion.centreMm.x, lesion.centreMm.y, lesion.centreMm.z] });
  return coreInternals(core).analysisJobs.wait(jobId);
}

describe('the bone analysis reads only the files that were imported', () => {
  it('runs on the files as imported', async () => {
    expect((await analyseL1()).state).toBe('done');
  });

  it('refuses a slice whose file changed since import (same bytes, new modification time), naming it', async () => {
    const file = sliceFile(60);
    const stat = fs.statSync(file);
    fs.utimesSync(file, stat.atime, new Date(stat.mtimeMs + 5000));
    const status = await analyseL1();
    expect(status.state).toBe('failed');
    expect(status.error).toEqual({ code: 'conflict', message: `The bone analysis cannot read ${file}: it changed since import: import its folder again.` });
    await phantom.importAgain();
    expect((await analyseL1()).state).toBe('done');
  });

  it('refuses a slice swapped for a symbolic link to a copy of itself', async () => {
    const file = sliceFile(61);
    const copy = path.join(phantom.root, 'copy.dcm');
    fs.copyFileSync(file, copy, fs.constants.COPYFILE_FICLONE);
    fs.renameSync(file, path.join(phantom.root, 'away.dcm'));
    fs.symlinkSync(copy, file);
    try {
      const status = await analyseL1();
      expect(status.error?.code).toBe('conflict');
      expect(status.error?.message).toMatch(/it changed since import \(it is now a symbolic link, which is never served\): import its folder again\.$/);
    } finally {
      fs.rmSync(file);
      fs.renameSync(path.join(phantom.root, 'away.dcm'), file);
    }
  });

  it('says a deleted slice is gone', async () => {
    const file = sliceFile(62);
    fs.renameSync(file, path.join(phantom.root, 'away.dcm'));
    try {
      const status = await analyseL1();
      expect(status.error?.code).toBe('not_found');
      expect(status.error?.message).toBe(`The bone analysis cannot read ${file}: it was moved, deleted or cannot be read since it was imported: import its folder again.`);
    } finally {
      fs.renameSync(path.join(phantom.root, 'away.dcm'), file);
    }
  });
});
