import type { SearchHit } from '../../../search/query.js';
import { html, type Html } from '../html.js';
import { highlighted, searchBox, type SearchBoxOptions } from './parts.js';

export interface SearchPageData {
  q: string;
  topic?: { slug: string; title: string } | undefined;
  source?: { id: string; title: string } | undefined;
  hits: readonly SearchHit[];
  nextHref: string | null;
  /** True on a later page of results. */
  continued: boolean;
}

/** The hits as a list; links open in a new tab from inside the embeddable search. */
export function hitList(hits: readonly SearchHit[], newTab: boolean): Html {
  const target = newTab ? html` target="_blank" rel="noopener"` : '';
  return html`<ol class="hits">
    ${hits.map(
      (hit) =>
        html`<li>
          <a href="/questions/${hit.id}" ${target}>${highlighted(hit.highlights)}</a
          ><span class="meta">${hit.topic?.title ?? ''}${hit.topic ? ' · ' : ''}${hit.source.path}</span>
        </li>`,
    )}
  </ol>`;
}

/** The search form, a count line for screen readers, the hits and a next-page link. */
export function searchResults(data: SearchPageData, box: SearchBoxOptions, newTab: boolean): Html {
  const scope = [data.topic?.title, data.source?.title].filter(Boolean).join(', ');
  return html`${searchBox({ ...box, q: data.q })} ${scope ? html`<p class="meta">범위: ${scope}</p>` : ''}
  ${
    data.q === ''
      ? ''
      : html`<p role="status">
            ${
              data.hits.length === 0
                ? html`“${data.q}”에 맞는 질문을 찾지 못했습니다. 다른 낱말이나 더 짧은 검색어로 해 보세요.`
                : html`“${data.q}” 검색 결과${data.continued ? ' (이어서)' : ''}`
            }
          </p>
          ${hitList(data.hits, newTab)}
          ${data.nextHref ? html`<nav class="pager" aria-label="페이지"><a href="${data.nextHref}" rel="next">결과 더 보기</a></nav>` : ''}`
  }`;
}

/** `/search?q=`: results with the matched words marked; works without JavaScript. */
export function searchBody(data: SearchPageData): Html {
  return html`<h1>${data.q === '' ? '검색' : html`검색: ${data.q}`}</h1>
    ${searchResults(data, { id: 'q', topic: data.topic?.slug, source: data.source?.id }, false)}`;
}

/** `/embed/search`: only the box and the results, for an iframe in a course page. */
export function embedBody(data: SearchPageData, suggestTopics: readonly string[] | undefined): Html {
  const title = data.topic ? `${data.topic.title} FAQ 검색` : 'FAQ 검색';
  return html`<h1>${title}</h1>
    ${searchResults(
      data,
      {
        id: 'q',
        action: '/embed/search',
        topic: data.topic?.slug,
        source: data.source?.id,
        suggestTopics,
        label: title,
      },
      true,
    )}`;
}
