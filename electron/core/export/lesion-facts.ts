import { getBone, getRegion } from '@shared/anatomy/catalogue';
import type { SnomedCode } from '@shared/anatomy/schema';
import type { Lesion } from '@shared/lesion/lesion';
import type { AnalysisSection, MeasuredMm, MeasurementProvenance } from '@shared/lesion/measurement';
import { formatNumber } from '@shared/scoring/format';
import { formatMeasuredFigure } from '@shared/scoring/shown-figure';
import { computedSource } from '@shared/scoring/provenance-note';
import { EsccGradeSchema, type EsccGrade } from '@shared/lesion/categories';
import type { ScoreComponent, ScoreResult } from '@shared/scoring/result';
import type { Urgency } from '@shared/scoring/urgency';
import { urgencyLabel } from '@shared/scoring/urgency-level';
import { unitWithPlane } from '@shared/annotation/measurement-unit';
import { spacingPlaneNote, type SpacingPlane } from '@shared/dicom/measurement-spacing';

// The words and numbers every non-DICOM export shows for a lesion, written once so that the
// table, the FHIR bundle and the referral packet never disagree about a value.

/** The measured values of a lesion record, in the order CLINICAL.md lists what a surgeon needs. */
export const MEASUREMENT_FIELDS = [
  { key: 'largestDimensionMm', column: 'largest_dimension_mm', label: 'Largest dimension', unit: 'mm' },
  { key: 'axialInvolvementMm', column: 'axial_involvement_mm', label: 'Axial cortical involvement', unit: 'mm' },
  { key: 'circumferentialInvolvementPct', column: 'circumferential_involvement_pct', label: 'Circumferential involvement', unit: '%' },
  { key: 'lesionWidthMm', column: 'lesion_width_mm', label: 'Lesion width (Mirels size)', unit: 'mm' },
  { key: 'boneDiameterMm', column: 'bone_diameter_mm', label: 'Bone diameter (Mirels size)', unit: 'mm' },
  { key: 'corticalThicknessMm', column: 'cortical_thickness_mm', label: 'Cortical thickness', unit: 'mm' },
  { key: 'collapsePct', column: 'collapse_pct', label: 'Vertebral body collapse', unit: '%' },
] as const;

export type MeasurementKey = (typeof MEASUREMENT_FIELDS)[number]['key'];

/** One measured value of a lesion, or null when it was not recorded. */
export function measurementOf(lesion: Lesion, key: MeasurementKey): MeasuredMm | null {
  return key === 'collapsePct' ? lesion.spine.collapsePct : lesion[key];
}

/** The plane a measured length lies in (a radiograph's, from its drawing's image); 'patient' when nothing says otherwise. */
export function measuredPlane(measured: MeasuredMm): SpacingPlane {
  return measured.spacingPlane ?? 'patient';
}

/** A measured value's unit as exports write it: "mm (detector)" for a length at a radiograph's detector, "mm" or "%" otherwise. */
export function measuredUnitText(unit: 'mm' | '%', measured: MeasuredMm): string {
  return unit === 'mm' ? unitWithPlane('mm', measuredPlane(measured)) : unit;
}

/**
 * A measured value as every export's text shows it, "50.04%" or "29.96 mm": two decimals at most,
 * more only where fewer would put it on or across a limit the scores compare it with.
 */
export function measuredFigureText(key: MeasurementKey, unit: 'mm' | '%', measured: MeasuredMm): string {
  return `${formatMeasuredFigure(key, measured)}${unit === '%' ? '%' : ` ${unit}`}`;
}

/**
 * What an export's reader must be told of the plane of each length, e.g. "Axial cortical
 * involvement 34 mm: measured at the detector plane, not corrected for radiographic magnification
 * ..."; none for lengths in the patient plane.
 */
export function measuredPlaneNotes(lesion: Lesion): string[] {
  return MEASUREMENT_FIELDS.flatMap((field) => {
    const measured = measurementOf(lesion, field.key);
    const note = measured && field.unit === 'mm' ? spacingPlaneNote(measuredPlane(measured), measured.maxMagnification) : null;
    return note && measured ? [`${field.label} ${measuredFigureText(field.key, 'mm', measured)}: ${note}.`] : [];
  });
}

/** "section 98 at z = -0.75 mm, 18 mm along the bone axis": an analysis section as exports name it. */
export function sectionText(section: AnalysisSection): string {
  return `section ${section.index} at z = ${formatNumber(section.centre[2])} mm, ${formatNumber(section.positionMm)} mm along the bone axis`;
}

