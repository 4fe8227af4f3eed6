import { z } from 'zod';
import { AppErrorShapeSchema, type AppErrorShape } from '../errors';

/** What every door returns: the handler's value, or a typed error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const FailureEnvelopeSchema = z.object({ ok: z.literal(false), error: AppErrorShapeSchema });

/** Wraps a value in a success envelope. */
export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** Wraps an error shape in a failure envelope. */
export function fail(error: AppErrorShape): Envelope<never> {
  return { ok: false, error };
}
