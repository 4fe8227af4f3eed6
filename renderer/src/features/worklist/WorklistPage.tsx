import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useIndexVersion } from '../../app/index-version';
import { useLoaded } from '../../app/use-call';
import { useArrivedLesions } from './use-arrived-lesions';
import { useLiveRefresh } from '../../app/use-live-refresh';
import { useMarkVisitedOnLeave } from './use-mark-visited';
import { WorklistFilterBar } from './WorklistFilterBar';
import { rememberFilters, rememberedFilters, worklistRequest, type WorklistFilters } from './worklist-filters';
import { WorklistTable } from './WorklistTable';
import { formatClockTime, formatDateTime, plural } from '../../app/format';
import './worklist.css';

const TYPING_DELAY_MS = 200;
const LIMIT = 2000;
const REFRESH_EVERY_MS = 30_000;

/** The surgeon's worklist: every flagged lesion across studies, most urgent and newest first; it keeps itself current. */
export function WorklistPage() {
  const { version } = useIndexVersion();
  const [filters, setFilters] = useState<WorklistFilters>(rememberedFilters);
  const [sent, setSent] = useState<WorklistFilters>(filters);
  useEffect(() => {
    rememberFilters(filters);
    // Typing waits for a pause; every other filter applies at once.
    const timer = setTimeout(() => setSent(filters), filters.text === sent.text ? 0 : TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, sent.text]);
  const live = useLiveRefresh(REFRESH_EVERY_MS);
  const list = useLoaded(
    () => {
      const request = worklistRequest(sent, LIMIT);
      return live.track(call('worklist.get', request)).then((answer) => ({ ...answer, filtersKey: JSON.stringify(request), loadedAt: new Date() }));
    },
    [sent, version, live.tick],
    'Loading the worklist failed',
  );
  const readers = useLoaded(() => live.track(call('worklist.readers', {})), [version, live.tick], 'Loading the readers failed');
  const arrived = useArrivedLesions(list.value);
  useMarkVisitedOnLeave();
  const rows = list.value?.rows ?? [];
  const fresh = rows.filter((row) => row.isNew || arrived.has(row.lesionId)).length;
  const lastVisit = list.value?.lastVisit;
  return (
    <div className="page worklist-page" data-testid="worklist-page" aria-busy={list.loading || readers.loading}>
      <div className="worklist-heading">
        <h2>Worklist</h2>
        <span className="muted">Lesions flagged for a surgeon, across all studies</span>
        <span className="worklist-updated">
          {list.value && (
            <span className="muted" data-testid="worklist-updated" data-loaded-at={list.value.loadedAt.toISOString()}>
              updated {formatClockTime(list.value.loadedAt)}
            </span>
          )}
          {/* Outside the live region: a refresh every 30 s must not be read out each time. */}
          {list.loading && list.value !== undefined && <span className="muted">updating…</span>}
          <button type="button" onClick={live.refresh} data-testid="worklist-refresh" title="Load the list again now (it also reloads by itself every 30 s and when you come back to this window)">
            Refresh
          </button>
        </span>
      </div>
      <WorklistFilterBar filters={filters} counts={list.value?.counts} readers={readers.value} onChange={setFilters} />
      <div className="result-line" data-testid="worklist-count" aria-live="polite">
        {list.loading && list.value === undefined ? 'Loading…' : `${plural(rows.length, 'lesion')}${rows.length === LIMIT ? '+' : ''}`}
        {list.value && (
          <span className="muted" data-testid="worklist-new-count">
            {' '}
            · {fresh} new {lastVisit ? `since your last visit (${formatDateTime(lastVisit)})` : '(first visit)'}
          </span>
        )}
      </div>
      {rows.length > 0 ? (
        <WorklistTable rows={rows} arrived={arrived} sort={filters.sort} onSort={(sort) => setFilters({ ...filters, sort })} now={Date.now()} />
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
