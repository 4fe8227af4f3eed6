import { useCallback, useEffect, useRef, useState } from 'react';
import { problemHeadline, takenBackText, type OutboxStatus, type SyncReport } from '@shared/pacs/team-sync';
import { call } from '../api/client';
import { PacsSettingsDialog, usePacsSettings } from '../features/settings';
import { formatClockTime } from './format';
import { useNotices } from './errors';
import { useIndexVersion } from './index-version';
import { useLiveRefresh } from './use-live-refresh';

/** The header asks the core how the outbox stands this often (a local query; the core syncs on its own timer). */
const CHECK_EVERY_MS = 3000;

/** What a sync did, in one sentence for the notice bar. */
function reportText(report: SyncReport): string {
  // What it took back after a restore is told from the outbox, as for the app's own syncs.
  return `Synced with the PACS: ${report.published} sent, ${report.received} received${report.waiting > 0 ? `, ${report.waiting} still waiting` : ''}.`;
}

/**
 * The header's view of the team's PACS: "N waiting to be sent" and why (PACS unreachable, refused
 * with status N, certificate not trusted), or when it last synced; "Sync now"; the PACS settings.
 * When a sync (this one or the app's own every interval) received the team's work, the pages
 * that list lesions load again.
 */
export function TeamSyncStatus() {
  const live = useLiveRefresh(CHECK_EVERY_MS);
  const { bump } = useIndexVersion();
  const { inform, reportError } = useNotices();
  const { pacs, reload } = usePacsSettings();
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [settings, setSettings] = useState(false);
  const lastSyncSeen = useRef<string | null | undefined>(undefined);
  const takenBackSeen = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    let current = true;
    live.track(call('pacs.outbox', {})).then(
      (value) => current && setStatus(value),
      () => undefined, // the app-info check already tells when the app cannot be reached
    );
    return () => {
      current = false;
    };
  }, [live.tick, live.track]);

  useEffect(() => {
    const at = status?.lastSync?.at ?? null;
    if (status === null || at === lastSyncSeen.current) return;
    if (lastSyncSeen.current !== undefined && (status.lastSync?.received ?? 0) > 0) bump();
    lastSyncSeen.current = at;
  }, [status, bump]);

  // Records taken back after a restore by a sync (the app's own, or Sync now): said once, and the pages show them.
  useEffect(() => {
    const at = status?.takenBack?.at ?? null;
    if (status === null || at === takenBackSeen.current) return;
    if (takenBackSeen.current !== undefined && status.takenBack) {
      inform(takenBackText(status.takenBack.records));
      bump();
    }
    takenBackSeen.current = at;
  }, [status, bump, inform]);

  const syncNow = useCallback(async () => {
    setSyncing(true);
    try {
      const report = await call('pacs.sync', {});
      inform(reportText(report));
      if (report.errors.length > 0) reportError(new Error(`${report.errors[0]!.record}: ${report.errors[0]!.message}`), 'Sync with the PACS');
    } catch (error) {
      reportError(error, 'Sync with the PACS failed');
    } finally {
      setSyncing(false);
      live.refresh();
      // Whatever this or an earlier sync brought, the pages show it now.
      bump();
    }
  }, [inform, reportError, live, bump]);

  if (status === null) return null;
  // Publications queued before the PACS was forgotten wait for one; the sender says so only when it tries.
  const reason = status.reason ?? (status.pacsConfigured ? null : { kind: 'no-pacs' as const, httpStatus: null, message: 'No PACS is configured: set one in PACS settings.' });
  return (
    <div className="team-sync" data-testid="team-sync">
      {status.waiting > 0 ? (
        <span className="sync-waiting" title={reason?.message ?? 'Waiting for the next attempt'} data-testid="outbox-waiting" data-waiting={status.waiting} data-reason={reason?.kind ?? ''}>
          {status.waiting} waiting to be sent{reason && <span className="sync-reason"> · {problemHeadline(reason)}</span>}
        </span>
      ) : !status.pacsConfigured ? (
        <span className="muted small">Team PACS not set</span>
      ) : (
        <span className="muted small" title={status.lastSync?.error ?? undefined} data-testid="sync-state">
          {status.lastSync ? `Synced ${formatClockTime(new Date(status.lastSync.at))}${status.lastSync.error ? ' (with errors)' : ''}` : 'Not synced yet'}
        </span>
      )}
      {status.pacsConfigured && (
        <button type="button" onClick={() => void syncNow()} disabled={syncing} data-testid="sync-now" title={`Send what waits and fetch the team's findings now (the app also does every ${status.syncIntervalSeconds} s)`}>
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      )}
      <button type="button" className="icon-button" onClick={() => setSettings(true)} disabled={pacs === undefined} data-testid="pacs-settings-open" title="PACS settings" aria-label="PACS settings">
        ⚙
      </button>
      {settings && pacs !== undefined && (
        <PacsSettingsDialog
          current={pacs}
          onSaved={() => {
            reload();
            live.refresh();
          }}
          onClose={() => setSettings(false)}
        />
      )}
    </div>
  );
}
