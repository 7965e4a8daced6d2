/**
 * Pieces several pages share: the search box, an answer tree with its code
 * blocks, highlighted text, breadcrumbs.
 */
import type { AnswerRecord, QuestionRecord, QuestionSnippetRecord } from '../../../db/repositories/questions.js';
import type { Segment } from '../../../search/highlight.js';
import { html, sanitised, type Html } from '../html.js';

export interface SearchBoxOptions {
  /** Unique per page: the input's id, and the prefix of its list's. */
  id: string;
  q?: string | undefined;
  /** Restrict the search (the embeddable page). */
  topic?: string | undefined;
  source?: string | undefined;
  /** Slugs whose suggestions may show (a topic and its subtopics), for a restricted search. */
  suggestTopics?: readonly string[] | undefined;
  /** Where the form submits: /search, or /embed/search inside the iframe. */
  action?: string;
  label?: string;
}

/**
 * A search form that works as a plain GET form; pages.js turns the input
 * into a combobox with suggestions from /v1/suggest.
 */
export function searchBox(options: SearchBoxOptions): Html {
  const { id } = options;
  const label = options.label ?? '질문 검색';
  return html`<form
    class="search"
    role="search"
    action="${options.action ?? '/search'}"
    method="get"
    aria-label="${label}"
  >
    <div class="combo">
      <label class="visually-hidden" for="${id}">${label}</label>
      <input
        id="${id}"
        name="q"
        type="search"
        value="${options.q ?? ''}"
        maxlength="1000"
        autocomplete="off"
        spellcheck="false"
        placeholder="예: 도커 볼륨, ㄷㅋ, Pod"
        data-suggest="${id}-suggestions"
        ${options.suggestTopics ? html` data-topics="${options.suggestTopics.join(' ')}"` : ''}
      />
      <ul class="suggestions" id="${id}-suggestions" role="listbox" aria-label="추천 질문" hidden></ul>
      <span class="visually-hidden" id="${id}-suggestions-status" role="status" aria-live="polite"></span>
    </div>
    ${options.topic ? html`<input type="hidden" name="topic" value="${options.topic}" />` : ''}
    ${options.source ? html`<input type="hidden" name="source" value="${options.source}" />` : ''}
    <button type="submit">검색</button>
  </form>`;
}

/** Highlight segments as text with the matched pieces in <mark>. */
export function highlighted(segments: readonly Segment[]): Html {
  return html`${segments.map((segment) => (segment.match ? html`<mark>${segment.text}</mark>` : segment.text))}`;
}

/** A code block with its language and a copy button (shown by pages.js when the clipboard is available). */
export function codeBlock(snippet: QuestionSnippetRecord): Html {
  const language = snippet.language ?? 'text';
  return html`<figure class="code" id="${snippet.id}">
    <figcaption>
      <span class="lang">${language}</span
      ><button type="button" class="copy" hidden aria-label="${language} 코드 복사">복사</button>
    </figcaption>
    <pre tabindex="0"><code class="language-${language}">${snippet.code}</code></pre>
  </figure>`;
}

/**
 * The answer tree as nested lists (answer HTML as the seed's sanitiser left
 * it), each node followed by the code blocks written under it, and the
 * question's other code blocks after the tree.
 */
export function answerTree(record: QuestionRecord): Html {
  const byAnswer = new Map<string | null, QuestionSnippetRecord[]>();
  for (const snippet of record.snippets) {
    const list = byAnswer.get(snippet.answerId) ?? [];
    list.push(snippet);
    byAnswer.set(snippet.answerId, list);
  }
  const nodes = (answers: readonly AnswerRecord[]): Html =>
    html`<ul class="answers">
      ${answers.map((answer) => {
        // Code quoted inside the node's own content (a blockquote) is in its
        // HTML already; only code written below it gets a block of its own.
        const code = answer.html.includes('<pre') ? [] : (byAnswer.get(answer.id) ?? []);
        return html`<li>
          ${sanitised(answer.html)}${code.map(codeBlock)}${answer.children.length > 0 ? nodes(answer.children) : ''}
        </li>`;
      })}
    </ul>`;
  return html`${record.answers.length > 0 ? nodes(record.answers) : html`<p class="meta">아직 답변이 없습니다.</p>`}${(
    byAnswer.get(null) ?? []
  ).map(codeBlock)}`;
}

export interface Crumb {
  title: string;
  href?: string;
}

/** Breadcrumbs: where the page sits, the last entry being the page itself. */
export function breadcrumbs(crumbs: readonly Crumb[]): Html {
  return html`<nav class="crumbs" aria-label="위치">
    <ol>
      ${crumbs.map((crumb) =>
        crumb.href
          ? html`<li><a href="${crumb.href}">${crumb.title}</a></li>`
          : html`<li aria-current="page">${crumb.title}</li>`,
      )}
    </ol>
  </nav>`;
}

/** A question shortened for a breadcrumb or a title. */
export function clipTitle(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Where a question was written, as `file:line`. */
export function sourceLine(record: Pick<QuestionRecord, 'source'>): string {
  return `${record.source.path}:${record.source.line}`;
}

/** A date as the reader's locale would write it (the ISO time in the title attribute). */
export function dateText(iso: string): Html {
  return html`<time datetime="${iso}">${iso.slice(0, 10)}</time>`;
}
