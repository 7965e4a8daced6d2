/**
 * The FAQ model that parsing produces and loading stores. Pure data: no
 * database, no file system. Every id here is derived from content identity
 * (see ids.ts), so parsing the same text twice gives the same ids.
 */

/** A problem found while parsing, always with the file and 1-based line. */
export interface ParseWarning {
  file: string;
  line: number;
  /** Stable machine code, e.g. 'FAQ_WARN_NO_QUESTIONS'. */
  code: string;
  message: string;
}

/**
 * Text that belongs to no question: a topic's (or the document's)
 * introduction, kept as written so nothing a file holds is lost.
 */
export interface FaqDescription {
  markdown: string;
  /** `markdown` rendered to HTML and sanitised. */
  html: string;
  /** Line of its first block. */
  line: number;
}

export interface FaqTopic {
  /** URL-safe, lower-case; same heading text in any document → same slug. */
  slug: string;
  title: string;
  parentSlug: string | null;
  line: number;
  /** What this document says under the topic heading outside its questions; null when nothing. */
  description: FaqDescription | null;
}

export interface FaqLink {
  url: string;
  /** The visible label, plain text ('' for an autolink with no label). */
  text: string;
  title: string | null;
  line: number;
  /** Id of the answer node the link sits in; null when in the question itself. */
  answerId: string | null;
}

export interface FaqImage {
  url: string;
  alt: string;
  title: string | null;
  line: number;
  answerId: string | null;
}

export interface FaqSnippet {
  id: string;
  /** Lower-cased first word of the fence info string; null when none. */
  language: string | null;
  code: string;
  line: number;
  /** Answer node the code block sits in; null when it follows the answer list. */
  answerId: string | null;
}

/** One node of an answer tree. Nested bullets stay nested. */
export interface AnswerNode {
  id: string;
  /** The node's own markdown, without its children, dedented. */
  markdown: string;
  /** Plain text of `markdown`. */
  text: string;
  /** `markdown` rendered to HTML and sanitised: safe to inject in a page. */
  html: string;
  line: number;
  children: AnswerNode[];
}

export interface FaqQuestion {
  id: string;
  /** Plain text of the question. */
  question: string;
  /** The question as written, inline markdown kept. */
  markdown: string;
  line: number;
  topicSlug: string | null;
  /** Id of the question this one follows on from ("(위 질문에 이어서) …"). */
  followUpOf: string | null;
  answers: AnswerNode[];
  snippets: FaqSnippet[];
  links: FaqLink[];
  images: FaqImage[];
  /** sha256 (hex) over question, answers and snippets: changes iff content does. */
  contentHash: string;
}

export interface FaqDocument {
  /** Source id: slug of the path without extension, e.g. 'mspt3_24-2-scp'. */
  id: string;
  /** Path relative to the seeds folder, '/' separated. */
  path: string;
  title: string;
  /** sha256 (hex) of the normalised text (NFC, LF line endings). */
  contentHash: string;
  /** In document order; a parent always precedes its children. */
  topics: FaqTopic[];
  questions: FaqQuestion[];
  /**
   * Blocks no question owns that follow a question in their topic (after a
   * '---', say): kept in a description, but probably meant as an answer;
   * each run is also a FAQ_WARN_UNPLACED_CONTENT warning.
   */
  unplaced: number;
  /** Text before the first topic that belongs to no question; null when nothing. */
  description: FaqDescription | null;
  /** Images outside any question, e.g. under '### Docker Summary'. */
  topicImages: (FaqImage & { topicSlug: string | null })[];
  warnings: ParseWarning[];
}
