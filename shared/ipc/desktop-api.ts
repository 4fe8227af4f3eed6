import type { Channel } from './contract';
import type { Envelope } from './envelope';

/**
 * What the Electron preload exposes as `window.api`, absent in browser mode. One declaration for
 * both sides of the bridge: the preload's object `satisfies` it and the renderer calls through it.
 */
export interface DesktopApi {
  /** Calls one channel of the contract; the answer is the door's envelope. */
  invoke(channel: Channel, request: unknown): Promise<Envelope<unknown>>;
  /** Where on disk a file dropped on the window lies. */
  pathForFile(file: File): string;
}
