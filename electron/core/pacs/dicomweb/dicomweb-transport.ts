import { DicomUidSchema } from '@shared/dicom/uid';
import { AppError } from '@shared/errors';
import type { ArrivedFile, PacsTransport, RemoteInstance, RetrievedFile, RemoteSeries, RemoteStudy, RemoteStudyFilter, RemoteStudyPage, TransportCall } from '../pacs-transport';
import { dateOf, numberOf, numbersOf, textOf, textsOf, type DicomJsonItem } from './dicom-json';
import type { DicomWebTarget } from './dicomweb-target';
import { qidoSearch } from './qido-rs';
import { stowRs, type StowFile, type StowResult } from './stow-rs';
import { studyQueryParams, TEXT_FIELDS } from './study-query-params';
import { wadoRetrieve, type WadoOptions } from './wado-rs';
import { retrieveConcurrently } from './concurrent-retrieve';
import { arrivedIdentity } from '../part10-identity';

const SEARCH = 'Searching the PACS failed';
/** The most studies one free-text search merges from its per-field searches. */
const TEXT_MATCH_CAP = 1000;
/** The most files a series whose size the PACS did not give may hold in one answer. */
const UNKNOWN_SERIES_BOUND = 100_000;
/** Instances retrieved at once: enough to hide each request's round trip, few enough for a PACS to serve. */
export const RETRIEVE_CONCURRENCY = 4;

function study(item: DicomJsonItem): RemoteStudy {
  return {
    studyInstanceUid: textOf(item, '0020000D'),
    patientName: textOf(item, '00100010'),
    patientId: textOf(item, '00100020'),
    studyDate: dateOf(item, '00080020'),
    accessionNumber: textOf(item, '00080050'),
    description: textOf(item, '00081030'),
    modalities: [...new Set(textsOf(item, '00080061'))].sort(),
    seriesCount: numberOf(item, '00201206'),
    instanceCount: numberOf(item, '00201208'),
  };
}

function series(item: DicomJsonItem): RemoteSeries {
  return {
    seriesInstanceUid: textOf(item, '0020000E'),
    modality: textOf(item, '00080060'),
    seriesNumber: numberOf(item, '00200011'),
    description: textOf(item, '0008103E'),
    instanceCount: numberOf(item, '00201209'),
  };
}

function instance(item: DicomJsonItem, studyInstanceUid: string): RemoteInstance {
  return {
    studyInstanceUid: textOf(item, '0020000D') || studyInstanceUid,
    seriesInstanceUid: textOf(item, '0020000E'),
    sopInstanceUid: textOf(item, '00080018'),
    instanceNumber: numberOf(item, '00200013'),
    imagePositionPatient: numbersOf(item, '00200032', 3) as RemoteInstance['imagePositionPatient'],
    imageOrientationPatient: numbersOf(item, '00200037', 6) as RemoteInstance['imageOrientationPatient'],
  };
}

/** UIDs that a path may carry: a server's answer must not steer a request elsewhere. */
function uidSegment(uid: string, what: string): string {
  if (!DicomUidSchema.safeParse(uid).success) throw new AppError('io_error', `The PACS listed a ${what} UID that is not a DICOM UID (${uid.slice(0, 80)}): refused.`);
  return uid;
}

/** Newest study first, then by UID: the order the study browser shows. */
function byDateDesc(a: RemoteStudy, b: RemoteStudy): number {
  return (b.studyDate ?? '').localeCompare(a.studyDate ?? '') || a.studyInstanceUid.localeCompare(b.studyInstanceUid);
}

/** The PACS over DICOMweb: QIDO-RS to search, WADO-RS to retrieve, STOW-RS to store. */
export class DicomWebTransport implements PacsTransport {
  readonly url: string;

  constructor(
    private readonly target: DicomWebTarget,
    private readonly retrieveOptions: Pick<WadoOptions, 'idleTimeoutMs' | 'maxPartBytes'> = {},
  ) {
    this.url = target.url;
  }

  async searchStudies(filter: RemoteStudyFilter, page: { offset: number; limit: number }, call: TransportCall = {}): Promise<RemoteStudyPage> {
    if (!filter.text?.trim()) {
      // One more than the page tells whether the PACS holds more.
      const items = await this.qido('/studies', studyQueryParams(filter, { offset: page.offset, limit: page.limit + 1 }), call);
      // A study listed twice (a PACS federating archives) is one row; "more" counts rows, so that a duplicate never hides a study.
      const studies = [...new Map(items.map(study).filter((s) => s.studyInstanceUid).map((s) => [s.studyInstanceUid, s])).values()];
      return { studies: studies.slice(0, page.limit), more: items.length > page.limit };
    }
    // QIDO-RS cannot OR fields: one search per field the text may be in, merged by study.
    const wanted = Math.min(TEXT_MATCH_CAP, page.offset + page.limit + 1);
    const answers = await Promise.all(TEXT_FIELDS.map((field) => this.qido('/studies', studyQueryParams(filter, { offset: 0, limit: wanted }, field), call)));
    const merged = new Map<string, RemoteStudy>();
    for (const item of answers.flat()) {
      const row = study(item);
      if (row.studyInstanceUid && !merged.has(row.studyInstanceUid)) merged.set(row.studyInstanceUid, row);
    }
    const sorted = [...merged.values()].sort(byDateDesc);
    return { studies: sorted.slice(page.offset, page.offset + page.limit), more: sorted.length > page.offset + page.limit };
  }

