import type { AnalysisMethod, AnalysisSection, ComputedProvenance } from '@shared/lesion/measurement';
import { AppError } from '@shared/errors';
import { SR, UNITS } from '../dicom/codes';
import { coded, num, text, type Item } from './content-items';
import { childNamed, childrenNamed, numberOf, stringOf, type ContentNode } from './content-reader';
import { BM } from './private-codes';

// A computed value's provenance as SR content: the measurement method "computed", the algorithm
// that computed it as TID 4019 Algorithm Identification (Algorithm Name 111001, Algorithm Version
// 111003, DCM) modifying the value, and the analysis section(s) it was inferred from, each a NUM
// (its index) with its position along the bone axis and its centre, exact in Floating Point Value.

/** TID 4019 Algorithm Identification, as concept modifiers of the value the algorithm computed. */
export function algorithmItems(method: AnalysisMethod): Item[] {
  return [text('HAS CONCEPT MOD', SR.algorithmName, method.algorithmName), text('HAS CONCEPT MOD', SR.algorithmVersion, method.algorithmVersion)];
}

/** The children of a NUM whose value was computed: method, algorithm, and the sections it was taken on. */
export function computedItems(provenance: ComputedProvenance): Item[] {
  return [
    coded('HAS CONCEPT MOD', SR.measurementMethod, BM.computed),
    ...algorithmItems(provenance.method),
    ...provenance.sections.map((s) =>
      num('INFERRED FROM', BM.analysisSection, s.index, UNITS.noUnits, [
        num('HAS PROPERTIES', BM.sectionPosition, s.positionMm, UNITS.mm),
        num('HAS PROPERTIES', BM.sectionCentreX, s.centre[0], UNITS.mm),
        num('HAS PROPERTIES', BM.sectionCentreY, s.centre[1], UNITS.mm),
        num('HAS PROPERTIES', BM.sectionCentreZ, s.centre[2], UNITS.mm),
      ]),
    ),
  ];
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new AppError('unsupported', `A computed value of the report has no ${what}; it was not written by BoneMet Review and cannot be restored.`);
  return value;
}

/** The algorithm a NUM or CODE names (TID 4019), or null when it names none. */
export function readAlgorithm(node: ContentNode): AnalysisMethod | null {
  const algorithmName = stringOf(childNamed(node, SR.algorithmName, 'TEXT'), 'TextValue');
  const algorithmVersion = stringOf(childNamed(node, SR.algorithmVersion, 'TEXT'), 'TextValue');
  return algorithmName === undefined || algorithmVersion === undefined ? null : { algorithmName, algorithmVersion };
}

/** A computed value's provenance read back from its NUM's children. */
export function readComputedProvenance(node: ContentNode): ComputedProvenance {
  const coordinate = (section: ContentNode, code: typeof BM.sectionCentreX) => required(numberOf(required(childNamed(section, code, 'NUM'), code.meaning)), code.meaning);
  const sections = childrenNamed(node, BM.analysisSection, 'NUM').map(
    (section): AnalysisSection => ({
      index: required(numberOf(section), 'section index'),
      positionMm: coordinate(section, BM.sectionPosition),
      centre: [coordinate(section, BM.sectionCentreX), coordinate(section, BM.sectionCentreY), coordinate(section, BM.sectionCentreZ)],
    }),
  );
  return { source: 'computed', method: required(readAlgorithm(node), 'algorithm identification'), sections };
}
