/**
 * The walk over a scope's blocks: headings become topics or questions,
 * question-shaped lists, paragraphs, quotes and `<details>` become questions,
 * and everything else belongs to the question above it or, when there is
 * none, to the description of the topic it sits in. Produces drafts; ids and
 * answer trees come later (finalize.ts).
 */
import type { Heading, Paragraph } from 'mdast';
import { isEmptyHtml, topicLevelImages, type AnswerInput } from './answers.js';
import type { Block } from './blocks.js';
import { describe } from './description.js';
import type { FaqDescription, FaqDocument, ParseWarning } from './model.js';
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
  /** Content no question owns, by the topic it sits in (null: before any topic). */
  private readonly orphans = new Map<string | null, AnswerInput[]>();
  /** Topics that have had a question: structured content after one is reported. */
  private readonly asked = new Set<string | null>();
  /** The current run of such content, reported as one warning. */
  private unplaced: Block[] = [];
  /** Blocks reported so far. */
  unplacedCount = 0;

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
    this.flushUnplaced();
    const first = scope[0];
    if (first?.type === 'heading' && first !== this.titleHeading) this.topics.leave(first.depth);
  }

  private add(draft: QuestionDraft): void {
    this.flushUnplaced();
    this.drafts.push(draft);
    this.asked.add(draft.topicSlug);
    this.current = draft;
  }

  /**
   * The descriptions collected by the walk: by topic slug, and the
   * document's own (key null).
   */
  descriptions(): Map<string | null, FaqDescription> {
    const out = new Map<string | null, FaqDescription>();
    for (const [topic, blocks] of this.orphans) {
      const description = describe(this.text, blocks);
      if (description) out.set(topic, description);
    }
    return out;
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
    this.flushUnplaced();
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
    if (this.current) {
      this.current.content.push(input);
      return;
    }
    // No question owns it: it is the topic's introduction, kept as the
    // topic's description. After the topic has had questions, structured
    // content here (after a '---', say) was probably meant as an answer,
    // so the author hears about it.
    const topic = this.topics.current;
    const kept = this.orphans.get(topic);
    if (kept) kept.push(input);
    else this.orphans.set(topic, [input]);
    if (input.type !== 'faqMarkdown' && this.asked.has(topic) && STRUCTURED.has(input.type)) this.unplaced.push(input);
  }

  /** Report a run of structured content that follows no question, as one warning. */
  private flushUnplaced(): void {
    const run = this.unplaced.filter((b) => !(b.type === 'table' && isTocTable(b)));
    this.unplaced = [];
    const first = run[0];
    if (!first) return;
    this.unplacedCount += run.length;
    const topic = this.topics.current;
    const where = topic ? `the description of topic '${topic}'` : "the document's description";
    this.warnings.push({
      file: this.file,
      line: first.position?.start.line ?? 1,
      code: 'FAQ_WARN_UNPLACED_CONTENT',
      message:
        run.length === 1
          ? `a ${describeBlock(first)} follows no question; kept in ${where}`
          : `${run.length} blocks (${[...new Set(run.map(describeBlock))].join(', ')}) follow no question; kept in ${where}`,
    });
  }
}

/** Blocks that, left after a question without belonging to it, look like a lost answer. */
const STRUCTURED = new Set(['code', 'table', 'list', 'blockquote', 'faqDetails']);

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
