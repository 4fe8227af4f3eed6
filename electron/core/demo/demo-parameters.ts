import { z } from 'zod';
import shipped from '../../../resources/demo-phantom.json';

/**
 * The demo phantom's parameters as resources/demo-phantom.json gives them: what the demo study
 * is made with, kept out of code so that it ships as data. Bundled at build time (a JSON import),
 * so no door has to find the file at run time.
 */
export const DemoPhantomParametersSchema = z
  .object({
    about: z.string(),
    seed: z.number().int(),
    patientName: z.string().min(1),
    patientId: z.string().min(1),
    studyDate: z.string().regex(/^\d{8}$/, 'DICOM DA, YYYYMMDD'),
    rows: z.number().int().min(64).max(2048),
    columns: z.number().int().min(64).max(2048),
    sliceCount: z.number().int().min(16).max(2000),
    sliceThicknessMm: z.number().positive(),
    noiseSdHu: z.number().nonnegative(),
  })
  .strict();
export type DemoPhantomParameters = z.infer<typeof DemoPhantomParametersSchema>;

/** The parameters the app ships, checked. */
export function demoPhantomParameters(): DemoPhantomParameters {
  return DemoPhantomParametersSchema.parse(shipped);
}
