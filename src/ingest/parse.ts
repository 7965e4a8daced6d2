/**
 * parseFaq: one markdown document → FaqDocument. Pure: no file system, no
 * database. The steps:
 *
 * 1. normalise the text (NFC, LF) and parse it once with remark;
 * 2. build the block sequence (details, html headings, references resolved);
 * 3. restrict to the FAQ section when a README has one;
 * 4. walk the blocks: headings become topics or questions, question-shaped
 *    lists/paragraphs/details become questions, and everything else belongs
 *    to the question above it (or is reported as skipped);
 * 5. derive ids, answer trees, snippets, links and hashes.
 */
import type { Heading, Paragraph, Table } from 'mdast';
import { buildAnswers, isEmptyHtml, questionLinks, topicLevelImages, type AnswerInput } from './answers.js';
import { documentBlocks, type Block, type DetailsBlock } from './blocks.js';
import { frontMatterTitle } from './front-matter.js';
import { questionId, sha256Hex } from './ids.js';
import { parseMarkdown } from './markdown.js';
import type { AnswerNode, FaqDocument, FaqQuestion, FaqTopic, ParseWarning } from './model.js';
import { collapseWhitespace, normalizeText } from './normalize.js';
import type { QuestionDraft } from './shapes/draft.js';
import { headingText, questionFromHeading, questionLevel, statementLevel } from './shapes/headings.js';
import { isTocList, questionsFromList } from './shapes/lists.js';
import { isPageNavigation } from './shapes/navigation.js';
import { answerFromParagraph, questionFromBlockquote, questionFromParagraph } from './shapes/paragraphs.js';
import { isFaqHeading, isFollowUp, isNonContentHeading, isNumbered, isQuestionLike } from './shapes/question-text.js';
import { htmlToText, plainText } from './render.js';
import { sourceIdFromPath } from './slug.js';
import { startLine } from './source.js';
import { TopicStack } from './topics.js';

/** Options for parseFaq. */
export interface ParseOptions {
  /** Path relative to the seeds folder; gives the source id and warning locations. */
  path: string;
}

/**
 * Parse one FAQ markdown document.
 *
 * @param input The document text (any line endings, any normalisation form).
 * @param opts.path Path relative to the seeds folder, '/' separated.
 * @returns The document model; problems are reported in `warnings`, never thrown.
 */
export function parseFaq(input: string, opts: ParseOptions): FaqDocument {
  const text = normalizeText(input);
  const path = opts.path.replace(/\\/g, '/');
  const sourceId = sourceIdFromPath(path);
  const warnings: ParseWarning[] = [];
  const root = parseMarkdown(text);
  const fmTitle = frontMatterTitle(root, path, warnings);
  const blocks = documentBlocks(root, text);

  const titleHeading = findTitleHeading(blocks);
  const title = fmTitle ?? (titleHeading && !isNavigation(titleHeading) ? headingText(titleHeading) : null) ?? fileTitle(path);

  const scopes = faqScopes(blocks, titleHeading);
  let walker = new Walker(text, path, titleHeading, false);
  for (const scope of scopes) walker.walk(scope);
  if (walker.drafts.length === 0 && FAQ_DOCUMENT.test(`${title} ${path}`)) {
    // An FAQ whose headings state problems instead of asking ('### adb not
    // found'): read the headings that carry content as the questions.
    walker = new Walker(text, path, titleHeading, true);
    for (const scope of scopes) walker.walk(scope);
  }
  const drafts = walker.drafts;

  if (drafts.length === 0) {
    warnings.push({ file: path, line: 1, code: 'FAQ_WARN_NO_QUESTIONS', message: 'no recognisable questions in this file' });
  } else {
    warnings.push(...walker.warnings);
  }
  const questions = finalize(drafts, sourceId, text);
  warnings.push(...emptyAnswerWarnings(questions, path));
  warnings.sort((a, b) => a.line - b.line);

  return {
    id: sourceId,
    path,
    title,
    contentHash: sha256Hex(text),
    topics: usedTopics(walker.topics.topics, questions, walker.topicImages),
    questions,
    topicImages: walker.topicImages,
    warnings,
  };
}

