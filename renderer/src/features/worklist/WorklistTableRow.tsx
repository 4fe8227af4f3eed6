import type { KeyboardEvent } from 'react';
import { ROLE_LABELS } from '@shared/reader/roles';
import type { WorklistRow } from '@shared/worklist/worklist';
import { lesionHref, navigate } from '../../app/routes';
import { formatPatientName } from '@shared/dicom/person-name';
import { formatDate, formatDateTime } from '../../app/format';
import { DECISION_LABELS, lesionChangeText } from '@shared/worklist/review';
import { UrgencyBadge } from '../../components/UrgencyBadge';
import { urgencyLabel } from '@shared/scoring/urgency-level';
import { formatAge, formatSite, keyScoreTexts } from './worklist-format';

/** Moves the focus to a sibling row: the arrows walk the list, Home and End jump to its ends. */
function walkRows(event: KeyboardEvent<HTMLTableRowElement>): void {
  const row = event.currentTarget;
  const rows = [...(row.parentElement?.querySelectorAll<HTMLTableRowElement>('tr[data-lesion-id]') ?? [])];
  const at = rows.indexOf(row);
  const target = { ArrowDown: rows[at + 1], ArrowUp: rows[at - 1], Home: rows[0], End: rows[rows.length - 1] }[event.key];
  if (target === undefined && !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  event.preventDefault();
  target?.focus();
}

/** One flagged lesion; a click or Enter opens it at its slice, the arrows move between rows. */
export function WorklistTableRow({ row, isNew, now }: { row: WorklistRow; isNew: boolean; now: number }) {
  const open = () => navigate(lesionHref(row.lesionId));
  const name = formatPatientName(row.patientName);
  const review = row.latestReview;
  return (
    <tr
      className={`clickable${isNew ? ' is-new' : ''}`}
      tabIndex={0}
      onClick={open}
      onKeyDown={(event) => (event.key === 'Enter' ? open() : walkRows(event))}
      data-testid="worklist-row"
      data-lesion-id={row.lesionId}
      data-urgency={row.urgency.level}
      data-new={isNew}
    >
      <td className="new-cell">
        {isNew && (
          <span className="new-mark" title={row.isNew ? 'Flagged or changed since your last visit to the worklist' : 'Flagged or changed while this list was open'}>
            New
          </span>
        )}
      </td>
      <td className="urgency-cell" data-testid="worklist-urgency">
        <UrgencyBadge level={row.urgency.level} />
        {row.urgency.reasons.length > 0 && (
          <ul className="urgency-reasons">
            {row.urgency.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        {row.urgency.dependsOnMissingInputs && (
          <div className="urgency-could-be" title={row.urgency.worstCaseReasons.join('\n')} data-testid="worklist-incomplete">
            <strong>incomplete: could be {urgencyLabel(row.urgency.worstCase)}</strong> · {row.urgency.missingInputs.join(', ')} missing
          </div>
        )}
      </td>
      <td data-testid="worklist-patient">
        <div className={name === '(no name)' ? 'muted' : undefined}>{name}</div>
        <div className="muted small">{row.patientId}</div>
      </td>
      <td data-testid="worklist-study-date">{formatDate(row.studyDate)}</td>
      <td data-testid="worklist-site">{formatSite(row)}</td>
      <td className="score-cell" data-testid="worklist-scores">
        {keyScoreTexts(row).map((text) => (
          <div key={text}>{text}</div>
        ))}
      </td>
      <td data-testid="worklist-reader" title={row.readerName ?? undefined}>
        {row.reader}
        {row.origin && (
          <div className="muted small" data-testid="worklist-origin" title={`Recorded on workstation ${row.origin.workstation} and received through the PACS (version ${row.origin.version}): read-only here`}>
            from {row.origin.workstation}
          </div>
        )}
      </td>
      <td data-testid="worklist-status">{row.status}</td>
      <td data-testid="worklist-review">
        {review ? (
          <span title={review.comment}>
            {DECISION_LABELS[review.decision]} <span className="muted">· {review.reviewer}{review.reviewerRole && ` (${ROLE_LABELS[review.reviewerRole]})`}</span>
            {review.origin && (
              <div className="muted small" data-testid="worklist-review-origin" title={`Decided by ${review.origin.readerName ?? review.reviewer} on workstation ${review.origin.workstation}, received through the PACS`}>
                from {review.origin.workstation}
              </div>
            )}
            {review.lesionChangedAfter && (
              <div className="review-outdated small" title={lesionChangeText(review.lesionChangedAfter, formatDateTime(review.lesionChangedAfter.at))} data-testid="worklist-review-outdated">
                lesion changed since: {review.lesionChangedAfter.fields.join(', ')}
              </div>
            )}
          </span>
        ) : (
          <span className="muted">Not reviewed</span>
        )}
      </td>
      <td className="num" title={row.createdAt} data-testid="worklist-age">
        {formatAge(row.createdAt, now)}
      </td>
    </tr>
  );
}
