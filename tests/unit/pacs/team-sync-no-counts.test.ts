import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { FORGED_STUDY, forgedFindings } from '../../support/forged-team-publications';
import { CLOSING, MULTIPART, part, useHostilePacs } from '../../support/hostile-pacs';
import { temporaryFolder } from '../../support/paths';
import { openWorkstation } from '../../support/team-workstations';
import { teamSeriesDescription, teamSeriesUid } from '../../../electron/core/pacs/team-identity';

// The misbehaving loopback PACS of hostile-pacs.ts, listing the team's series as a PACS may: without
// their Number of Series Related Instances, which not every archive answers, even asked for by name.
const pacs = useHostilePacs();

describe("the team's findings on a PACS that gives no instance counts", () => {
  it('are received all the same', async () => {
    const reader = { initials: 'EF', name: 'Eva Fors' };
    const lesion = makeLesion({ id: '0c0c7700-0000-4000-8000-0000000000c1', trackingUid: '2.25.7791', studyInstanceUid: FORGED_STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader: 'EF' });
    const bytes = forgedFindings({ workstation: { id: 'a7000000-0000-4000-8000-0000000000c1', name: 'RAD-WS-C1' }, reader, version: 1 }, [lesion]);
    const series = teamSeriesUid(FORGED_STUDY, reader);
    const sop = '2.25.7701';
    const tag = (vr: string, value: unknown) => ({ vr, Value: [value] });
    pacs.qido = (req, res) => {
      const url = req.url ?? '';
      if (url.includes('/changes')) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      if (url.includes('/series?')) return void res.end(JSON.stringify([{ '0020000D': tag('UI', FORGED_STUDY), '0020000E': tag('UI', series), '0008103E': tag('LO', teamSeriesDescription(reader)) }]));
      res.end(JSON.stringify([{ '00080016': tag('UI', '1.2.840.10008.5.1.4.1.1.88.34'), '00080018': tag('UI', sop), '00200013': tag('IS', 1), '00181000': tag('LO', 'a7000000-0000-4000-8000-0000000000c1') }]));
    };
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(bytes), CLOSING]));
    };
    const dir = temporaryFolder('no-counts-team');
    const b = await openWorkstation(path.join(dir, 'b'), { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' }, pacs.root);
    try {
      expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
      expect((await b.call('lesions.get', { id: lesion.id })).lesion).toEqual(lesion);
      // Seen once: the next pass lists the series again (the PACS still says no count) but receives nothing twice.
      expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 0, waiting: 0, errors: [] });
    } finally {
      b.close();
    }
  });
});
