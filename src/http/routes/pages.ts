import type { FastifyError, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { QuestionRecord } from '../../db/repositories/questions.js';
import type { TopicRecord } from '../../db/repositories/topics.js';
import { ApiError, notFound } from '../../errors.js';
import { etagFor } from '../conditional.js';
import type { SearchPage } from '../../search/query.js';
import { decodeIntCursor, encodeCursor } from '../pagination.js';
import type { PageAssets } from '../pages/assets.js';
import { faqPage, jsonLdBlock, qaPage, answerText, type JsonLdBlock } from '../pages/json-ld.js';
import { layout, SITE_NAME, type PageShell } from '../pages/layout.js';
import { embedFrameAncestors, pageCsp } from '../pages/security.js';
import helmet from '../plugins/external/helmet.js';
import { cachedBody, PageCache, pageEtag, renderedPage, sendCached, sendPage, type PageSource } from '../pages/send.js';
import { CACHE_CONTROL } from '../conditional.js';
import { errorBody, errorTitle } from '../pages/views/error.js';
import { homeBody } from '../pages/views/home.js';
import { questionBody } from '../pages/views/question.js';
import { embedBody, searchBody, type SearchPageData } from '../pages/views/search.js';
import { topicBody } from '../pages/views/topic.js';
import { clipTitle, searchBox } from '../pages/views/parts.js';
import type { Html } from '../pages/html.js';
import { problemFor } from '../plugins/problems.js';
import { CursorSchema, pathParamsSchema } from '../schemas/common.js';
import { MAX_QUERY_LENGTH } from '../schemas/common.js';

export interface PageRoutesOptions {
  /** The stylesheet and script (src/http/pages/assets). */
  assets: PageAssets;
  /** Who may frame /embed/search (config EMBED_ORIGINS). */
  embedOrigins: '*' | readonly string[];
  /** The release: part of every page's ETag, since templates change with it. */
  version: string;
  /** Rendered pages kept in memory (topic, question and home pages). */
  maxCachedPages?: number;
}

/** Questions per topic page: a page stays small on a phone (and under 50 KB compressed). */
export const TOPIC_PAGE_SIZE = 100;
/** Hits per search page. */
const SEARCH_PAGE_SIZE = 20;

const SlugParams = pathParamsSchema('slug');
const IdParams = pathParamsSchema('id');
const TopicPageQuery = z.object({ cursor: CursorSchema });
const SearchPageQuery = z.object({
  q: z.string().max(MAX_QUERY_LENGTH).optional(),
  topic: z.string().min(1).max(200).optional(),
  source: z.string().min(1).max(200).optional(),
  cursor: CursorSchema,
});

/** The assets are the only thing a browser may cache for long, and only under their versioned URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The HTML pages for people: home, topic, question, search and the
 * embeddable search, rendered from the same repositories and searcher the
 * /v1 API uses. Hidden from the OpenAPI document, which describes /v1.
 */
const pageRoutes: FastifyPluginAsyncZod<PageRoutesOptions> = async (app, options) => {
  const { assets, version } = options;
  const cache = new PageCache(options.maxCachedPages ?? 500);
  const assetBodies = new Map(
    [...assets.byName.values()].map((asset) => [asset.name, { ...asset, cached: cachedBody(asset.body) }]),
  );
  const frameNone = "'none'";
  const frameEmbed = embedFrameAncestors(options.embedOrigins);

  /** scheme://host of this request, for canonical and Open Graph URLs. */
  const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
  /** Where a rendered page is kept: its key, the host it names, and the content it shows. */
  const cacheKey = (request: FastifyRequest, key: string): string =>
    `${key}\0${originOf(request)}\0${app.dataset.hash}`;
  /** Everything a page's bytes depend on besides its own key. */
  const etagOf = (request: FastifyRequest, key: string): string =>
    pageEtag([app.dataset.hash, version, assets.version, originOf(request), key]);

  const render = (
    shell: Omit<PageShell, 'assets' | 'url'> & { path: string },
    request: FastifyRequest,
    body: Html,
  ): PageSource => {
    const jsonLd: JsonLdBlock | undefined = shell.jsonLd;
    return {
      html: layout({ ...shell, assets, url: `${originOf(request)}${shell.path}` }, body).value,
      csp: pageCsp({
        scriptHashes: jsonLd ? [jsonLd.cspSource] : [],
        frameAncestors: shell.embed ? frameEmbed : frameNone,
      }),
    };
  };

  const topicPath = (topic: TopicRecord | undefined): TopicRecord[] => {
    const path: TopicRecord[] = [];
    const seen = new Set<string>();
    for (let t = topic; t && !seen.has(t.slug); t = t.parentSlug ? app.repos.topics.get(t.parentSlug) : undefined) {
      seen.add(t.slug);
      path.unshift(t);
    }
    return path;
  };

  const subtreeSlugs = (slug: string): string[] => {
    const all = app.repos.topics.list();
    const slugs = [slug];
    for (let i = 0; i < slugs.length; i += 1) {
      for (const t of all) if (t.parentSlug === slugs[i] && !slugs.includes(t.slug)) slugs.push(t.slug);
    }
    return slugs;
  };

  const fullRecords = (ids: readonly string[]): QuestionRecord[] =>
    ids.flatMap((id) => {
      const entry = app.questionEntries.get(id);
      return entry ? [entry.record] : [];
    });

  // helmet's header set for HTML pages; the CSP is each page's own (its
  // JSON-LD hash, frame-ancestors), and frame-ancestors replaces X-Frame-Options.
  await app.register(helmet, { contentSecurityPolicy: false, frameguard: false });

  // Errors on these routes are pages too, with the status the API would send.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemFor(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    const embed = request.url.startsWith('/embed/');
    const page = render(
      {
        title: errorTitle(problem.status),
        description: problem.detail,
        path: request.url,
        noindex: true,
        embed,
        headerSearch: searchBox({ id: 'header-q' }),
      },
      request,
      errorBody(problem.status, problem.status >= 500 ? '' : problem.detail),
    );
    reply.removeHeader('etag');
    return reply
      .code(problem.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', page.csp)
      .send(page.html);
  });

  const hidden = { hide: true } as const;

  app.get('/', { schema: hidden, compress: false }, (request, reply) => {
    const key = 'home';
    const page = cache.get(cacheKey(request, key), () => {
      const { sources, topics, questions } = app.repos;
      const questionCount = questions.count({});
      return render(
        {
          title: SITE_NAME,
          description: `${questionCount}개의 질문과 답변: ${topics
            .list()
            .filter((t) => t.depth === 0)
            .map((t) => t.title)
            .join(', ')}`,
          path: '/',
        },
        request,
        homeBody({ sources: sources.list(), topics: topics.list(), questionCount }),
      );
    });
    sendPage(request, reply, etagOf(request, key), page);
  });

  app.get(
    '/topics/:slug',
    { schema: { ...hidden, params: SlugParams, querystring: TopicPageQuery }, compress: false },
    (request, reply) => {
      const { slug } = request.params;
      const { cursor } = request.query;
      const topic = app.repos.topics.get(slug);
      if (!topic) throw notFound.topic(slug);
      const after = cursor === undefined ? 0 : decodeIntCursor(cursor, 1)[0]!;
      const key = `topic\0${slug}\0${after}`;
      const page = cache.get(cacheKey(request, key), () => {
        const { questions, topics } = app.repos;
        const rows = questions.page({ topic: slug }, after, TOPIC_PAGE_SIZE + 1);
        const shown = rows.slice(0, TOPIC_PAGE_SIZE);
        const records = fullRecords(shown.map((row) => row.id));
        const onPage = new Set(records.map((r) => r.id));
        const missing = records.flatMap((r) =>
          r.followUpOf !== null && !onPage.has(r.followUpOf) ? [r.followUpOf] : [],
        );
        const elsewhere = new Map(questions.summaries(missing).map((s) => [s.id, s.question]));
        const path = `/topics/${encodeURIComponent(slug)}`;
        const base = `${originOf(request)}${path}`;
        const ancestors = topicPath(topic).slice(0, -1);
        const description = topics.description(slug);
        const summary = description
          ? description.markdown
          : records.length > 0
            ? `${topic.title}: ${records
                .slice(0, 3)
                .map((r) => r.question)
                .join(' · ')}`
            : `${topic.title} FAQ`;
        return render(
          {
            title: after === 0 ? topic.title : `${topic.title} (이어서)`,
            description: summary,
            path: after === 0 ? path : `${path}?cursor=${cursor}`,
            ogType: 'article',
            jsonLd: jsonLdBlock(faqPage(records, (id) => `${base}#${id}`)),
            headerSearch: searchBox({ id: 'header-q' }),
          },
          request,
          topicBody({
            topic,
            description,
            ancestors,
            children: topics.list().filter((t) => t.parentSlug === slug),
            questions: records,
            elsewhere,
            nextHref: rows.length > TOPIC_PAGE_SIZE ? `${path}?cursor=${encodeCursor([shown.at(-1)!.seq])}` : null,
            firstHref: after === 0 ? null : path,
          }),
        );
      });
      sendPage(request, reply, etagOf(request, key), page);
    },
  );

  app.get('/questions/:id', { schema: { ...hidden, params: IdParams }, compress: false }, (request, reply) => {
    const { id } = request.params;
    const entry = app.questionEntries.get(id);
    if (!entry) throw notFound.question(id);
    const key = `question\0${id}`;
    const page = cache.get(cacheKey(request, key), () => {
      const { record } = entry;
      const { questions, topics } = app.repos;
      const path = `/questions/${encodeURIComponent(id)}`;
      const url = `${originOf(request)}${path}`;
      return render(
        {
          title: clipTitle(record.question, 70),
          description: answerText(record.answers) || record.question,
          path,
          ogType: 'article',
          jsonLd: jsonLdBlock(qaPage(record, url)),
          headerSearch: searchBox({ id: 'header-q' }),
        },
        request,
        questionBody({
          record,
          topicPath: topicPath(record.topic ? topics.get(record.topic.slug) : undefined),
          followsUp: record.followUpOf === null ? undefined : questions.summaries([record.followUpOf])[0],
          followers: questions.followUps(record),
          // The API's related questions (GET /v1/questions/{id}/related), best first.
          related: app.searcher.related({ id, limit: 5 }).items,
        }),
      );
    });
    sendPage(request, reply, etagOf(request, key), page);
  });

  /** Search for a results page: validated filters, and no search at all for an empty box. */
  const searchData = (query: z.infer<typeof SearchPageQuery>, path: string): SearchPageData => {
    const q = (query.q ?? '').trim();
    const { topic, source, cursor } = query;
    const topicRecord = topic === undefined ? undefined : app.repos.topics.get(topic);
    if (topic !== undefined && !topicRecord) throw notFound.topic(topic);
    const sourceRecord = source === undefined ? undefined : app.repos.sources.get(source);
    if (source !== undefined && !sourceRecord) throw notFound.source(source);
    const result: SearchPage =
      q === ''
        ? { items: [], nextCursor: null }
        : app.searcher.search({ q, topic, source, cursor, limit: SEARCH_PAGE_SIZE });
    let nextHref: string | null = null;
    if (result.nextCursor !== null) {
      const params = new URLSearchParams({ q });
      if (topic !== undefined) params.set('topic', topic);
      if (source !== undefined) params.set('source', source);
      params.set('cursor', result.nextCursor);
      nextHref = `${path}?${params.toString()}`;
    }
    return {
      q,
      topic: topicRecord && { slug: topicRecord.slug, title: topicRecord.title },
      source: sourceRecord && { id: sourceRecord.id, title: sourceRecord.title },
      hits: result.items,
      nextHref,
      continued: cursor !== undefined,
    };
  };

  app.get('/search', { schema: { ...hidden, querystring: SearchPageQuery }, compress: false }, (request, reply) => {
    const data = searchData(request.query, '/search');
    const page = renderedPage(
      render(
        {
          title: data.q === '' ? '검색' : `검색: ${data.q}`,
          description: data.q === '' ? 'FAQ의 질문과 답변을 검색합니다.' : `“${data.q}”에 대한 FAQ 검색 결과`,
          path: request.url,
          noindex: data.q !== '',
        },
        request,
        searchBody(data),
      ),
    );
    sendPage(request, reply, etagOf(request, `search\0${request.url}`), page);
  });

  const embedRoute = {
    schema: { ...hidden, querystring: SearchPageQuery },
    compress: false,
    // A course page that isolates itself (COEP) may still show the frame.
    helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
  } as const;
  app.get('/embed/search', embedRoute, (request, reply) => {
    const data = searchData(request.query, '/embed/search');
    // Suggestions carry their topic, not their source: a source-restricted box goes without.
    const suggestTopics = data.topic ? subtreeSlugs(data.topic.slug) : undefined;
    const page = renderedPage(
      render(
        {
          title: data.topic ? `${data.topic.title} FAQ 검색` : 'FAQ 검색',
          description: 'FAQ의 질문과 답변을 검색합니다.',
          path: request.url,
          noindex: true,
          embed: true,
        },
        request,
        embedBody(data, data.source ? [] : suggestTopics),
      ),
    );
    sendPage(request, reply, etagOf(request, `embed\0${request.url}`), page);
  });

  app.get(
    '/assets/:name',
    {
      schema: {
        ...hidden,
        params: pathParamsSchema('name'),
        querystring: z.object({ v: z.string().max(64).optional() }),
      },
      compress: false,
      // A stylesheet or script is not a document: the API's headers suffice.
      helmet: false,
    },
    (request, reply) => {
      const asset = assetBodies.get(request.params.name);
      if (!asset) throw new ApiError('FAQ_ERR_ROUTE_NOT_FOUND', `No asset named "${request.params.name}".`);
      const cacheControl = request.query.v === asset.version ? IMMUTABLE : CACHE_CONTROL;
      sendCached(request, reply, etagFor(asset.version, 'asset'), asset.cached, asset.type, cacheControl);
    },
  );
};

export default pageRoutes;