  async searchSeries(studyInstanceUid: string, call: TransportCall = {}): Promise<RemoteSeries[]> {
    const params = new URLSearchParams({ includefield: '0008103E,00200011,00201209,00080060' });
    const items = await this.qido(`/studies/${uidSegment(studyInstanceUid, 'study')}/series`, params, call);
    return items.map(series).filter((s) => s.seriesInstanceUid).sort((a, b) => (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid));
  }

  async searchInstances(studyInstanceUid: string, seriesInstanceUid?: string, call: TransportCall = {}): Promise<RemoteInstance[]> {
    const params = new URLSearchParams({ includefield: '00200013,00200032,00200037,0020000E' });
    const study = uidSegment(studyInstanceUid, 'study');
    const resource = seriesInstanceUid ? `/studies/${study}/series/${uidSegment(seriesInstanceUid, 'series')}/instances` : `/studies/${study}/instances`;
    const items = await this.qido(resource, params, call);
    return items.map((item) => instance(item, studyInstanceUid)).filter((i) => i.sopInstanceUid && i.seriesInstanceUid);
  }

  retrieveInstances(instances: readonly RemoteInstance[], call: TransportCall = {}): AsyncIterable<RetrievedFile> {
    return retrieveConcurrently(instances, RETRIEVE_CONCURRENCY, call.signal, async (one, signal) => {
      const path = `/studies/${uidSegment(one.studyInstanceUid, 'study')}/series/${uidSegment(one.seriesInstanceUid, 'series')}/instances/${uidSegment(one.sopInstanceUid, 'SOP instance')}`;
      let only: ArrivedFile | null = null;
      for await (const file of wadoRetrieve(this.target, path, 1, { ...this.retrieveOptions, signal })) {
        // Refused at the second file: kept until the answer ended, its parts (up to 512 MiB each) were all held in memory.
        if (only) throw new AppError('io_error', `Retrieving from the PACS failed: ${this.url} answered more than one file for instance ${one.sopInstanceUid}, where one was asked for.`);
        only = file;
      }
      if (!only) throw new AppError('io_error', `Retrieving from the PACS failed: ${this.url} answered no file for instance ${one.sopInstanceUid}, where one was asked for.`);
      return { requested: one, file: only };
    });
  }

  async *retrieveSeries(studyInstanceUid: string, seriesInstanceUid: string, listed: readonly RemoteInstance[], expected: number | null, call: TransportCall = {}): AsyncIterable<RetrievedFile> {
    const path = `/studies/${uidSegment(studyInstanceUid, 'study')}/series/${uidSegment(seriesInstanceUid, 'series')}`;
    const bySop = new Map(listed.map((i) => [i.sopInstanceUid, i]));
    // A few more parts than expected: instances may have joined the series since. Unknown: a bound only.
    const parts = expected === null ? UNKNOWN_SERIES_BOUND : Math.max(expected, listed.length) + 16;
    for await (const file of wadoRetrieve(this.target, path, parts, { ...this.retrieveOptions, signal: call.signal })) {
      const sop = arrivedIdentity(file).sopInstanceUid;
      const requested = bySop.get(sop) ?? { studyInstanceUid, seriesInstanceUid, sopInstanceUid: sop, instanceNumber: null, imagePositionPatient: null, imageOrientationPatient: null };
      yield { requested, file };
    }
  }

  storeInstances(files: readonly StowFile[]): Promise<StowResult> {
    return stowRs(this.target, files);
  }

  private async qido(resource: string, params: URLSearchParams, call: TransportCall): Promise<DicomJsonItem[]> {
    // Commas separate includefield's tags (and a list of values): Orthanc reads no escaped comma as one.
    const query = params.toString().replace(/%2C/gi, ',');
    const answer = await qidoSearch(this.target, resource, query, SEARCH, { signal: call.signal, idleTimeoutMs: this.retrieveOptions.idleTimeoutMs });
    if (!answer.ok) throw answer.error;
    return answer.items;
  }
}
