import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { RetrieveJobs } from '../../../electron/core/pacs/retrieve/retrieve-jobs';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { firstSliceIndexed, type RetrieveProgress } from '../../../shared/pacs/retrieve-job';
import { ctOfSecondSeries, ctSeries, ctTheIndexRefuses } from '../../support/ct-variants';
import { CLOSING, CT, instanceJson, MULTIPART, part, SERIES, seriesJson, useHostilePacs } from '../../support/hostile-pacs';

// The misbehaving loopback PACS of hostile-pacs.test.ts, here for the shape of what it lists: no
// counts, more series than a study has, a series answer short of its listing, and the same study
// asked for again while it comes. A retrieve ends done with everything listed, or says why.
const pacs = useHostilePacs();

let dataDir: string;
let db: Database.Database;

describe('a PACS that gives no instance counts', () => {
  it('the last progress reported says how many instances the study had: never more done than in total', async () => {
    ({ dataDir, db } = pacs.workstation('no-counts'));
    // seriesJson carries no Number of Series Related Instances: only the listing tells the total.
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(CT.bytes), CLOSING]));
    };
    const reports: RetrieveProgress[] = [];
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid }, { onProgress: (p) => reports.push(p) });
    expect(result).toMatchObject({ instances: 1, refused: [] });
    // What a job's status keeps once the retrieve is done: "1 of 1", not "1 of …".
    expect(reports.at(-1)).toMatchObject({ instancesDone: 1, instancesTotal: 1, series: [{ seriesInstanceUid: SERIES, indexed: 1, total: 1 }] });
  });

  it('a series whose only file the index refuses is not reported as indexed: a view waiting on it is not told it is here', async () => {
    ({ dataDir, db } = pacs.workstation('no-counts-refused'));
    const refused = ctTheIndexRefuses();
    pacs.qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(JSON.stringify((req.url ?? '').includes('/series?') ? seriesJson : [{ ...instanceJson[0], '00080018': { vr: 'UI', Value: [refused.sop] } }]));
    };
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(refused.bytes), CLOSING]));
    };
    const reports: RetrieveProgress[] = [];
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid, seriesInstanceUid: SERIES }, { onProgress: (p) => reports.push(p) });
    expect(result).toMatchObject({ instances: 0, refused: [{ sopInstanceUid: refused.sop }] });
    // The lesion view reads the series' indexed count to tell "here" from "none could be indexed".
    expect(reports.every((p) => !firstSliceIndexed(p))).toBe(true);
    expect(reports.at(-1)).toMatchObject({ instancesDone: 0, instancesTotal: 1, series: [{ seriesInstanceUid: SERIES, indexed: 0, total: 1 }] });
  });
});

describe('the same study asked for again while it is being retrieved', () => {
  const second = { series: '1.2.826.0.1.3680043.8.498.42', sop: '1.2.826.0.1.3680043.8.498.42.1' };
  /** A study of two series of one instance each, listed honestly; a RetrieveJobs on it. */
  function twoSeriesStudy(): RetrieveJobs {
    ({ dataDir, db } = pacs.workstation('retrieve-again'));
    const secondBytes = ctOfSecondSeries(dataDir, second.series, second.sop);
    const series = (uid: string, number: number) => ({ '0020000E': { vr: 'UI', Value: [uid] }, '00080060': { vr: 'CS', Value: ['CT'] }, '00200011': { vr: 'IS', Value: [number] }, '00201209': { vr: 'IS', Value: [1] } });
    const instance = (seriesUid: string, sop: string) => ({ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [seriesUid] }, '00080018': { vr: 'UI', Value: [sop] }, '00200013': { vr: 'IS', Value: [1] } });
    pacs.qido = (req, res) => {
      const url = req.url ?? '';
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      if (url.includes('/series?')) return res.end(JSON.stringify([series(SERIES, 1), series(second.series, 2)]));
      const listing = [instance(SERIES, CT.sopInstanceUid), instance(second.series, second.sop)];
      res.end(JSON.stringify(listing.filter((i) => !url.includes('/series/') || url.includes(`/series/${i['0020000E'].Value[0]}/`))));
    };
    pacs.wado = (req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part((req.url ?? '').includes(second.series) ? secondBytes : CT.bytes), CLOSING]));
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    return new RetrieveJobs(() => ({ db, cacheRoot: cacheRoot(dataDir), transport }));
  }
  const indexedSops = () => (db.prepare('SELECT sop_instance_uid FROM instances ORDER BY 1').pluck().all() as string[]);

  it('the whole study asked for while one of its series is retrieved alone: the study is retrieved whole', async () => {
    const jobs = twoSeriesStudy();
    const seriesAlone = jobs.start({ studyInstanceUid: CT.studyInstanceUid, seriesInstanceUid: SERIES });
    const whole = jobs.start({ studyInstanceUid: CT.studyInstanceUid });
    expect(await jobs.wait(seriesAlone)).toMatchObject({ state: 'done', result: { instances: 1 } });
    expect(await jobs.wait(whole)).toMatchObject({ state: 'done', progress: { instancesDone: 2, instancesTotal: 2 } });
    expect(indexedSops()).toEqual([CT.sopInstanceUid, second.sop].sort());
  });

  it('opened again just after Cancel: the new retrieve runs, it does not answer as the cancelled one', async () => {
    const jobs = twoSeriesStudy();
    const cancelled = jobs.start({ studyInstanceUid: CT.studyInstanceUid });
    jobs.cancel(cancelled);
    const again = jobs.start({ studyInstanceUid: CT.studyInstanceUid });
    expect(await jobs.wait(cancelled)).toMatchObject({ state: 'cancelled' });
    expect(await jobs.wait(again)).toMatchObject({ state: 'done', progress: { instancesDone: 2, instancesTotal: 2 } });
    expect(indexedSops()).toEqual([CT.sopInstanceUid, second.sop].sort());
  });

  it('cancelled while it waits for the retrieve before it: it never starts', async () => {
    const jobs = twoSeriesStudy();
    const first = jobs.start({ studyInstanceUid: CT.studyInstanceUid, seriesInstanceUid: SERIES });
    const waiting = jobs.start({ studyInstanceUid: CT.studyInstanceUid, seriesInstanceUid: second.series });
    jobs.cancel(waiting);
    expect(await jobs.wait(first)).toMatchObject({ state: 'done' });
    expect(await jobs.wait(waiting)).toMatchObject({ state: 'cancelled' });
    expect(indexedSops()).toEqual([CT.sopInstanceUid]);
  });
});

