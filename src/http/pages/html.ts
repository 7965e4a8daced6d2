/**
 * Tagged templates that escape by default. Every value interpolated into
 * html`…` is escaped unless it is already Html (another template's result,
 * or `sanitised()` answer HTML from the seed's rehype-sanitize pass), so a
 * forgotten escape cannot happen: the only way to emit markup is to build it
 * with this tag.
 */

/** Markup that is safe to emit as is. Only this module makes one. */
export class Html {
  /** @internal use html`…` or sanitised() */
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template accepts: text (escaped), markup, lists of either, and nothing (null, undefined, false). */
export type Interpolation = Html | string | number | null | undefined | false | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;
const HAS_SPECIAL = /[&<>"']/;

/** `text` safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]!) : text;
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value as readonly Interpolation[]) out += render(item);
    return out;
  }
  return escapeHtml(String(value));
}

/**
 * Build markup: the literal parts as written, every value escaped (arrays
 * are concatenated; null, undefined and false render as nothing).
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i += 1) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/**
 * Answer or description HTML exactly as the seed stored it. It was rendered
 * from markdown and passed through rehype-sanitize (GitHub's schema) at seed
 * time (src/ingest/render.ts); nothing else may be passed here.
 */
export function sanitised(answerHtml: string): Html {
  return new Html(answerHtml);
}

/**
 * `data` as JSON for the inside of a `<script type="application/…+json">`
 * element: `<`, `>`, `&` and the JS line separators are written as \u
 * escapes, so no string in the data can close the element or open a
 * comment, and the text still parses to the same value.
 */
export function scriptJson(data: unknown): Html {
  return new Html(
    JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
