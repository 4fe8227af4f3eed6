import type { OrthancServer } from './orthanc-server';

/** One instance of the team's series as Orthanc's own index lists it. */
export interface StoredTeamInstance {
  sopInstanceUid: string;
  seriesDescription: string;
  instanceNumber: number;
  sopClassUid: string;
  orthancId: string;
}

/** Every instance of the team's series on an Orthanc (its REST API, not DICOMweb: an independent count). */
export async function teamInstancesOn(orthanc: OrthancServer): Promise<StoredTeamInstance[]> {
  const get = async <T>(url: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${orthanc.httpUrl}${url}`, init);
    if (!response.ok) throw new Error(`Orthanc ${url}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  const series = await get<{ ID: string; MainDicomTags: Record<string, string> }[]>('/tools/find', {
    method: 'POST',
    body: JSON.stringify({ Level: 'Series', Query: { SeriesDescription: 'BoneMet-team*' }, Expand: true }),
  });
  const found: StoredTeamInstance[] = [];
  for (const s of series) {
    for (const i of await get<{ ID: string; MainDicomTags: Record<string, string> }[]>(`/series/${s.ID}/instances`)) {
      const tags = await get<Record<string, string>>(`/instances/${i.ID}/simplified-tags`);
      found.push({ orthancId: i.ID, sopInstanceUid: i.MainDicomTags.SOPInstanceUID!, instanceNumber: Number(i.MainDicomTags.InstanceNumber), seriesDescription: s.MainDicomTags.SeriesDescription ?? '', sopClassUid: tags.SOPClassUID ?? '' });
    }
  }
  return found;
}

/** The Part 10 bytes of an instance as Orthanc stores it. */
export async function orthancInstanceFile(orthanc: OrthancServer, orthancId: string): Promise<Buffer> {
  const response = await fetch(`${orthanc.httpUrl}/instances/${orthancId}/file`);
  if (!response.ok) throw new Error(`Orthanc /instances/${orthancId}/file: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
