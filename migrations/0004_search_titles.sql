-- Question texts alone, analysed like search_fts.question (same rowids, see
-- search_docs). The top ranking tier ("every query word in the question")
-- runs here: title doclists are a fraction of whole-question doclists, so
-- AND-ing common words costs a few hundred microseconds instead of the
-- several milliseconds a column filter on search_fts takes at 100,000
-- questions.
CREATE VIRTUAL TABLE search_titles USING fts5(
  question,
  content = '',
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '3'
);
