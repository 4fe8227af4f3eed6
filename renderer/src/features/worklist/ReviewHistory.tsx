import type { Review } from '@shared/worklist/review';
import { DECISION_LABELS } from './decision-labels';
import { formatDateTime } from './worklist-format';

/** Every review of a lesion, newest first, with who recorded it and when. */
export function ReviewHistory({ reviews }: { reviews: Review[] }) {
  if (reviews.length === 0) return <p className="muted small" data-testid="no-reviews">No surgeon's review yet.</p>;
  return (
    <ol className="review-history" data-testid="review-history">
      {reviews.map((review) => (
        <li key={review.id} data-testid="review-item" data-decision={review.decision}>
          <div className="review-head">
            <strong data-testid="review-decision">{DECISION_LABELS[review.decision]}</strong>
            <span className="muted small" data-testid="review-by">
              {review.reviewer} · {formatDateTime(review.createdAt)}
            </span>
          </div>
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