describe('a PACS that lists a huge number of series', () => {
  it('150,000 series listed for a study of one: the retrieve brings the one (each series\' count was searched for in the whole list: a minute of blocked host, and the listing timed out)', async () => {
    ({ dataDir, db } = pacs.workstation('many-series'));
    const listed = [{ ...seriesJson[0], '00200011': { vr: 'IS', Value: [1] }, '00201209': { vr: 'IS', Value: [1] } }];
    for (let i = 0; i < 150_000; i++) listed.push({ '0020000E': { vr: 'UI', Value: [`1.2.826.0.1.3680043.8.498.9.${i}`] }, '00080060': { vr: 'CS', Value: ['CT'] }, '00200011': { vr: 'IS', Value: [2 + i] }, '00201209': { vr: 'IS', Value: [1] } });
    const seriesAnswer = JSON.stringify(listed);
    pacs.qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end((req.url ?? '').includes('/series?') ? seriesAnswer : JSON.stringify(instanceJson));
    };
    pacs.wado = (_req, res) => {
      res.writeHead(200, { 'Content-Type': MULTIPART });
      res.end(Buffer.concat([part(CT.bytes), CLOSING]));
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid });
    expect(result).toMatchObject({ instances: 1, refused: [] });
  });
});

describe('a series answer that leaves out instances the PACS listed', () => {
  it('the instances the answer left out are asked for one by one: the retrieve is not done with them missing', async () => {
    ({ dataDir, db } = pacs.workstation('series-short'));
    const secondSeries = '1.2.826.0.1.3680043.8.498.43';
    const second = ctSeries(dataDir, secondSeries, 17);
    const series = (uid: string, number: number, count: number) => ({ '0020000E': { vr: 'UI', Value: [uid] }, '00080060': { vr: 'CS', Value: ['CT'] }, '00200011': { vr: 'IS', Value: [number] }, '00201209': { vr: 'IS', Value: [count] } });
    const instance = (seriesUid: string, sop: string, n: number) => ({ '0020000D': { vr: 'UI', Value: [CT.studyInstanceUid] }, '0020000E': { vr: 'UI', Value: [seriesUid] }, '00080018': { vr: 'UI', Value: [sop] }, '00200013': { vr: 'IS', Value: [n] } });
    pacs.qido = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      const listing = [instance(SERIES, CT.sopInstanceUid, 1), ...second.map((f, i) => instance(secondSeries, f.sop, i + 1))];
      res.end(JSON.stringify((req.url ?? '').includes('/series?') ? [series(SERIES, 1, 1), series(secondSeries, 2, 17)] : listing));
    };
    const askedAlone: string[] = [];
    pacs.wado = (req, res) => {
      const url = req.url ?? '';
      res.writeHead(200, { 'Content-Type': MULTIPART });
      const alone = second.find((f) => url.endsWith(`/instances/${f.sop}`));
      if (alone) askedAlone.push(alone.sop);
      // The second series' answer ends cleanly without its last instance (as a PACS that skips a file it cannot read).
      const files = alone ? [alone.bytes] : url.includes(secondSeries) ? second.slice(0, 16).map((f) => f.bytes) : [CT.bytes];
      res.end(Buffer.concat([...files.map((f) => part(f)), CLOSING]));
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: CT.studyInstanceUid });
    expect(askedAlone).toEqual([second[16]!.sop]);
    expect(result).toMatchObject({ instances: 18, refused: [] });
    expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(18);
  });
});

describe('a PACS whose study search lists a study twice', () => {
  it('gives one row per study, and says more may match (a duplicate never hides a study)', async () => {
    const row = (uid: string, name: string) => ({ '0020000D': { vr: 'UI', Value: [uid] }, '00100010': { vr: 'PN', Value: [{ Alphabetic: name }] }, '00080020': { vr: 'DA', Value: ['20250102'] } });
    pacs.qido = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      // As a PACS federating two archives may answer: the same study from each.
      res.end(JSON.stringify([row('1.2.3.1', 'ONE^A'), row('1.2.3.1', 'ONE^A'), row('1.2.3.2', 'TWO^B'), row('1.2.3.2', 'TWO^B')]));
    };
    const transport = new DicomWebTransport(parseDicomWebTarget({ url: pacs.root }));
    const page = await transport.searchStudies({}, { offset: 0, limit: 2 });
    expect(page.studies.map((s) => s.studyInstanceUid)).toEqual(['1.2.3.1', '1.2.3.2']);
    expect(page.more).toBe(true);
  });
});
