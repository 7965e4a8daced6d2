import type { QuestionRecord, QuestionSummaryRecord } from '../../../db/repositories/questions.js';
import type { TopicRecord } from '../../../db/repositories/topics.js';
import { html, type Html } from '../html.js';
import { answerTree, breadcrumbs, clipTitle, dateText, sourceLine, type Crumb } from './parts.js';

/** A question that is linked from this one ("see also", the question it follows up on). */
export interface LinkedQuestion {
  id: string;
  question: string;
  topic?: { slug: string; title: string } | null;
}

export interface QuestionPageData {
  record: QuestionRecord;
  /** The question's topic and its ancestors, root first. */
  topicPath: readonly TopicRecord[];
  followsUp: QuestionSummaryRecord | undefined;
  /** Questions that follow up on this one. */
  followers: readonly LinkedQuestion[];
  /** Related questions ("see also", from search); empty when search finds none. */
  related: readonly LinkedQuestion[];
}

function questionList(items: readonly LinkedQuestion[]): Html {
  return html`<ul class="related">
    ${items.map(
      (item) =>
        html`<li>
          <a href="/questions/${item.id}">${item.question}</a>${
            item.topic ? html` <span class="meta">${item.topic.title}</span>` : ''
          }
        </li>`,
    )}
  </ul>`;
}

/** `/questions/{id}`: the question, its answers and code, where it comes from, related questions. */
export function questionBody(data: QuestionPageData): Html {
  const { record } = data;
  const crumbs: Crumb[] = [
    { title: '홈', href: '/' },
    ...data.topicPath.map((t) => ({ title: t.title, href: `/topics/${encodeURIComponent(t.slug)}` })),
    { title: clipTitle(record.question, 24) },
  ];
  const deepLink = record.topic ? `/topics/${encodeURIComponent(record.topic.slug)}#${record.id}` : null;
  return html`${breadcrumbs(crumbs)}
    <article class="qa question-page" aria-labelledby="question-title">
      <h1 id="question-title">${record.question}</h1>
      ${
        data.followsUp
          ? html`<p class="follows">
              이어지는 질문 · <a href="/questions/${data.followsUp.id}">${data.followsUp.question}</a>
            </p>`
          : ''
      }
      <section aria-label="답변">${answerTree(record)}</section>
      ${
        data.followers.length > 0
          ? html`<section aria-labelledby="followers-title">
              <h2 id="followers-title">이어서 묻기</h2>
              ${questionList(data.followers)}
            </section>`
          : ''
      }
      <p class="qa-meta">
        ${sourceLine(record)} · 수정
        ${dateText(record.updatedAt)}${deepLink ? html` · <a href="${deepLink}">주제 페이지에서 보기</a>` : ''} ·
        <a href="/v1/questions/${record.id}" type="application/json">JSON</a>
      </p>
    </article>
    ${
      data.related.length > 0
        ? html`<section aria-labelledby="related-title">
            <h2 id="related-title">함께 보기</h2>
            ${questionList(data.related)}
          </section>`
        : ''
    }`;
}
