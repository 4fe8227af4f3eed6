import type { Channel } from '@shared/ipc/contract';
import { FailureEnvelopeSchema, type Envelope } from '@shared/ipc/envelope';
import { desktopApi } from './desktop-api';
import { hostAuthorization } from './host-token';

/** Sends one request through a door and resolves with its envelope. */
export type Transport = (channel: Channel, request: unknown) => Promise<Envelope<unknown>>;

/** Electron: the preload's allow-listed invoke. */
const ipcTransport: Transport = (channel, request) => desktopApi()!.invoke(channel, request);

/** Browser mode: POST /rpc/<channel> on the same origin, the launch token as a bearer token. */
const httpTransport: Transport = async (channel, request) => {
  let response: Response;
  try {
    response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...hostAuthorization() },
      credentials: 'omit',
      body: JSON.stringify(request ?? {}),
    });
  } catch (error) {
    return { ok: false, error: { code: 'io_error', message: `The BoneMet host is not reachable (${String(error)}). Is \`serve\` still running?` } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, error: { code: 'io_error', message: `The host answered ${channel} with HTTP ${response.status} and no readable body.` } };
  }
  if (typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true) return body as Envelope<unknown>;
  const failure = FailureEnvelopeSchema.safeParse(body);
  if (failure.success) return failure.data;
  return { ok: false, error: { code: 'internal', message: `The host answered ${channel} with HTTP ${response.status} in an unknown shape.` } };
};

/** The transport of this page: IPC inside Electron, HTTP otherwise. */
export function currentTransport(): Transport {
  return desktopApi() ? ipcTransport : httpTransport;
}
