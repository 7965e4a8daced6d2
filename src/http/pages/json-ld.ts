/**
 * schema.org structured data (JSON-LD) for search engines: FAQPage on topic
 * pages, QAPage on question pages. The block is inline, so the page's CSP
 * allows it by the SHA-256 of its exact text (see csp.ts).
 */
import { createHash } from 'node:crypto';
import type { AnswerRecord, QuestionRecord } from '../../db/repositories/questions.js';
import { html, scriptJson, type Html } from './html.js';

/** A JSON-LD `<script>` block and the CSP source that allows it. */
export interface JsonLdBlock {
  markup: Html;
  /** `'sha256-…'` of the script's text, for script-src. */
  cspSource: string;
}

/** An answer tree as one plain text, nodes in reading order. */
export function answerText(answers: readonly AnswerRecord[]): string {
  const parts: string[] = [];
  const walk = (nodes: readonly AnswerRecord[]): void => {
    for (const node of nodes) {
      if (node.text !== '') parts.push(node.text);
      walk(node.children);
    }
  };
  walk(answers);
  return parts.join('\n');
}

function questionEntity(record: QuestionRecord, url: string): Record<string, unknown> {
  return {
    '@type': 'Question',
    name: record.question,
    text: record.question,
    url,
    dateCreated: record.createdAt,
    dateModified: record.updatedAt,
    answerCount: record.answers.length > 0 ? 1 : 0,
    ...(record.answers.length > 0
      ? { acceptedAnswer: { '@type': 'Answer', text: answerText(record.answers), url } }
      : {}),
  };
}

/**
 * FAQPage: one Question with its accepted answer per question on the page.
 * @param questions the questions the page shows, in order.
 * @param questionUrl absolute URL of a question's deep link.
 */
export function faqPage(
  questions: readonly QuestionRecord[],
  questionUrl: (id: string) => string,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: questions.map((record) => questionEntity(record, questionUrl(record.id))),
  };
}

/** QAPage whose main entity is the question, its answers joined as the accepted answer. */
export function qaPage(record: QuestionRecord, url: string): Record<string, unknown> {
  return { '@context': 'https://schema.org', '@type': 'QAPage', mainEntity: questionEntity(record, url) };
}

/** The data as a `<script type="application/ld+json">` block, with its CSP hash. */
export function jsonLdBlock(data: Record<string, unknown>): JsonLdBlock {
  const json = scriptJson(data);
  // The hash covers the element's exact text: no whitespace around the JSON.
  // prettier-ignore
  const markup = html`<script type="application/ld+json">${json}</script>`;
  return {
    markup,
    cspSource: `'sha256-${createHash('sha256').update(json.value).digest('base64')}'`,
  };
}
