-- The FAQ model: sources (markdown files) hold topics and questions; a
-- question's answer is a tree of nodes; snippets, links and images hang off
-- a question (and the answer node they sit in, when there is one).
--
-- IDs are TEXT and derived from content identity, not from row order, so
-- that re-seeding unchanged content reproduces them (LMS integrations store
-- them). STRICT tables so a wrong type is an error, not silent coercion.

CREATE TABLE sources (
  id            TEXT PRIMARY KEY,           -- slug of the file path, e.g. 'mspt3_24-2-scp'
  path          TEXT NOT NULL UNIQUE,       -- relative to SEEDS_DIR, '/' separated
  title         TEXT NOT NULL,
  content_hash  TEXT NOT NULL,              -- sha256 of the normalised file text
  question_count INTEGER NOT NULL,
  seeded_at     TEXT NOT NULL,              -- ISO 8601, when this content was first seen
  updated_at    TEXT NOT NULL               -- ISO 8601, when content_hash last changed
) STRICT;

-- Topics are shared across sources by slug: '## Kubernetes' in two course
-- files is one topic.
CREATE TABLE topics (
  slug          TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  parent_slug   TEXT REFERENCES topics(slug),
  position      INTEGER NOT NULL            -- first-seen order, for stable listing
) STRICT;

-- Which sources contribute to which topic, with the heading's line.
CREATE TABLE source_topics (
  source_id     TEXT NOT NULL REFERENCES sources(id),
  topic_slug    TEXT NOT NULL REFERENCES topics(slug),
  line          INTEGER NOT NULL,
  PRIMARY KEY (source_id, topic_slug)
) STRICT, WITHOUT ROWID;

CREATE TABLE questions (
  seq           INTEGER PRIMARY KEY,        -- dense global order (source order, then position); cursor key
  id            TEXT NOT NULL UNIQUE,
  source_id     TEXT NOT NULL REFERENCES sources(id),
  topic_slug    TEXT REFERENCES topics(slug),
  position      INTEGER NOT NULL,           -- order within its source
  line          INTEGER NOT NULL,
  question      TEXT NOT NULL,              -- plain text
  markdown      TEXT NOT NULL,              -- the question as written (inline markdown kept)
  follow_up_of  TEXT,                       -- id of the question this one follows on from
  has_code      INTEGER NOT NULL,           -- 0/1
  content_hash  TEXT NOT NULL,              -- sha256 over question + answers + snippets
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL               -- changes only when content_hash changes
) STRICT;
CREATE INDEX questions_topic ON questions(topic_slug, seq);
CREATE INDEX questions_source ON questions(source_id, seq);
CREATE INDEX questions_updated ON questions(updated_at, seq);

-- The answer tree: nested bullets stay nested (parent_id), never flattened.
CREATE TABLE answers (
  id            TEXT PRIMARY KEY,
  question_id   TEXT NOT NULL REFERENCES questions(id),
  parent_id     TEXT REFERENCES answers(id),
  position      INTEGER NOT NULL,           -- order among siblings
  depth         INTEGER NOT NULL,           -- 0 for direct answers
  line          INTEGER NOT NULL,
  markdown      TEXT NOT NULL,
  text          TEXT NOT NULL,              -- plain text, for search and terminals
  html          TEXT NOT NULL               -- sanitised at seed time, safe to inject
) STRICT;
CREATE INDEX answers_question ON answers(question_id, depth, position);

CREATE TABLE snippets (
  id            TEXT PRIMARY KEY,
  question_id   TEXT NOT NULL REFERENCES questions(id),
  answer_id     TEXT REFERENCES answers(id),
  position      INTEGER NOT NULL,           -- order within the question
  line          INTEGER NOT NULL,
  language      TEXT,                       -- fence info word, lower-cased; NULL when none
  code          TEXT NOT NULL,
  content_hash  TEXT NOT NULL
) STRICT;
CREATE INDEX snippets_question ON snippets(question_id, position);
CREATE INDEX snippets_language ON snippets(language);

CREATE TABLE links (
  id            INTEGER PRIMARY KEY,
  source_id     TEXT NOT NULL REFERENCES sources(id),
  question_id   TEXT REFERENCES questions(id),
  answer_id     TEXT REFERENCES answers(id),
  line          INTEGER NOT NULL,
  url           TEXT NOT NULL,
  text          TEXT NOT NULL,
  title         TEXT
) STRICT;
CREATE INDEX links_question ON links(question_id);

-- Images may belong to a question or only to a topic ('### Docker Summary'
-- holds nothing but an image).
CREATE TABLE images (
  id            INTEGER PRIMARY KEY,
  source_id     TEXT NOT NULL REFERENCES sources(id),
  question_id   TEXT REFERENCES questions(id),
  answer_id     TEXT REFERENCES answers(id),
  topic_slug    TEXT REFERENCES topics(slug),
  line          INTEGER NOT NULL,
  url           TEXT NOT NULL,
  alt           TEXT NOT NULL,
  title         TEXT
) STRICT;
CREATE INDEX images_question ON images(question_id);
CREATE INDEX images_topic ON images(topic_slug);

-- Questions that existed in an earlier seed and are gone now, so a syncing
-- client polling with updatedSince learns about deletions.
CREATE TABLE question_tombstones (
  id            TEXT PRIMARY KEY,
  source_id     TEXT NOT NULL,
  deleted_at    TEXT NOT NULL
) STRICT;

-- Facts about the seed run itself (dataset hash for ETags, seeded time).
CREATE TABLE meta (
  key           TEXT PRIMARY KEY,
  value         TEXT NOT NULL
) STRICT;
