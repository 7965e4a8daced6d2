/**
 * Relevance ranking on an inline course FAQ: whole sentences, Korean
 * morphology, compounds, typos, loanwords, the glossary and the score's
 * meaning. Seeded through the real parse + load path with the bundled
 * synonyms file.
 */
import { describe, expect, it } from 'vitest';
import { createSearcher, GOOD_MATCH } from '../../src/search/query.js';
import { createTestDatabase } from '../helpers/db.js';

const COURSE = `# Cloud Course

## Docker

- 컨테이너를 지우면 컨테이너 안에서 만든 파일도 같이 지워지는 건가요?
  - 네. docker rm으로 컨테이너를 삭제하면 쓰기 레이어도 함께 삭제됩니다.
  - 남겨야 하는 데이터는 볼륨에 저장하세요.

- 컨테이너 로그는 어디서 보나요?
  - docker logs 명령으로 봅니다.

- 이미지를 삭제하면 그 이미지로 만든 컨테이너는 어떻게 되나요?
  - 실행 중인 컨테이너가 쓰는 이미지는 지울 수 없습니다.

## AWS

- 보안 그룹에 인바운드 규칙만 추가했는데 아웃바운드도 열어줘야 하나요?
  - 보안 그룹은 상태를 기억하므로 응답은 자동으로 나갑니다.

- 로드밸런서는 어떤 종류가 있나요?
  - L4와 L7 로드밸런서가 있습니다.

## Kubernetes

- Pod가 CrashLoopBackOff 상태로 계속 재시작됩니다
  - kubectl logs --previous 로 이전 컨테이너의 로그를 봅니다.

- StatefulSet은 언제 쓰나요?
  - 순서와 고유한 이름이 필요한 파드에 씁니다.

- values 파일의 값은 어디에 쓰이나요?
  - 템플릿에 들어갑니다.
`;

function searcher() {
  return createSearcher(createTestDatabase({ 'course.md': COURSE }));
}

function top(q: string, s = searcher()): string | undefined {
  return s.search({ q, limit: 5 }).items[0]?.question;
}

describe('relevance ranking', () => {
  it('finds the question a whole sentence asks, whatever filler words it carries', () => {
    expect(top('컨테이너 지우면 안에 있던 파일도 전부 없어지나요?')).toMatch(/^컨테이너를 지우면/);
  });

  it('lets the rarest word decide between questions that share a common one', () => {
    const s = searcher();
    expect(top('컨테이너 CrashLoopBackOff', s)).toMatch(/CrashLoopBackOff/);
    expect(top('컨테이너 로그', s)).toMatch(/^컨테이너 로그/);
  });

  it('reduces 하다/되다 verbs to their noun (삭제하면, 삭제되나요 → 삭제)', () => {
    expect(top('이미지 삭제되나요')).toMatch(/^이미지를 삭제하면/);
  });

  it('matches compounds and their spaced forms both ways', () => {
    const s = searcher();
    expect(top('보안그룹 아웃바운드', s)).toMatch(/^보안 그룹에/);
    expect(top('로드 밸런서 종류', s)).toMatch(/^로드밸런서는/);
  });

  it('corrects a Hangul word one jamo off, ranked below the exact word', () => {
    const s = searcher();
    expect(top('보안그릅 아웃바운드', s)).toMatch(/^보안 그룹에/);
    const typo = s.search({ q: '로드벨런서', limit: 1 }).items[0]!;
    const exact = s.search({ q: '로드밸런서', limit: 1 }).items[0]!;
    expect(typo.question).toBe(exact.question);
    expect(typo.score).toBeLessThan(exact.score);
  });

  it('finds an English term from its Hangul spelling without a synonyms entry', () => {
    const s = searcher();
    expect(top('크래시루프백오프', s)).toMatch(/CrashLoopBackOff/);
    expect(top('스테이트풀셋', s)).toMatch(/^StatefulSet/);
  });

  it('reaches Korean text from English words through the built-in glossary', () => {
    expect(top('container delete file')).toMatch(/^컨테이너를 지우면/);
  });

  it('takes a particle off a one-syllable noun the index knows (값은 → 값)', () => {
    expect(top('값은')).toMatch(/값은/);
  });

  it('scores in 0-1, a good answer at or above GOOD_MATCH with every word matched', () => {
    const hit = searcher().search({ q: '보안 그룹 아웃바운드', limit: 1 }).items[0]!;
    expect(hit.score).toBeGreaterThanOrEqual(GOOD_MATCH);
    expect(hit.score).toBeLessThanOrEqual(1);
    expect(hit.matchedAllTerms).toBe(true);
  });

  it('keeps out-of-domain questions below GOOD_MATCH and never claims every word', () => {
    const s = searcher();
    for (const q of ['김치찌개 레시피', 'best hiking trails', '파이썬 리스트 컴프리헨션 문법']) {
      for (const hit of s.search({ q, limit: 10 }).items) {
        expect(hit.score, q).toBeLessThan(GOOD_MATCH);
        expect(hit.matchedAllTerms, q).toBe(false);
      }
    }
  });
});
