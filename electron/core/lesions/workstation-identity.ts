import os from 'node:os';

/** Who is really at the keyboard, as the operating system says: recorded on every audit row. */
export interface WorkstationIdentity {
  /** The operating-system account running the app (null where the system cannot say). */
  osAccount: string | null;
  /** The workstation's host name. */
  workstation: string | null;
}

let cached: WorkstationIdentity | null = null;

/** The OS account and host name of this process, read once (neither changes while it runs). */
export function workstationIdentity(): WorkstationIdentity {
  cached ??= { osAccount: osAccount(), workstation: os.hostname() || null };
  return cached;
}

function osAccount(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry for the uid (some containers): the login name the environment gives, if any.
    return process.env.USER ?? process.env.LOGNAME ?? process.env.USERNAME ?? null;
  }
}
