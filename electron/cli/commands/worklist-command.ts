import type { RequestOf } from '@shared/ipc/contract';
import type { ListedReview } from '@shared/worklist/review';
import { flagValue, type ParsedArguments } from '../arguments';
import { call, openCore } from '../cli-context';
import { printJson } from '../output';

/** The review column of a text line: a decision made on the lesion as it was says so, with what changed. */
function reviewedText(review: ListedReview | null): string {
  if (!review) return 'not reviewed';
  const changed = review.lesionChangedAfter ? ` (LESION CHANGED SINCE: ${review.lesionChangedAfter.fields.join(', ')}, by ${review.lesionChangedAfter.by} at ${review.lesionChangedAfter.at})` : '';
  return `reviewed: ${review.decision}${changed}`;
}

/**
 * `worklist [--urgency emergency,urgent] [--site spine|bone] [--reviewed yes|no] [--reader AB]
 * [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--text T] [--sort urgency|newest|oldest|patient|study-date] [--json]`
 */
export async function worklistCommand(args: ParsedArguments): Promise<void> {
  const urgencies = flagValue(args, 'urgency')?.split(',').map((u) => u.trim()).filter(Boolean);
  const query = {
    urgencies, site: flagValue(args, 'site'), reviewed: flagValue(args, 'reviewed'), reader: flagValue(args, 'reader'),
    dateFrom: flagValue(args, 'from'), dateTo: flagValue(args, 'to'), text: flagValue(args, 'text'), sort: flagValue(args, 'sort'),
  };
  const core = openCore(args);
  try {
    // The same zod schema as every door checks the filters, so a typo is refused with its reason.
    const list = await call(core, 'worklist.get', JSON.parse(JSON.stringify(query)) as RequestOf<'worklist.get'>);
    if (args.flags.has('json')) return void printJson(list);
    console.log(Object.entries(list.counts).map(([level, n]) => `${level}: ${n}`).join('  '));
    for (const row of list.rows) {
      const reader = `${row.reader}${row.origin ? ` from ${row.origin.workstation}` : ''}`;
      // The worst case leads as the level does, and the summary names the inputs it waits on: a lesion
      // that could be an emergency is never printed as only what its recorded inputs give.
      const { level, worstCase } = row.urgency;
      const urgency = worstCase === level ? level.toUpperCase() : `${level.toUpperCase()}, COULD BE ${worstCase.toUpperCase()}`;
      console.log([urgency, row.patientName || '(no name)', row.patientId, [row.laterality, row.bone, row.region].filter(Boolean).join(' '), row.urgency.summary, reader, reviewedText(row.latestReview), row.lesionId].join('  '));
    }
  } finally {
    core.close();
  }
}
