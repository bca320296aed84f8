/** Error codes of the HTTP API and the status each maps to; the one table for the whole API. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_url: 400,
  unsupported_url: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_report: 422,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error whose message is safe to show to the user; anything else becomes a generic 500. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** The one wording for a missing record, so every route answers 404 the same way; `id` is quoted as given. */
export function notFound(what: string, id: string): AppError {
  return new AppError("not_found", `${what} ${JSON.stringify(id)} does not exist.`);
}
