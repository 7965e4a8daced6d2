-- Relevance ranking (src/search/score.ts): candidates come from search_fts,
-- and are scored from what these tables hold, all written at seed time.

-- The analysed terms of each question's three fields, as indexed in
-- search_fts (same rowids): scoring reads a candidate's term positions
-- here, because the FTS table is contentless.
CREATE TABLE search_forward (
  position      INTEGER PRIMARY KEY,        -- search_fts rowid
  question      TEXT NOT NULL,
  answers       TEXT NOT NULL,
  code          TEXT NOT NULL
) STRICT;

-- Document frequency of every index term (syllable bigrams, English terms,
-- synonym tokens), read from the finished index once at seed time, so a
-- query weighs its words by rarity without counting anything.
CREATE TABLE search_df (
  term          TEXT PRIMARY KEY,
  df            INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Hangul words of the documents and the nouns under their particles, with
-- document frequencies: known words, typo correction, compound splitting.
CREATE TABLE search_words (
  word          TEXT PRIMARY KEY,
  df            INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Field lengths for length normalisation, and the question count.
CREATE TABLE search_stats (
  name          TEXT PRIMARY KEY,
  value         REAL NOT NULL
) STRICT, WITHOUT ROWID;

-- The titles-only index served the old "every word in the question" tier;
-- the forward table answers that now.
DROP TABLE search_titles;
