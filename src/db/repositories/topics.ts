import type { Database } from 'better-sqlite3';
import { toDescription, type DescriptionRecord } from './sources.js';

/** A topic with its question counts. */
export interface TopicRecord {
  slug: string;
  title: string;
  parentSlug: string | null;
  /** First-seen order across all sources. */
  position: number;
  /** 0 for a top-level topic. */
  depth: number;
  /** Questions filed directly under this topic. */
  questionCount: number;
  /** Questions under this topic and all its descendants. */
  totalQuestionCount: number;
}

/** Where a source contributes to a topic (the heading's line). */
export interface TopicSourceRecord {
  id: string;
  path: string;
  line: number;
}

/** An image that belongs to a topic rather than a question ('### Docker Summary'). */
export interface TopicImageRecord {
  url: string;
  alt: string;
  title: string | null;
  line: number;
  sourceId: string;
}

interface TopicRow {
  slug: string;
  title: string;
  parent_slug: string | null;
  position: number;
  question_count: number;
}

/**
 * Read access to `topics`. Counts including descendants are summed here
 * rather than in SQL: the topic table is small and a tree walk is clearer
 * than a recursive aggregate.
 */
export function createTopicRepository(db: Database) {
  const listAll = db.prepare<[], TopicRow>(
    `SELECT t.slug, t.title, t.parent_slug, t.position,
            (SELECT count(*) FROM questions q WHERE q.topic_slug = t.slug) AS question_count
       FROM topics t ORDER BY t.position`,
  );
  const sourcesOf = db.prepare<[string], TopicSourceRecord>(
    `SELECT s.id, s.path, st.line FROM source_topics st JOIN sources s ON s.id = st.source_id
      WHERE st.topic_slug = ? ORDER BY s.path`,
  );
  const descriptionsOf = db.prepare<[string], { description: string; description_html: string | null }>(
    `SELECT st.description, st.description_html FROM source_topics st JOIN sources s ON s.id = st.source_id
      WHERE st.topic_slug = ? AND st.description IS NOT NULL ORDER BY s.path`,
  );
  const imagesOf = db.prepare<
    [string],
    { url: string; alt: string; title: string | null; line: number; source_id: string }
  >(
    `SELECT url, alt, title, line, source_id FROM images
      WHERE topic_slug = ? AND question_id IS NULL ORDER BY source_id, line`,
  );

  // The served database never changes under a running process (a re-seed
  // swaps in a new file, picked up by a restart), so the tree is read once.
  let cached: { list: TopicRecord[]; bySlug: Map<string, TopicRecord> } | undefined;

  /** Flat list in position order with depth and totals filled in. */
  const list = (): TopicRecord[] => load().list;

  const load = () => {
    if (cached) return cached;
    const rows = listAll.all();
    const bySlug = new Map<string, TopicRecord>();
    const records = rows.map((row) => {
      const record: TopicRecord = {
        slug: row.slug,
        title: row.title,
        parentSlug: row.parent_slug,
        position: row.position,
        depth: 0,
        questionCount: row.question_count,
        totalQuestionCount: row.question_count,
      };
      bySlug.set(row.slug, record);
      return record;
    });
    for (const record of records) {
      // Walk up to the root: adds this topic's own questions to every
      // ancestor, and the number of steps is the depth. The loader fixes a
      // topic's parent at first sight, so there are no cycles; the guard is
      // a belt for hand-edited databases.
      let parent = record.parentSlug ? bySlug.get(record.parentSlug) : undefined;
      let steps = 0;
      while (parent && steps < records.length) {
        parent.totalQuestionCount += record.questionCount;
        steps += 1;
        parent = parent.parentSlug ? bySlug.get(parent.parentSlug) : undefined;
      }
      record.depth = steps;
    }
    cached = { list: records, bySlug };
    return cached;
  };

  return {
    list,
    /** One topic with counts, or undefined when the slug is unknown. */
    get: (slug: string): TopicRecord | undefined => load().bySlug.get(slug),
    /** The sources that have a heading for this topic. */
    sources: (slug: string): TopicSourceRecord[] => sourcesOf.all(slug),
    /**
     * What the sources say under the topic's heading outside any question,
     * in path order (one source's text after another's), or null.
     */
    description: (slug: string): DescriptionRecord | null => {
      const parts = descriptionsOf.all(slug);
      if (parts.length === 0) return null;
      return toDescription(
        parts.map((p) => p.description).join('\n\n'),
        parts.map((p) => p.description_html ?? '').join('\n'),
      );
    },
    /** Images filed under the topic itself, outside any question. */
    images: (slug: string): TopicImageRecord[] =>
      imagesOf
        .all(slug)
        .map((row) => ({ url: row.url, alt: row.alt, title: row.title, line: row.line, sourceId: row.source_id })),
  };
}

export type TopicRepository = ReturnType<typeof createTopicRepository>;
