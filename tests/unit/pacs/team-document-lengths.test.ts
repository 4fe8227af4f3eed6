import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataset } from '../../../electron/core/export/dicom/export-file';
import { decisionDocument } from '../../../electron/core/pacs/decision-document';
import { findingsDocument } from '../../../electron/core/pacs/findings-document';
import type { FindingsSnapshot, ReviewSnapshot } from '../../../electron/core/pacs/publication-snapshot';
import { readTeamPublication } from '../../../electron/core/pacs/read-team-publication';
import { publicationStudyContext } from '../../../electron/core/pacs/team-study-context';
import { phantomFixture, type PhantomFixture } from '../export/dicom-export-fixture';
import { dcmdump, dciodvfy } from '../export/dicom-tools';

// A team publication names its reader in the Series Description (LO: 64) and its workstation in
// Station Name (SH: 16), limits dciodvfy counts in bytes: a Greek name of 27 characters is 52
// bytes in UTF-8, and a host name may hold any character.

const READER = { initials: 'ZP', name: 'Ζωή Παπαδοπούλου-Νικολαΐδου' };
const WORKSTATION = { id: '0f000000-0000-4000-8000-000000000001', name: 'Röntgen-Arbeitsplatz-3' };
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const attribute = (dump: string, tag: string) => new RegExp(`\\(${tag}\\) \\w\\w \\[([^\\]]*)\\]`).exec(dump)?.[1];

let fixture: PhantomFixture;
beforeAll(async () => {
  fixture = await phantomFixture();
});
afterAll(() => fixture.cleanup());

const place = { studyInstanceUid: '', reader: READER, workstation: WORKSTATION, version: 1, instanceNumber: 1, seriesInstanceUid: '2.25.4242', sopInstanceUid: '2.25.4243', at: '2026-02-01T11:00:00.000Z' };

describe('a team publication by a reader and a workstation with long non-ASCII names', () => {
  it.each(['findings', 'review'] as const)('%s: dciodvfy finds no error; the names are cut at whole characters and read back in full', (kind) => {
    const study = fixture.truth.studyInstanceUid;
    const lesion = { ...fixture.lesions[0]!, reader: 'ZP' };
    const context = publicationStudyContext(fixture.db, study, [lesion]);
    const document = kind === 'findings'
      ? findingsDocument({ kind, ...place, studyInstanceUid: study, predecessor: null, lesions: [lesion], annotations: [], withdrawn: [] } satisfies FindingsSnapshot, context, '0.1.0')
      : decisionDocument({
        kind, ...place, studyInstanceUid: study, lesion: { id: lesion.id, trackingUid: lesion.trackingUid, reader: 'ZP' },
        review: { id: 'f0000000-0000-4000-8000-000000000001', lesionId: lesion.id, decision: 'radiotherapy', comment: 'Strahlentherapie', reviewer: 'ZP', reviewerRole: 'radiation-oncologist', createdAt: '2026-02-01T11:00:00.000Z' },
      } satisfies ReviewSnapshot, context, '0.1.0');
    const bytes = encodeDataset(document);
    const file = path.join(fixture.dataDir, `${kind}.dcm`);
    fs.writeFileSync(file, bytes);
    const check = dciodvfy(file);
    expect(check.errors, check.output).toEqual([]);
    const dump = dcmdump(file);
    const description = attribute(dump, '0008,103e')!;
    const station = attribute(dump, '0008,1010')!;
    expect(utf8(description)).toBeLessThanOrEqual(64);
    expect(`BoneMet-team ZP ${READER.name}`.startsWith(description)).toBe(true);
    expect(description.length).toBeGreaterThan('BoneMet-team ZP Ζωή'.length);
    expect(utf8(station)).toBeLessThanOrEqual(16);
    expect(WORKSTATION.name.startsWith(station)).toBe(true);
    expect(station.length).toBe(15);
    const received = readTeamPublication(bytes, file);
    expect(received.reader).toEqual(READER);
    expect(received.workstation).toEqual(WORKSTATION);
  });

  it('gives the team a reader name longer than a Person Name holds whole, not cut and reordered', () => {
    const study = fixture.truth.studyInstanceUid;
    const reader = { initials: 'MF', name: 'María Fernanda de los Ángeles Gutiérrez-Villanueva y Montenegro Castellanos' };
    const lesion = { ...fixture.lesions[0]!, reader: 'MF' };
    const document = findingsDocument({ kind: 'findings', ...place, reader, studyInstanceUid: study, predecessor: null, lesions: [lesion], annotations: [], withdrawn: [] }, publicationStudyContext(fixture.db, study, [lesion]), '0.1.0');
    const bytes = encodeDataset(document);
    const file = path.join(fixture.dataDir, 'long-name.dcm');
    fs.writeFileSync(file, bytes);
    expect(dciodvfy(file).errors).toEqual([]);
    expect(readTeamPublication(bytes, file).reader).toEqual(reader);
  });
});
