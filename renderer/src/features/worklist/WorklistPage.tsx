import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useIndexVersion } from '../../app/index-version';
import { useLoaded } from '../../app/use-call';
import { plural } from '../study-browser/format';
import { useMarkVisitedOnLeave } from './use-mark-visited';
import { WorklistFilterBar } from './WorklistFilterBar';
import { rememberFilters, rememberedFilters, worklistRequest, type WorklistFilters } from './worklist-filters';
import { WorklistTable } from './WorklistTable';
import { formatDateTime } from './worklist-format';
import './worklist.css';

const TYPING_DELAY_MS = 200;
const LIMIT = 2000;

/** The surgeon's worklist: every flagged lesion across studies, most urgent and newest first. */
export function WorklistPage() {
  const { version } = useIndexVersion();
  const [filters, setFilters] = useState<WorklistFilters>(rememberedFilters);
  const [sent, setSent] = useState<WorklistFilters>(filters);
  useEffect(() => {
    rememberFilters(filters);
    // Typing waits for a pause; every other filter applies at once.
    const timer = setTimeout(() => setSent(filters), filters.text === sent.text && filters.reader === sent.reader ? 0 : TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, sent.text, sent.reader]);
  const list = useLoaded(() => call('worklist.get', worklistRequest(sent, LIMIT)), [sent, version], 'Loading the worklist failed');
  useMarkVisitedOnLeave();
  const rows = list.value?.rows ?? [];
  const fresh = rows.filter((row) => row.isNew).length;
  const lastVisit = list.value?.lastVisit;
  return (
    <div className="page worklist-page" data-testid="worklist-page">
      <div className="worklist-heading">
        <h2>Worklist</h2>
        <span className="muted">Lesions flagged for a surgeon, across all studies</span>
      </div>
      <WorklistFilterBar filters={filters} counts={list.value?.counts} onChange={setFilters} />
      <div className="result-line" data-testid="worklist-count" aria-live="polite">
        {list.loading && list.value === undefined ? 'Loading…' : `${plural(rows.length, 'lesion')}${rows.length === LIMIT ? '+' : ''}`}
        {list.value && (
          <span className="muted" data-testid="worklist-new-count">
            {' '}
            · {fresh} new {lastVisit ? `since your last visit (${formatDateTime(lastVisit)})` : '(first visit)'}
          </span>
        )}
        {list.loading && list.value !== undefined && <span className="muted"> · updating…</span>}
      </div>
      {rows.length > 0 ? (
        <WorklistTable rows={rows} sort={filters.sort} onSort={(sort) => setFilters({ ...filters, sort })} now={Date.now()} />
      ) : (
        list.value && (
          <p className="empty-note" data-testid="worklist-empty">
            {filters.urgencies.length === 0 ? 'Choose at least one urgency to see lesions.' : 'No lesion matches these filters.'}
          </p>
        )
      )}
    </div>
  );
}
