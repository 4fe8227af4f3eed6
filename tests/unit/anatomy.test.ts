import { describe, expect, it } from 'vitest';
import {
  BONES,
  BoneSchema,
  VERTEBRAL_LEVELS,
  getBone,
  getRegion,
  getVertebra,
  isBoneId,
  mirelsSiteOf,
  possibleMirelsSites,
  searchAnatomy,
  sinsRegionOfLevel,
} from '@shared/anatomy';

const EXPECTED_LEVELS = [
  ...Array.from({ length: 7 }, (_, i) => `C${i + 1}`),
  ...Array.from({ length: 12 }, (_, i) => `T${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `L${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `S${i + 1}`),
];

describe('anatomy catalogue', () => {
  it('validates every entry against the schema', () => {
    for (const bone of BONES) expect(BoneSchema.parse(bone)).toEqual(bone);
  });

  it('lists every vertebral level C1..S5 exactly once, then the coccyx', () => {
    expect(VERTEBRAL_LEVELS).toEqual(EXPECTED_LEVELS);
    for (const level of EXPECTED_LEVELS) {
      const hits = BONES.filter((b) => b.kind === 'vertebra' && b.level === level);
      expect(hits, level).toHaveLength(1);
      expect(hits[0]?.id).toBe(`vertebra-${level}`);
    }
    expect(BONES.filter((b) => b.kind === 'vertebra')).toHaveLength(EXPECTED_LEVELS.length + 1);
    expect(getBone('coccyx')).toMatchObject({ kind: 'vertebra', level: 'Co', segment: 'coccygeal' });
  });

  it('gives the SINS region of every level (Fisher 2010)', () => {
    const expected: Record<string, string> = {};
    for (const l of ['C1', 'C2', 'C7', 'T1', 'T2', 'T11', 'T12', 'L1', 'L5', 'S1']) expected[l] = 'junctional';
    for (const l of ['C3', 'C4', 'C5', 'C6', 'L2', 'L3', 'L4']) expected[l] = 'mobile';
    for (let n = 3; n <= 10; n++) expected[`T${n}`] = 'semi-rigid';
    for (const l of ['S2', 'S3', 'S4', 'S5']) expected[l] = 'rigid';
    expect(Object.keys(expected).sort()).toEqual([...EXPECTED_LEVELS].sort());
    for (const level of EXPECTED_LEVELS) {
      expect(sinsRegionOfLevel(level), level).toBe(expected[level]);
      expect(sinsRegionOfLevel(`vertebra-${level}`), level).toBe(expected[level]);
    }
    expect(sinsRegionOfLevel('coccyx')).toBeNull();
    expect(sinsRegionOfLevel('femur')).toBeNull();
  });

  it('has the bones a bone-metastasis reader marks', () => {
    for (const id of ['sternum', 'clavicle', 'scapula', 'ilium', 'ischium', 'pubis', 'acetabulum', 'sacrum', 'skull', 'femur', 'humerus', 'tibia', 'fibula', 'radius', 'ulna']) {
      expect(isBoneId(id), id).toBe(true);
    }
    for (let n = 1; n <= 12; n++) expect(getBone(`rib-${n}`)).toMatchObject({ kind: 'rib', paired: true });
    expect(isBoneId('rib-13')).toBe(false);
    expect(getVertebra('t11')?.id).toBe('vertebra-T11');
  });

  it('uses unique ids for bones and regions', () => {
    const ids = [...BONES.map((b) => b.id), ...BONES.flatMap((b) => b.regions.map((r) => r.id))];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses each SNOMED code once, with scheme SCT and a meaning (a sacral segment region shares its level entry\'s code)', () => {
    // The sacrum's regions S1-S5 are the same structures as the vertebral levels S1-S5.
    for (const region of getBone('sacrum')?.regions ?? []) {
      expect(region.code, region.id).toEqual(getVertebra(region.id.replace('sacrum-', ''))?.code);
    }
    expect(getBone('sacrum')?.regions.map((r) => r.id)).toEqual(['sacrum-s1', 'sacrum-s2', 'sacrum-s3', 'sacrum-s4', 'sacrum-s5']);
    const codes = [...BONES.map((b) => b.code), ...BONES.filter((b) => b.id !== 'sacrum').flatMap((b) => b.regions.map((r) => r.code))].filter((c) => c !== null);
    const values = codes.map((c) => c.value);
    expect(new Set(values).size).toBe(values.length);
    for (const c of codes) {
      expect(c.scheme).toBe('SCT');
      expect(c.meaning.length).toBeGreaterThan(0);
    }
    // Every bone carries a verified code; only some regions lack one.
    expect(BONES.filter((b) => b.code === null)).toEqual([]);
    expect(getBone('femur')?.code?.value).toBe('71341001');
    expect(getBone('vertebra-T11')?.code?.value).toBe('12989004');
  });

  it('leaves unverified region codes null rather than guessing', () => {
    for (const id of ['femur-intertrochanteric', 'femur-subtrochanteric', 'humerus-head', 'tibia-proximal', 'fibula-proximal', 'fibula-diaphysis', 'fibula-distal']) {
      const bone = id.split('-')[0] ?? '';
      expect(getRegion(bone, id)?.code, id).toBeNull();
    }
    expect(getRegion('femur', 'femur-neck')?.code?.value).toBe('29627003');
  });

  it('marks laterality on paired bones only', () => {
    for (const b of BONES) {
      const pairedExpected = b.kind === 'long-bone' || b.kind === 'rib' || ['clavicle', 'scapula', 'ilium', 'ischium', 'pubis', 'acetabulum'].includes(b.id);
      expect(b.paired, b.id).toBe(pairedExpected);
    }
  });

  it('gives femur and humerus their fracture-risk regions', () => {
    expect(getBone('femur')?.regions.map((r) => r.id)).toEqual([
      'femur-head', 'femur-neck', 'femur-intertrochanteric', 'femur-subtrochanteric', 'femur-diaphysis', 'femur-distal',
    ]);
    expect(getBone('humerus')?.regions.map((r) => r.id)).toEqual(['humerus-head', 'humerus-proximal', 'humerus-diaphysis', 'humerus-distal']);
    expect(getRegion('humerus', 'femur-neck')).toBeUndefined();
  });
});

describe('Mirels site of a bone and region', () => {
  it.each([
    ['humerus', 'humerus-diaphysis', 'upper-limb'],
    ['radius', null, 'upper-limb'],
    ['ulna', 'ulna-distal', 'upper-limb'],
    ['tibia', null, 'lower-limb'],
    ['fibula', 'fibula-distal', 'lower-limb'],
    ['femur', 'femur-head', 'lower-limb'],
    ['femur', 'femur-diaphysis', 'lower-limb'],
    ['femur', 'femur-distal', 'lower-limb'],
    ['femur', 'femur-intertrochanteric', 'peritrochanteric'],
    ['femur', 'femur-subtrochanteric', 'peritrochanteric'],
  ] as const)('%s / %s -> %s', (bone, region, site) => {
    expect(mirelsSiteOf(bone, region)).toBe(site);
    expect(possibleMirelsSites(bone, region)).toEqual([site]);
  });

  it('leaves a femur without region open between lower limb and peritrochanteric', () => {
    expect(possibleMirelsSites('femur', null)).toEqual(['lower-limb', 'peritrochanteric']);
    expect(mirelsSiteOf('femur', null)).toBeNull();
  });

  it('leaves the femoral neck open too: it borders the intertrochanteric region, and Mirels drew no boundary', () => {
    expect(possibleMirelsSites('femur', 'femur-neck')).toEqual(['lower-limb', 'peritrochanteric']);
    expect(mirelsSiteOf('femur', 'femur-neck')).toBeNull();
  });

  it.each(['vertebra-L2', 'rib-4', 'clavicle', 'ilium', 'skull', 'unknown'])('implies no site for %s', (bone) => {
    expect(possibleMirelsSites(bone, null)).toEqual([]);
  });
});

describe('searchAnatomy', () => {
  const first = (q: string) => searchAnatomy(q)[0];

  it('finds a level by its label', () => {
    expect(first('T11')).toMatchObject({ boneId: 'vertebra-T11', regionId: null, score: 100 });
    expect(first('l 4')?.boneId).toBe('vertebra-L4');
    expect(first('Th11')?.boneId).toBe('vertebra-T11');
  });

  it('finds a region by synonym, case-insensitively', () => {
    expect(first('femoral neck')).toMatchObject({ boneId: 'femur', regionId: 'femur-neck' });
    expect(first('FEMORAL NECK')).toMatchObject({ boneId: 'femur', regionId: 'femur-neck' });
    expect(first('neck of femur')?.regionId).toBe('femur-neck');
    expect(first('peritrochanteric')?.regionId).toBe('femur-intertrochanteric');
  });

  it('reads the laterality out of the query', () => {
    expect(first('left iliac wing')).toMatchObject({ boneId: 'ilium', laterality: 'left' });
    expect(first('Right 3rd rib')).toMatchObject({ boneId: 'rib-3', laterality: 'right' });
    expect(first('femur')?.laterality).toBeNull();
  });

  it('ranks an exact match before prefix matches', () => {
    expect(searchAnatomy('T1').map((h) => h.boneId).slice(0, 4)).toEqual(['vertebra-T1', 'vertebra-T10', 'vertebra-T11', 'vertebra-T12']);
    const femur = searchAnatomy('femur');
    expect(femur[0]).toMatchObject({ boneId: 'femur', regionId: null });
    expect(femur.slice(1).every((h) => h.boneId === 'femur' && h.regionId !== null)).toBe(true);
    const scores = searchAnatomy('rib').map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('returns nothing for an empty or unknown query and honours the limit', () => {
    expect(searchAnatomy('')).toEqual([]);
    expect(searchAnatomy('left')).toEqual([]);
    expect(searchAnatomy('xylophone')).toEqual([]);
    expect(searchAnatomy('rib', 3)).toHaveLength(3);
  });
});