/** Titles and paths of documents that are FAQs as a whole. */
const FAQ_DOCUMENT = /faq|frequently|questions?|interview|troubleshoot|help|q&a|질문|면접|문답|도움말|よくある|質問|常见问题|问题|帮助|問題/iu;

/**
 * The heading that titles the document, if any: the first heading when it is
 * an h1, an 'FAQ' heading, or the only heading at the shallowest level used
 * ('## TrafficMonitor 常见问题' above '###' questions). It is never a topic.
 */
function findTitleHeading(blocks: readonly Block[]): Heading | undefined {
  const headings = blocks.filter((b): b is Heading => b.type === 'heading');
  const first = headings[0];
  if (!first) return undefined;
  if (isFaqHeading(headingText(first))) return first;
  let shallowest = 6;
  for (const h of headings) shallowest = Math.min(shallowest, h.depth);
  const peers = headings.filter((h) => h.depth === first.depth).length;
  if (first.depth === 1 && peers === 1) return first;
  if (first.depth !== shallowest || (first.depth !== 1 && (peers !== 1 || headings.length === 1))) return undefined;
  // Among several top-level headings, or as a lone '##', the first one is a
  // title only over an introduction: a heading with questions right under it
  // ('# Docker' + bullets) names a topic. A sentence ('Below is a list of
  // questions.') introduces rather than titles.
  if (/[.。]$/u.test(headingText(first))) return undefined;
  const start = blocks.indexOf(first);
  for (let i = start + 1; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block || block.type === 'heading') break;
    if (block.type !== 'paragraph' && block.type !== 'html') return undefined;
  }
  return first;
}

/** A '# [Docs](…) | [Help](…)' heading is a navigation bar, not a title. */
function isNavigation(heading: Heading): boolean {
  const kids = heading.children.filter((c) => !(c.type === 'text' && /^[\s|·•/-]*$/u.test(c.value)));
  return kids.length > 1 && kids.every((c) => c.type === 'link');
}

/**
 * Topics worth listing: those holding a question or a topic image, and their
 * ancestors. A README's 'Installation' heading above the FAQ is not a topic.
 */
function usedTopics(topics: readonly FaqTopic[], questions: readonly FaqQuestion[], images: FaqDocument['topicImages']): FaqTopic[] {
  const used = new Set<string>();
  for (const q of questions) if (q.topicSlug) used.add(q.topicSlug);
  for (const i of images) if (i.topicSlug) used.add(i.topicSlug);
  const parents = new Map(topics.map((t) => [t.slug, t.parentSlug]));
  for (const slug of [...used]) {
    for (let p = parents.get(slug); p; p = parents.get(p)) used.add(p);
  }
  return topics.filter((t) => used.has(t.slug));
}

function fileTitle(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.[^.]*$/u, '') || base;
}

/**
 * The runs of blocks that may hold questions. A README with an 'FAQ' section
 * (not the document's own title) yields questions from that section only;
 * the rest of the README is not FAQ content.
 */
function faqScopes(blocks: readonly Block[], titleHeading: Heading | undefined): Block[][] {
  const scopes: Block[][] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block?.type !== 'heading' || block === titleHeading || !isFaqHeading(headingText(block))) continue;
    let end = i + 1;
    while (end < blocks.length) {
      const next = blocks[end];
      if (next?.type === 'heading' && next.depth <= block.depth) break;
      end++;
    }
    scopes.push(blocks.slice(i, end));
    i = end - 1;
  }
  return scopes.length > 0 ? scopes : [[...blocks]];
}

/**
 * The question heading level in force at each block of a scope. It is
 * decided for the whole scope, then again per top-level section (split at
 * the shallowest topic headings), so that one section can ask its questions
 * at '###' and another, one level of sub-topics deeper, at '####'. A section
 * that shows no level of its own keeps the scope's.
 */
