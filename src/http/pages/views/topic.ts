import type { QuestionRecord } from '../../../db/repositories/questions.js';
import type { DescriptionRecord } from '../../../db/repositories/sources.js';
import type { TopicRecord } from '../../../db/repositories/topics.js';
import { html, sanitised, type Html } from '../html.js';
import { answerTree, breadcrumbs, sourceLine, type Crumb } from './parts.js';

export interface TopicPageData {
  topic: TopicRecord;
  /** The topic's ancestors, root first. */
  ancestors: readonly TopicRecord[];
  children: readonly TopicRecord[];
  /** What the topic's sources say about it outside any question. */
  description: DescriptionRecord | null;
  /** This page's questions (the topic's and its subtopics'), in order. */
  questions: readonly QuestionRecord[];
  /** Questions these follow up on, when they are not on this page: id → question text. */
  elsewhere: ReadonlyMap<string, string>;
  /** The next page of questions, if any. */
  nextHref: string | null;
  /** The first page, when this is a later one. */
  firstHref: string | null;
}

function followUpLine(record: QuestionRecord, onPage: ReadonlyMap<string, QuestionRecord>, data: TopicPageData): Html {
  if (record.followUpOf === null) return html``;
  const parent = onPage.get(record.followUpOf);
  const title = parent?.question ?? data.elsewhere.get(record.followUpOf);
  if (title === undefined) return html``;
  const href = parent ? `#${parent.id}` : `/questions/${encodeURIComponent(record.followUpOf)}`;
  return html`<p class="follows">이어지는 질문 · <a href="${href}">${title}</a></p>`;
}

function followedBy(record: QuestionRecord, followers: ReadonlyMap<string, QuestionRecord[]>): Html {
  const list = followers.get(record.id);
  if (!list) return html``;
  return html`<p class="follows">
    이어서 묻기 · ${list.map((next, index) => html`${index > 0 ? ', ' : ''}<a href="#${next.id}">${next.question}</a>`)}
  </p>`;
}

/** `/topics/{slug}`: the topic, its subtopics and its questions with their answers. */
export function topicBody(data: TopicPageData): Html {
  const { topic } = data;
  const crumbs: Crumb[] = [
    { title: '홈', href: '/' },
    ...data.ancestors.map((a) => ({ title: a.title, href: `/topics/${encodeURIComponent(a.slug)}` })),
    { title: topic.title },
  ];
  const onPage = new Map(data.questions.map((q) => [q.id, q]));
  const followers = new Map<string, QuestionRecord[]>();
  for (const q of data.questions) {
    if (q.followUpOf !== null && onPage.has(q.followUpOf)) {
      followers.set(q.followUpOf, [...(followers.get(q.followUpOf) ?? []), q]);
    }
  }
  return html`${breadcrumbs(crumbs)}
    <div data-topic-page>
      <h1>${topic.title}</h1>
      ${data.description ? html`<div class="lead description">${sanitised(data.description.html)}</div>` : ''}
      <p class="meta">
        질문 ${topic.totalQuestionCount}개${topic.totalQuestionCount !== topic.questionCount ? ` (하위 주제 포함)` : ''}
      </p>
      ${
        data.children.length > 0
          ? html`<nav aria-label="하위 주제">
              <ul class="subtopics">
                ${data.children.map(
                  (child) =>
                    html`<li>
                      <a href="/topics/${encodeURIComponent(child.slug)}">${child.title}</a
                      ><span class="count" aria-label="질문 ${child.totalQuestionCount}개"
                        >${child.totalQuestionCount}</span
                      >
                    </li>`,
                )}
              </ul>
            </nav>`
          : ''
      }
      ${data.questions.length === 0 ? html`<p>이 주제에는 아직 질문이 없습니다.</p>` : ''}
      ${data.questions.map(
        (record) =>
          html`<article class="qa" id="${record.id}" aria-labelledby="${record.id}-title">
            <h2 id="${record.id}-title"><a href="/questions/${record.id}">${record.question}</a></h2>
            ${followUpLine(record, onPage, data)} ${answerTree(record)} ${followedBy(record, followers)}
            <p class="qa-meta">
              ${record.topic && record.topic.slug !== topic.slug ? html`${record.topic.title} · ` : ''}<a
                href="#${record.id}"
                aria-label="이 질문으로 바로 가는 링크"
                >#</a
              >
              · ${sourceLine(record)}
            </p>
          </article>`,
      )}
      ${
        data.nextHref || data.firstHref
          ? html`<nav class="pager" aria-label="페이지">
              ${data.firstHref ? html`<a href="${data.firstHref}">처음으로</a> ` : ''}${
                data.nextHref ? html`<a href="${data.nextHref}" rel="next">다음 질문들</a>` : ''
              }
            </nav>`
          : ''
      }
    </div>`;
}
