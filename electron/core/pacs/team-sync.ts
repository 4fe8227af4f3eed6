import type Database from 'better-sqlite3';
import { DEFAULT_SYNC_INTERVAL_SECONDS } from '@shared/export/pacs-settings';
import type { OutboxStatus, SyncReport } from '@shared/pacs/team-sync';
import { pacsTarget } from '../settings/pacs-settings-store';
import { outboxStatus, publicationsDue } from './publication-outbox';
import { sendWaitingPublications } from './publication-sender';
import { receiveTeamPublications } from './receive-team-publications';
import { recordSync, recordTakenBack } from './sync-record';
import { publishingWorkstation } from './team-identity';

/** How often the running app looks for publications due (a cheap query): a change goes out within about this. */
const TICK_MS = 1000;

/**
 * The team's sync for one data folder: publishes what waits in the outbox and fetches what the
 * team published. The app doors run it on a timer (publications due every second, the team's
 * findings every sync interval); `sync` and "Sync now" run one whole pass at once. Passes never
 * overlap: one asked for while another runs follows it.
 */
export class TeamSync {
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  private lastReceived = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(private readonly db: Database.Database, private readonly appVersion: string) {}

  /** One whole pass now: every waiting publication tried (backoff or not), then the team's new publications fetched. */
  syncNow(): Promise<SyncReport> {
    return this.exclusive(() => this.pass(true, true));
  }

  /** What waits and why, and the last sync. */
  status(): OutboxStatus {
    return outboxStatus(this.db);
  }

  /** Starts the timer of the running app; stop() ends it. */
  start(): void {
    this.stopped = false;
    // A pass cut short by the app closing its database is no failure worth telling.
    this.timer ??= setInterval(() => void this.tick().catch((error: unknown) => this.stopped || console.error(`Team sync: ${(error as Error).message}`)), TICK_MS);
    this.timer.unref?.();
  }

  /** Stops the timer; a pass under way finishes on its own. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.busy = true;
      try {
        return await run();
      } finally {
        this.busy = false;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopped || !pacsTarget(this.db)) return;
    const interval = this.db.prepare('SELECT sync_interval_seconds FROM pacs_server WHERE id = 1').pluck().get() as number | undefined;
    const intervalMs = (interval ?? DEFAULT_SYNC_INTERVAL_SECONDS) * 1000;
    const receive = Date.now() - this.lastReceived >= intervalMs;
    const due = publicationsDue(this.db);
    if (receive || due) await this.exclusive(() => this.pass(false, receive));
  }

  private async pass(force: boolean, receive: boolean): Promise<SyncReport> {
    const sent = await sendWaitingPublications(this.db, { appVersion: this.appVersion, force });
    const report: SyncReport = { published: sent.published, received: 0, waiting: 0, errors: [...sent.errors], ...(sent.takenBack > 0 ? { takenBack: sent.takenBack } : {}) };
    if (receive) {
      this.lastReceived = Date.now();
      const target = pacsTarget(this.db);
      if (!target) {
        report.errors.push({ record: 'PACS', message: 'No PACS is configured: set one in PACS settings to share findings with the team.' });
      } else if (sent.stoppedBy?.kind === 'unreachable' || sent.stoppedBy?.kind === 'certificate') {
        // Sending just found the PACS away or untrusted: a search would fail the same way, and say it twice.
      } else {
        try {
          const received = await receiveTeamPublications(this.db, target, publishingWorkstation(this.db).id);
          report.received = received.received;
          report.errors.push(...received.errors);
          const takenBack = (report.takenBack ?? 0) + received.takenBack;
          if (takenBack > 0) report.takenBack = takenBack;
        } catch (error) {
          report.errors.push({ record: 'PACS', message: (error as Error).message });
        }
      }
      recordSync(this.db, report.received, report.errors[0]?.message ?? null);
    }
    if (report.takenBack) recordTakenBack(this.db, report.takenBack);
    report.waiting = this.db.prepare('SELECT COUNT(*) FROM pacs_outbox').pluck().get() as number;
    return report;
  }
}
