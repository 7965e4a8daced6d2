import type { Nodes } from 'mdast';
import type { AnswerInput } from '../answers.js';

/**
 * A question as the shape detectors find it, before ids and answer trees
 * are computed (those need every question of the document).
 */
export interface QuestionDraft {
  /** The question as written, inline markdown kept (labels/numbering removed). */
  markdown: string;
  /** Whitespace-collapsed plain text. */
  text: string;
  line: number;
  topicSlug: string | null;
  /** Nodes of the question itself, searched for links and images. */
  headNodes: Nodes[];
  /** Answer content in document order. */
  content: AnswerInput[];
  /** The question it follows on from: an explicit parent, or 'previous' for the one above. */
  followUpOf: QuestionDraft | 'previous' | null;
  /** Which shape produced it (for diagnostics and the heading/list rules). */
  origin: 'list' | 'heading' | 'paragraph' | 'details' | 'blockquote';
}
