/**
 * The walk over a scope's blocks: headings become topics or questions,
 * question-shaped lists, paragraphs, quotes and `<details>` become questions,
 * and everything else belongs to the question above it or is reported as
 * skipped. Produces drafts; ids and answer trees come later (finalize.ts).
 */
import type { Heading, Paragraph } from 'mdast';
import { isEmptyHtml, topicLevelImages, type AnswerInput } from './answers.js';
import type { Block } from './blocks.js';
import type { FaqDocument, ParseWarning } from './model.js';
import { ANSWER_SUMMARY, detailsQuestion, htmlListFollowUps } from './shapes/details.js';
import type { QuestionDraft } from './shapes/draft.js';
import { headingText, questionFromHeading } from './shapes/headings.js';
import { isTocList, questionsFromList } from './shapes/lists.js';
import { isPageNavigation } from './shapes/navigation.js';
import { answerFromParagraph, questionFromBlockquote, questionFromParagraph } from './shapes/paragraphs.js';
import { isFaqHeading, isNonContentHeading, isQuestionLike } from './shapes/question-text.js';
import { isMenuSection, isTocSection, isTocTable, sectionLevels } from './shapes/sections.js';
import { plainText } from './render.js';
import { TopicStack } from './topics.js';

/** Walks the scopes of one document, collecting drafts, topics, topic images and warnings. */
export class Walker {
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
      const questionLike = isQuestionLike(t);
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
    const structured =
      this.drafts.length > 0
        ? ['code', 'table', 'list', 'blockquote', 'faqDetails']
        : ['code', 'table', 'list', 'faqDetails'];
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

function describeBlock(block: Block): string {
  if (block.type === 'faqDetails') return '<details> block';
  if (block.type === 'code') return 'code block';
  return block.type;
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
  return (
    kids.length > 0 &&
    kids.every((c) => c.type === 'image' || (c.type === 'link' && c.children.every((k) => k.type === 'image')))
  );
}
