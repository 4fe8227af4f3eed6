import type Database from 'better-sqlite3';
import type { Handlers } from '@shared/ipc/contract';
import { currentReader, requireReader, requireReviewer } from '../lesions/reader-settings';
import { lastWorklistVisit, markWorklistVisited } from '../worklist/last-visit';
import { lesionReviews, saveReview } from '../worklist/review-store';
import { worklist } from '../worklist/worklist-query';
import { worklistReaders } from '../worklist/worklist-readers';

type WorklistHandlers = Pick<Handlers, 'worklist.get' | 'worklist.markVisited' | 'worklist.readers' | 'reviews.list' | 'reviews.save'>;

/** The worklist and the reviewing specialists' decisions. "New" is relative to the current reader's last visit. */
export function worklistHandlers(db: Database.Database): WorklistHandlers {
  return {
    'worklist.get': async (query) => {
      const reader = currentReader(db);
      return worklist(db, query, reader ? lastWorklistVisit(db, reader.initials) : null);
    },
    'worklist.markVisited': async () => ({ lastVisit: markWorklistVisited(db, requireReader(db)) }),
    'worklist.readers': async () => worklistReaders(db),
    'reviews.list': async ({ lesionId }) => lesionReviews(db, lesionId),
    'reviews.save': async ({ review, lesionRevision }) => saveReview(db, review, requireReviewer(db), { lesionRevision }),
  };
}
