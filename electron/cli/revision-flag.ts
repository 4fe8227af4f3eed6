import { AppError } from '@shared/errors';
import { flagValue, type ParsedArguments } from './arguments';

/** The revision given for a lesion by `--revision N`, or undefined. */
export function revisionFlag(args: ParsedArguments): number | undefined {
  const given = flagValue(args, 'revision');
  if (given === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(given)) throw new AppError('invalid_request', `--revision ${given} is not a revision: the number \`lesions list --json\` shows with the lesion.`);
  return Number(given);
}