function sectionLevels(scope: readonly Block[], ignore: ReadonlySet<Block>, statements: boolean): (number | null)[] {
  const whole = questionLevel(scope, ignore) ?? (statements ? statementLevel(scope, ignore) : null);
  const levels: (number | null)[] = new Array<number | null>(scope.length).fill(whole);
  let shallowest = 7;
  for (const block of scope) if (block.type === 'heading' && !ignore.has(block)) shallowest = Math.min(shallowest, block.depth);
  if (whole === null || whole <= shallowest) return levels;
  let start = -1;
  const close = (end: number): void => {
    if (start === -1) return;
    const own = questionLevel(scope.slice(start + 1, end), ignore);
    if (own !== null && own > shallowest) levels.fill(own, start, end);
  };
  scope.forEach((block, index) => {
    if (block.type === 'heading' && block.depth === shallowest && !ignore.has(block)) {
      close(index);
      start = index;
    }
  });
  close(scope.length);
  return levels;
}

/** Summaries that reveal an answer rather than ask a question ('정답', 'Answer'). */
const ANSWER_SUMMARY = /^(정답|답|답변|해설|풀이|answer|solution|show answer|hint|explanation|example|output|결과|코드|code)\b/iu;

class Walker {
  readonly drafts: QuestionDraft[] = [];
  readonly topics = new TopicStack();
  readonly topicImages: FaqDocument['topicImages'] = [];
  readonly warnings: ParseWarning[] = [];
  private current: QuestionDraft | null = null;
  /** Under 'References'/'Contents': content there is page furniture. */
  private furniture = false;
  private skipped: Block[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly titleHeading: Heading | undefined,
    private readonly statementHeadings: boolean,
  ) {}

  walk(scope: readonly Block[]): void {
    const ignore = new Set<Block>(this.titleHeading ? [this.titleHeading] : []);
    const levels = sectionLevels(scope, ignore, this.statementHeadings);
    this.current = null;
    this.furniture = false;
    for (let i = 0; i < scope.length; i++) {
      const block = scope[i];
      if (!block) continue;
      if (block.type === 'heading') this.heading(block, levels[i] ?? null, scope, i);
      else this.block(block);
    }
    this.flushSkipped();
    const first = scope[0];
    if (first?.type === 'heading' && first !== this.titleHeading) this.topics.leave(first.depth);
  }

  private add(draft: QuestionDraft): void {
    this.flushSkipped();
    this.drafts.push(draft);
    this.current = draft;
  }

  private heading(heading: Heading, level: number | null, scope: readonly Block[], index: number): void {
    const next = scope[index + 1];
    if (heading === this.titleHeading) {
      this.current = null;
      return;
    }
    const t = headingText(heading);
    // An empty '###' line is a stray marker, not a section: ignore it.
    if (t === '') return;
    const furniture = isNonContentHeading(t);
    const hasContent = next !== undefined && next.type !== 'heading' && !isTocSection(scope, index);
    if (level !== null && !furniture && !isFaqHeading(t)) {
      const inQuestion = this.current?.origin === 'heading';
      const questionLike = isQuestionLike(t) || isNumbered(t);
      if (heading.depth === level && (questionLike || hasContent)) {
        const draft = questionFromHeading(heading, this.text, this.topics.current);
        if (draft && this.current && isAlias(this.current, heading.depth)) {
          // '### Q1' / '**(Or)**' / '### Q2': one question asked two ways.
          this.current.markdown = `${this.current.markdown} (Or) ${draft.markdown}`;
          this.current.text = `${this.current.text} (Or) ${draft.text}`;
          this.current.content = [];
          this.current.headNodes.push(heading);
          return;
        }
        if (draft) {
          this.add(draft);
          this.furniture = false;
          return;
        }
      }
      if (heading.depth > level && inQuestion) {
        if (isQuestionLike(t)) {
          // A sub-question ('#### Why is X required?') under a question heading.
          const draft = questionFromHeading(heading, this.text, this.topics.current);
          if (draft) {
            this.add(draft);
            return;
          }
        }
        this.current?.content.push(heading);
        return;
      }
    }
    if (level !== null && furniture && this.current?.origin === 'heading' && heading.depth > level) {
      this.current.content.push(heading);
      return;
    }
    this.flushSkipped();
    this.current = null;
    const menu = isMenuSection(scope, index);
    this.furniture = furniture || menu;
    this.topics.enter(heading, menu);
  }

