import { readdirSync, readFileSync } from 'node:fs';
import type { CompileContext, Token } from 'mdast-util-from-markdown';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mayContainGfm, parseMarkdown } from '../../src/ingest/markdown.js';

// The reference: always GFM. parseMarkdown must give the same tree for any input.
const reference = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

const fixtures = new URL('../fixtures/ingest/', import.meta.url);
const documents: [string, string][] = [
  ['seed', readFileSync(new URL('../../seeds/mspt3_24-2-scp.md', import.meta.url), 'utf8')],
  ...readdirSync(fixtures).map((name): [string, string] => [name, readFileSync(new URL(name, fixtures), 'utf8')]),
];

describe('parseMarkdown', () => {
  it.each(documents)('parses %s exactly as a GFM parser does', (_name, text) => {
    expect(parseMarkdown(text)).toEqual(reference.parse(text));
  });

  it.each([
    ['a table', '| a | b |\n| - | - |\n| 1 | 2 |\n', 'table'],
    ['strikethrough', 'a ~~b~~ c\n', 'delete'],
    ['a task item', '- [x] done\n', 'listItem'],
    ['a footnote', 'a[^1]\n\n[^1]: note\n', 'footnoteReference'],
    ['a bare URL', 'see https://example.com now\n', 'link'],
    ['a www. link', 'see www.example.com now\n', 'link'],
    ['an email', 'mail me@example.com\n', 'link'],
    ['a bare URL after a link', '[a](https://x.example) and https://y.example\n', 'link'],
    ['a URL after a broken link', '[a] (https://x.example)\n', 'link'],
  ])('keeps GFM for %s', (_name, text, type) => {
    expect(mayContainGfm(text)).toBe(true);
    expect(parseMarkdown(text)).toEqual(reference.parse(text));
    expect(JSON.stringify(parseMarkdown(text))).toContain(`"type":"${type}"`);
  });

  it('skips the GFM extensions only for text without any GFM trigger', () => {
    expect(mayContainGfm('- 질문인가요?\n  - [문서](https://kubernetes.io/docs/x) 참고\n')).toBe(false);
    expect(mayContainGfm('plain *text* and `code`\n')).toBe(false);
  });
});

describe('the markdown compiler (patches/mdast-util-from-markdown)', () => {
  // Upstream builds a fresh context object for every event; the patch reuses
  // one, which cuts parse CPU by a quarter or more (bench/README.md). It
  // must not stop applying silently: package.json pins the version and
  // overrides every dependant to it, so one copy is installed, and that copy
  // is the one remark-parse (our parser) loads.
  const PATCH = readdirSync(new URL('../../patches/', import.meta.url)).find((f) =>
    f.startsWith('mdast-util-from-markdown+'),
  )!;
  const patchedVersion = /\+(.+)\.patch$/.exec(PATCH)![1];

  it('is installed exactly once, at the version the patch was made for', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const copies = Object.entries(lock.packages).filter(([path]) =>
      path.endsWith('node_modules/mdast-util-from-markdown'),
    );
    expect(copies).toEqual([
      ['node_modules/mdast-util-from-markdown', expect.objectContaining({ version: patchedVersion })],
    ]);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      overrides: Record<string, string>;
    };
    expect(pkg.dependencies['mdast-util-from-markdown']).toBe(patchedVersion);
    expect(pkg.overrides['mdast-util-from-markdown']).toBe('$mdast-util-from-markdown');
  });

  it("is patched in the copy remark-parse loads: one shared context whose sliceSerialize is the current event's", () => {
    const contexts = new Set<unknown>();
    const texts: string[] = [];
    // listItemMarker has no handler of its own, so this one changes nothing else.
    const extension = {
      enter: {
        listItemMarker(this: CompileContext, token: Token) {
          contexts.add(this);
          texts.push(this.sliceSerialize(token));
        },
      },
    };
    // remark-parse hands the processor's fromMarkdownExtensions to the fromMarkdown it imports.
    unified().use(remarkParse).data('fromMarkdownExtensions', [extension]).parse('- one\n* two\n\n1. three\n');
    expect(texts).toEqual(['-', '*', '.']);
    expect(contexts.size).toBe(1);
  });
});
