import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { QuestionRecord } from '../../db/repositories/questions.js';
import { LruCache } from '../cache.js';
import { encodedEtag, etagFor } from '../conditional.js';
import { COMPRESSION_THRESHOLD, encode, type Encoding, utf8Bytes } from '../encoding.js';
import { questionMarkdown } from '../markdown.js';
import { QuestionSchema } from '../schemas/questions.js';

/**
 * A question's representations, built once per id. The database cannot
 * change under a running process, so a hot `GET /v1/questions/{id}` is a
 * cache lookup and a write of bytes serialised earlier.
 */
export interface QuestionEntry {
  record: QuestionRecord;
  /**
   * The JSON as UTF-8 bytes: sent as is, so a request pays neither a UTF-8
   * length scan (Content-Length) nor an encoding of the text at write time.
   */
  json: Buffer;
  jsonEtag: string;
  markdownEtag: string;
  /** Built on first markdown request; most clients never ask. */
  markdown(): string;
  /**
   * The JSON or markdown body compressed with `coding`, with its own ETag;
   * compressed on first request and kept with the entry. Undefined when the
   * body is too small to be worth compressing (send it as is).
   */
  encoded(kind: 'json' | 'markdown', coding: Encoding): EncodedBody | undefined;
}

export interface EncodedBody {
  body: Buffer;
  etag: string;
  coding: Encoding;
}

export interface QuestionEntries {
  get(id: string): QuestionEntry | undefined;
  readonly size: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    questionEntries: QuestionEntries;
  }
}

export interface RepresentationOptions {
  /** Questions kept serialised; bounds memory for large corpora. */
  maxEntries?: number;
}

/**
 * The seed's content hash covers question, answers and snippets; the JSON
 * also shows where the question sits (file, line, topic), so those join the
 * ETag input. A few short strings are hashed once per entry, never the body.
 */
function versionOf(record: QuestionRecord): string {
  return createHash('sha1')
    .update(
      [
        record.contentHash,
        record.source.id,
        record.source.path,
        record.source.line,
        record.topic?.slug ?? '',
        record.topic?.title ?? '',
        record.followUpOf ?? '',
        record.updatedAt,
      ].join('\0'),
    )
    .digest('hex');
}

function buildEntry(record: QuestionRecord): QuestionEntry {
  const version = versionOf(record);
  let markdown: string | undefined;
  // kind → coding → body; null remembers "too small to compress".
  const encodings: Record<'json' | 'markdown', Partial<Record<Encoding, EncodedBody | null>>> = {
    json: {},
    markdown: {},
  };
  const entry: QuestionEntry = {
    record,
    // Encoding through the schema strips internal fields (seq) and checks
    // the shape once, when the entry is built.
    json: utf8Bytes(JSON.stringify(z.encode(QuestionSchema, record))),
    jsonEtag: etagFor(version, 'json'),
    markdownEtag: etagFor(version, 'md'),
    markdown: () => (markdown ??= questionMarkdown(record)),
    encoded(kind, coding) {
      const known = encodings[kind][coding];
      if (known !== undefined) return known ?? undefined;
      const [body, etag] = kind === 'json' ? [entry.json, entry.jsonEtag] : [entry.markdown(), entry.markdownEtag];
      const encoded =
        Buffer.byteLength(body) < COMPRESSION_THRESHOLD
          ? null
          : { body: encode(body, coding), etag: encodedEtag(etag, coding), coding };
      encodings[kind][coding] = encoded;
      return encoded ?? undefined;
    },
  };
  return entry;
}

const questionCachePlugin: FastifyPluginAsync<RepresentationOptions> = async (app, options) => {
  const { maxEntries = 5000 } = options;
  const cache = new LruCache<QuestionEntry>(maxEntries);
  const repo = app.repos.questions;
  app.decorate('questionEntries', {
    get(id: string) {
      const cached = cache.get(id);
      if (cached) return cached;
      const record = repo.get(id);
      if (!record) return undefined;
      const entry = buildEntry(record);
      cache.set(id, entry);
      return entry;
    },
    get size() {
      return cache.size;
    },
  });
};

/** Serialised question representations, cached per id (LRU-bounded). */
export const questionCache = fp(questionCachePlugin, {
  name: 'faq-question-cache',
  fastify: '5.x',
  dependencies: ['faq-db'],
});
export default questionCache;
