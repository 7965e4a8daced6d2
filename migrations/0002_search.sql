-- Search: filled by buildSearchIndex (src/search/index-build.ts) inside the
-- seed transaction, read-only at serve time.

-- One row per question (rowid = questions.seq). The columns hold analysed
-- terms, not the text itself (contentless): Hangul as syllable bigrams,
-- other words lower-cased and plural-stemmed, plus camelCase parts. Texts
-- for display come from the questions table. Column order is the ranking
-- weight order: question > answers > code.
CREATE VIRTUAL TABLE search_fts USING fts5(
  question, answers, code,
  content = '',
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '3'
);

-- Distinct non-Hangul index terms with their document frequency: typo
-- correction (kuberntes → kubernetes) and partial words inside compounds
-- (image → baseimage) look here instead of scanning the index.
CREATE TABLE search_vocab (
  id            INTEGER PRIMARY KEY,
  term          TEXT NOT NULL UNIQUE,
  df            INTEGER NOT NULL
) STRICT;

-- Trigrams of the vocabulary (not of documents): 'image' → baseimage.
CREATE VIRTUAL TABLE search_vocab_trigram USING fts5(
  term,
  content = 'search_vocab',
  content_rowid = 'id',
  tokenize = 'trigram'
);

-- Single-deletion variants of vocabulary terms (symmetric delete): a query
-- word within one edit of a term shares a variant with it.
CREATE TABLE search_vocab_deletes (
  variant       TEXT NOT NULL,
  term_id       INTEGER NOT NULL REFERENCES search_vocab(id),
  PRIMARY KEY (variant, term_id)
) STRICT, WITHOUT ROWID;

-- The synonyms file as loaded at seed time (normalised terms).
CREATE TABLE search_synonyms (
  group_id      INTEGER NOT NULL,
  position      INTEGER NOT NULL,
  term          TEXT NOT NULL,
  PRIMARY KEY (group_id, position)
) STRICT;

-- Autocomplete keys for every word of every question title: kind 0 is the
-- keystroke form (쿠버네티스 → ㅋㅜㅂㅓㄴㅔㅌㅣㅅㅡ, English lower-cased),
-- kind 1 the initial consonants (도커 → ㄷㅋ). A half-typed query is a
-- prefix of one of them.
CREATE TABLE search_suggest_keys (
  kind          INTEGER NOT NULL,
  key           TEXT NOT NULL,
  seq           INTEGER NOT NULL REFERENCES questions(seq),
  position      INTEGER NOT NULL,           -- word index in the title
  PRIMARY KEY (kind, key, seq, position)
) STRICT, WITHOUT ROWID;
