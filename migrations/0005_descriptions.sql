-- Descriptions: what a file says outside its questions (a topic's
-- introduction, or the document's before its first topic), kept so that
-- nothing an author wrote is dropped. Markdown as written and sanitised HTML;
-- NULL when there is none.
ALTER TABLE source_topics ADD COLUMN description TEXT;
ALTER TABLE source_topics ADD COLUMN description_html TEXT;
ALTER TABLE sources ADD COLUMN description TEXT;
ALTER TABLE sources ADD COLUMN description_html TEXT;
