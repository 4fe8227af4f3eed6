// Minimal typings for the parts of dcmjs 0.52 the phantom writer uses; the
// package ships no declarations. Kept narrow on purpose: no `any` escapes.
declare module 'dcmjs' {
  /** One value of a naturalized (keyword-keyed) dataset, as dcmjs accepts it. */
  export type NaturalizedValue = string | number | ReadonlyArray<string> | ReadonlyArray<number> | ArrayBuffer[];

  /** A dataset keyed by DICOM keyword; `_vrMap` names the VR of ambiguous tags (PixelData). */
  export interface NaturalizedDataset {
    [keyword: string]: NaturalizedValue | Readonly<Record<string, string>> | undefined;
    _vrMap?: Readonly<Record<string, string>>;
  }

  /** One element of a denaturalized (tag-keyed, DICOM JSON-like) dataset. */
  export interface DenaturalizedElement {
    vr: string;
    Value?: unknown[];
  }

  /** A dataset keyed by 8-hex-digit tag. */
  export type DenaturalizedDataset = Record<string, DenaturalizedElement>;

  /** A Part 10 file in memory: meta header plus dataset. */
  export interface DicomDictInstance {
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  interface DcmjsData {
    DicomDict: new (meta: DenaturalizedDataset) => DicomDictInstance;
    DicomMetaDictionary: {
      denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
    };
  }

  const dcmjs: { data: DcmjsData };
  export default dcmjs;
}
