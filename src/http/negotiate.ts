/**
 * Proactive content negotiation on the Accept header (RFC 9110 §12.5.1),
 * small enough to read: media ranges with q-values, most specific range
 * wins for each offered type, ties go to the server's order of preference.
 */

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** q of the most specific range matching `offer` (exact > type/* > *\/*), or -1 when none does. */
function quality(ranges: MediaRange[], offer: string): number {
  const [type, subtype] = offer.split('/');
  let best = -1;
  let specificity = -1;
  for (const range of ranges) {
    const s = range.type === type && range.subtype === subtype ? 2
      : range.type === type && range.subtype === '*' ? 1
        : range.type === '*' && range.subtype === '*' ? 0 : -1;
    if (s > specificity) {
      specificity = s;
      best = range.q;
    }
  }
  return best;
}

// Clients send a handful of distinct Accept headers; remembering the answer
// keeps the parse off the hot path. Bounded so odd headers cannot grow it.
const memo = new Map<string, string | null>();
const MEMO_LIMIT = 256;

/**
 * Pick the representation to send.
 * @param accept the request's Accept header; absent or empty means anything.
 * @param offers media types the route can produce, preferred first.
 * @returns the chosen media type, or undefined when none is acceptable (→ 406).
 */
export function negotiate(accept: string | undefined, offers: readonly string[]): string | undefined {
  if (accept === undefined || accept === '' || accept === '*/*') return offers[0];
  const key = `${offers.join(',')}\n${accept}`;
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const ranges = parseAccept(accept);
  let chosen: string | null = null;
  let chosenQ = 0;
  for (const offer of offers) {
    const q = quality(ranges, offer);
    if (q > chosenQ) {
      chosen = offer;
      chosenQ = q;
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, chosen);
  return chosen ?? undefined;
}
