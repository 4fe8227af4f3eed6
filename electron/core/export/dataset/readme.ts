import { MANIFEST_COLUMNS, MANIFEST_VERSION } from './manifest';
import type { ExportNote, ResearchExportOptions, ResearchExportResult } from './research-export-types';
import { SECTOR_INNER_FRACTION } from '../seg/annotation-masks';

const notes = (list: readonly ExportNote[], none: string) => (list.length === 0 ? [none] : list.map((n) => `- \`${n.subject}\`: ${n.reason}`));
const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/** The summary's line on studies of the batch left out whole: counted, never named (their folder only, below). */
function failedLines(result: ResearchExportResult): string[] {
  const n = result.failedStudies.length;
  return n === 0 ? [] : [`${n} ${n === 1 ? 'study' : 'studies'} of the batch could not be exported and ${n === 1 ? 'is' : 'are'} not in this dataset (see "Not exported").`];
}

/** README.md of a research dataset: what it holds, how it was de-identified, what needs review. */
export function datasetReadme(options: ResearchExportOptions, result: ResearchExportResult, exportedOn: string): string {
  const lines = [
    '# BoneMet Review research dataset',
    '',
    `Exported on ${exportedOn} by BoneMet Review ${options.appVersion}: ${result.patients.length} patient(s), ` +
      `${result.patients.reduce((n, p) => n + p.studies, 0)} study(ies), ${result.lesions} lesion(s).`,
    ...failedLines(result),
    '',
    '## Contents',
    '',
    `- \`dicom/<pseudonym>/study-NN/series-NN-<modality>/\`: the images, de-identified (${files(result.imageFiles)}).`,
    `- \`dicom/<pseudonym>/study-NN/SEG-series-NN.dcm\`: a DICOM Segmentation (BINARY, one segment per lesion) of each series with lesions drawn on it (${files(result.segFiles)}).`,
    `- \`dicom/<pseudonym>/study-NN/SR-measurements.dcm\`: a DICOM SR TID 1500 Measurement Report (Comprehensive 3D SR) with every lesion's site, nature, measurements, scores and annotations (${files(result.srFiles)}).`,
    ...(options.nifti ? [`- \`nifti/\`: a NIfTI-1 image of every image series (.nii.gz, RAS affine from the DICOM geometry), and beside it a label map (label = segment number) where at least one lesion has a drawn area on the series; a series nobody drew on has no label map, which would read as "no lesion here" (${files(result.niftiFiles)}).`] : []),
    '- `manifest.csv`: one row per lesion (columns below); UTF-8, comma-separated, CRLF line ends, quoted as RFC 4180 says; a text cell that would start a spreadsheet formula (=, +, -, @) starts with an apostrophe.',
    '',
    '## De-identification',
    '',
    'DICOM PS3.15 Annex E, Basic Application Level Confidentiality Profile (113100, DCM), applied to every image:',
    '',
    '- every attribute of Table E.1-1 treated by its Basic Profile action (remove, empty, dummy, replace UID), at any depth in sequences;',
    '- every private attribute removed, and every curve and overlay group (an overlay can carry burned-in text), and in uncompressed images every pixel bit outside Bits Stored cleared (where a retired embedded overlay keeps its text), in the DICOM images and the NIfTI files alike;',
    '- every UID that DICOM did not register (study, series, instance, frame of reference, and any other; a coding scheme, context group or mapping resource UID of a vocabulary HL7 registered, SNOMED CT\'s say, is kept too; an organisation\'s OID, a hospital\'s local scheme, is replaced), and the SR\'s and SEG\'s lesion tracking UIDs and record ids, replaced by a 2.25 UID made by a keyed hash (HMAC-SHA256) of the patient\'s pseudonym and the original, under a secret key kept in the data folder of the exporting workstation. Images, SEG and SR therefore reference each other consistently, and the same study exported again under the same pseudonym gets the same UIDs (a SEG or SR whose content changed gets a new SOP Instance UID, derived from its content). Without the key nobody can compute a replacement from an original; neither the key nor any original UID is in this folder;',
    '- patient name and ID replaced by a pseudonym (`BONEMET-NNNN`), kept per patient on the exporting workstation so that later exports use the same one;',
    '- stricter than the table: any other person name is emptied, any other date is removed (or shifted, below), and a time, age, decimal or integer string that is not one (a word) is emptied; AE titles, URLs, elements of unknown VR, elements written in a VR their tag does not have (a CS as OB, a DS as FD), attributes no dictionary knows in a numeric or binary VR, binary elements other than the image\'s pixel data and LUTs (an encapsulated document, trailing padding), a waveform carried in an image, bytes of uncompressed pixel data beyond the image\'s frames, and the sequences naming who issued the patient\'s or the order\'s identifiers are removed; and any text left (a code meaning, software versions) that mentions a person name, an ID (of the patient, visit, order, device or trial subject), an address or telephone number, an institution, station or location, a serial number, a date (as commonly written, digits or month in words) or a UID of the source, or a value with digits that the table takes away from free text (a case number in a comment), is emptied (the attribute stays, as a Type 2 one must; a Code Meaning, Type 1, says ANONYMIZED), wherever it stands in the text, also where it is written without diacritics or in full-width letters (Muller or Mueller for Müller), an identifier without its separators or as its digits alone (MRN12345678 or 12345678 for MRN-1234-5678), or split over two values of the element; a binary element kept with the image (an ICC profile) whose bytes hold such a text, in Latin-1, UTF-8 or UTF-16, is removed;',
    '- Patient Identity Removed = YES, De-identification Method and De-identification Method Code Sequence set; Longitudinal Temporal Information Modified = ' +
      (options.dateShift ? 'MODIFIED.' : 'REMOVED.'),
    options.dateShift
      ? '- Retain Longitudinal Temporal Information with Modified Dates Option (113107, DCM): every date is shifted by a whole number of days, one random offset per patient (kept on the exporting workstation, not disclosed here), so intervals between a patient\'s studies are true; times of day are kept.'
      : '- Dates are removed or emptied as the Basic Profile says (the Modified Dates Option was not requested).',
    '- The SR and SEG are written de-identified: no observer name (a device observer only), no free text (reader notes, annotation labels), no record timestamps; their content and creation dates are the study\'s date as the images carry it' +
      (options.dateShift ? ' (shifted), never the export\'s.' : ' (removed: Content Date holds the dummy 19000101), never the export\'s.'),
    '- Pixel values are copied unchanged: the Clean Pixel Data Option is not applied. An image that says Burned In Annotation = YES is therefore not exported at all, nor its pixels in any NIfTI file (listed under "Not exported"); images listed under "Needs review" may show identifying text burned into the pixels, or (Recognizable Visual Features = YES) a face.',
    '- Compressed images keep their transfer syntax and samples, but not what else their streams can carry: JPEG and JPEG-LS comments and application segments (EXIF dates, owner and GPS, ICC profiles, JFIF thumbnails, vendor blocks; an Adobe or JPEG-LS colour-transform segment is rebuilt from its fixed fields), JPEG 2000 and HTJ2K comments (blanked) and JP2 file boxes (the bare codestream is kept), RLE header slots and bytes no segment decodes, and any byte after a codestream\'s end are removed. One whose samples hold bits outside Bits Stored (a retired embedded overlay, compressed as more bits than the image stores) is written uncompressed (Explicit VR Little Endian) without them. An image whose stream cannot be walked so, or that still holds a name, ID or UID of its source as text, is not exported (listed under "Not exported").',
    '',
    '## Needs review (possible burned-in annotation or recognizable features)',
    '',
    ...notes(result.burnedInReview, 'None: no exported image is a secondary capture or ultrasound, says Recognizable Visual Features = YES, or is a radiograph (CR, DX, MG, XA, RF, IO, PX) that does not say Burned In Annotation = NO.'),
    '',
    '## Not exported or not segmented',
    '',
    ...result.failedStudies.map((f) => `- \`${f.folder}\`: the whole study, which could not be exported (the exporting workstation's report names it and says why); nothing of it is in this dataset`),
    ...notes(result.skipped, 'Every instance with pixel data was exported.'),
    ...result.unsegmented.map((u) => `- lesion \`${u.trackingUid}\` in \`${u.study}\`: not in any SEG: ${u.reason}`),
    ...(options.nifti ? notes(result.niftiSkipped, 'Every image series has a NIfTI image.') : []),
    '',
    '## Segmentations',
    '',
    'Each segment is the union of the lesion\'s areas, on the images they were drawn on (no interpolation between slices): freehand and rectangle ROIs as filled polygons, elliptical and circle ROIs as filled ellipses/discs, and a cortical-involvement measurement as the annular sector from ' +
      `${SECTOR_INNER_FRACTION * 100}% of the arc radius to the arc radius between the arc ends (inferred, so the segment is SEMIAUTOMATIC; drawn-only segments are MANUAL). ` +
      'Segmented Property Category: Morphologically Abnormal Structure (49755003, SCT); Type: Neoplasm, Secondary (14799000, SCT); Anatomic Region: the bone.',
    ...(result.labelOverlaps.length > 0 ? ['', 'A NIfTI label map holds one label per voxel, the later lesion\'s where two areas overlap; the SEG keeps each lesion\'s whole area. Where that happened:', '', ...notes(result.labelOverlaps, '')] : []),
    '',
    `## manifest.csv columns (schema version ${MANIFEST_VERSION})`,
    '',
    '| column | meaning |',
    '|---|---|',
    ...MANIFEST_COLUMNS.map(([name, meaning]) => `| \`${name}\` | ${meaning} |`),
    '',
    'Private codes (coding scheme 99BONEMET) name what no standard code covers (lesion nature, cortical involvement, the scores); see the Coding Scheme Identification in each SR.',
    '',
  ];
  return lines.join('\n');
}
