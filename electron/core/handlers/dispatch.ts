import { AppError, toErrorShape } from '@shared/errors';
import { fail, ok, type Envelope } from '@shared/ipc/envelope';
import { contract, isChannel, type Handlers } from '@shared/ipc/contract';
import { explainDatabaseError } from '../db/database-errors';

/**
 * The one entrance every door uses: checks the channel is in the contract, parses the payload
 * with its zod schema, runs the handler and returns an envelope; nothing thrown escapes.
 */
export async function dispatch(handlers: Handlers, channel: string, payload: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isChannel(channel)) throw new AppError('unknown_channel', `Unknown channel: ${channel.slice(0, 100)}`);
    const request = contract[channel].request.parse(payload ?? {});
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return ok(await handler(request));
  } catch (error) {
    return fail(toErrorShape(explainDatabaseError(error)));
  }
}
