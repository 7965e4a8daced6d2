import type { SourceRecord } from '../../../db/repositories/sources.js';
import type { TopicRecord } from '../../../db/repositories/topics.js';
import { html, sanitised, type Html } from '../html.js';
import { searchBox } from './parts.js';

/** Topics nested under their parents; `topics` is in position order, parents first. */
function topicTree(topics: readonly TopicRecord[]): Html {
  const children = new Map<string | null, TopicRecord[]>();
  for (const topic of topics) {
    const siblings = children.get(topic.parentSlug) ?? [];
    siblings.push(topic);
    children.set(topic.parentSlug, siblings);
  }
  const level = (parent: string | null): Html => {
    const list = children.get(parent) ?? [];
    return html`<ul>
      ${list.map(
        (topic) =>
          html`<li>
            <a href="/topics/${encodeURIComponent(topic.slug)}">${topic.title}</a
            ><span class="count" aria-label="질문 ${topic.totalQuestionCount}개">${topic.totalQuestionCount}</span>${
              children.has(topic.slug) ? level(topic.slug) : ''
            }
          </li>`,
      )}
    </ul>`;
  };
  // Topics whose parent is missing (a hand-edited database) still show, at the top.
  const known = new Set(topics.map((topic) => topic.slug));
  for (const topic of topics) {
    if (topic.parentSlug !== null && !known.has(topic.parentSlug)) {
      children.set(null, [...(children.get(null) ?? []), topic]);
    }
  }
  return html`<div class="tree">${level(null)}</div>`;
}

export interface HomeData {
  sources: readonly SourceRecord[];
  topics: readonly TopicRecord[];
  questionCount: number;
}

/** `/`: the search box, the topic tree with counts, the sources. */
export function homeBody(data: HomeData): Html {
  return html`<section class="hero" aria-labelledby="home-title">
      <h1 id="home-title">무엇이 궁금한가요?</h1>
      <p class="lead">
        ${data.questionCount}개의 질문과 답변을 주제별로 읽거나 검색하세요. 초성(ㄷㅋ)으로도 찾을 수 있습니다.
      </p>
      ${searchBox({ id: 'q' })}
    </section>
    <section aria-labelledby="topics-title">
      <h2 id="topics-title">주제</h2>
      ${data.topics.length > 0 ? topicTree(data.topics) : html`<p>아직 주제가 없습니다.</p>`}
    </section>
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">자료</h2>
      <ul class="sources">
        ${data.sources.map(
          (source) =>
            html`<li>
              ${source.title}<span class="meta">${source.path} · 질문 ${source.questionCount}개</span>${
                source.description ? html`<div class="description">${sanitised(source.description.html)}</div>` : ''
              }
            </li>`,
        )}
      </ul>
    </section>`;
}
