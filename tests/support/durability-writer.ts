// A child process for the durability test: saves lesions and annotations through the real
// stores, and after each committed save prints "ack <id>" — the moment the app would tell
// the user "saved". The parent kills it with SIGKILL at a random moment.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ANNOTATION_SCHEMA_VERSION } from '@shared/annotation/annotation';
import { openDatabase } from '../../electron/core/db/open-database';
import { saveAnnotation } from '../../electron/core/lesions/annotation-store';
import { saveLesion } from '../../electron/core/lesions/lesion-store';
import { makeLesion, typed } from './lesion-fixtures';

const dataDir = process.argv[2]!;
const db = openDatabase(dataDir);
for (let n = 0; ; n++) {
  const now = new Date().toISOString();
  const id = randomUUID();
  if (n % 2 === 0) {
    saveLesion(db, makeLesion({ id, trackingUid: `2.25.${BigInt(`0x${id.replaceAll('-', '')}`)}`, axialInvolvementMm: typed(n % 60), createdAt: now, updatedAt: now }), 'AB');
  } else {
    saveAnnotation(db, {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id, lesionId: null, studyInstanceUid: '1.2.3.4', seriesInstanceUid: '1.2.3.4.5',
      sopInstanceUid: '1.2.3.4.5.6', frameNumber: 1, frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[n, 0, 0], [n + 10, 0, 0]],
      text: null, measurements: { lengthMm: 10 }, reader: 'AB', createdAt: now, updatedAt: now,
    }, 'AB');
  }
  fs.writeSync(1, `ack ${n % 2 === 0 ? 'lesion' : 'annotation'} ${id}\n`);
}
