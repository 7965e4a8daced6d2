/**
 * Public surface of the ingest layer: markdown in, FaqDocument out. Nothing
 * here touches the file system or a database.
 */
export { decodeMarkdown } from './decode.js';
export { findDeepNesting, type DeepNesting } from './nesting.js';
export { SourceInputError, type SourceInputReason } from './errors.js';
export { parseFaq, type ParseOptions } from './parse.js';
export { normalizeText } from './normalize.js';
export { slugify, sourceIdFromPath } from './slug.js';
export type {
  AnswerNode,
  FaqDocument,
  FaqImage,
  FaqLink,
  FaqQuestion,
  FaqSnippet,
  FaqTopic,
  ParseWarning,
} from './model.js';
