// The coded attributes a reader needs to read an object at all (what it is, how its pixels are laid
// out), with their defined terms (PS3.3 C.7.3.1.1.1, C.7.6.1.1.2, C.7.6.3.1.2, C.8.6.1.1, PS3.2
// character sets). A value that is one of them is kept whatever the patient is called (a patient
// named Rgb or Original); any other value that names the patient is not.

const MODALITIES = new Set([
  'AR', 'ASMT', 'AU', 'BDUS', 'BI', 'BMD', 'CFM', 'CR', 'CT', 'CTPROTOCOL', 'DG', 'DMS', 'DOC', 'DX', 'ECG', 'EEG', 'EMG', 'EOG', 'EPS', 'ES',
  'FID', 'GM', 'HC', 'HD', 'IO', 'IOL', 'IVOCT', 'IVUS', 'KER', 'KO', 'LEN', 'LS', 'M3D', 'MG', 'MR', 'NM', 'OAM', 'OCT', 'OP', 'OPM', 'OPT',
  'OPTBSV', 'OPTENF', 'OPV', 'OSS', 'OT', 'PA', 'PLAN', 'POS', 'PR', 'PT', 'PX', 'REG', 'RESP', 'RF', 'RG', 'RTDOSE', 'RTIMAGE', 'RTINTENT',
  'RTPLAN', 'RTRAD', 'RTRECORD', 'RTSEGANN', 'RTSTRUCT', 'RWV', 'SEG', 'SM', 'SMR', 'SR', 'SRF', 'STAIN', 'TEXTUREMAP', 'TG', 'US', 'VA', 'XA',
  'XAPROTOCOL', 'XC',
  // Retired, still met in older files.
  'AS', 'CD', 'CF', 'CP', 'CS', 'DD', 'DF', 'DM', 'DS', 'EC', 'FA', 'FS', 'LP', 'MA', 'MS', 'OPR', 'ST', 'VF',
]);

const IMAGE_TYPES = new Set([
  'ORIGINAL', 'DERIVED', 'PRIMARY', 'SECONDARY', 'AXIAL', 'LOCALIZER', 'OTHER', 'MPR', 'MIP', 'MINIP', 'VOLUME', 'PROJECTION IMAGE',
  'REFORMATTED', 'DRR', 'SUBTRACTION', 'MIXED', 'NONE', 'MONOENERGETIC',
]);

const PHOTOMETRIC = new Set([
  'MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR', 'RGB', 'HSV', 'ARGB', 'CMYK', 'YBR_FULL', 'YBR_FULL_422', 'YBR_PARTIAL_422',
  'YBR_PARTIAL_420', 'YBR_ICT', 'YBR_RCT', 'XYB',
]);

const CONVERSION_TYPES = new Set(['DV', 'DI', 'DF', 'WSD', 'SD', 'SI', 'DRW', 'SYN']);

const CHARACTER_SET = /^(ISO_IR \d+|ISO 2022 IR \d+|GB18030|GBK)?$/;

const TERMS: Record<string, (value: string) => boolean> = {
  '00080005': (v) => CHARACTER_SET.test(v), // Specific Character Set
  '00080008': (v) => IMAGE_TYPES.has(v), // Image Type
  '00080060': (v) => MODALITIES.has(v), // Modality
  '00080064': (v) => CONVERSION_TYPES.has(v), // Conversion Type
  '00280004': (v) => PHOTOMETRIC.has(v), // Photometric Interpretation
};

/** Whether a tag (8 upper-case hex digits) is a coded attribute a reader needs to read the object. */
export function isStructuralTag(tag: string): boolean {
  return tag in TERMS;
}

/** Whether a value of a structural attribute is one of its defined terms. */
export function isDefinedTerm(tag: string, value: string): boolean {
  return TERMS[tag]?.(value.trim().toUpperCase()) ?? false;
}
