import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import { problemHeadline, takenBackText, type OutboxStatus } from '@shared/pacs/team-sync';
import { DECISION_LABELS, ReviewDecisionSchema } from '@shared/worklist/review';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printJson } from '../output';
import { revisionFlag } from '../revision-flag';

function printOutbox(status: OutboxStatus): void {
  console.log(status.waiting === 0 ? 'Nothing waits to be sent.' : `${status.waiting} waiting to be sent${status.reason ? `: ${problemHeadline(status.reason)}` : ''}.`);
  if (status.reason) console.log(`  ${status.reason.message}`);
  if (status.takenBack) console.log(`At ${status.takenBack.at}: ${takenBackText(status.takenBack.records)}`);
  for (const item of status.items) {
    const what = item.kind === 'findings' ? `findings of ${item.reader}` : `decision ${item.recordId} of ${item.reader}`;
    console.log(`  #${item.id} ${what} on ${item.studyInstanceUid}${item.version ? ` v${item.version}` : ''}, ${item.attempts} attempt(s)${item.nextAttemptAt ? `, next at ${item.nextAttemptAt}` : ''}${item.purpose === 'new-pacs' ? ', sent again: the new PACS does not hold it' : ''}`);
  }
}

/**
 * `sync [--json]`: publishes what waits (every publication tried now) and fetches what the team
 * published; prints {published, received, waiting, errors: [{record, message}], takenBack?}. Exits 1 when anything failed.
 */
export async function syncCommand(args: ParsedArguments): Promise<void> {
  const core = openCore(args);
  try {
    const report = await call(core, 'pacs.sync', {});
    if (args.flags.has('json')) printJson(report);
    else {
      console.log(`Published ${report.published}, received ${report.received}, ${report.waiting} waiting to be sent.`);
      if (report.takenBack) console.log(takenBackText(report.takenBack));
      for (const error of report.errors) console.log(`  ${error.record}: ${error.message}`);
    }
    // The report is out on stdout; the failure's summary goes to stderr with exit code 1.
    if (report.errors.length > 0) throw new AppError('io_error', `${report.errors.length} failure(s) in this sync: ${report.errors[0]!.message}`);
  } finally {
    core.close();
  }
}

/** `outbox [--json]`: what waits to be sent to the PACS, and why. */
export async function outboxCommand(args: ParsedArguments): Promise<void> {
  const core = openCore(args);
  try {
    const status = await call(core, 'pacs.outbox', {});
    if (args.flags.has('json')) printJson(status);
    else printOutbox(status);
  } finally {
    core.close();
  }
}

/**
 * `review add <lesionId> --decision D [--comment C] [--revision N] [--json]`: a decision by the signed-in reviewing specialist,
 * published at the next sync; with --revision, refused when the lesion was saved since that revision.
 */
export async function reviewCommand(args: ParsedArguments): Promise<void> {
  const [action, lesionId] = args.positionals;
  if (action !== 'add' || !lesionId) throw new AppError('invalid_request', `review add <lesion id> --decision D [--comment C]; D: ${ReviewDecisionSchema.options.join(', ')}`);
  const decision = flagValue(args, 'decision');
  if (!decision || !ReviewDecisionSchema.safeParse(decision).success) {
    throw new AppError('invalid_request', `--decision ${decision ?? '(missing)'} is not a decision: ${ReviewDecisionSchema.options.join(', ')}`);
  }
  const core = openCore(args);
  try {
    const reader = await call(core, 'reader.get', {});
    if (!reader) throw new AppError('forbidden', 'Name yourself first: reader set <initials> <name> --role surgeon (or another reviewing role).');
    const review = await call(core, 'reviews.save', { review: { id: randomUUID(), lesionId, decision: decision as never, comment: flagValue(args, 'comment') ?? '', reviewer: reader.initials }, lesionRevision: revisionFlag(args) });
    if (args.flags.has('json')) return void printJson(review);
    console.log(`Decision recorded on lesion ${lesionId}: ${DECISION_LABELS[review.decision]} (${review.reviewer}, ${review.reviewerRole}), ${review.createdAt}.`);
  } finally {
    core.close();
  }
}