  private block(block: Block): void {
    if (isPageNavigation(block)) return;
    if (this.current?.origin === 'heading') {
      this.current.content.push(block);
      return;
    }
    if (this.furniture) return;
    const topic = this.topics.current;
    switch (block.type) {
      case 'list': {
        if (isTocList(block)) return;
        const drafts = questionsFromList(block, this.text, topic);
        if (drafts && drafts.length > 0) {
          for (const draft of drafts) this.add(draft);
          return;
        }
        this.attach(block);
        return;
      }
      case 'paragraph': {
        const draft = questionFromParagraph(block, this.text, topic);
        if (draft) {
          this.add(draft);
          return;
        }
        if (!this.current && isImageOnly(block)) {
          for (const image of topicLevelImages([block])) this.topicImages.push({ ...image, topicSlug: topic });
          return;
        }
        this.attach(this.current ? answerFromParagraph(block, this.text) : block);
        return;
      }
      case 'faqDetails': {
        if (this.current && (block.summary === '' || ANSWER_SUMMARY.test(block.summary))) {
          this.current.content.push(block);
          return;
        }
        const draft = detailsQuestion(block, topic);
        if (!draft) {
          this.attach(block);
          return;
        }
        this.add(draft);
        // Interview sheets list follow-up questions as a raw <ul> under the
        // question; each is a question of its own that follows on from it.
        const followUps = htmlListFollowUps(draft);
        if (followUps.length > 0) {
          draft.content = [];
          for (const followUp of followUps) this.add(followUp);
          this.current = draft;
        }
        return;
      }
      case 'blockquote': {
        const draft = questionFromBlockquote(block, this.text, topic);
        if (draft) this.add(draft);
        else this.attach(block);
        return;
      }
      case 'thematicBreak':
        this.current = null;
        return;
      case 'html':
        if (isEmptyHtml(block.value)) return;
        this.attach(block);
        return;
      default:
        this.attach(block);
    }
  }

  private attach(input: AnswerInput): void {
    if (this.current) this.current.content.push(input);
    else if (input.type !== 'faqMarkdown') this.skipped.push(input);
  }

  /** Report content that belongs to no question, one warning per run of blocks. */
  private flushSkipped(): void {
    const run = this.skipped;
    this.skipped = [];
    // Text before the first question is the document's introduction; only
    // code, tables and lists there (or anything between questions) are
    // worth a reader's attention.
    // Prose between a topic heading and its first question is that section's
    // introduction; only structured content (code, lists, tables, quotes,
    // details) left without a question is worth a reader's attention.
    const structured = this.drafts.length > 0 ? ['code', 'table', 'list', 'blockquote', 'faqDetails'] : ['code', 'table', 'list', 'faqDetails'];
    const notable = run.filter((b) => structured.includes(b.type) && !(b.type === 'table' && isTocTable(b)));
    const first = notable[0];
    if (!first) return;
    this.warnings.push({
      file: this.file,
      line: first.position?.start.line ?? 1,
      code: 'FAQ_WARN_SKIPPED_CONTENT',
      message:
        notable.length === 1
          ? `skipped a ${describeBlock(first)} that belongs to no question`
          : `skipped ${notable.length} blocks (${[...new Set(notable.map(describeBlock))].join(', ')}) that belong to no question`,
    });
  }
}

