import { DicomUidSchema } from '@shared/dicom/uid';
import { AppError } from '@shared/errors';
import type { DicomWebTarget } from './dicomweb/dicomweb-target';
import { httpError } from './dicomweb/dicomweb-errors';
import { dicomWebGet, readBody, readTextBody } from './dicomweb/dicomweb-http';
import { qidoSearch } from './dicomweb/qido-rs';
import { TEAM_SERIES_PREFIX } from './team-identity';

// The team's publications on the PACS, found and read through DICOMweb: QIDO-RS for the series
// whose SeriesDescription starts with the team's prefix (Orthanc indexes SeriesDescription and
// Modality at series level, so the search is answered from its index) and their instances, WADO-RS
// for one instance's bytes.

/** One DICOM JSON object of a QIDO-RS answer (PS3.18 F.2), keyed by tag. */
type DicomJson = Record<string, { Value?: unknown[] } | undefined>;

const first = (item: DicomJson, tag: string): unknown => item[tag]?.Value?.[0];
const uid = (item: DicomJson, tag: string): string => String(first(item, tag) ?? '');
/**
 * Whether a value the PACS listed is a DICOM UID, as each must be to name a resource in a path: "."
 * and ".." are segments a URL resolves (/studies/S/series/../instances is every instance of S).
 */
const isUid = (value: string): boolean => DicomUidSchema.safeParse(value).success;

/** A series of the team's publications: whose it is (in its description) and how many instances it holds now. */
export interface TeamSeries {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  description: string;
  /** Infinity when the PACS did not give the count. */
  instances: number;
}

/** One publication instance of a team series. */
export interface TeamInstance {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  instanceNumber: number | null;
  /** The publishing workstation's identifier (Device Serial Number), or '' when the instance names none. */
  workstationId: string;
}

const PAGE = 500;

/** The largest answer a retrieve of one publication takes: far above any SR the app writes, far below what would hurt. */
const MAX_INSTANCE_BYTES = 64 * 1024 * 1024;


async function qido(target: DicomWebTarget, path: string, action: string): Promise<DicomJson[]> {
  const [resource = '', query = ''] = path.split('?', 2);
  const answer = await qidoSearch(target, `/${resource}`, query, action, { idleTimeoutMs: target.timeoutMs });
  if (!answer.ok) throw answer.error;
  return answer.items as DicomJson[];
}

/** A series' Number of Series Related Instances; Infinity when the PACS does not say (then only its listing tells what is new). */
function instanceCount(value: unknown): number {
  const count = value === undefined || value === null || value === '' ? NaN : Number(value);
  return Number.isInteger(count) && count >= 0 ? count : Infinity;
}

/**
 * Every series of the team's publications on the PACS, with its instance count (paged by limit and
 * offset), each once. A page that brings no series not already listed ends the search: a PACS that
 * ignores offset answers the same page again, for ever.
 */
export async function searchTeamSeries(target: DicomWebTarget): Promise<TeamSeries[]> {
  const found = new Map<string, TeamSeries>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await qido(target, `series?Modality=SR&SeriesDescription=${encodeURIComponent(`${TEAM_SERIES_PREFIX}*`)}&includefield=00201209&limit=${PAGE}&offset=${offset}`, "Searching the PACS for the team's findings failed");
    const before = found.size;
    for (const item of page) {
      const series = {
        studyInstanceUid: uid(item, '0020000D'),
        seriesInstanceUid: uid(item, '0020000E'),
        description: String(first(item, '0008103E') ?? ''),
        instances: instanceCount(first(item, '00201209')),
      };
      const key = `${series.studyInstanceUid}\u0000${series.seriesInstanceUid}`;
      // Listed under what is not a UID: no publication of the team, and no path to ask it by.
      if (!isUid(series.studyInstanceUid) || !isUid(series.seriesInstanceUid)) continue;
      if (!found.has(key)) found.set(key, series);
    }
    if (page.length < PAGE || found.size === before) return [...found.values()];
  }
}

/** The instances of one team series. */
export async function searchSeriesInstances(target: DicomWebTarget, series: Pick<TeamSeries, 'studyInstanceUid' | 'seriesInstanceUid'>): Promise<TeamInstance[]> {
  const path = `studies/${encodeURIComponent(series.studyInstanceUid)}/series/${encodeURIComponent(series.seriesInstanceUid)}/instances?includefield=00200013&includefield=00181000`;
  const items = await qido(target, path, "Listing a series of the team's findings failed");
  return items.filter((item) => isUid(uid(item, '00080018'))).map((item) => {
    const number = Number(first(item, '00200013'));
    return {
      studyInstanceUid: series.studyInstanceUid,
      seriesInstanceUid: series.seriesInstanceUid,
      sopInstanceUid: uid(item, '00080018'),
      sopClassUid: uid(item, '00080016'),
      instanceNumber: Number.isFinite(number) ? number : null,
      workstationId: uid(item, '00181000'),
    };
  });
}

/** The parts of a multipart/related body (RFC 2387), each part's bytes without its headers. */
export function multipartParts(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length, next);
    const headersEnd = part.indexOf('\r\n\r\n');
    // The CRLF before the next delimiter belongs to the delimiter, not to the part.
    if (headersEnd >= 0) parts.push(part.subarray(headersEnd + 4, part.length - 2));
    at = next;
  }
  return parts;
}

/** One instance's Part 10 bytes by WADO-RS (PS3.18 10.4): GET .../instances/{uid} as multipart/related application/dicom. */
export async function retrieveTeamInstance(target: DicomWebTarget, instance: TeamInstance): Promise<Buffer> {
  const path = `/studies/${encodeURIComponent(instance.studyInstanceUid)}/series/${encodeURIComponent(instance.seriesInstanceUid)}/instances/${encodeURIComponent(instance.sopInstanceUid)}`;
  const action = "Retrieving a publication of the team's findings failed";
  // Explicit VR Little Endian, as the team writes (and the default): what the reader checks before parsing.
  const answer = await dicomWebGet(target, { path, accept: 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1', action, idleTimeoutMs: target.timeoutMs });
  const body = await readBody(answer, MAX_INSTANCE_BYTES, action);
  if (answer.status !== 200) throw httpError(target, action, answer.url, answer.status, body.toString('utf8', 0, 4096));
  const [part] = multipartParts(body, String(answer.headers['content-type'] ?? ''));
  if (!part) throw new AppError('io_error', `${action}: ${answer.url} answered without a DICOM part.`);
  return part;
}

/**
 * Where the PACS's change log stands, when the PACS is an Orthanc (GET {its REST root}/changes?last):
 * a number that grows with every instance it stores. Not DICOMweb: an optional fast path that lets
 * a sync that finds nothing new skip its searches. Null when the server has no such log (or does
 * not answer it), and the searches decide.
 */
export async function pacsChangeMark(target: DicomWebTarget): Promise<number | null> {
  try {
    const answer = await dicomWebGet(target, { path: '/../changes?last', accept: 'application/json', action: "Reading the PACS's change log failed", idleTimeoutMs: Math.min(target.timeoutMs, 10_000) });
    const text = await readTextBody(answer, 64 * 1024, "Reading the PACS's change log failed");
    if (answer.status !== 200) return null;
    const last = (JSON.parse(text) as { Last?: unknown }).Last;
    return typeof last === 'number' && Number.isInteger(last) ? last : null;
  } catch {
    return null;
  }
}
