import { z } from 'zod';

// The constants of the CT-based rigidity analysis (CTRA), stated once and printed with every
// result: the sources differ on them (see CLINICAL.md, "CTRA and cortical measurement"), so a
// reader must always see which were used. Every value here is a default a setting may replace.

/** Ash density from (calibrated) HU: rho = intercept + slope * HU, g/cm3. */
export const DensityLawSchema = z.object({
  interceptGPerCm3: z.number(),
  slopeGPerCm3PerHu: z.number(),
  source: z.string(),
});
export type DensityLaw = z.infer<typeof DensityLawSchema>;

/** Elastic modulus from ash density: E = coefficient * rho^exponent, MPa (rho <= 0 gives 0). */
export const ModulusLawSchema = z.object({
  coefficientMpa: z.number().positive(),
  exponent: z.number().positive(),
  source: z.string(),
});
export type ModulusLaw = z.infer<typeof ModulusLawSchema>;

/** Dragomir-Daescu et al. 2011 (Ann Biomed Eng 39:742), as listed in Knowles et al. 2016's review. */
export const DRAGOMIR_DAESCU_DENSITY: DensityLaw = {
  interceptGPerCm3: -0.009,
  slopeGPerCm3PerHu: 0.0007,
  source: 'Dragomir-Daescu et al. 2011: rho_ash = -0.009 + 0.0007 * HU (g/cm3)',
};

/** Dragomir-Daescu et al. 2011: E = 14664 * rho_ash^1.49 (MPa). */
export const DRAGOMIR_DAESCU_MODULUS: ModulusLaw = {
  coefficientMpa: 14664,
  exponent: 1.49,
  source: 'Dragomir-Daescu et al. 2011: E = 14664 * rho_ash^1.49 (MPa)',
};

/** Poisson's ratio of bone for G = E / (2 (1 + nu)); 0.3 is the usual isotropic value in CT-based models. */
export const POISSON_RATIO = 0.3;

/** A lowest ratio at or below this (a reduction of 35% or more) is flagged (Snyder 2006; Nazarian; wording not verified). */
export const RIGIDITY_FLAG_RATIO = 0.65;

/**
 * Reference HU of the tissues the phantom-less calibration uses (after Eggermont et al. 2019,
 * who calibrated from air, fat and muscle): typical values, not measured in a phantom.
 */
export const TISSUE_REFERENCE_HU = { air: -1000, fat: -100, muscle: 50 } as const;

/** How the scan's HU were mapped before the density law: calibrated HU = intercept + slope * HU. */
export const CalibrationResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tissues'),
    /** The histogram peaks found (HU as scanned), null where a tissue was not found. */
    measuredHu: z.object({ air: z.number().nullable(), fat: z.number().nullable(), muscle: z.number().nullable() }),
    referenceHu: z.object({ air: z.number(), fat: z.number(), muscle: z.number() }),
    slope: z.number(),
    interceptHu: z.number(),
    note: z.string(),
  }),
  z.object({
    kind: z.literal('phantom'),
    inserts: z.array(z.object({ meanHu: z.number(), ashDensityGPerCm3: z.number() })),
    /** Replaces the density law: rho_ash = intercept + slope * HU, fitted to the inserts. */
    density: DensityLawSchema,
    note: z.string(),
  }),
]);
export type CalibrationResult = z.infer<typeof CalibrationResultSchema>;

/** Every constant a rigidity result depends on, printed beside it. */
export const CtraConstantsSchema = z.object({
  calibration: CalibrationResultSchema,
  density: DensityLawSchema,
  modulus: ModulusLawSchema,
  poissonRatio: z.number(),
  flagAtOrBelowRatio: z.number(),
  units: z.object({ ea: z.literal('N'), eiMin: z.literal('N mm2'), gj: z.literal('N mm2') }),
  criterion: z.string(),
});
export type CtraConstants = z.infer<typeof CtraConstantsSchema>;

/** The criterion, worded for every place it is shown. */
export const RIGIDITY_CRITERION =
  'Experimental (CTRA): a lowest ratio of axial (EA), minimum bending (EI) or torsional (GJ) rigidity of 0.65 or less ' +
  'against the reference at the same level (a reduction of more than 35%) predicted fracture in the published studies ' +
  '(Snyder 2006; Nazarian et al.); the exact published wording was not verified.';
