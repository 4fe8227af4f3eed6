import type { AppErrorShape, ErrorCode } from '@shared/errors';

/** A failed call: the door's error code and its user-facing message. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
  }
}

/** The sentence to show a user for anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'An unexpected error occurred.';
}
