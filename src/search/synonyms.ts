/**
 * The synonyms file (`seeds/synonyms.yaml`): groups of terms that mean the
 * same thing to a reader, typically a Korean transliteration and its English
 * original (볼륨 ↔ Volume). A content author edits it next to the seeds; the
 * seed step parses it and stores it in the database, so the server never
 * reads files at query time.
 *
 * Format: a YAML sequence of groups, each a sequence of at least two terms.
 *
 *     - [볼륨, volume]
 *     - [쿠버네티스, kubernetes, k8s]
 *
 * A term may appear in several groups; expansion is one hop (a term expands
 * to the members of every group it is in), never transitive.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { normalizeForSearch } from './normalize.js';
import { splitWords } from './tokenize.js';

/** Groups of equivalent terms, normalised (NFC, folded, lower-case). */
export type SynonymSets = readonly (readonly string[])[];

/** A synonyms file that cannot be used, with `file:line` in the message. */
export class SynonymsError extends Error {
  override name = 'SynonymsError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

const MAX_TERM_LENGTH = 100;

/**
 * Parse and validate a synonyms file.
 *
 * @param text The YAML text.
 * @param file The path to name in error messages.
 * @returns The groups, each with normalised, distinct terms.
 * @throws SynonymsError naming `file:line` for YAML syntax errors, a top
 *   level that is not a list, a group that is not a list of at least two
 *   terms, and terms that are empty, too long or contain no letters or digits.
 */
export function parseSynonyms(text: string, file: string): SynonymSets {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);

  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const line = syntaxError.linePos?.[0].line ?? lineCounter.linePos(syntaxError.pos[0]).line;
    throw new SynonymsError(file, line, `invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isSeq(root)) {
    throw new SynonymsError(file, lineOf(root), 'expected a list of groups, e.g. "- [볼륨, volume]"');
  }

  const groups: string[][] = [];
  for (const item of root.items) {
    const node = item as Node;
    if (!isSeq(node)) {
      const hint = isMap(node) ? ' (a mapping was found; write the group as a list)' : '';
      throw new SynonymsError(file, lineOf(node), `each group must be a list of terms${hint}`);
    }
    const terms: string[] = [];
    for (const entry of node.items) {
      const termNode = entry as Node;
      if (!isScalar(termNode) || (typeof termNode.value !== 'string' && typeof termNode.value !== 'number')) {
        throw new SynonymsError(file, lineOf(termNode), 'a term must be a plain string');
      }
      const raw = String(termNode.value);
      const term = normalizeForSearch(raw).replace(/\s+/g, ' ').trim();
      if (term.length === 0) throw new SynonymsError(file, lineOf(termNode), 'a term must not be empty');
      if (term.length > MAX_TERM_LENGTH) {
        throw new SynonymsError(file, lineOf(termNode), `term is longer than ${MAX_TERM_LENGTH} characters`);
      }
      if (splitWords(term).length === 0) {
        throw new SynonymsError(file, lineOf(termNode), `term "${raw}" has no letters or digits to search for`);
      }
      if (!terms.includes(term)) terms.push(term);
    }
    if (terms.length < 2) {
      throw new SynonymsError(file, lineOf(node), 'a group needs at least two different terms');
    }
    groups.push(terms);
  }
  return groups;
}
