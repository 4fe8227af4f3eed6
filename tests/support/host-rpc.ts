import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';

/**
 * Calls one channel of a running browser-mode host from the test process, as a non-browser
 * client does: POST /rpc/<channel> with the launch token as a bearer token.
 * @param host - the running host (the URL it printed, with its token)
 * @param channel - a channel of the contract
 * @param request - its request
 */
export async function hostRpc<C extends Channel>(host: { url: string }, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const url = new URL(host.url);
  const response = await fetch(`${url.origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${url.searchParams.get('token')}` },
    body: JSON.stringify(request),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: ResponseOf<C>; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error?.message}`);
  return envelope.value!;
}
