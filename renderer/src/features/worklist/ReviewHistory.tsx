import { ROLE_LABELS } from '@shared/reader/roles';
import type { ListedReview } from '@shared/worklist/review';
import { DECISION_LABELS, lesionChangeText } from '@shared/worklist/review';
import { formatDateTime } from '../../app/format';

/** Every decision on a lesion, newest first, with who recorded it, in which role, and when, and whether the lesion changed after it. */
export function ReviewHistory({ reviews }: { reviews: ListedReview[] }) {
  if (reviews.length === 0) return <p className="muted small" data-testid="no-reviews">No specialist's decision yet.</p>;
  return (
    <ol className="review-history" data-testid="review-history">
      {reviews.map((review) => (
        <li key={review.id} data-testid="review-item" data-decision={review.decision}>
          <div className="review-head">
            <strong data-testid="review-decision">{DECISION_LABELS[review.decision]}</strong>
            <span className="muted small" data-testid="review-by">
              {review.origin?.readerName ? `${review.origin.readerName} (${review.reviewer})` : review.reviewer} · <span data-testid="review-role">{review.reviewerRole ? ROLE_LABELS[review.reviewerRole] : 'role not recorded'}</span> · {formatDateTime(review.createdAt)}
              {review.origin && <span data-testid="review-origin"> · received from workstation {review.origin.workstation}</span>}
            </span>
          </div>
          {review.lesionChangedAfter && (
            <p className="review-outdated" role="note" data-testid="review-lesion-changed">
              {lesionChangeText(review.lesionChangedAfter, formatDateTime(review.lesionChangedAfter.at))}
            </p>
          )}
          {review.comment && (
            <p className="review-comment" data-testid="review-comment">
              {review.comment}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
