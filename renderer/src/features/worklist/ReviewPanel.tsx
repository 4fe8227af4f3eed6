import { useState } from 'react';
import { isReviewingRole, reviewingRolesText, ROLE_LABELS, roleWithArticle } from '@shared/reader/roles';
import { DECISION_LABELS, ReviewDecisionSchema, type ReviewDecision } from '@shared/worklist/review';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { useNotices } from '../../app/errors';
import { useExternalStore } from '../../app/use-external-store';
import { useIndexVersion } from '../../app/index-version';
import { useLoaded } from '../../app/use-call';
import { readerStore } from '../reader';
import { ReviewHistory } from './ReviewHistory';
import './worklist.css';

/**
 * The reviewing specialists' decisions on a lesion, each with who recorded it, in which role and
 * when (the app's clock at saving), listed for everyone, so the radiologist sees them. Only a
 * reviewing specialist (surgeon, neurosurgeon, radiation oncologist, interventional radiologist)
 * records one; the core refuses anyone else, whatever the page shows.
 * @param lesionRevision - the revision of the lesion as shown: a decision on it is refused when the lesion was saved since
 * @param onRecorded - told after a decision is recorded (the lesion's audit trail reloads)
 */
export function ReviewPanel({ lesionId, lesionRevision, onRecorded }: { lesionId: string; lesionRevision: number; onRecorded?(): void }) {
  const [saved, setSaved] = useState(0);
  // Decisions received from the team's PACS arrive with a sync, which bumps the index version.
  const { version } = useIndexVersion();
  const reviews = useLoaded(() => call('reviews.list', { lesionId }), [lesionId, saved, version], 'Loading the reviews failed');
  const { loaded, reader: me } = useExternalStore(readerStore);
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { inform } = useNotices();
  const decides = me !== null && isReviewingRole(me.role);

  const submit = async () => {
    if (!decision || !me) return;
    setSaving(true);
    setError(null);
    try {
      // The reviewer is whoever is signed in at the moment of saving (the header's reader chip).
      const review = await call('reviews.save', { review: { id: crypto.randomUUID(), lesionId, decision, comment: comment.trim(), reviewer: me.initials }, lesionRevision });
      setDecision(null);
      setComment('');
      setSaved((n) => n + 1);
      onRecorded?.();
      inform(`Decision recorded: ${DECISION_LABELS[review.decision]} (${review.reviewer}, ${review.reviewerRole ? ROLE_LABELS[review.reviewerRole].toLowerCase() : 'role not recorded'}).`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="review-panel" aria-label="Specialists' decisions" data-testid="review-panel">
      <h3>Specialists' decisions</h3>
      <ReviewHistory reviews={reviews.value ?? []} />
      {!decides && (
        <p className="muted small" data-testid="review-who-decides">
          {me
            ? `Only a reviewing specialist (${reviewingRolesText()}) records a decision; ${me.initials} is signed in as ${roleWithArticle(me.role)}.`
            : loaded
              ? 'Nobody is signed in: a reviewing specialist signs in (header) to record a decision.'
              : ''}
        </p>
      )}
      {/* Not a <form>: the panel sits inside the lesion form, and forms do not nest. */}
      {decides && (
        <div className="review-form" role="group" aria-label="Record a decision">
          <fieldset>
            <legend>Decision</legend>
            {ReviewDecisionSchema.options.map((option) => (
              <label key={option} className="review-choice">
                <input type="radio" name={`decision-${lesionId}`} value={option} checked={decision === option} onChange={() => setDecision(option)} data-testid={`review-decision-${option}`} />
                {DECISION_LABELS[option]}
              </label>
            ))}
          </fieldset>
          <label className="review-comment-field">
            Comment
            <textarea value={comment} maxLength={20_000} rows={3} onChange={(event) => setComment(event.target.value)} data-testid="review-comment-input" />
          </label>
          {error && (
            <p className="inline-error" role="alert" data-testid="review-error">
              {error}
            </p>
          )}
          <div className="review-actions">
            <span className="muted small" data-testid="review-as">
              Recorded as {me.initials} ({me.name}, {ROLE_LABELS[me.role].toLowerCase()}), now
            </span>
            <button type="button" className="primary" disabled={!decision || saving} onClick={() => void submit()} data-testid="review-save">
              {saving ? 'Recording…' : 'Record decision'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
