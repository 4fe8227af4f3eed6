import type { Bone, BoneRegion } from './schema';
import { BONE_CODES, REGION_CODES } from './snomed-codes';

function region(id: string, name: string, synonyms: string[]): BoneRegion {
  return { id, name, code: REGION_CODES[id] ?? null, synonyms };
}

function longBone(id: keyof typeof BONE_CODES, name: string, synonyms: string[], regions: BoneRegion[]): Bone {
  return { id, name, code: BONE_CODES[id], paired: true, kind: 'long-bone', level: null, segment: null, regions, synonyms };
}

/** Proximal / shaft / distal thirds, the regions a reader names on the forearm and leg bones. */
function thirds(bone: string, adjective: string): BoneRegion[] {
  return [
    region(`${bone}-proximal`, `Proximal ${bone}`, [`proximal ${adjective}`, `${bone} proximal`]),
    region(`${bone}-diaphysis`, `${capitalise(bone)} diaphysis (shaft)`, [`${adjective} shaft`, `shaft of ${bone}`, `${bone} shaft`, `${adjective} diaphysis`]),
    region(`${bone}-distal`, `Distal ${bone}`, [`distal ${adjective}`, `${bone} distal`]),
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Long bones of the limbs, the bones Mirels scored (Clin Orthop 1989). The femur
 * regions follow the fracture-risk literature: head, neck, intertrochanteric
 * (peritrochanteric), subtrochanteric, diaphysis, distal.
 */
export function buildLongBones(): Bone[] {
  return [
    longBone('femur', 'Femur', ['thigh bone', 'femoral'], [
      region('femur-head', 'Femoral head', ['head of femur', 'femur head', 'caput femoris']),
      region('femur-neck', 'Femoral neck', ['neck of femur', 'femur neck', 'collum femoris']),
      region('femur-intertrochanteric', 'Intertrochanteric (peritrochanteric) femur', [
        'intertrochanteric',
        'peritrochanteric',
        'trochanteric region',
        'greater trochanter',
        'lesser trochanter',
      ]),
      region('femur-subtrochanteric', 'Subtrochanteric femur', ['subtrochanteric', 'below the lesser trochanter']),
      region('femur-diaphysis', 'Femoral diaphysis (shaft)', ['femoral shaft', 'shaft of femur', 'femur shaft', 'femoral diaphysis']),
      region('femur-distal', 'Distal femur', ['distal femoral', 'femoral condyle', 'supracondylar femur']),
    ]),
    longBone('humerus', 'Humerus', ['humeral', 'upper arm bone'], [
      region('humerus-head', 'Humeral head', ['head of humerus', 'humerus head']),
      region('humerus-proximal', 'Humeral neck / proximal humerus', ['proximal humerus', 'surgical neck of humerus', 'humeral neck', 'neck of humerus']),
      region('humerus-diaphysis', 'Humeral diaphysis (shaft)', ['humeral shaft', 'shaft of humerus', 'humerus shaft', 'humeral diaphysis']),
      region('humerus-distal', 'Distal humerus', ['distal humeral', 'humeral condyle', 'supracondylar humerus']),
    ]),
    longBone('tibia', 'Tibia', ['tibial', 'shin bone'], thirds('tibia', 'tibial')),
    longBone('fibula', 'Fibula', ['fibular'], thirds('fibula', 'fibular')),
    longBone('radius', 'Radius', ['radial'], thirds('radius', 'radial')),
    longBone('ulna', 'Ulna', ['ulnar'], thirds('ulna', 'ulnar')),
  ];
}
