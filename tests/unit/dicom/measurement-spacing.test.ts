import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDicomHeader } from '../../../electron/core/dicom/read-header';
import { extractInstanceHeader } from '../../../electron/core/dicom/instance-header';
import { measurementSpacing, spacingPlaneSuffix } from '@shared/dicom/measurement-spacing';
import { SHARED_DICOM } from '../../support/paths';
import { CR_RADIOGRAPH, DX_RADIOGRAPH } from '../../support/radiograph-in-study';
import { writeRadiographVariant, type RadiographSpacingVariant } from '../../support/radiograph-variants';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spacing-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The spacing rule applied to a file's indexed header. */
function spacingOf(file: string) {
  const read = readDicomHeader(file, fs.statSync(file).size);
  if (read.kind !== 'dataset') throw new Error(read.reason);
  const extracted = extractInstanceHeader(read.dataSet);
  if (!extracted.ok) throw new Error(extracted.reason);
  return measurementSpacing(extracted.header);
}

const variant = (name: string, v: RadiographSpacingVariant) => spacingOf(writeRadiographVariant(DX_RADIOGRAPH, path.join(work, `${name}.dcm`), v));

describe('the spacing a radiograph is measured with, and its plane (PS3.3 10.7.1.3, C.8.11.7)', () => {
  it('takes the real DX whose Pixel Spacing equals its Imager Pixel Spacing as at the detector, not the patient', () => {
    expect(spacingOf(DX_RADIOGRAPH)).toEqual({ spacing: [1.2, 1.201199999999], plane: 'detector' });
  });

  it('measures the real CR with Imager Pixel Spacing alone in mm at the detector, not in pixels', () => {
    expect(spacingOf(CR_RADIOGRAPH)).toEqual({ spacing: [0.1, 0.1], plane: 'detector' });
    expect(spacingOf(path.join(SHARED_DICOM, 'pydicom/charset_files/chrJapMulti.dcm'))).toEqual({ spacing: [0.15, 0.15], plane: 'detector' });
  });

  it('measures the real chest CR whose Pixel Spacing is 0\\0 in pixels', () => {
    expect(spacingOf(path.join(SHARED_DICOM, 'pydicom-data/RG1_J2KI.dcm'))).toEqual({ spacing: null, plane: 'none' });
  });

  it('keeps a CT in the patient plane', () => {
    const ct = spacingOf(path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest/000002.dcm'));
    expect(ct.plane).toBe('patient');
    expect(spacingPlaneSuffix(ct.plane)).toBe('');
  });

  it('corrects Imager Pixel Spacing by the Estimated Radiographic Magnification Factor, alone or beside an equal Pixel Spacing', () => {
    const alone = variant('ermf-alone', { imagerPixelSpacing: [0.2, 0.2], magnificationFactor: 1.25, uidSuffix: '1' });
    expect(alone.plane).toBe('magnification-corrected');
    expect(alone.spacing![0]).toBeCloseTo(0.16, 9);
    const beside = variant('ermf-equal', { pixelSpacing: [0.2, 0.2], imagerPixelSpacing: [0.2, 0.2], magnificationFactor: 1.1, uidSuffix: '2' });
    expect(beside.plane).toBe('magnification-corrected');
    expect(beside.spacing![1]).toBeCloseTo(0.2 / 1.1, 9);
  });

  it('takes a calibrated Pixel Spacing (FIDUCIAL, GEOMETRY, or differing without a type) as it stands', () => {
    expect(variant('fiducial', { pixelSpacing: [0.17, 0.17], imagerPixelSpacing: [0.2, 0.2], calibrationType: 'FIDUCIAL', uidSuffix: '3' })).toEqual({ spacing: [0.17, 0.17], plane: 'calibrated' });
    expect(variant('geometry', { pixelSpacing: [0.18, 0.18], imagerPixelSpacing: [0.2, 0.2], calibrationType: 'GEOMETRY', uidSuffix: '4' })).toEqual({ spacing: [0.18, 0.18], plane: 'magnification-corrected' });
    expect(variant('untyped', { pixelSpacing: [0.18, 0.18], imagerPixelSpacing: [0.2, 0.2], uidSuffix: '5' })).toEqual({ spacing: [0.18, 0.18], plane: 'calibrated' });
  });

  it('leaves at the detector a GEOMETRY calibration that changed nothing, and refuses a magnification below 1', () => {
    expect(variant('geometry-same', { pixelSpacing: [0.2, 0.2], imagerPixelSpacing: [0.2, 0.2], calibrationType: 'GEOMETRY', uidSuffix: '6' })).toEqual({ spacing: [0.2, 0.2], plane: 'detector' });
    expect(variant('ermf-below-one', { imagerPixelSpacing: [0.2, 0.2], magnificationFactor: 0.8, uidSuffix: '7' })).toEqual({ spacing: [0.2, 0.2], plane: 'detector' });
  });
});
