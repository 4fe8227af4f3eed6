import type { Bone, BoneKind } from './schema';
import { BONE_CODES, RIB_CODES, VERTEBRA_CODES } from './snomed-codes';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
const SUFFIX = ['st', 'nd', 'rd', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th', 'th'];

function bone(id: keyof typeof BONE_CODES, name: string, kind: BoneKind, paired: boolean, synonyms: string[]): Bone {
  return { id, name, code: BONE_CODES[id], paired, kind, level: null, segment: null, regions: [], synonyms };
}

/** Ribs 1..12, each paired (left/right). */
function buildRibs(): Bone[] {
  return RIB_CODES.map((code, i): Bone => {
    const n = i + 1;
    return {
      id: `rib-${n}`,
      name: `Rib ${n}`,
      code,
      paired: true,
      kind: 'rib',
      level: null,
      segment: null,
      regions: [],
      synonyms: [`${ORDINALS[i]} rib`, `${n}${SUFFIX[i]} rib`, `rib${n}`, `costa ${n}`],
    };
  });
}

/**
 * The sacrum as a whole, with its segments S1-S5 as regions: a lesion recorded on "the sacrum" is a
 * spinal lesion (SINS scores S1 as junctional, S2-S5 as rigid), and the segment, when the reader
 * names it, decides which. A region shares its code with the segment's entry among the vertebral
 * levels: the same structure, reached from the pelvis or from the spine.
 */
function buildSacrum(): Bone {
  const ordinal = ['first', 'second', 'third', 'fourth', 'fifth'];
  const regions = ordinal.map((word, i) => {
    const level = `S${i + 1}`;
    return { id: `sacrum-${level.toLowerCase()}`, name: `${level} (${word} sacral segment)`, code: VERTEBRA_CODES[level] ?? null, synonyms: [level, `${word} sacral segment`, `sacral segment ${i + 1}`] };
  });
  return { ...bone('sacrum', 'Sacrum', 'pelvis', false, ['sacral', 'os sacrum', 'sacral ala']), regions };
}

/**
 * The pelvis (as its parts: ilium, ischium, pubis, acetabulum, sacrum), the
 * shoulder girdle, the thoracic cage and the skull. The sacrum as a whole is a
 * pelvic bone in the catalogue's grouping but a spinal lesion site for the scores (spinal-levels.ts);
 * its segments S1..S5 are also vertebral levels (spine.ts) because SINS scores them differently
 * (S1 junctional, S2-S5 rigid).
 */
export function buildAxialBones(): Bone[] {
  return [
    ...buildRibs(),
    bone('sternum', 'Sternum', 'other', false, ['manubrium', 'sternal body', 'xiphoid', 'breastbone']),
    // The clavicle is tubular, but Mirels scored limb long bones only: kept as 'other'.
    bone('clavicle', 'Clavicle', 'other', true, ['collarbone', 'clavicular']),
    bone('scapula', 'Scapula', 'other', true, ['shoulder blade', 'scapular', 'glenoid', 'acromion', 'coracoid']),
    bone('ilium', 'Ilium (iliac wing)', 'pelvis', true, ['iliac wing', 'wing of ilium', 'iliac bone', 'iliac crest', 'iliac', 'os ilium']),
    bone('ischium', 'Ischium', 'pelvis', true, ['ischial', 'ischial tuberosity', 'ischial ramus']),
    bone('pubis', 'Pubis', 'pelvis', true, ['pubic bone', 'pubic ramus', 'pubic', 'superior pubic ramus', 'inferior pubic ramus']),
    bone('acetabulum', 'Acetabulum', 'pelvis', true, ['acetabular', 'hip socket', 'acetabular roof']),
    buildSacrum(),
    bone('skull', 'Skull', 'other', false, ['cranium', 'calvarium', 'calvaria', 'skull base']),
  ];
}
