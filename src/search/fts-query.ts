/**
 * FTS5 query text, built only from analysed terms. User text never reaches
 * MATCH: every term is a double-quoted string (FTS5's escape for `-`, `:`,
 * `.`, `'`, `*`, `(`, NEAR, AND, …), with `"` doubled, and the only operators
 * are the ones written here.
 */

/** Quote one or more index terms as an FTS5 string (a phrase when several). */
export function quoteTerms(terms: readonly string[]): string {
  return `"${terms.join(' ').replace(/"/g, '""')}"`;
}

/** A phrase of index terms; `prefix` matches any term starting with the last one. */
export function phrase(terms: readonly string[], prefix = false): string {
  return prefix ? `${quoteTerms(terms)}*` : quoteTerms(terms);
}

/** One query word's alternatives, OR-ed. */
export function anyOf(alternatives: readonly string[]): string {
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}

/** Combine word groups with AND (every word must match) or OR (any word). */
export function combine(groups: readonly string[], operator: 'AND' | 'OR'): string {
  return groups.join(` ${operator} `);
}
