import { describe, expect, it } from 'vitest';
import { parseFaq } from '../../src/ingest/index.js';

describe('parseFaq on odd input', () => {
  it.each([
    ['an empty string', ''],
    ['front matter only', '---\ntitle: Only\n---\n'],
    ['an unclosed <details>', '<details><summary>Why?</summary>\n\nBecause.\n\n## Next\n\n- Is it?\n  - Yes.\n'],
    ['a stray </details>', '</details>\n\n- Why?\n  - Because.\n'],
    [
      'deeply nested bullets',
      `- Why?\n${Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i + 1)}- level ${i}`).join('\n')}\n`,
    ],
    ['an unclosed fence', '### How?\n\n```js\nnever closed\n'],
    ['a table as the only answer', '### Which?\n\n| a | b |\n| - | - |\n| 1 | 2 |\n'],
    ['only headings', '# A\n## B\n### C\n#### D?\n'],
    ['footnotes', '### Why?[^1]\n\nBecause.[^1]\n\n[^1]: A note.\n'],
    ['html comments everywhere', '<!-- a -->\n\n- Why? <!-- b -->\n  - Because. <!-- c -->\n'],
  ])('does not throw on %s', (_name, markdown) => {
    const doc = parseFaq(markdown, { path: 'odd.md' });
    expect(doc.id).toBe('odd');
    for (const q of doc.questions) {
      expect(q.line).toBeGreaterThanOrEqual(1);
      expect(q.question).not.toBe('');
    }
  });

  it('keeps a 30-level answer tree 30 levels deep', () => {
    const markdown = `- Why?\n${Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i + 1)}- level ${i}`).join('\n')}\n`;
    let depth = 0;
    let nodes = parseFaq(markdown, { path: 'deep.md' }).questions[0]?.answers ?? [];
    while (nodes.length > 0) {
      depth++;
      nodes = nodes[0]?.children ?? [];
    }
    expect(depth).toBe(30);
  });

  it('ends an unclosed <details> before the next heading, so later questions survive', () => {
    const doc = parseFaq('<details><summary>Why?</summary>\n\nBecause.\n\n## Next\n\n- Is it?\n  - Yes.\n', {
      path: 'a.md',
    });
    expect(doc.questions.map((q) => [q.question, q.topicSlug])).toEqual([
      ['Why?', null],
      ['Is it?', 'next'],
    ]);
  });
});