/**
 * Whether the section under the heading at `index` is a menu: nothing but
 * lists whose every entry is a single link ('## Contributing' with links to
 * CONTRIBUTING.md and LICENSE). Such a heading names no topic.
 */
function isMenuSection(scope: readonly Block[], index: number): boolean {
  let lists = 0;
  for (let i = index + 1; i < scope.length; i++) {
    const block = scope[i];
    if (!block || block.type === 'heading') break;
    if (block.type !== 'list') return false;
    if (!block.children.every((item) => item.children.length === 1 && isSingleLink(item.children[0]))) return false;
    lists++;
  }
  return lists > 0;
}

function describeBlock(block: Block): string {
  if (block.type === 'faqDetails') return '<details> block';
  if (block.type === 'code') return 'code block';
  return block.type;
}

/** A table whose rows link to anchors in the page ('| 1 | [What is X?](#x) |'): a table of contents. */
function isTocTable(table: Table): boolean {
  const rows = table.children.slice(1);
  const linked = rows.filter((row) => row.children.some((cell) => cell.children.some((c) => c.type === 'link' && c.url.startsWith('#'))));
  return rows.length > 0 && linked.length * 2 >= rows.length;
}

/** Whether the section under a heading holds nothing but a table of contents or a menu. */
function isTocSection(scope: readonly Block[], index: number): boolean {
  let toc = false;
  for (let i = index + 1; i < scope.length; i++) {
    const block = scope[i];
    if (!block || block.type === 'heading') break;
    if (block.type === 'list' && isTocList(block)) toc = true;
    else if (block.type === 'html' && isEmptyHtml(block.value)) continue;
    else return false;
  }
  return toc || isMenuSection(scope, index);
}

function isSingleLink(node: Block | undefined): boolean {
  if (node?.type !== 'paragraph') return false;
  const kids = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return kids.length === 1 && kids[0]?.type === 'link';
}

/** Whether a question's only content so far is an '(Or)' line joining it to the next heading. */
function isAlias(draft: QuestionDraft, depth: number): boolean {
  const only = draft.content.length === 1 ? draft.content[0] : undefined;
  const head = draft.headNodes[0];
  return (
    draft.origin === 'heading' &&
    head?.type === 'heading' &&
    head.depth === depth &&
    only?.type === 'paragraph' &&
    /^\(?\s*or\s*\)?$/iu.test(plainText([only]).trim())
  );
}

function isImageOnly(p: Paragraph): boolean {
  const kids = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === '') && c.type !== 'break');
  return kids.length > 0 && kids.every((c) => c.type === 'image' || (c.type === 'link' && c.children.every((k) => k.type === 'image')));
}

function detailsQuestion(block: DetailsBlock, topicSlug: string | null): QuestionDraft | null {
  const question = block.summary.replace(/^\s*(?:Q\s*)?\d+(?:\.\d+)*\s*[.):]\s+/iu, '');
  if (question === '') return null;
  return {
    markdown: question,
    text: collapseWhitespace(question),
    line: block.summaryLine,
    topicSlug,
    headNodes: [],
    content: [...block.children],
    followUpOf: isFollowUp(question) ? 'previous' : null,
    origin: 'details',
  };
}

/**
 * Follow-up questions written as a raw html list under a question:
 * `<ul><li>And then?</li>…</ul>` with every item phrased as a question.
 */
