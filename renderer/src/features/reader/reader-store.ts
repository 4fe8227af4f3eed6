import type { Reader } from '@shared/reader/reader';
import { call } from '../../api/client';
import { ExternalStore } from '../../services/viewer/external-store';

/** The reader at the keyboard, once asked of the store (null: nobody has signed in yet). */
export const readerStore = new ExternalStore<{ loaded: boolean; reader: Reader | null }>({ loaded: false, reader: null });

let loading: Promise<void> | null = null;

/** Reads the current reader once per page. */
export function loadReader(): Promise<void> {
  loading ??= call('reader.get', {}).then(
    (reader) => readerStore.update({ loaded: true, reader }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Names the reader (sign-in or an edit from the header) and remembers the answer. */
export async function saveReader(reader: Reader): Promise<Reader> {
  const saved = await call('reader.set', reader);
  readerStore.update({ loaded: true, reader: saved });
  return saved;
}

/** The current reader's initials, or null. */
export function currentInitials(): string | null {
  return readerStore.get().reader?.initials ?? null;
}
