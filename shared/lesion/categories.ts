import { z } from 'zod';

// The categorical inputs of the scores, as CLINICAL.md names them. The points
// each category earns live in shared/scoring/tables.ts, not here.

/** Radiographic nature of a bone lesion [read]. */
export const LesionNatureSchema = z.enum(['lytic', 'blastic', 'mixed']);
export type LesionNature = z.infer<typeof LesionNatureSchema>;

/** Mirels pain [clin]: functional = aggravated by limb use. */
export const MirelsPainSchema = z.enum(['mild', 'moderate', 'functional']);
export type MirelsPain = z.infer<typeof MirelsPainSchema>;

/** SINS pain [clin]: mechanical, occasional but not mechanical, pain-free. */
export const SinsPainSchema = z.enum(['mechanical', 'occasional', 'pain-free']);
export type SinsPain = z.infer<typeof SinsPainSchema>;

/** SINS radiographic spinal alignment [read]. */
export const SpinalAlignmentSchema = z.enum(['subluxation-translation', 'de-novo-deformity', 'normal']);
export type SpinalAlignment = z.infer<typeof SpinalAlignmentSchema>;

/**
 * SINS vertebral body collapse [img/read]: > 50% collapse; < 50% collapse; no
 * collapse with > 50% of the body involved; none of these.
 */
export const VertebralCollapseSchema = z.enum(['over-50', 'under-50', 'none-over-50-involved', 'none-of-these']);
export type VertebralCollapse = z.infer<typeof VertebralCollapseSchema>;

/** SINS posterolateral involvement of the spinal elements (facet, pedicle, costovertebral joint) [read]. */
export const PosterolateralInvolvementSchema = z.enum(['bilateral', 'unilateral', 'none']);
export type PosterolateralInvolvement = z.infer<typeof PosterolateralInvolvementSchema>;

/** Bilsky epidural spinal cord compression grade on axial T2 MRI at the worst level [read]. */
export const EsccGradeSchema = z.enum(['0', '1a', '1b', '1c', '2', '3']);
export type EsccGrade = z.infer<typeof EsccGradeSchema>;

/** Workflow status of a lesion record. */
export const LesionStatusSchema = z.enum(['draft', 'final']);
export type LesionStatus = z.infer<typeof LesionStatusSchema>;
