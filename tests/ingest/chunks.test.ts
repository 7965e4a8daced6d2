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
    [
      'one tight list of questions with nested answers',
      `# FAQ\n\n${repeat('- Question?\n  - answer\n    - detail\n')}`,
    ],
    ['a tight ordered list', repeat('1. one\n2. two\n')],
    ['a tight list with ) delimiters and a start number', `7) seven\n${repeat('8) eight\n')}`],
    ['tight lists whose markers change', repeat('- a\n* b\n+ c\n1. d\n2) e\n')],
    ['a tight list with loose items inside', repeat('- a\n\n  more of a\n- b\n')],
    ['a tight list with lazy continuation lines', repeat('- a\nlazy\n- b\n')],
    ['tight task items', repeat('- [ ] todo\n- [x] done\n')],
    ['list-like lines in a paragraph', `Text\n${repeat('- not cut here\n2. nor here\nplain\n')}`],
    ['list-like lines in an HTML block', `<div>\n${repeat('- inside the block\n')}\n</div>\n\n- after\n`],
    ['list-like lines in a fenced code block', `- a\n\`\`\`\n${repeat('- code\n')}\`\`\`\n- b\n`],
    ['thematic breaks in a tight list', repeat('- a\n* * *\n- - -\n- b\n')],
    ['a tight list after a paragraph', `Intro\n${repeat('- a\n- b\n')}`],
    ['a tight list with code in its items', repeat('- a\n  ```\n  - code\n  ```\n- b\n')],
    ['a tight list inside block quotes', repeat('> - a\n> - b\n- c\n')],
  ])('gives the whole-parse tree for %s', (_name, text) => {
    expect(cutPoints(text, TINY).length).toBeGreaterThan(0);
    expect(parseInChunks(text, parseMarkdownWhole, TINY)).toEqual(parseMarkdownWhole(text));
  });

  it.each([
    ['a definition at the end', `${repeat('See [the docs][docs] and [Docs].\n\n')}[docs]: https://example.com\n`],
    [
      'a definition at the start',
      `[docs]: https://example.com "Title"\n\n${repeat('- See [docs][].\n- And ![img][docs].\n')}`,
    ],
    ['definitions in lists and quotes', repeat('- [a]: /a\n- uses [b]\n\n> [b]: /b\n> uses [a]\n\n')],
    ['labels in other cases and spacing', `${repeat('[Foo  Bar] and [foo\nbar][]\n\n')}[FOO BAR]: /x\n`],
    ['escaped brackets in labels', `${repeat('[a\\]b] and [c]\n\n')}[a\\]b]: /x\n[c]: /y\n`],
    ['a label defined twice', `[x]: /first\n\n${repeat('- [x]\n')}\n[x]: /second\n`],
    [
      'a definition-like line in a code block',
      `${repeat('- [x] and [y]\n')}\n\`\`\`\n[x]: /not-a-definition\n\`\`\`\n\n[y]: /y\n`,
    ],
    ['undefined labels', `${repeat('[nothing] here [^none]\n\n')}[other]: /o\n`],
    ['footnotes', `${repeat('Note[^1] and [^Two].\n\n')}[^1]: the note\n\n[^two]: another\n    with more\n`],
    ['a tight list of questions with references', `${repeat('- Q [a]?\n  - A [b].\n', 40)}\n[a]: /a\n[b]: /b\n`],
  ])('gives the whole-parse tree for a document with %s', (_name, text) => {
    expect(cutPoints(text, TINY).length).toBeGreaterThan(0);
    expect(parseInChunks(text, parseMarkdownWhole, TINY)).toEqual(parseMarkdownWhole(text));
  });

  it('parses a document whose front matter never closes whole (what is front matter is then unclear)', () => {
    expect(cutPoints(`---\ntitle: x\n\n${repeat('- Q?\n  - A\n\n')}`, TINY)).toEqual([]);
  });

  it('only cuts before a column-0 line after a blank line, or before a column-0 list item', () => {
    const loose = repeat('- Q?\n  - A\n\n  indented continuation\n\n');
    for (const cut of cutPoints(loose, TINY)) expect(loose.slice(cut - 2, cut + 1)).toBe('\n\n-');
    const tight = repeat('- Q?\n  - A\nlazy\n    indented\n');
    expect(cutPoints(tight, TINY).length).toBeGreaterThan(0);
    for (const cut of cutPoints(tight, TINY)) expect(tight.slice(cut - 2, cut + 2)).toBe('d\n- ');
  });

  it('cuts a tight list of 10,000 questions into pieces', () => {
    const text = repeat('- Question?\n  - answer\n', 10_000);
    expect(cutPoints(text, 8000).length).toBeGreaterThan(20);
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
