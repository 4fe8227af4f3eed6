import { AppError } from '@shared/errors';
import { authHeaders, type DicomWebTarget } from './dicomweb/dicomweb-target';
import { httpError, networkError } from './dicomweb/dicomweb-errors';
import { TEAM_SERIES_PREFIX } from './team-identity';

// The team's publications on the PACS, found and read through DICOMweb: QIDO-RS for the series
// whose SeriesDescription starts with the team's prefix (Orthanc indexes SeriesDescription and
// Modality at series level, so the search is answered from its index) and their instances, WADO-RS
// for one instance's bytes.

/** One DICOM JSON object of a QIDO-RS answer (PS3.18 F.2), keyed by tag. */
type DicomJson = Record<string, { Value?: unknown[] } | undefined>;

const first = (item: DicomJson, tag: string): unknown => item[tag]?.Value?.[0];
const uid = (item: DicomJson, tag: string): string => String(first(item, tag) ?? '');

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

/** A response's body, refused past `limit` bytes (a PACS is not trusted to send what it should). */
async function limitedBody(response: Response, limit: number, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw new AppError('unsupported', `${what} answered more than ${limit / 2 ** 20} MB for one SR: it was not read.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function qido(target: DicomWebTarget, path: string, action: string): Promise<DicomJson[]> {
  const url = `${target.url}/${path}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...authHeaders(target), Accept: 'application/dicom+json' }, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (error) {
    throw networkError(action, url, error);
  }
  const text = await response.text();
  if (response.status !== 200 && response.status !== 204) throw httpError(target, action, url, response.status, text);
  if (response.status === 204 || !text.trim()) return [];
  const json: unknown = JSON.parse(text);
  if (!Array.isArray(json)) throw new AppError('io_error', `${action}: ${url} did not answer with DICOM JSON: is ${target.url} a DICOMweb root?`);
  return json as DicomJson[];
}

/** A series' Number of Series Related Instances; Infinity when the PACS does not say (then only its listing tells what is new). */
function instanceCount(value: unknown): number {
  const count = value === undefined || value === null || value === '' ? NaN : Number(value);
  return Number.isInteger(count) && count >= 0 ? count : Infinity;
}

/** Every series of the team's publications on the PACS, with its instance count (paged by limit and offset). */
export async function searchTeamSeries(target: DicomWebTarget): Promise<TeamSeries[]> {
  const found: TeamSeries[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await qido(target, `series?Modality=SR&SeriesDescription=${encodeURIComponent(`${TEAM_SERIES_PREFIX}*`)}&includefield=00201209&limit=${PAGE}&offset=${offset}`, "Searching the PACS for the team's findings failed");
    for (const item of page) {
      found.push({
        studyInstanceUid: uid(item, '0020000D'),
        seriesInstanceUid: uid(item, '0020000E'),
        description: String(first(item, '0008103E') ?? ''),
        instances: instanceCount(first(item, '00201209')),
      });
    }
    if (page.length < PAGE) return found;
  }
}

/** The instances of one team series. */
export async function searchSeriesInstances(target: DicomWebTarget, series: Pick<TeamSeries, 'studyInstanceUid' | 'seriesInstanceUid'>): Promise<TeamInstance[]> {
  const path = `studies/${encodeURIComponent(series.studyInstanceUid)}/series/${encodeURIComponent(series.seriesInstanceUid)}/instances?includefield=00200013&includefield=00181000`;
  const items = await qido(target, path, "Listing a series of the team's findings failed");
  return items.map((item) => {
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
  const url = `${target.url}/studies/${encodeURIComponent(instance.studyInstanceUid)}/series/${encodeURIComponent(instance.seriesInstanceUid)}/instances/${encodeURIComponent(instance.sopInstanceUid)}`;
  const action = "Retrieving a publication of the team's findings failed";
  let response: Response;
  try {
    // Explicit VR Little Endian, as the team writes (and the default): what the reader checks before parsing.
    response = await fetch(url, { headers: { ...authHeaders(target), Accept: 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1' }, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (error) {
    throw networkError(action, url, error);
  }
  const body = await limitedBody(response, MAX_INSTANCE_BYTES, url);
  if (response.status !== 200) throw httpError(target, action, url, response.status, body.toString('utf8', 0, 4096));
  const [part] = multipartParts(body, response.headers.get('content-type') ?? '');
  if (!part) throw new AppError('io_error', `${action}: ${url} answered without a DICOM part.`);
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
    const url = new URL('../changes?last', `${target.url}/`);
    const response = await fetch(url, { headers: { ...authHeaders(target), Accept: 'application/json' }, signal: AbortSignal.timeout(Math.min(target.timeoutMs, 10_000)) });
    if (!response.ok) return null;
    const last = ((await response.json()) as { Last?: unknown }).Last;
    return typeof last === 'number' && Number.isInteger(last) ? last : null;
  } catch {
    return null;
  }
}
