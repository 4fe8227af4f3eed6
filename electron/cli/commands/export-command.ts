import { AppError } from '@shared/errors';
import type { ParsedArguments } from '../arguments';

type Command = (args: ParsedArguments) => Promise<void>;

// Each export kind loads only its own code: the DICOM writers are large and a CSV needs none of them.
const KINDS: Record<string, () => Promise<Command>> = {
  csv: async () => (await import('./export-referral-commands')).exportCsvCommand,
  referral: async () => (await import('./export-referral-commands')).exportReferralCommand,
  fhir: async () => (await import('./export-referral-commands')).exportFhirCommand,
  stow: async () => (await import('./export-referral-commands')).exportStowCommand,
  sr: async () => (await import('./export-dicom-commands')).exportSrCommand,
  seg: async () => (await import('./export-dicom-commands')).exportSegCommand,
  dataset: async () => (await import('./export-dicom-commands')).exportDatasetCommand,
};

/** `export <kind> ...`: the referral packet, FHIR bundle, tables, DICOM exports and sending to a PACS. */
export async function exportCommand(args: ParsedArguments): Promise<void> {
  const [kind, ...rest] = args.positionals;
  const load = kind ? KINDS[kind] : undefined;
  if (!load) throw new AppError('invalid_request', `export needs one of: ${Object.keys(KINDS).join(', ')}`);
  await (await load())({ ...args, positionals: rest });
}
