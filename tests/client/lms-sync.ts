/**
 * What an LMS integrator writes against the FAQ API: openapi-fetch over the
 * types openapi-typescript generated from the document, the way both
 * libraries' docs show (no casts, no media-type generics). It keeps a local
 * copy of a topic's questions, revalidates them with ETags, and later
 * applies what changed and what was deleted.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.js';

export type Question = components['schemas']['Question'];
export type FaqClient = ReturnType<typeof createClient<paths>>;

/** A client for the API at `baseUrl`; `middleware` sees every response (the tests check them). */
export function faqClient(baseUrl: string, middleware: Middleware[] = []): FaqClient {
  const client = createClient<paths>({ baseUrl });
  for (const m of middleware) client.use(m);
  return client;
}

/** The local copy an LMS keeps: questions by id with the ETag they came with. */
export interface Mirror {
  questions: Map<string, { question: Question; etag: string }>;
  /** When the copy was last brought up to date (the dataset's seededAt), for updatedSince. */
  syncedAt: string;
}

/** Every question id under `slug`, following the cursors to the last page. */
export async function topicQuestionIds(client: FaqClient, slug: string, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET('/v1/topics/{slug}/questions', {
      params: { path: { slug }, query: { limit, cursor } },
    });
    if (error) throw new Error(`listing ${slug}: ${error.detail}`);
    ids.push(...data.items.map((item) => item.id));
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

/** One question with its ETag. */
export async function fetchQuestion(client: FaqClient, id: string): Promise<{ question: Question; etag: string }> {
  const { data, error, response } = await client.GET('/v1/questions/{id}', { params: { path: { id } } });
  if (error) throw new Error(`question ${id}: ${error.detail}`);
  return { question: data, etag: response.headers.get('etag') ?? '' };
}

/** Is our copy still current? A 304 says so without a body. */
export async function isCurrent(client: FaqClient, id: string, etag: string): Promise<boolean> {
  const { response } = await client.GET('/v1/questions/{id}', {
    params: { path: { id }, header: { 'if-none-match': etag } },
  });
  return response.status === 304;
}

/** Mirror every question of every topic that has any. */
export async function initialSync(client: FaqClient): Promise<Mirror> {
  const ready = await client.GET('/health/ready');
  if (ready.error) throw new Error(`not ready: ${ready.error.detail}`);
  const { data: topics, error } = await client.GET('/v1/topics', { params: { query: { view: 'flat' } } });
  if (error) throw new Error(`topics: ${error.detail}`);
  const questions: Mirror['questions'] = new Map();
  for (const topic of topics.items.filter((t) => t.questionCount > 0)) {
    for (const id of await topicQuestionIds(client, topic.slug)) {
      if (!questions.has(id)) questions.set(id, await fetchQuestion(client, id));
    }
  }
  return { questions, syncedAt: ready.data.seededAt ?? new Date(0).toISOString() };
}

/** Bring `mirror` up to date: fetch what changed since its last sync, drop what was deleted. */
export async function incrementalSync(
  client: FaqClient,
  mirror: Mirror,
): Promise<{ updated: string[]; deleted: string[] }> {
  const updated: string[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET('/v1/questions', {
      params: { query: { updatedSince: mirror.syncedAt, limit: 100, cursor } },
    });
    if (error) throw new Error(`changes: ${error.detail}`);
    for (const item of data.items) {
      if (mirror.questions.get(item.id)?.question.contentHash === item.contentHash) continue;
      mirror.questions.set(item.id, await fetchQuestion(client, item.id));
      updated.push(item.id);
    }
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);

  const deleted: string[] = [];
  const deletions = (cursor: string | undefined) =>
    client.GET('/v1/questions/deleted', { params: { query: { since: mirror.syncedAt, cursor } } });
  for (let page = await deletions(undefined); ; page = await deletions(page.data.nextCursor)) {
    if (page.error) throw new Error(`deletions: ${page.error.detail}`);
    for (const tombstone of page.data.items) if (mirror.questions.delete(tombstone.id)) deleted.push(tombstone.id);
    if (page.data.nextCursor === null) break;
  }

  const ready = await client.GET('/health/ready');
  if (ready.data?.seededAt) mirror.syncedAt = ready.data.seededAt;
  return { updated, deleted };
}

/** Search as a student types it: the best hit's question text. */
export async function bestAnswerFor(client: FaqClient, q: string): Promise<string | undefined> {
  const { data, error } = await client.GET('/v1/search', { params: { query: { q, limit: 1 } } });
  if (error) throw new Error(`search: ${error.detail}`);
  return data.items[0]?.question;
}

/** The raw code of a question's first snippet, as a file would hold it, and the JSON code to compare. */
export async function firstSnippet(
  client: FaqClient,
  questionId: string,
): Promise<{ raw: string; code: string } | undefined> {
  const { data, error } = await client.GET('/v1/snippets', { params: { query: { question: questionId, limit: 1 } } });
  if (error) throw new Error(`snippets: ${error.detail}`);
  const snippet = data.items[0];
  if (snippet === undefined) return undefined;
  const raw = await client.GET('/v1/snippets/{id}/raw', { params: { path: { id: snippet.id } }, parseAs: 'text' });
  if (raw.error) throw new Error(`raw ${snippet.id}: ${raw.error.detail}`);
  return { raw: raw.data, code: snippet.code };
}
