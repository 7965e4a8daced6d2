import type { AnswerRecord, QuestionRecord, QuestionSummaryRecord } from '../db/repositories/questions.js';
import type { DescriptionRecord } from '../db/repositories/sources.js';
import type { TopicRecord } from '../db/repositories/topics.js';

/**
 * Markdown representations for people reading in a terminal
 * (`Accept: text/markdown`). Built from the stored markdown of each piece,
 * so the text is what the author wrote, re-nested as a bullet tree.
 */

/** Indent every line after the first so a multi-line node stays inside its bullet. */
function indentContinuation(markdown: string, indent: string): string {
  return markdown.split('\n').join(`\n${indent}`);
}

function renderAnswers(nodes: AnswerRecord[], depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  for (const node of nodes) {
    lines.push(`${indent}- ${indentContinuation(node.markdown.trimEnd(), `${indent}  `)}`);
    renderAnswers(node.children, depth + 1, lines);
  }
}

function fence(code: string, language: string | null): string {
  // A fence longer than any backtick run inside the code cannot be closed early.
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language ?? ''}\n${code}\n${ticks}`;
}

/** A whole question: heading, answer tree, code not already inside an answer, and where it came from. */
export function questionMarkdown(question: QuestionRecord, headingLevel = 2): string {
  const lines = [`${'#'.repeat(headingLevel)} ${question.markdown.replace(/\n+/g, ' ')}`, ''];
  renderAnswers(question.answers, 0, lines);
  const answerText = new Map<string, string>();
  const collect = (nodes: AnswerRecord[]): void => {
    for (const node of nodes) {
      answerText.set(node.id, node.markdown);
      collect(node.children);
    }
  };
  collect(question.answers);
  for (const snippet of question.snippets) {
    const inAnswer = snippet.answerId !== null && (answerText.get(snippet.answerId) ?? '').includes(snippet.code);
    if (!inAnswer) lines.push('', fence(snippet.code, snippet.language));
  }
  lines.push(
    '',
    `_${question.source.path}:${question.source.line} · id ${question.id} · updated ${question.updatedAt}_`,
    '',
  );
  return lines.join('\n');
}

/** A topic as a table of contents: counts, subtopics and question titles with ids. */
export function topicMarkdown(
  topic: TopicRecord,
  children: TopicRecord[],
  questions: QuestionSummaryRecord[],
  totalQuestions: number,
  description: DescriptionRecord | null = null,
): string {
  const lines = [`# ${topic.title}`, '', `${topic.totalQuestionCount} question(s), slug \`${topic.slug}\``, ''];
  if (description) lines.push(description.markdown, '');
  if (children.length > 0) {
    lines.push('## Subtopics', '');
    for (const child of children) lines.push(`- ${child.title} (\`${child.slug}\`, ${child.totalQuestionCount})`);
    lines.push('');
  }
  if (questions.length > 0) {
    lines.push('## Questions', '');
    for (const q of questions) lines.push(`- ${q.question} (\`${q.id}\`)`);
    if (totalQuestions > questions.length) {
      lines.push(
        `- … ${totalQuestions - questions.length} more: /v1/topics/${encodeURIComponent(topic.slug)}/questions`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** One page of a topic's questions, in full, for reading top to bottom. */
export function topicQuestionsMarkdown(
  topic: TopicRecord,
  questions: QuestionRecord[],
  nextLink: string | null,
): string {
  const parts = [`# ${topic.title}`, ''];
  for (const question of questions) parts.push(questionMarkdown(question, 2));
  if (nextLink) parts.push(`_More: ${nextLink}_`, '');
  return parts.join('\n');
}