function htmlListFollowUps(parent: QuestionDraft): QuestionDraft[] {
  const blocks = parent.content;
  if (blocks.length === 0 || !blocks.every((b) => b.type === 'html')) return [];
  const drafts: QuestionDraft[] = [];
  for (const block of blocks) {
    if (block.type !== 'html') return [];
    const value = block.value;
    // Anything besides list tags and items means this is prose, not a list of questions.
    if (value.replace(/<li\b[^>]*>[\s\S]*?(<\/li\s*>|(?=<li\b)|$)/gi, '').replace(/<\/?(ul|ol)\b[^>]*>/gi, '').trim() !== '') return [];
    const item = /<li\b[^>]*>([\s\S]*?)(?:<\/li\s*>|(?=<li\b)|$)/gi;
    for (let match = item.exec(value); match; match = item.exec(value)) {
      const text = collapseWhitespace(htmlToText(match[1] ?? ''));
      if (text === '') continue;
      if (!isQuestionLike(text)) return [];
      drafts.push({
        markdown: text,
        text,
        line: startLine(block) + (value.slice(0, match.index).match(/\n/g)?.length ?? 0),
        topicSlug: parent.topicSlug,
        headNodes: [],
        content: [],
        followUpOf: parent,
        origin: 'details',
      });
      if (match[0].length === 0) item.lastIndex++;
    }
  }
  return drafts;
}

/** Ids, answer trees and hashes, once every question of the document is known. */
function finalize(drafts: readonly QuestionDraft[], sourceId: string, text: string): FaqQuestion[] {
  const occurrences = new Map<string, number>();
  const ids = new Map<QuestionDraft, string>();
  for (const draft of drafts) {
    const occurrence = occurrences.get(draft.text) ?? 0;
    occurrences.set(draft.text, occurrence + 1);
    ids.set(draft, questionId(sourceId, draft.text, occurrence));
  }
  return drafts.map((draft, index) => {
    const id = ids.get(draft) ?? '';
    const built = buildAnswers(text, id, draft.content);
    const own = draft.headNodes.length > 0 ? questionLinks(draft.headNodes) : { links: [], images: [] };
    const previous = index > 0 ? drafts[index - 1] : undefined;
    const parent = draft.followUpOf === 'previous' ? previous : (draft.followUpOf ?? undefined);
    return {
      id,
      question: draft.text,
      markdown: draft.markdown,
      line: draft.line,
      topicSlug: draft.topicSlug,
      followUpOf: parent ? (ids.get(parent) ?? null) : null,
      answers: built.answers,
      snippets: built.snippets,
      links: [...own.links, ...built.links],
      images: [...own.images, ...built.images],
      contentHash: questionHash(draft.markdown, built.answers, built.snippets),
    };
  });
}

/**
 * Hash of what a reader sees of a question: its markdown, the answer tree
 * (markdown and depth) and snippet code. Positions and line numbers are left
 * out, so moving a question does not count as changing it.
 */
function questionHash(markdown: string, answers: readonly AnswerNode[], snippets: FaqQuestion['snippets']): string {
  const parts: string[] = ['q', markdown];
  const walk = (nodes: readonly AnswerNode[], depth: number): void => {
    for (const node of nodes) {
      parts.push(`a${depth}`, node.markdown);
      walk(node.children, depth + 1);
    }
  };
  walk(answers, 0);
  for (const snippet of snippets) parts.push('s', snippet.language ?? '', snippet.code);
  return sha256Hex(...parts);
}

/** One warning per empty answer, or a single summary when there are many. */
function emptyAnswerWarnings(questions: readonly FaqQuestion[], file: string): ParseWarning[] {
  const empty = questions.filter((q) => q.answers.length === 0 && q.snippets.length === 0 && q.images.length === 0);
  if (empty.length === 0) return [];
  if (empty.length <= 3) {
    return empty.map((q) => ({ file, line: q.line, code: 'FAQ_WARN_EMPTY_ANSWER', message: `question has no answer: "${truncate(q.question)}"` }));
  }
  const first = empty[0] as FaqQuestion;
  const lines = empty.slice(0, 10).map((q) => q.line).join(', ');
  return [
    {
      file,
      line: first.line,
      code: 'FAQ_WARN_EMPTY_ANSWER',
      message: `${empty.length} of ${questions.length} questions have no answer (lines ${lines}${empty.length > 10 ? ', …' : ''})`,
    },
  ];
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
