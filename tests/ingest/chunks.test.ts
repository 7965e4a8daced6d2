import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { cutPoints, parseInChunks } from '../../src/ingest/chunks.js';
import { parseMarkdown, parseMarkdownWhole } from '../../src/ingest/markdown.js';
import { normalizeText } from '../../src/ingest/normalize.js';

const fixtures = new URL('../fixtures/ingest/', import.meta.url);
const texts: [string, string][] = [
  ['the bundled seed', readFileSync(new URL('../../seeds/mspt3_24-2-scp.md', import.meta.url), 'utf8')],
  ...readdirSync(fixtures).map((name): [string, string] => [name, readFileSync(new URL(name, fixtures), 'utf8')]),
  ...generateCorpus({ questions: 300, files: 3 }).map((file): [string, string] => [file.path, file.markdown]),
];
const documents = texts.map(([name, text]): [string, string] => [name, normalizeText(text)]);

/** Chunks this small cut a document at nearly every blank line: the hardest test of the stitching. */
const TINY = 40;

/** Enough copies of `block` that the document is cut several times at TINY. */
const repeat = (block: string, times = 12): string => block.repeat(times);

describe('parsing a long document in chunks', () => {
  it.each(documents)('gives %s the same tree, positions included, as one whole parse', (_name, text) => {
    expect(parseInChunks(text, parseMarkdownWhole, TINY)).toEqual(parseMarkdownWhole(text));
  });

  it.each([
    ['one long bullet list of questions with nested answers', repeat('- Question?\n  - answer\n    - detail\n\n')],
    ['a tight list that continues after a blank line', repeat('- a\n- b\n\n')],
    ['an ordered list with ) delimiters', repeat('1) one\n2) two\n\n')],
    ['lists whose markers change (two lists each time)', repeat('- a\n\n* b\n\n+ c\n\n1. d\n\n')],
    ['a fenced code block with blank lines inside', repeat('Text\n\n```\ncode\n\nmore code\n\nend\n```\n\n')],
    ['a tilde fence with blank lines inside', repeat('~~~~\nA\n\n~~~\n\nB\n~~~~\n\n')],
    ['an unclosed fence at the end', `${repeat('para\n\n')}\`\`\`\nopen\n\nstill code\n\nto the end\n`],
    ['an HTML comment spanning blank lines', repeat('<!--\nhidden\n\n- not a list\n\n-->\n\ntext\n\n')],
    ['a <pre> block spanning blank lines', repeat('<pre>\nA\n\nB\n</pre>\n\n')],
    [
      '<details> blocks with markdown inside',
      repeat('<details>\n<summary>Q?</summary>\n\nAnswer **bold**.\n\n</details>\n\n'),
    ],
    ['thematic breaks between questions', repeat('- Q?\n  - A\n\n---\n\n')],
    ['block quotes', repeat('> quoted\n> more\n\n> second quote\n\n')],
    ['tables', repeat('| a | b |\n| - | - |\n| 1 | 2 |\n\n')],
    [
      'YAML front matter with blank lines and list lines',
      `---\ntitle: x\n\n- item\n\n# comment\n---\n\n${repeat('- Q?\n  - A\n\n')}`,
    ],
    ['headings with paragraphs (one heading per question)', repeat('### How do I do it?\n\nLike this.\n\n')],
    ['lines with only spaces as blank lines', repeat('- Q?\n  - A\n   \n')],
  ])('gives the whole-parse tree for %s', (_name, text) => {
    expect(cutPoints(text, TINY).length).toBeGreaterThan(0);
    expect(parseInChunks(text, parseMarkdownWhole, TINY)).toEqual(parseMarkdownWhole(text));
  });

  it('parses a document with link reference definitions whole, since a definition applies everywhere', () => {
    const text = `${repeat('See [the docs][docs].\n\n')}[docs]: https://example.com\n`;
    expect(cutPoints(text, TINY)).toEqual([]);
    expect(parseInChunks(text, parseMarkdownWhole, TINY)).toEqual(parseMarkdownWhole(text));
  });

  it('parses a document whose front matter never closes whole (what is front matter is then unclear)', () => {
    expect(cutPoints(`---\ntitle: x\n\n${repeat('- Q?\n  - A\n\n')}`, TINY)).toEqual([]);
  });

  it('parses a document with footnote definitions whole', () => {
    expect(cutPoints(`${repeat('Note[^1].\n\n')}[^1]: the note\n`, TINY)).toEqual([]);
  });

  it('only cuts before a line that starts in column 0 right after a blank line', () => {
    const text = repeat('- Q?\n  - A\n\n  indented continuation\n\n');
    for (const cut of cutPoints(text, TINY)) {
      expect(text.slice(cut - 2, cut)).toMatch(/\n\n$/u);
      expect(text[cut]).toBe('-');
    }
  });

  it('cuts a long document into pieces of about the target size', () => {
    const text = repeat('- Question?\n  - answer\n\n', 1000);
    const cuts = cutPoints(text, 8000);
    expect(cuts.length).toBeGreaterThan(1);
    expect(cuts.length).toBeLessThanOrEqual(Math.ceil(text.length / 8000));
  });

  it('leaves short documents whole', () => {
    expect(cutPoints(repeat('- Q?\n  - A\n\n', 3), 8000)).toEqual([]);
  });

  it('is what parseMarkdown does for long documents', () => {
    const text = repeat('- Question?\n  - answer with `code`\n\n', 600);
    expect(parseMarkdown(text)).toEqual(parseMarkdownWhole(text));
  });
});
