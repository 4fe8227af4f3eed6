import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { FORGED_STUDY, forgedFindings, withNestedSequences } from '../../support/forged-team-publications';
import { CLOSING, MULTIPART, part, useHostilePacs } from '../../support/hostile-pacs';
import { temporaryFolder } from '../../support/paths';
import { openWorkstation, type Workstation } from '../../support/team-workstations';
import { teamSeriesDescription, teamSeriesUid } from '../../../electron/core/pacs/team-identity';

// The misbehaving loopback PACS of hostile-pacs.ts serving the team's series: as a PACS may list them
// (without their Number of Series Related Instances, which not every archive answers, even asked for
// by name), and serving what no PACS that parses what it stores would keep.
const pacs = useHostilePacs();

const tag = (vr: string, value: unknown) => ({ vr, Value: [value] });
const workstationId = (n: number) => `a7000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const lesion = (n: number, reader: string) =>
  makeLesion({ id: `0c0c7700-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`, trackingUid: `2.25.77${n}`, studyInstanceUid: FORGED_STUDY, nature: 'lytic', axialInvolvementMm: typed(45), status: 'final', reader });

/** Serves these publications, one series per reader, listed without instance counts and with no change log. */
function serve(publications: { reader: { initials: string; name: string }; workstation: number; bytes: Buffer }[]): void {
  const sopOf = (i: number) => `2.25.7700${i}`;
  pacs.qido = (req, res) => {
    const url = req.url ?? '';
    if (url.includes('/changes')) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
    const series = [...new Map(publications.map((p) => [teamSeriesUid(FORGED_STUDY, p.reader), p.reader])).entries()];
    if (url.includes('/series?')) return void res.end(JSON.stringify(series.map(([uid, reader]) => ({ '0020000D': tag('UI', FORGED_STUDY), '0020000E': tag('UI', uid), '0008103E': tag('LO', teamSeriesDescription(reader)) }))));
    const listed = publications.flatMap((p, i) => (url.includes(`/series/${teamSeriesUid(FORGED_STUDY, p.reader)}/`) ? [{ p, i }] : []));
    res.end(JSON.stringify(listed.map(({ p, i }) => ({ '00080016': tag('UI', '1.2.840.10008.5.1.4.1.1.88.34'), '00080018': tag('UI', sopOf(i)), '00200013': tag('IS', 1), '00181000': tag('LO', workstationId(p.workstation)) }))));
  };
  pacs.wado = (req, res) => {
    const i = publications.findIndex((_, n) => (req.url ?? '').endsWith(`/instances/${sopOf(n)}`));
    res.writeHead(200, { 'Content-Type': MULTIPART });
    res.end(Buffer.concat([part(publications[i]!.bytes), CLOSING]));
  };
}

async function receiver(name: string): Promise<Workstation> {
  return openWorkstation(path.join(temporaryFolder(name), 'b'), { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' }, pacs.root);
}

describe("the team's findings from a misbehaving PACS", () => {
  it('are received from a PACS that gives no instance counts', async () => {
    const reader = { initials: 'EF', name: 'Eva Fors' };
    const ef = lesion(1, 'EF');
    serve([{ reader, workstation: 1, bytes: forgedFindings({ workstation: { id: workstationId(1), name: 'RAD-WS-1' }, reader, version: 1 }, [ef]) }]);
    const b = await receiver('no-counts-team');
    try {
      expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
      expect((await b.call('lesions.get', { id: ef.id })).lesion).toEqual(ef);
      // Seen once: the next pass lists the series again (the PACS still says no count) but receives nothing twice.
      expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 0, waiting: 0, errors: [] });
    } finally {
      b.close();
    }
  });

  it('leaves aside, before parsing it, a publication whose sequences nest a thousand deep, and receives the others', async () => {
    // Parsing costs dcmjs one recursion per level: tens of thousands of levels (a few hundred kB) hold the sync's thread for minutes.
    const [ef, gh] = [{ initials: 'EF', name: 'Eva Fors' }, { initials: 'GH', name: 'Gus Hale' }];
    const nested = withNestedSequences(forgedFindings({ workstation: { id: workstationId(2), name: 'RAD-WS-2' }, reader: ef, version: 1 }, [lesion(2, 'EF')]), 1000);
    const genuine = lesion(3, 'GH');
    serve([
      { reader: ef, workstation: 2, bytes: nested },
      { reader: gh, workstation: 3, bytes: forgedFindings({ workstation: { id: workstationId(3), name: 'RAD-WS-3' }, reader: gh, version: 1 }, [genuine]) },
    ]);
    const b = await receiver('nested-team');
    try {
      const report = await b.call('pacs.sync', {});
      expect(report).toMatchObject({ received: 1, errors: [{ record: expect.stringContaining('BoneMet-team EF'), message: expect.stringContaining('nests its sequences more than 64 deep') }] });
      await expect(b.call('lesions.get', { id: lesion(2, 'EF').id })).rejects.toMatchObject({ code: 'not_found' });
      expect((await b.call('lesions.get', { id: genuine.id })).lesion).toEqual(genuine);
    } finally {
      b.close();
    }
  });
});

describe("the team's series from a PACS that ignores QIDO's limit and offset", () => {
  it('are listed once: every page is the whole list again, and the sync ends with the publication received', async () => {
    const reader = { initials: 'GH', name: 'Gus Holm' };
    const gh = lesion(3, 'GH');
    serve([{ reader, workstation: 3, bytes: forgedFindings({ workstation: { id: workstationId(3), name: 'RAD-WS-3' }, reader, version: 1 }, [gh]) }]);
    const honest = pacs.qido!;
    const pages: string[] = [];
    // 600 series in all (over one page of 500), whatever limit and offset asked: 599 other readers' series with nothing in them yet.
    const others = Array.from({ length: 599 }, (_, i) => ({ initials: `R${i}`, name: `Reader ${i}` }));
    pacs.qido = (req, res) => {
      const url = req.url ?? '';
      if (!url.includes('/series?')) return honest(req, res);
      pages.push(url);
      if (pages.length > 20) return void res.writeHead(500).end('asked too many times');
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      const listed = [reader, ...others].map((r) => ({ '0020000D': tag('UI', FORGED_STUDY), '0020000E': tag('UI', teamSeriesUid(FORGED_STUDY, r)), '0008103E': tag('LO', teamSeriesDescription(r)), '00201209': tag('IS', r === reader ? 1 : 0) }));
      res.end(JSON.stringify(listed));
    };
    const b = await receiver('ignored-offset-team');
    try {
      expect(await b.call('pacs.sync', {})).toEqual({ published: 0, received: 1, waiting: 0, errors: [] });
      expect((await b.call('lesions.get', { id: gh.id })).lesion).toEqual(gh);
      expect(pages.length).toBe(2);
    } finally {
      b.close();
    }
  }, 60_000);
});

describe("the team's series listed under UIDs that are not UIDs", () => {
  it('are left aside: no request goes to another resource of the PACS than the one listed, and the genuine series is received', async () => {
    const reader = { initials: 'KL', name: 'Kim Lund' };
    const kl = lesion(4, 'KL');
    serve([{ reader, workstation: 4, bytes: forgedFindings({ workstation: { id: workstationId(4), name: 'RAD-WS-4' }, reader, version: 1 }, [kl]) }]);
    const honest = pacs.qido!;
    const asked: string[] = [];
    pacs.qido = (req, res) => {
      const url = req.url ?? '';
      asked.push(url);
      if (!url.includes('/series?')) return honest(req, res);
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      // "." and ".." are path segments a URL resolves: /studies/S/series/../instances is /studies/S/instances, every image of the study.
      const listed = [
        { study: FORGED_STUDY, series: teamSeriesUid(FORGED_STUDY, reader) },
        { study: FORGED_STUDY, series: '..' },
        { study: '..', series: '.' },
        { study: FORGED_STUDY, series: '1.2/../../../../changes' },
      ].map(({ study, series }) => ({ '0020000D': tag('UI', study), '0020000E': tag('UI', series), '0008103E': tag('LO', teamSeriesDescription(reader)), '00201209': tag('IS', 1) }));
      res.end(JSON.stringify(listed));
    };
    const b = await receiver('dot-segments-team');
    try {
      expect(await b.call('pacs.sync', {})).toMatchObject({ received: 1 });
      expect((await b.call('lesions.get', { id: kl.id })).lesion).toEqual(kl);
      const resources = asked.filter((url) => !url.includes('/series?') && !url.includes('/changes')).map((url) => url.split('?')[0]);
      expect(resources).toEqual([`/dicom-web/studies/${FORGED_STUDY}/series/${teamSeriesUid(FORGED_STUDY, reader)}/instances`]);
    } finally {
      b.close();
    }
  });
});
