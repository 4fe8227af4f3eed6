import { z } from 'zod';

/** Error codes every door (Electron IPC, loopback HTTP, CLI) reports in the same words. */
export const ErrorCodeSchema = z.enum([
  'invalid_request',
  'unknown_channel',
  'forbidden',
  'not_found',
  'conflict',
  /** The record changed (or went) since the client read it: its save was refused; load the current version. */
  'stale',
  'unsupported',
  'io_error',
  'database_error',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** An error as it crosses a door: a stable code and a sentence for the user. */
export const AppErrorShapeSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
});
export type AppErrorShape = z.infer<typeof AppErrorShapeSchema>;

/** An error a user can act on: a stable code plus a sentence that says what went wrong. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  /** The plain shape that crosses a door. */
  toShape(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into the shape a door reports, never leaking a stack. */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { code: 'invalid_request', message: `Invalid request${where}: ${first?.message ?? 'malformed'}` };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
