import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';
import type { Reader } from '@shared/reader/reader';

/** A workstation of the team in a test: the core on its own data folder, and its channels through the same dispatch as every door. */
export interface Workstation {
  core: AppCore;
  dataDir: string;
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): void;
}

/**
 * Opens a workstation on a data folder (made if new) with a reader signed in and, when given, the
 * PACS configured with a sync interval.
 */
export async function openWorkstation(dataDir: string, reader: Reader, pacsUrl?: string): Promise<Workstation> {
  fs.mkdirSync(dataDir, { recursive: true });
  const core = createAppCore({ dataDir, door: 'cli', version: '0.1.0-test', roots: ['/'], importRunner: inProcessImportRunner });
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const envelope = await dispatch(core.handlers, channel, request);
    if (!envelope.ok) throw Object.assign(new Error(`${channel}: ${envelope.error.message}`), { code: envelope.error.code });
    return envelope.value as ResponseOf<C>;
  };
  await call('reader.set', reader);
  if (pacsUrl) await call('pacs.set', { url: pacsUrl, syncIntervalSeconds: 5 });
  return { core, dataDir, call, close: () => core.close() };
}

/**
 * Lets a workstation publish on a study whose images it never imported, as one that received a
 * publication of the study does: a received document's row with the study's header.
 */
export function knowStudyHeader(db: Database.Database, studyUid: string, patient: { name: string; id: string }): void {
  const header = { PatientName: patient.name, PatientID: patient.id, PatientBirthDate: '', PatientSex: '', StudyInstanceUID: studyUid, StudyDate: '', StudyTime: '', ReferringPhysicianName: '', StudyID: '', AccessionNumber: '' };
  db.prepare(
    `INSERT INTO received_documents (document_key, workstation_id, workstation, study_uid, reader, patient_name, patient_id, version, sop_instance_uid, header, received_at)
     VALUES (?, 'seed', 'seed', ?, 'ZZ', ?, ?, 1, '2.25.1', ?, ?)`,
  ).run(`seed/${studyUid}`, studyUid, patient.name, patient.id, JSON.stringify(header), new Date().toISOString());
}

/** The team tests' radiologist (workstation A) and reviewing surgeon (workstation B). */
export const RADIOLOGIST_AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
export const SURGEON_CD = { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' } as const;

/**
 * The team of two the Orthanc tests run: the radiologist AB on `radiologistDataDir` (the PACS not
 * yet set) and the surgeon CD on a fresh folder under `scratch`, with the PACS set.
 */
export async function openRadiologistAndSurgeon(radiologistDataDir: string, scratch: string, pacsUrl: string): Promise<[Workstation, Workstation]> {
  const radiologist = await openWorkstation(radiologistDataDir, RADIOLOGIST_AB);
  const surgeon = await openWorkstation(path.join(scratch, 'b'), SURGEON_CD, pacsUrl);
  return [radiologist, surgeon];
}

/** The team of two with the PACS set on both: the radiologist AB on `radiologistDataDir`, the surgeon CD on a fresh folder under `scratch`. */
export async function openTeamOnPacs(radiologistDataDir: string, scratch: string, pacsUrl: string): Promise<[Workstation, Workstation]> {
  const radiologist = await openWorkstation(radiologistDataDir, RADIOLOGIST_AB, pacsUrl);
  const surgeon = await openWorkstation(path.join(scratch, 'b'), SURGEON_CD, pacsUrl);
  return [radiologist, surgeon];
}

/** Closes what a team test opened, whichever of it was opened before a failure: workstations, fixture, PACS, scratch folder. */
export async function closeTeamTest(parts: { workstations: (Workstation | undefined)[]; fixture?: { cleanup(): void }; orthanc?: { stop(): Promise<void> }; scratch?: string }): Promise<void> {
  for (const workstation of parts.workstations) workstation?.close();
  parts.fixture?.cleanup();
  await parts.orthanc?.stop();
  if (parts.scratch) fs.rmSync(parts.scratch, { recursive: true, force: true });
}
