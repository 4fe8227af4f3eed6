import { contract, type Channel, type RequestOf, type ResponseOf } from '@shared/ipc/contract';
import { ApiError } from './api-error';
import { currentTransport } from './transport';

/**
 * Calls one channel of the contract through whichever door this page has, checks the answer
 * against the contract's response schema, and throws an ApiError on `{ ok: false }`.
 * @param channel - a channel of the contract
 * @param request - its request, typed by the contract
 */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await currentTransport()(channel, request);
  if (!envelope.ok) throw new ApiError(envelope.error);
  const parsed = contract[channel].response.safeParse(envelope.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError({ code: 'internal', message: `Unexpected answer to ${channel}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() });
  }
  return parsed.data as ResponseOf<C>;
}

/** The door the UI runs behind: Electron's IPC or the browser mode's loopback host. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.api !== undefined;
}
