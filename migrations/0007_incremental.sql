-- Incremental seeds (src/db/seed.ts): what a seed needs to carry a file's
-- rows over unchanged and to rebuild what spans files exactly as a full seed.
--   sources.file_hash   sha256 of the file's bytes: unchanged files are not read again
--   sources.ordinal     the file's slot in path order; its questions' seqs are
--                       ordinal * 2^20 + position, so a re-seeded file keeps its
--                       place in the global order without renumbering others
--   sources.report      the parse report (JSON: warnings, unplaced blocks), repeated while the file is unchanged
--   source_topics.title / parent_slug   the topic as this file names it: the
--                       topics table (first file in path order wins) is rebuilt from them
-- meta 'parser_fingerprint' and 'synonyms_hash' say which parser and synonyms
-- built the rows; when either differs the seed starts afresh.
ALTER TABLE sources ADD COLUMN file_hash TEXT;
ALTER TABLE sources ADD COLUMN ordinal INTEGER;
ALTER TABLE sources ADD COLUMN report TEXT;
ALTER TABLE source_topics ADD COLUMN title TEXT;
ALTER TABLE source_topics ADD COLUMN parent_slug TEXT;
