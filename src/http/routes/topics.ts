import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TopicRecord } from '../../db/repositories/topics.js';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import { topicMarkdown, topicQuestionsMarkdown } from '../markdown.js';
import { decodeIntCursor, pageOf, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  paramErrorResponses,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
} from '../schemas/common.js';
import { QuestionSummaryListSchema, TopicQuestionsQuerySchema } from '../schemas/questions.js';
import {
  TopicDetailSchema,
  TopicListQuerySchema,
  TopicListSchema,
  TopicParamsSchema,
  type TopicOut,
} from '../schemas/topics.js';
import { chooseType, JSON_TYPE, MARKDOWN_TYPE, withCharset } from '../negotiate.js';

const LIST_OFFERS = [JSON_TYPE] as const;
const OFFERS = [JSON_TYPE, MARKDOWN_TYPE] as const;

function flat(topic: TopicRecord): TopicOut {
  return {
    slug: topic.slug,
    title: topic.title,
    parentSlug: topic.parentSlug,
    depth: topic.depth,
    questionCount: topic.questionCount,
    totalQuestionCount: topic.totalQuestionCount,
  };
}

/** Nest topics under their parents; the list is in position order, parents first. */
function tree(topics: TopicRecord[]): TopicOut[] {
  const nodes = new Map<string, TopicOut & { children: TopicOut[] }>();
  const roots: TopicOut[] = [];
  for (const topic of topics) {
    const node = { ...flat(topic), children: [] };
    nodes.set(topic.slug, node);
    const parent = topic.parentSlug === null ? undefined : nodes.get(topic.parentSlug);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** The topic tree, one topic, and a topic's questions (JSON or readable markdown). */
const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { topics, questions } = app.repos;
  const datasetHash = app.dataset.hash;

  const requireTopic = (slug: string): TopicRecord => {
    const topic = topics.get(slug);
    if (!topic) throw notFound.topic(slug);
    return topic;
  };

  app.get(
    '/v1/topics',
    {
      schema: {
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'The topic tree (or a flat list) with question counts',
        querystring: TopicListQuerySchema,
        response: { 200: TopicListSchema, 304: notModifiedResponse, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, LIST_OFFERS);
      if (notModified(request, reply, etagFor(datasetHash, `topics-${request.query.view}`))) return reply;
      const all = topics.list();
      const items = request.query.view === 'flat' ? all.map(flat) : tree(all);
      return { items, nextCursor: null, total: items.length };
    },
  );

  app.get(
    '/v1/topics/:slug',
    {
      schema: {
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'One topic with counts, subtopics, sources and images; markdown with Accept: text/markdown',
        params: TopicParamsSchema,
        response: {
          200: {
            description: 'The topic',
            content: { [JSON_TYPE]: { schema: TopicDetailSchema }, [MARKDOWN_TYPE]: { schema: z.string() } },
          },
          304: notModifiedResponse,
          ...paramErrorResponses,
          404: problemResponse('Unknown topic slug.'),
        },
      },
    },
    async (request, reply) => {
      const type = chooseType(request, reply, OFFERS);
      const topic = requireTopic(request.params.slug);
      if (notModified(request, reply, etagFor(datasetHash, type === JSON_TYPE ? 'topic' : 'topic-md'))) return reply;
      const children = topics.list().filter((t) => t.parentSlug === topic.slug);
      if (type === MARKDOWN_TYPE) {
        const listed = questions.page({ topic: topic.slug }, 0, 100);
        reply.header('content-type', withCharset(MARKDOWN_TYPE));
        return topicMarkdown(topic, children, listed, topic.totalQuestionCount, topics.description(topic.slug));
      }
      const parent = topic.parentSlug === null ? null : (topics.get(topic.parentSlug) ?? null);
      return {
        ...flat(topic),
        parent: parent ? { slug: parent.slug, title: parent.title } : null,
        description: topics.description(topic.slug),
        children: children.map(flat),
        sources: topics.sources(topic.slug),
        images: topics.images(topic.slug),
      };
    },
  );

  app.get(
    '/v1/topics/:slug/questions',
    {
      schema: {
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'Questions under a topic and its subtopics; full Q&A as markdown with Accept: text/markdown',
        params: TopicParamsSchema,
        querystring: TopicQuestionsQuerySchema,
        response: {
          200: {
            description: 'One page of questions',
            content: { [JSON_TYPE]: { schema: QuestionSummaryListSchema }, [MARKDOWN_TYPE]: { schema: z.string() } },
          },
          304: notModifiedResponse,
          ...paramErrorResponses,
          404: problemResponse('Unknown topic slug.'),
        },
      },
    },
    async (request, reply) => {
      const type = chooseType(request, reply, OFFERS);
      const topic = requireTopic(request.params.slug);
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? 0 : decodeIntCursor(cursor, 1)[0]!;
      if (
        notModified(request, reply, etagFor(datasetHash, type === JSON_TYPE ? 'topic-questions' : 'topic-questions-md'))
      )
        return reply;
      // One extra row tells whether a next page exists without a second query.
      const rows = questions.page({ topic: topic.slug }, after, limit + 1);
      const { items, nextCursor } = pageOf(rows, limit, (last) => [last.seq]);
      setNextLink(request, reply, nextCursor);
      if (type === MARKDOWN_TYPE) {
        const full = items.flatMap((item) => {
          const entry = app.questionEntries.get(item.id);
          return entry ? [entry.record] : [];
        });
        reply.header('content-type', withCharset(MARKDOWN_TYPE));
        const link = reply.getHeader('link');
        return topicQuestionsMarkdown(
          topic,
          full,
          link === undefined ? null : String(link).replace(/^<([^>]*)>.*$/, '$1'),
        );
      }
      return { items, nextCursor, total: questions.count({ topic: topic.slug }) };
    },
  );
};

export default topicRoutes;
