import { useEffect } from 'react';
import { call } from '../../api/client';

/** After a hold that could not be taken (the door busy, a disk error), how soon it is tried again. */
const RETRY_MS = 5_000;

/**
 * Holds the study while the viewer shows it, so that the PACS cache never evicts it under the
 * reader (from this window or another door's retrieve): taken on opening, renewed within a third
 * of its lease, released on closing. A window that dies without releasing lets it lapse.
 */
export function useStudyLease(studyInstanceUid: string): void {
  useEffect(() => {
    const lease = { studyInstanceUid, leaseId: crypto.randomUUID() };
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const renew = async (): Promise<void> => {
      let nextMs = RETRY_MS;
      try {
        nextMs = (await call('studies.lease', lease)).leaseMs / 3;
      } catch {
        // Tried again soon: until then the study is only as safe as its last hold.
      }
      if (!closed) timer = setTimeout(() => (pending = renew()), nextMs);
    };
    let pending = renew();
    return () => {
      closed = true;
      clearTimeout(timer);
      // After the hold under way, so that a late renewal cannot outlive the release.
      void pending.finally(() => call('studies.release', lease).catch(() => undefined));
    };
  }, [studyInstanceUid]);
}
