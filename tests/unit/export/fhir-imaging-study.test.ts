import { describe, expect, it } from 'vitest';
import { imagingStudyResource } from '../../../electron/core/export/fhir/build-imaging-study';
import { fixtureSource } from './tables-source-fixture';

// R4 ImagingStudy.modality: "A list of all the series.modality values that are actual acquisition
// modalities, i.e. those in the DICOM Context Group 29". A study the app has exported to holds SR
// and SEG series of its own beside the CT; those are no acquisition.

function studyOf(modalities: string[]) {
  const source = fixtureSource();
  const [series] = source.series;
  return imagingStudyResource({ ...source, series: modalities.map((modality, i) => ({ ...series!, seriesInstanceUid: `${series!.seriesInstanceUid}.${i}`, modality })) }, 'urn:uuid:p');
}

describe('the ImagingStudy of the FHIR bundle', () => {
  it('lists only the acquisition modalities of its series, each series keeping its own', () => {
    const study = studyOf(['CT', 'SR', 'SEG', 'KO', 'PR', 'DX', 'CT']);
    expect(study.modality).toEqual([
      { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
      { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'DX' },
    ]);
    expect(study.series?.map((s) => s.modality.code)).toEqual(['CT', 'SR', 'SEG', 'KO', 'PR', 'DX', 'CT']);
  });

  it('leaves the list out when no series is an acquisition', () => {
    expect(studyOf(['SR', 'SEG']).modality).toBeUndefined();
  });
});
