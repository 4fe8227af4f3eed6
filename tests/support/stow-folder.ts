import fs from 'node:fs';
import path from 'node:path';
import { parseDicomWebTarget } from '../../electron/core/pacs/dicomweb/dicomweb-target';
import { readStowFile, stowRs } from '../../electron/core/pacs/dicomweb/stow-rs';
import type { OrthancServer } from './orthanc-server';

/** What a folder put on a PACS holds: its study and how many instances were sent. */
export interface StowedFolder {
  studyInstanceUid: string;
  instances: number;
}

/**
 * Puts the .dcm files of a folder holding one study on a PACS by STOW-RS (the app's own client),
 * as the hospital's modalities would have: the test's study lives on the PACS, on no workstation.
 */
export async function stowFolder(orthanc: Pick<OrthancServer, 'dicomWebUrl'>, folder: string): Promise<StowedFolder> {
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => readStowFile(path.join(folder, f)));
  const studies = new Set(files.map((f) => f.studyInstanceUid));
  if (studies.size !== 1) throw new Error(`${folder} holds ${studies.size} studies; stowFolder expects one.`);
  const { stored, failed } = await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), files);
  if (failed.length > 0 || stored.length !== files.length) throw new Error(`The PACS stored ${stored.length} of the ${files.length} files of ${folder} (${failed.length} refused).`);
  return { studyInstanceUid: files[0]!.studyInstanceUid, instances: stored.length };
}
