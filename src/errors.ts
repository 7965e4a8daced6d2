/**
 * Every error a client can see, with a stable machine code and the HTTP
 * status it maps to. Codes are part of the API contract: add new ones freely,
 * never rename one. Bodies follow RFC 9457 (problem details).
 */

/** Stable machine codes → HTTP status and title (the status's reason phrase, as RFC 9457 suggests; `code` tells cases apart). */
export const ERRORS = {
  FAQ_ERR_VALIDATION: { status: 400, title: 'Bad Request' },
  FAQ_ERR_BAD_REQUEST: { status: 400, title: 'Bad Request' },
  FAQ_ERR_INVALID_CURSOR: { status: 400, title: 'Bad Request' },
  FAQ_ERR_ROUTE_NOT_FOUND: { status: 404, title: 'Not Found' },
  FAQ_ERR_SOURCE_NOT_FOUND: { status: 404, title: 'Not Found' },
  FAQ_ERR_TOPIC_NOT_FOUND: { status: 404, title: 'Not Found' },
  FAQ_ERR_QUESTION_NOT_FOUND: { status: 404, title: 'Not Found' },
  FAQ_ERR_SNIPPET_NOT_FOUND: { status: 404, title: 'Not Found' },
  FAQ_ERR_METHOD_NOT_ALLOWED: { status: 405, title: 'Method Not Allowed' },
  FAQ_ERR_NOT_ACCEPTABLE: { status: 406, title: 'Not Acceptable' },
  FAQ_ERR_CURSOR_EXPIRED: { status: 410, title: 'Gone' },
  FAQ_ERR_PAYLOAD_TOO_LARGE: { status: 413, title: 'Content Too Large' },
  FAQ_ERR_URI_TOO_LONG: { status: 414, title: 'URI Too Long' },
  FAQ_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Media Type' },
  FAQ_ERR_RATE_LIMITED: { status: 429, title: 'Too Many Requests' },
  FAQ_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'Request Header Fields Too Large' },
  FAQ_ERR_INTERNAL: { status: 500, title: 'Internal Server Error' },
  FAQ_ERR_NOT_READY: { status: 503, title: 'Service Unavailable' },
  FAQ_ERR_OVERLOADED: { status: 503, title: 'Service Unavailable' },
  FAQ_ERR_UNAVAILABLE: { status: 503, title: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One validation issue: where in the request, and what is wrong. */
export interface ProblemIssue {
  /** `querystring`, `params`, `headers` or `body`. */
  in: string;
  /** JSON pointer into that part, e.g. `/limit`. */
  pointer: string;
  message: string;
}

/** An RFC 9457 problem details object as this service sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  issues?: ProblemIssue[];
}

/**
 * `FAQ_ERR_TOPIC_NOT_FOUND` → `https://faq-api.dev/problems/topic-not-found`;
 * the hardening plugins (rate limit, load shedding) use the same scheme.
 */
export function problemType(code: ErrorCode): string {
  return `https://faq-api.dev/problems/${code.slice('FAQ_ERR_'.length).toLowerCase().replace(/_/g, '-')}`;
}

/** An error the service raises on purpose; the error handler turns it into a problem body. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly issues?: ProblemIssue[],
  ) {
    super(detail);
    this.status = ERRORS[code].status;
  }
}

/**
 * Build the problem body for `code`.
 * 5xx details are replaced by a generic sentence: internals never leak.
 */
export function toProblem(
  code: ErrorCode,
  detail: string,
  extra: { instance?: string; issues?: ProblemIssue[] } = {},
): Problem {
  const { status, title } = ERRORS[code];
  const problem: Problem = {
    type: problemType(code),
    title,
    status,
    detail: status >= 500 && code === 'FAQ_ERR_INTERNAL' ? 'The server failed to handle this request.' : detail,
    code,
  };
  if (extra.instance !== undefined) problem.instance = extra.instance;
  if (extra.issues !== undefined) problem.issues = extra.issues;
  return problem;
}

/** The code used for a status that has no more specific cause (e.g. plugin errors). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 404:
      return 'FAQ_ERR_ROUTE_NOT_FOUND';
    case 405:
      return 'FAQ_ERR_METHOD_NOT_ALLOWED';
    case 406:
      return 'FAQ_ERR_NOT_ACCEPTABLE';
    case 413:
      return 'FAQ_ERR_PAYLOAD_TOO_LARGE';
    case 414:
      return 'FAQ_ERR_URI_TOO_LONG';
    case 415:
      return 'FAQ_ERR_UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'FAQ_ERR_RATE_LIMITED';
    case 431:
      return 'FAQ_ERR_HEADERS_TOO_LARGE';
    case 503:
      return 'FAQ_ERR_UNAVAILABLE';
    default:
      return status >= 500 ? 'FAQ_ERR_INTERNAL' : 'FAQ_ERR_BAD_REQUEST';
  }
}

/** Shorthands for the not-found family, so messages read the same everywhere. */
export const notFound = {
  source: (id: string) => new ApiError('FAQ_ERR_SOURCE_NOT_FOUND', `No source with id "${id}".`),
  topic: (slug: string) => new ApiError('FAQ_ERR_TOPIC_NOT_FOUND', `No topic with slug "${slug}".`),
  question: (id: string) => new ApiError('FAQ_ERR_QUESTION_NOT_FOUND', `No question with id "${id}".`),
  snippet: (id: string) => new ApiError('FAQ_ERR_SNIPPET_NOT_FOUND', `No snippet with id "${id}".`),
};