/**
 * "annotation <id>", "typed", or "computed by <method> v<version> on the section at z = ... mm":
 * where a number came from, as a reader checks it.
 */
export function provenanceText(provenance: MeasurementProvenance): string {
  if (provenance.source === 'computed') return computedSource(provenance);
  return provenance.source === 'annotation' ? `annotation ${provenance.annotationId}` : 'typed';
}

/** The yes/no findings of a lesion record, with their labels. */
export const FINDING_FIELDS = [
  { key: 'corticalBreach', column: 'cortical_breach', label: 'Cortical breach' },
  { key: 'pathologicalFracture', column: 'pathological_fracture', label: 'Pathological fracture' },
  { key: 'softTissueExtension', column: 'soft_tissue_extension', label: 'Soft-tissue extension' },
  { key: 'epiduralExtension', column: 'epidural_extension', label: 'Epidural extension' },
] as const;

/** yes / no / not recorded. */
export function yesNoText(value: boolean | null): string {
  return value === null ? 'not recorded' : value ? 'yes' : 'no';
}

/** The lesion's place in words: "Femur, Femoral diaphysis (shaft), left". */
export function locationText(lesion: Lesion): string {
  const bone = getBone(lesion.boneId);
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId) : undefined;
  return [bone?.name ?? lesion.boneId, region?.name, lesion.laterality ?? 'laterality not recorded'].filter(Boolean).join(', ');
}

/** The most specific SNOMED CT code of the lesion's site: its region's when coded, else its bone's. */
export function siteCode(lesion: Lesion): SnomedCode | null {
  const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId) : undefined;
  return region?.code ?? getBone(lesion.boneId)?.code ?? null;
}

/** "Site: lower limb = 2 points", "Pain: missing (1-3 points possible)", "Axial > 30 mm: 34 mm, met". */
export function componentText(component: ScoreComponent): string {
  const value = component.value ?? 'missing';
  if (component.met !== null) return `${component.name}: ${value}, ${component.met ? 'met' : 'not met'}`;
  if (component.points !== null) return `${component.name}: ${value} = ${component.points} point${component.points === 1 ? '' : 's'}`;
  if (component.possiblePoints) {
    const [lo, hi] = component.possiblePoints;
    return `${component.name}: ${value} (${lo}-${hi} points possible)`;
  }
  return `${component.name}: ${value}`;
}

/** The total as a reader reads it: "10", "8-11 (range while inputs are missing)", "2 criteria met", or the ESCC grade. */
export function totalText(result: ScoreResult): string {
  if (!result.applicable) return `not applicable (${result.notApplicableReason ?? 'no reason given'})`;
  // Harrington and Van der Linden count the criteria met; say so, or "2" reads like points.
  const unit = result.score === 'harrington' || result.score === 'van-der-linden' ? ' criteria met' : '';
  if (result.total !== null) return `${result.total}${unit}`;
  if (result.range) return `${result.range[0]}-${result.range[1]}${unit} (range while inputs are missing)`;
  // ESCC is a grade, not a sum: its one component carries it.
  const grade = result.components[0];
  return grade?.value ? `grade ${grade.value}` : 'not recorded';
}

/** The recorded Bilsky grade an ESCC result carries in its one component ("2 (cord compressed...)"), or null. */
export function esccGradeOf(result: ScoreResult): EsccGrade | null {
  const value = result.score === 'escc' ? result.components[0]?.value : null;
  const parsed = EsccGradeSchema.safeParse(value?.split(' ')[0]);
  return parsed.success ? parsed.data : null;
}

/** The band as a reader reads it: one band, or every band still possible. */
export function bandText(result: ScoreResult): string | null {
  if (result.band) return result.band.label;
  if (result.possibleBands.length > 0) return `one of: ${result.possibleBands.map((b) => b.label).join(' | ')}`;
  return null;
}

/**
 * What a lesion's urgency could still become, in words: "routine now; could be urgent: missing
 * pathological fracture", or null when the recorded inputs already decide it.
 */
export function worstCaseText(urgency: Urgency): string | null {
  if (urgency.worstCase === urgency.level) return null;
  return `${urgencyLabel(urgency.level)} now; could be ${urgencyLabel(urgency.worstCase)}: missing ${urgency.missingInputs.join(', ')}`;
}
