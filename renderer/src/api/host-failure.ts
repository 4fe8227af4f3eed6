import { FailureEnvelopeSchema } from '@shared/ipc/envelope';

/** The message of a failure envelope the host answered (any route: rpc, uploads, instances), or null when the body is not one. */
export function hostFailureMessage(body: unknown): string | null {
  const failure = FailureEnvelopeSchema.safeParse(body);
  return failure.success ? failure.data.error.message : null;
}
