-- The change feed (GET /v1/changes): one row per question that exists or
-- was deleted, holding its latest change. seq grows across seeds (the
-- high-water mark is meta 'change_seq') and never depends on clocks: a
-- question that changes gets a new, higher seq and leaves its old one, so a
-- client that read up to seq N and reads on from there ends with exactly the
-- current set. meta 'feed_id' names the feed; a cursor from another feed
-- (a database built afresh) is refused rather than silently misread.
CREATE TABLE changes (
  seq           INTEGER PRIMARY KEY,
  question_id   TEXT NOT NULL UNIQUE,
  source_id     TEXT NOT NULL,
  deleted       INTEGER NOT NULL,           -- 0: upsert, 1: deletion
  content_hash  TEXT,                       -- upserts only
  at            TEXT NOT NULL               -- updatedAt of an upsert, deletedAt of a deletion
) STRICT;
