import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFaq } from '../../src/ingest/index.js';

function fixture(name: string) {
  return parseFaq(readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), 'utf8'), { path: name });
}

describe('a heading-per-question FAQ with front matter (heading-faq.md)', () => {
  const doc = fixture('heading-faq.md');

  it('takes the title from the front matter', () => {
    expect(doc.title).toBe('Widget FAQ');
  });

  it('reads ## and setext headings above the question level as topics, skipping Contents', () => {
    expect(doc.topics.map((t) => [t.slug, t.title, t.line])).toEqual([
      ['getting-started', 'Getting started', 13],
      ['troubleshooting', 'Troubleshooting', 44],
    ]);
  });

  it('reads ### headings as questions, without {#id} attributes or closing hashes, and never the TOC entries', () => {
    expect(doc.questions.map((q) => [q.line, q.topicSlug, q.markdown, q.question])).toEqual([
      [15, 'getting-started', 'How do I install widgets?', 'How do I install widgets?'],
      [30, 'getting-started', 'Why does `widget run` fail?', 'Why does widget run fail?'],
      [49, 'troubleshooting', 'Where are the logs?', 'Where are the logs?'],
    ]);
  });

  it('makes one answer node per top-level block, keeping a deeper heading in the answer', () => {
    const install = doc.questions[0];
    expect(install?.answers.map((a) => [a.line, a.markdown])).toEqual([
      [17, 'Download the installer, then run:'],
      [24, 'Check the version afterwards.'],
      [26, '#### Upgrading'],
      [28, 'Run the installer again.'],
    ]);
  });

  it("keeps '# comment' lines inside a fence as code, not as a heading", () => {
    expect(doc.questions[0]?.snippets).toEqual([
      expect.objectContaining({
        line: 19,
        language: 'sh',
        code: '# install system-wide\nsudo widget install --all',
        answerId: null,
      }),
    ]);
  });

  it('gives a fence inside a list item to that item, and a ~~~ fence after the list to the question', () => {
    const run = doc.questions[1];
    expect(run?.answers.map((a) => a.markdown)).toEqual(['The config file is missing.', 'The port is taken:']);
    expect(run?.answers[0]?.children.map((a) => a.markdown)).toEqual(['Create it with `widget init`.']);
    expect(run?.snippets.map((s) => [s.line, s.language, s.code, s.answerId])).toEqual([
      [36, 'bash', 'lsof -i :8080', run?.answers[1]?.id],
      [40, 'lua', 'print("widgets")', null],
    ]);
  });

  it('reads an indented code block as a snippet without language, and resolves reference links', () => {
    const logs = doc.questions[2];
    expect(logs?.snippets.map((s) => [s.line, s.language, s.code])).toEqual([
      [51, null, 'tail -f /var/log/widget.log'],
    ]);
    // The definition travels with the markdown, so the answer renders on its own.
    expect(logs?.answers.map((a) => a.markdown)).toEqual([
      'See [the log guide][logs].\n\n[logs]: https://example.com/logs "Log guide"',
    ]);
    expect(logs?.answers[0]?.html).toBe(
      '<p>See <a href="https://example.com/logs" title="Log guide">the log guide</a>.</p>',
    );
    expect(logs?.links).toEqual([
      {
        url: 'https://example.com/logs',
        text: 'the log guide',
        title: 'Log guide',
        line: 53,
        answerId: logs?.answers[0]?.id,
      },
    ]);
  });

  it('does not read a References section as a question or as part of an answer', () => {
    expect(doc.questions.flatMap((q) => q.links).map((l) => l.url)).not.toContain('https://example.com/docs');
    expect(doc.warnings).toEqual([]);
  });
});

describe('a README with an FAQ section (readme-with-faq.md)', () => {
  const doc = fixture('readme-with-faq.md');

  it('takes questions only from the FAQ section', () => {
    expect(doc.title).toBe('gizmo');
    expect(doc.questions.map((q) => [q.line, q.question])).toEqual([
      [16, 'Does gizmo work offline?'],
      [29, 'Custom themes'],
      [33, 'Can I use it commercially?'],
    ]);
    expect(doc.topics).toEqual([]);
  });

  it('parses <details> content as markdown: paragraphs, list items and code', () => {
    const offline = doc.questions[0];
    expect(offline?.markdown).toBe('Does gizmo work offline?');
    expect(offline?.answers.map((a) => [a.line, a.markdown])).toEqual([
      [18, 'Yes. Everything runs locally:'],
      [20, 'no network calls'],
      [21, 'no telemetry'],
    ]);
    expect(offline?.snippets.map((s) => [s.line, s.language, s.code])).toEqual([
      [23, 'js', 'gizmo({ offline: true });'],
    ]);
  });

  it('keeps html inside <details> as the answer, sanitised', () => {
    const themes = doc.questions[1];
    expect(themes?.answers.map((a) => [a.text, a.html])).toEqual([
      ['Themes live in ~/.gizmo/themes.', '<p>Themes live in <code>~/.gizmo/themes</code>.</p>'],
    ]);
  });

  it("reads a '**Q: …**' line with an 'A: …' line after a hard break", () => {
    const q = doc.questions[2];
    expect(q?.markdown).toBe('**Can I use it commercially?**');
    expect(q?.answers.map((a) => [a.line, a.markdown, a.text])).toEqual([
      [34, 'Yes, under the MIT licence.', 'Yes, under the MIT licence.'],
    ]);
  });
});
