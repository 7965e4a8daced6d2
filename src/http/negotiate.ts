/**
 * Proactive content negotiation on the Accept header (RFC 9110 §12.5.1),
 * small enough to read: media ranges with q-values, most specific range
 * wins for each offered type, ties go to the server's order of preference.
 * Routes call `chooseType`, which sets Vary and answers 406.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/**
 * The elements of a comma-separated list with q-values, as Accept and
 * Accept-Encoding are: 'gzip;q=0.5, br' → [{ value: 'gzip', q: 0.5 },
 * { value: 'br', q: 1 }]. Values are lower-cased; a bad q counts as 0.
 */
export function weightedList(header: string): { value: string; q: number }[] {
  const items: { value: string; q: number }[] = [];
  for (const part of header.split(',')) {
    const [element, ...params] = part.trim().split(';');
    const value = (element ?? '').trim().toLowerCase();
    if (!value) continue;
    let q = 1;
    for (const param of params) {
      const [name, raw] = param.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(raw);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    items.push({ value, q });
  }
  return items;
}

function parseAccept(header: string): MediaRange[] {
  return weightedList(header).flatMap(({ value, q }) => {
    const [type, subtype] = value.split('/');
    return type && subtype ? [{ type, subtype, q }] : [];
  });
}

/** q of the most specific range matching `offer` (exact > type/* > *\/*), or -1 when none does. */
function quality(ranges: MediaRange[], offer: string): number {
  const [type, subtype] = offer.split('/');
  let best = -1;
  let specificity = -1;
  for (const range of ranges) {
    const s =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (s > specificity) {
      specificity = s;
      best = range.q;
    }
  }
  return best;
}

/** The candidate with the highest q above 0 (ties: the first), or null when none is acceptable. */
export function highest<T>(candidates: readonly T[], quality: (candidate: T) => number): T | null {
  let chosen: T | null = null;
  let chosenQ = 0;
  for (const candidate of candidates) {
    const q = quality(candidate);
    if (q > chosenQ) {
      chosen = candidate;
      chosenQ = q;
    }
  }
  return chosen;
}

/**
 * A memo for answers derived from request headers. Clients send a handful of
 * distinct values, so remembering the answer keeps parsing off the hot path;
 * it is emptied at `limit` entries so odd headers cannot grow it.
 */
export function boundedMemo<V>(limit = 256): (key: string, compute: () => V) => V {
  const memo = new Map<string, V>();
  return (key, compute) => {
    if (memo.has(key)) return memo.get(key) as V;
    const value = compute();
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
    return value;
  };
}

const remembered = boundedMemo<string | null>();

/**
 * Pick the representation to send.
 * @param accept the request's Accept header; absent or empty means anything.
 * @param offers media types the route can produce, preferred first.
 * @returns the chosen media type, or undefined when none is acceptable (→ 406).
 */
export function negotiate(accept: string | undefined, offers: readonly string[]): string | undefined {
  if (accept === undefined || accept === '' || accept === '*/*') return offers[0];
  const chosen = remembered(`${offers.join(',')}\n${accept}`, () => {
    const ranges = parseAccept(accept);
    return highest(offers, (offer) => quality(ranges, offer));
  });
  return chosen ?? undefined;
}

export const JSON_TYPE = 'application/json';
export const MARKDOWN_TYPE = 'text/markdown';
export const TEXT_TYPE = 'text/plain';

/** A media type with the charset every text response uses. */
export function withCharset(type: string): string {
  return `${type}; charset=utf-8`;
}

/** Append `value` (one header name, or several comma-separated) to Vary, keeping what CORS (Origin) may have set. */
export function addVary(reply: FastifyReply, value: string): void {
  const current = reply.getHeader('vary');
  if (current === undefined || current === '') {
    reply.header('vary', value);
    return;
  }
  const list = String(current)
    .split(',')
    .map((v) => v.trim().toLowerCase());
  if (list.includes('*')) return;
  const missing = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => !list.includes(v.toLowerCase()));
  if (missing.length > 0) reply.header('vary', `${String(current)}, ${missing.join(', ')}`);
}

/**
 * The media type to answer with, from `offers` (preferred first); 406 problem
 * when the client accepts none of them. Sets Vary: Accept when there is a
 * choice, or `vary` when given (a route that also negotiates the encoding).
 */
export function chooseType<T extends string>(
  request: FastifyRequest,
  reply: FastifyReply,
  offers: readonly T[],
  vary?: string,
): T {
  if (vary !== undefined) addVary(reply, vary);
  else if (offers.length > 1) addVary(reply, 'Accept');
  // raw.headers: once the header schema has validated, request.headers is a
  // getter that copies every header on each read; the values are the same.
  const accept = request.raw.headers.accept;
  const chosen = negotiate(accept, offers) as T | undefined;
  if (chosen === undefined) {
    throw new ApiError(
      'FAQ_ERR_NOT_ACCEPTABLE',
      `This resource is available as ${offers.join(' or ')}; the request accepts "${accept ?? ''}".`,
      [{ in: 'headers', pointer: '/accept', message: `must accept one of ${offers.join(', ')}` }],
    );
  }
  return chosen;
}
