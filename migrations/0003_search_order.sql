-- Search rank order: search_fts rowids are positions in a static prior
-- order (shorter question text first, then questions.seq), not question
-- seqs. FTS5 walks matches in rowid order for free, so a broad query can
-- rank only the first few hundred matches with bm25 instead of every one
-- (bm25 over 10,000+ matches costs tens of milliseconds). For one-word
-- queries bm25 itself prefers short questions, so the prior loses little.
CREATE TABLE search_docs (
  position      INTEGER PRIMARY KEY,        -- search_fts rowid
  seq           INTEGER NOT NULL UNIQUE REFERENCES questions(seq)
) STRICT;
