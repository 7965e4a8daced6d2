import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TopicRecord } from '../../db/repositories/topics.js';
import { notFound } from '../../errors.js';
import { etagFor, notModified } from '../conditional.js';
import { topicMarkdown, topicQuestionsMarkdown } from '../markdown.js';
import { decodeIntCursor, pageOf, setNextLink } from '../pagination.js';
import {
  commonErrorResponses,
  jsonResponse,
  notModifiedResponse,
  problemResponse,
  RequestHeadersSchema,
  textResponse,
} from '../schemas/common.js';
import { TopicQuestionListSchema, TopicQuestionsQuerySchema } from '../schemas/questions.js';
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
const MARKDOWN_OFFERS = [MARKDOWN_TYPE] as const;

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
        operationId: 'listTopics',
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'The topic tree (or a flat list) with question counts',
        description:
          'Topics come from the headings of the seeded markdown; one topic may gather questions from several sources. ' +
          'view=tree nests subtopics in children; view=flat lists every topic in order with its parentSlug.',
        querystring: TopicListQuerySchema,
        response: {
          200: jsonResponse('Every topic, never paged.', TopicListSchema),
          304: notModifiedResponse,
          ...commonErrorResponses,
        },
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

  /** Topic `slug` as markdown: its counts, subtopics and first questions. */
  const sendTopicMarkdown = (reply: FastifyReply, topic: TopicRecord): FastifyReply => {
    const children = topics.list().filter((t) => t.parentSlug === topic.slug);
    const listed = questions.page({ topic: topic.slug }, 0, 100);
    return reply
      .header('content-type', withCharset(MARKDOWN_TYPE))
      .send(topicMarkdown(topic, children, listed, topic.totalQuestionCount, topics.description(topic.slug)));
  };

  const topicResponses = {
    304: notModifiedResponse,
    ...commonErrorResponses,
    404: problemResponse('Unknown topic slug.'),
  };

  app.get(
    '/v1/topics/:slug',
    {
      schema: {
        operationId: 'getTopic',
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'One topic with counts, its parent, subtopics, sources and images',
        description:
          'Accept: text/markdown on this URL answers with the markdown of getTopicMarkdown ' +
          '(Content-Location names that URL); JSON is what this operation documents.',
        params: TopicParamsSchema,
        response: { 200: jsonResponse('The topic.', TopicDetailSchema), ...topicResponses },
      },
    },
    async (request, reply) => {
      const type = chooseType(request, reply, OFFERS);
      const topic = requireTopic(request.params.slug);
      if (type === MARKDOWN_TYPE) {
        reply.header('content-location', `/v1/topics/${encodeURIComponent(topic.slug)}.md`);
        if (notModified(request, reply, etagFor(datasetHash, 'topic-md'))) return reply;
        return sendTopicMarkdown(reply as FastifyReply, topic);
      }
      if (notModified(request, reply, etagFor(datasetHash, 'topic'))) return reply;
      const children = topics.list().filter((t) => t.parentSlug === topic.slug);
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
    '/v1/topics/:slug.md',
    {
      schema: {
        operationId: 'getTopicMarkdown',
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'One topic as readable markdown: counts, subtopics and its first 100 questions',
        description: 'The same topic as getTopic, for people and markdown renderers (openapi-fetch: parseAs: "text").',
        params: TopicParamsSchema,
        response: { 200: textResponse('The topic as markdown.', MARKDOWN_TYPE), ...topicResponses },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, MARKDOWN_OFFERS);
      const topic = requireTopic(request.params.slug);
      if (notModified(request, reply, etagFor(datasetHash, 'topic-md'))) return reply;
      return sendTopicMarkdown(reply as FastifyReply, topic);
    },
  );

  /** Send one page of the questions under `topic`, as JSON summaries or as the full Q&A in markdown. */
  const sendTopicQuestions = (
    request: FastifyRequest,
    reply: FastifyReply,
    topic: TopicRecord,
    { limit, cursor }: { limit: number; cursor?: string | undefined },
    type: (typeof OFFERS)[number],
  ): FastifyReply => {
    const after = cursor === undefined ? 0 : decodeIntCursor(cursor, 1)[0]!;
    const etag = etagFor(datasetHash, type === JSON_TYPE ? 'topic-questions' : 'topic-questions-md');
    if (notModified(request, reply, etag)) return reply;
    // One extra row tells whether a next page exists without a second query.
    const rows = questions.page({ topic: topic.slug }, after, limit + 1);
    const { items, nextCursor } = pageOf(rows, limit, (last) => [last.seq]);
    setNextLink(request, reply, nextCursor);
    if (type === JSON_TYPE) return reply.send({ items, nextCursor, total: questions.count({ topic: topic.slug }) });
    const full = items.flatMap((item) => {
      const entry = app.questionEntries.get(item.id);
      return entry ? [entry.record] : [];
    });
    const link = reply.getHeader('link');
    return reply
      .header('content-type', withCharset(MARKDOWN_TYPE))
      .send(
        topicQuestionsMarkdown(topic, full, link === undefined ? null : String(link).replace(/^<([^>]*)>.*$/, '$1')),
      );
  };

  app.get(
    '/v1/topics/:slug/questions',
    {
      schema: {
        operationId: 'listTopicQuestions',
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'Questions under a topic and its subtopics, in document order with cursor pagination',
        description:
          'Keyset pagination as listQuestions. Accept: text/markdown on this URL answers with the full Q&A of ' +
          'listTopicQuestionsMarkdown (Content-Location names that URL); JSON is what this operation documents.',
        params: TopicParamsSchema,
        querystring: TopicQuestionsQuerySchema,
        response: {
          200: jsonResponse('One page of question summaries; Link names the next page.', TopicQuestionListSchema),
          ...topicResponses,
        },
      },
    },
    async (request, reply) => {
      const type = chooseType(request, reply, OFFERS);
      const topic = requireTopic(request.params.slug);
      if (type === MARKDOWN_TYPE) {
        const location = `/v1/topics/${encodeURIComponent(topic.slug)}/questions.md`;
        const query = request.url.indexOf('?');
        reply.header('content-location', query === -1 ? location : location + request.url.slice(query));
      }
      return sendTopicQuestions(request, reply as FastifyReply, topic, request.query, type);
    },
  );

  app.get(
    '/v1/topics/:slug/questions.md',
    {
      schema: {
        operationId: 'listTopicQuestionsMarkdown',
        tags: ['topics'],
        headers: RequestHeadersSchema,
        summary: 'One page of the questions under a topic as readable markdown, answers and code included',
        description:
          'The questions of listTopicQuestions in full, as one markdown document per page; Link (and the last line) ' +
          'name the next page. openapi-fetch users pass parseAs: "text".',
        params: TopicParamsSchema,
        querystring: TopicQuestionsQuerySchema,
        response: { 200: textResponse('One page of questions as markdown.', MARKDOWN_TYPE), ...topicResponses },
      },
    },
    async (request, reply) => {
      chooseType(request, reply, MARKDOWN_OFFERS);
      const topic = requireTopic(request.params.slug);
      return sendTopicQuestions(request, reply as FastifyReply, topic, request.query, MARKDOWN_TYPE);
    },
  );
};

export default topicRoutes;
