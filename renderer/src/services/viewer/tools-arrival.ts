import { initTools } from './tools';

type ToolsModule = typeof import('@cornerstonejs/tools');

/** A tool or drawing was asked for before Cornerstone's tools had loaded (a caller should await them). */
export class ToolsNotReadyError extends Error {
  constructor() {
    super('The viewer is still loading its tools: try again in a moment.');
    this.name = 'ToolsNotReadyError';
  }
}

/**
 * When a viewer session's tools (1 MB of script) arrive: not with Cornerstone's core, but once
 * asked for (after the first frame, or by a reader's command); set up once, then known to all.
 */
export class ToolsArrival {
  private module: ToolsModule | null = null;
  private loading: Promise<ToolsModule> | null = null;
  private arrived!: (tools: ToolsModule) => void;
  private readonly setUp = new Promise<ToolsModule>((resolve) => (this.arrived = resolve));

  /** @param onArrival - sets the tools up in the session (called once, before anyone awaiting them resumes) */
  constructor(private readonly onArrival: (tools: ToolsModule) => void) {}

  /** The tools module once it has arrived, else null. */
  get loaded(): ToolsModule | null {
    return this.module;
  }

  /** Loads the tools now if not yet asked for, and resolves once they are set up. */
  load(): Promise<ToolsModule> {
    this.loading ??= initTools().then(
      (tools) => {
        if (!this.module) {
          this.module = tools;
          this.onArrival(tools);
        }
        this.arrived(tools);
        return tools;
      },
      (error: unknown) => {
        // A chunk that failed to load (the host restarted) is asked for again next time.
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /** Resolves once the tools are set up, without asking for them sooner. */
  once(): Promise<ToolsModule> {
    return this.setUp;
  }

  /**
   * Follows something only the tools provide (their events) from when they are set up: `follow`
   * runs then and returns its own undoing. The returned stop undoes it, or, called before the tools
   * arrived, keeps `follow` from ever running.
   */
  whileArrived(follow: (tools: ToolsModule) => () => void): () => void {
    let stopped = false;
    let unfollow = () => undefined as void;
    void this.setUp.then((tools) => {
      if (!stopped) unfollow = follow(tools);
    });
    return () => {
      stopped = true;
      unfollow();
    };
  }
}
