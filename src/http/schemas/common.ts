import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../../errors.js';
import { isOptionalString, pathParamCheck, withFastCheck } from '../fast-validation.js';

/** Longest Accept / If-None-Match value read. */
const MAX_HEADER_LENGTH = 1024;

/**
 * Schema pieces every resource shares: problem details, pagination and the
 * list envelope. Schemas given an `id` become named OpenAPI components.
 */

const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export const ProblemIssueSchema = z
  .object({
    in: z.string().describe('Which part of the request: querystring, params, headers or body.'),
    pointer: z.string().describe('JSON pointer into that part, e.g. /limit.'),
    message: z.string(),
  })
  .meta({ id: 'ProblemIssue' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the problem type; stable per code.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES).describe('Stable machine-readable code.'),
    instance: z.string().optional(),
    issues: z.array(ProblemIssueSchema).optional().describe('Validation issues, one per invalid value.'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** A response entry for one error status, documented as application/problem+json. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } };
}

/** The 304 answer to a matching If-None-Match: no body. */
export const notModifiedResponse = z.undefined().describe('Not modified: the If-None-Match ETag still matches.');

/** What any route can answer when the server, not the request, is at fault. */
export const serverErrorResponses = {
  500: problemResponse('Unexpected failure; details are in the server log, never in the body.'),
};

/** Error responses every /v1 route can send, including the hardening plugins' 429 and 503. */
export const commonErrorResponses = {
  400: problemResponse('Invalid request (validation issues listed).'),
  406: problemResponse('None of the Accept media types can be produced.'),
  429: problemResponse('Rate limit exceeded; see Retry-After.'),
  ...serverErrorResponses,
  503: problemResponse('Overloaded; see Retry-After.'),
};

/** Error responses of routes with a path parameter: the router refuses overlong ones. */
export const paramErrorResponses = {
  ...commonErrorResponses,
  414: problemResponse('A path parameter is longer than 200 characters.'),
};

/**
 * The request headers the service reads. Not loose: Fastify keeps the parsed
 * value beside the raw headers and `request.headers` merges both, so other
 * headers stay readable, and zod need not copy every header of every request.
 */
export const RequestHeadersSchema = withFastCheck(
  z.object({
    accept: z
      .string()
      .max(MAX_HEADER_LENGTH)
      .optional()
      .describe('Media types the client accepts; see each response for what is offered.'),
    'if-none-match': z
      .string()
      .max(MAX_HEADER_LENGTH)
      .optional()
      .describe('ETag(s) from an earlier response: 304 when one still matches.'),
  }),
  (headers) => {
    const { accept, 'if-none-match': ifNoneMatch } = headers as Record<string, unknown>;
    return isOptionalString(accept, MAX_HEADER_LENGTH) && isOptionalString(ifNoneMatch, MAX_HEADER_LENGTH);
  },
);

/** Longest path parameter (ids, slugs); the router refuses longer ones before this. */
export const MAX_PARAM_LENGTH = 200;

/** `{ [name]: string }` path parameters, 1 to MAX_PARAM_LENGTH characters, with a fast check. */
export function pathParamsSchema<N extends string>(name: N) {
  return withFastCheck(
    z.object({ [name]: z.string().min(1).max(MAX_PARAM_LENGTH) } as Record<N, z.ZodString>),
    pathParamCheck(name, MAX_PARAM_LENGTH),
  );
}

export const LimitSchema = z.coerce.number().int().min(1).max(100).default(20).describe('Items per page, 1 to 100.');

export const CursorSchema = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe("Opaque cursor from the previous page's nextCursor.");

/** An ISO 8601 date or date-time, normalised to `toISOString()` so it compares with stored timestamps. */
export const InstantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value).toISOString());

/** `{ items, nextCursor, total? }`, named `<Item>List` in OpenAPI. */
export function listSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as ?cursor= to get the next page; null on the last page.'),
      total: z
        .number()
        .int()
        .optional()
        .describe(
          'Items matching the filters, over all pages (omitted for search, where counting costs a second query).',
        ),
    })
    .meta({ id });
}

/** Where something was written: the source id, its path and the 1-based line. */
export const SourceRefSchema = z
  .object({ id: z.string(), path: z.string(), line: z.number().int() })
  .meta({ id: 'SourceRef' });

/** Text of a file that belongs to no question (an introduction). */
export const DescriptionSchema = z
  .object({
    markdown: z
      .string()
      .describe('As written: source text, raw HTML included, not sanitised; never insert it into a page as HTML.'),
    html: z.string().describe('Rendered and sanitised: safe to insert in a page.'),
  })
  .meta({ id: 'Description' });

export const TopicRefSchema = z.object({ slug: z.string(), title: z.string() }).meta({ id: 'TopicRef' });
