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

/** The envelope a call through the host answered with, as it came: a refusal too. */
export interface HostAnswer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/**
 * Calls one channel of a running host as a bearer-token client and returns its envelope, refusals
 * included (hostRpc throws on those).
 * @param host - the running host (its port and token)
 */
export async function hostEnvelope(host: { port: number; token: string }, channel: string, body: unknown, timeoutMs = 30_000): Promise<HostAnswer> {
  const response = await fetch(`http://127.0.0.1:${host.port}/rpc/${channel}`, {
    method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
  });
  return response.json() as Promise<HostAnswer>;
}
