/** Stable error codes; nothing branches on message text (docs/protocol.md). */
export const ERROR_CODES = [
  'UNAUTHENTICATED', // no valid session
  'INVALID', // the command is malformed or a field is wrong
  'UNKNOWN_COMMAND',
  'FORBIDDEN', // the policy says this actor may not
  'NOT_FOUND', // the thing the command names does not exist
  'CONFLICT', // the state does not allow it now (e.g. the event is closed)
  'STALE', // the command was based on an older version than the current one
  'STORAGE_UNAVAILABLE', // nothing was saved; try again
  'NOT_CONFIRMED', // the primary has it (or may), no replica confirmed yet; resend the same id
  'RATE_LIMITED',
  'TOO_LARGE',
  'INTERNAL',
  'INVALID_EVENT', // the command would have appended an event that does not read back; nothing saved
  'PROTOCOL_MISMATCH', // the console and the node speak different protocol versions: reload
  'PASSWORD_CHANGE_REQUIRED', // signed in with an initial password: change it first (R112)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Refusal {
  refused: true;
  code: ErrorCode;
  /** Swedish, for the person who acted. */
  message: string;
  /** Extra data for the client, e.g. the current version on STALE. */
  details?: Record<string, unknown>;
}

export const refuse = (
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Refusal => ({
  refused: true,
  code,
  message,
  ...(details ? { details } : {}),
});

export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && (x as Refusal).refused === true;

/** The HTTP status that answers a refusal with each code, for every route that refuses. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  INVALID: 400,
  UNKNOWN_COMMAND: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE: 409,
  STORAGE_UNAVAILABLE: 503,
  NOT_CONFIRMED: 503,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
  INTERNAL: 500,
  INVALID_EVENT: 422,
  PROTOCOL_MISMATCH: 426,
  PASSWORD_CHANGE_REQUIRED: 403,
};

/** The one wording for PASSWORD_CHANGE_REQUIRED, on the socket and over HTTP alike (R112). */
export const PASSWORD_CHANGE_REQUIRED_MESSAGE =
  'Du har loggat in med ett engångslösenord. Byt lösenord innan du kan använda Lägesbild.';

/** The one wording for NOT_CONFIRMED, on the socket and over HTTP alike. */
export const NOT_CONFIRMED_MESSAGE = 'Sparat hos primären men ännu inte bekräftat – försöker igen';
