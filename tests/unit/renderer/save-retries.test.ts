import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../renderer/src/api/api-error';
import { mayPassOnRetry, SaveRetries } from '../../../renderer/src/services/viewer/save-retries';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('failed drawing saves tried again', () => {
  it('waits 2, 4, 8, 16, then 30 s between tries, and no more once forgotten or stopped', () => {
    let tries = 0;
    const retries = new SaveRetries<string>(() => tries++);
    // Each failure of the try schedules the next, as the persistence does.
    for (const [i, waitMs] of [2_000, 4_000, 8_000, 16_000, 30_000, 30_000].entries()) {
      retries.schedule('a');
      vi.advanceTimersByTime(waitMs - 1);
      expect(tries).toBe(i);
      vi.advanceTimersByTime(1);
      expect(tries).toBe(i + 1);
    }
    retries.schedule('a');
    retries.forget('a');
    retries.schedule('b');
    retries.stop();
    retries.schedule('c');
    vi.advanceTimersByTime(120_000);
    expect(tries).toBe(6);
    expect(retries.retrying('b')).toBe(false);
  });

  it('tries again a busy database, an unreachable host or an unexpected fault, never a refusal of the drawing itself', () => {
    expect(['conflict', 'io_error', 'database_error', 'internal'].map((code) => mayPassOnRetry(new ApiError({ code: code as 'conflict', message: '' })))).toEqual([true, true, true, true]);
    expect(['invalid_request', 'forbidden', 'not_found', 'unsupported'].map((code) => mayPassOnRetry(new ApiError({ code: code as 'conflict', message: '' })))).toEqual([false, false, false, false]);
    expect(mayPassOnRetry(new TypeError('Failed to fetch'))).toBe(true);
  });
});
