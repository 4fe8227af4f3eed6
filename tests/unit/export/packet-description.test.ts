import { describe, expect, it } from 'vitest';
import type { StudySummary } from '@shared/dicom/study';
import { descriptionText, packetDescription } from '../../../electron/core/export/referral/packet-description';

const study = (description: string): StudySummary => ({
  studyInstanceUid: '1.2.3', patientName: 'Müller^Jürgen=山田^太郎', patientId: 'MRN-4471', patientBirthDate: '1962-07-04', patientSex: 'M',
  studyDate: '2023-09-17', studyTime: '', accessionNumber: 'ACC-99', description, modalities: ['CT'], seriesCount: 1, instanceCount: 1,
});

describe('the study description in a referral packet', () => {
  it('is withheld from a non-clinical packet when it names the patient, gives an ID or a date of the patient or study', () => {
    for (const description of ['CT for Jürgen Müller', 'MÜLLER, J.', 'follow-up MRN-4471', 'acc ACC-99', '山田様 CT', 'born 04.07.1962', 'CT 2023-09-17', 'CT 20230917',
      // A long name or an ID run into other letters still names the patient (a German genitive, an ID
      // after its label); a word that merely starts with the surname ('Müllerian') goes with them.
      'Herrn Müllers CT', 'MRNMRN-4471', 'CT Müllerian duct']) {
      expect(packetDescription(study(description), false), description).toBeNull();
    }
  });

  it('is shown when it only looks alike, and always in a clinical packet', () => {
    for (const description of ['CT both thighs', 'MRN follow-up', 'CT 2023', 'Mülle']) expect(packetDescription(study(description), false)).toBe(description);
    expect(packetDescription(study('CT for Jürgen Müller'), true)).toBe('CT for Jürgen Müller');
    expect([descriptionText(null), descriptionText(''), descriptionText('CT')]).toEqual(['(description withheld: it names the patient)', '(no description)', 'CT']);
  });
});
