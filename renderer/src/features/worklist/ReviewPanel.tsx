import { useState } from 'react';
import { useExternalStore } from '../../app/use-external-store';
import { ReviewDecisionSchema, type ReviewDecision } from '@shared/worklist/review';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { useNotices } from '../../app/errors';
import { useLoaded } from '../../app/use-call';
import { readerStore } from '../reader/reader-store';
import { DECISION_LABELS } from './decision-labels';
import { ReviewHistory } from './ReviewHistory';
import './worklist.css';

/**
 * The surgeon's review of a lesion: a decision and a comment, recorded under the signed-in reader's
 * initials at the moment of saving, with every earlier review listed so the radiologist sees them.
 * Any reader may record one; the panel always says who did.
 */
export function ReviewPanel({ lesionId }: { lesionId: string }) {
  const [saved, setSaved] = useState(0);
  const reviews = useLoaded(() => call('reviews.list', { lesionId }), [lesionId, saved], 'Loading the reviews failed');
  const { loaded, reader: me } = useExternalStore(readerStore);
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { inform } = useNotices();

  const submit = async () => {
    if (!decision) return;
    setSaving(true);
    setError(null);
    try {
      // The reviewer is whoever is signed in at the moment of saving (the header's reader chip).
      if (!me) throw new Error('Sign in first (reader chip in the header): every review records its reviewer.');
      const review = await call('reviews.save', {
        review: { id: crypto.randomUUID(), lesionId, decision, comment: comment.trim(), reviewer: me.initials, createdAt: new Date().toISOString() },
      });
      setDecision(null);
      setComment('');
      setSaved((n) => n + 1);
      inform(`Review recorded: ${DECISION_LABELS[review.decision]} (${review.reviewer}).`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="review-panel" aria-label="Surgeon's review" data-testid="review-panel">
      <h3>Surgeon's review</h3>
      <ReviewHistory reviews={reviews.value ?? []} />
      {/* Not a <form>: the panel sits inside the lesion form, and forms do not nest. */}
      <div className="review-form" role="group" aria-label="Record a review">
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
            {me ? `Recorded as ${me.initials} (${me.name}), now` : loaded ? 'Nobody is signed in: sign in (header) to record a review.' : ''}
          </span>
          <button type="button" className="primary" disabled={!decision || saving} onClick={() => void submit()} data-testid="review-save">
            {saving ? 'Recording…' : 'Record review'}
          </button>
        </div>
      </div>
    </section>
  );
}
