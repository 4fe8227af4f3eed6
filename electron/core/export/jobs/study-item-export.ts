import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import type { ParsedExportJobRequest } from '@shared/export/export-job';
import { pacsTarget } from '../../settings/pacs-settings-store';
import { planeAnnotationsLeftOut } from '../plane-annotations';
import { writeFhirBundle, FHIR_BUNDLE_FILE } from '../fhir/write-fhir-bundle';
import { importedFileResolver } from '../../index/instance-queries';
import { referralPdf, REFERRAL_PDF_FILE, writeReferralPdf } from '../referral/write-referral-pdf';
import { exportMeasurementReports } from '../sr/export-measurement-reports';
import { exportSegmentations } from '../seg/export-segmentations';
import { loadStudyExportSource, type StudyExportSource } from '../study-export-source';
import { buildLesionTables, TABLE_FILES } from '../tables/write-lesion-tables';
import { refuseExistingFile, writeExportFile } from '../write-export-file';
import type { ExportJobEnv } from './export-job-env';
import type { ExportJobRun } from './export-job-run';
import type { DicomWebTarget } from '../../pacs/dicomweb/dicomweb-target';
import { readStowFile } from '../../pacs/dicomweb/stow-rs';
import { deliverToPacs } from './pacs-delivery';

/** The per-study export requests (every kind but the research dataset and files sent as they are). */
export type StudyExportRequest = Exclude<ParsedExportJobRequest, { kind: 'dataset' | 'stow-files' }>;

/** The study's export source, reduced to the chosen lesions (and their annotations) when some were chosen. */
function scopedSource(env: ExportJobEnv, studyInstanceUid: string, lesionIds: readonly string[] | undefined): StudyExportSource {
  const source = loadStudyExportSource(env.db, studyInstanceUid, { appVersion: env.appVersion });
  if (!lesionIds) return source;
  const chosen = new Set(lesionIds);
  return {
    ...source,
    lesions: source.lesions.filter((s) => chosen.has(s.lesion.id)),
    annotations: source.annotations.filter((a) => a.lesionId === null || chosen.has(a.lesionId)),
  };
}

const refuseExisting = (folder: string, name: string) => refuseExistingFile(path.join(folder, name));

/** Sends a study's SR files to the PACS (STOW-RS, confirmed by QIDO-RS) and records its answer. */
async function sendToPacs(run: ExportJobRun, target: DicomWebTarget, uid: string, files: string[]): Promise<void> {
  run.throwIfCancelled();
  run.progress({ phase: 'sending' });
  run.delivered(await deliverToPacs(target, uid, files.map(readStowFile)));
}

/**
 * Exports one study for a job and records every file as it is finished. Files go into `folder`;
 * a send to the PACS alone (kind stow) writes its SR to a staging folder and removes it after.
 */
export async function exportStudyItem(env: ExportJobEnv, run: ExportJobRun, request: StudyExportRequest, uid: string, folder: string): Promise<void> {
  const ids = request.lesionIds;
  // Lesions chosen one by one are sent whatever their urgency: the reader picked them.
  const includeAll = ids !== undefined || ('includeAll' in request && request.includeAll);
  const record = (files: string[]) => files.forEach((f) => run.wrote(f));
  // Key images (the referral, and the FHIR bundle's embedded referral) need a source image.
  const noteLeftOut = (source: StudyExportSource) => {
    const leftOut = planeAnnotationsLeftOut(source.annotations);
    if (leftOut) run.note(`Left out ${leftOut.subject} of study ${uid}: ${leftOut.reason}.`);
  };
  switch (request.kind) {
    case 'referral': {
      refuseExisting(folder, REFERRAL_PDF_FILE);
      const source = scopedSource(env, uid, ids);
      noteLeftOut(source);
      const options = { includeAll, purpose: request.purpose, resolveFile: importedFileResolver(env.db) };
      return record([await writeReferralPdf(source, folder, options)]);
    }
    case 'fhir': {
      refuseExisting(folder, FHIR_BUNDLE_FILE);
      const source = scopedSource(env, uid, ids);
      noteLeftOut(source);
      // The bundle holds a Patient anyway, so its embedded PDF is the clinical packet.
      const pdf = await referralPdf(source, { includeAll, purpose: 'clinical', resolveFile: importedFileResolver(env.db) });
      run.throwIfCancelled();
      return record([writeFhirBundle(source, folder, { includeAll, pdf })]);
    }
    case 'csv':
    case 'json': {
      const table = request.kind === 'csv' ? TABLE_FILES.csv : TABLE_FILES.json;
      refuseExisting(folder, table);
      const { csv, json, schema } = buildLesionTables(scopedSource(env, uid, ids));
      const body = request.kind === 'csv' ? csv : `${JSON.stringify(json, null, 2)}\n`;
      // CSV then JSON into one folder share the column schema: an identical one is left alone, so
      // that a later export cancelled there never removes the file an earlier one wrote.
      const schemaText = `${JSON.stringify(schema, null, 2)}\n`;
      const schemaPath = path.join(folder, TABLE_FILES.schema);
      const schemaThere = fs.existsSync(schemaPath) && fs.readFileSync(schemaPath, 'utf8') === schemaText;
      return record([writeExportFile(path.join(folder, table), body), ...(schemaThere ? [] : [writeExportFile(path.join(folder, TABLE_FILES.schema), schemaText)])]);
    }
    case 'sr': {
      const target = request.sendToPacs ? pacsTarget(env.db) : null;
      // Record the files before sending, so that a cancel or failure during the send still accounts for them.
      const files = exportMeasurementReports(env.db, uid, folder, { appVersion: env.appVersion, lesionIds: ids, reader: request.reader }).map((w) => w.file);
      record(files);
      if (request.sendToPacs && !target) run.note('No PACS is configured: the SR was written to the folder only.');
      if (!target) return;
      try {
        await sendToPacs(run, target, uid, files);
      } catch (error) {
        // The SR files are good; only the send failed: say so and keep them.
        run.itemFailed(`Sending the SR of study ${uid} to the PACS`, error);
      }
      return;
    }
    case 'seg': {
      const written = exportSegmentations(env.db, uid, folder, { appVersion: env.appVersion, lesionIds: ids });
      record(written.files.map((f) => f.file));
      for (const u of written.unsegmented) run.note(`Not segmented: lesion ${u.trackingUid} of study ${uid}: ${u.reason}.`);
      return;
    }
    case 'stow': {
      try {
        const target = pacsTarget(env.db);
        if (!target) throw new AppError('invalid_request', 'No PACS is configured: set one up in PACS settings to send the SR there.');
        await sendToPacs(run, target, uid, exportMeasurementReports(env.db, uid, folder, { appVersion: env.appVersion, lesionIds: ids }).map((w) => w.file));
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
      return;
    }
  }
}
