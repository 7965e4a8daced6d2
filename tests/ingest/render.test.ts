import type { RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/ingest/markdown.js';
import { htmlToText, plainText, renderHtml, renderWithPipeline } from '../../src/ingest/render.js';

const blocks = (markdown: string): RootContent[] => parseMarkdown(markdown).children;

describe('renderHtml', () => {
  it.each([
    ['plain text'],
    ['a > b & c < d "q" \'s\' &amp; &copy;'],
    ['**bold** _em_ ~~gone~~ and `code <b>`'],
    ['trailing space \nnext line'],
    ['hard  \nbreak'],
    ['`code\nspanning lines`'],
    ['***nested* bold**'],
    ['[docs](https://e.example/a?b=1#c) and [**bold** link](https://e.example/%ED%8C%8C "Title")'],
    ["[quote](https://e.example/#'keymap') and [amp](https://e.example/?a=1&b=2)"],
    ['[rel](./page.md) [js](javascript:alert(1)) <https://auto.example>'],
  ])('renders %j on the fast path exactly as the full pipeline does', (markdown) => {
    expect(renderHtml(blocks(markdown))).toBe(renderWithPipeline(blocks(markdown)));
  });

  it('renders links, lists and tables through the sanitising pipeline', () => {
    expect(renderHtml(blocks('[x](https://e.example "T")'))).toBe('<p><a href="https://e.example" title="T">x</a></p>');
    expect(renderHtml(blocks('| a |\n| - |\n| 1 |'))).toContain('<table>');
  });

  it('removes scripts, event handlers and javascript: urls, keeping harmless html', () => {
    const html = renderHtml(
      blocks('<img src="a.png" onerror="x()"> <b>ok</b>\n\n<script>alert(1)</script>\n\n[a](javascript:alert(1))'),
    );
    expect(html).not.toMatch(/onerror|<script|javascript:/i);
    expect(html).toContain('<img src="a.png">');
    expect(html).toContain('<b>ok</b>');
  });
});

describe('plain text', () => {
  it('separates blocks with newlines and keeps inline html text in place', () => {
    expect(plainText(blocks('One <code>x</code> two.\n\n- a\n- b'))).toBe('One x two.\na\nb');
  });

  it('turns hard breaks into newlines and images into their alt text', () => {
    expect(plainText(blocks('a  \nb ![pic](p.png)'))).toBe('a\nb pic');
  });

  it('reads the visible text of an html fragment', () => {
    expect(htmlToText('<p>A &amp; B<br>C</p><!-- hidden -->')).toBe('A & B\nC');
  });
});
