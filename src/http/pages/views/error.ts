import { html, type Html } from '../html.js';

/** Titles people read for the statuses a page can answer with. */
const TITLES: Record<number, string> = {
  400: '요청을 이해하지 못했습니다',
  404: '찾을 수 없습니다',
  406: '이 형식으로는 보여 드릴 수 없습니다',
  414: '주소가 너무 깁니다',
  429: '요청이 너무 많습니다',
  503: '잠시 후 다시 시도해 주세요',
};

export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? '문제가 생겼습니다' : '요청을 처리할 수 없습니다');
}

/** An error as a page: what went wrong (never internals), and a way on. */
export function errorBody(status: number, detail: string): Html {
  return html`<h1>${errorTitle(status)}</h1>
    ${detail ? html`<p>${detail}</p>` : ''}
    <p><a href="/">처음으로</a> · <a href="/search">검색</a></p>`;
}
