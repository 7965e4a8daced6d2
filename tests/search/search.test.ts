/**
 * Search behaviour on small inline FAQ documents, seeded through the real
 * parse + load path (tests/helpers/db.ts), with the bundled synonyms file.
 */
import { describe, expect, it } from 'vitest';
import { SearchError } from '../../src/search/errors.js';
import { createSearcher, type SearchHit } from '../../src/search/query.js';
import { createTestDatabase } from '../helpers/db.js';

const GUIDE = `# Search Guide

## Docker

- 도커를 설치하면 이미지는 어디에 저장되나요?
  - 로컬 디스크의 데이터 디렉토리에 저장됩니다.

- Volume은 어떻게 만드나요?
  - 볼륨 명령을 사용합니다.

### Docker Networking

- bridge 네트워크는 무엇인가요?
  - 같은 호스트의 컨테이너끼리 통신합니다.

## Kubernetes

- ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?
  - ownerReferences 필드를 보면 됩니다.
\`\`\`bash
kubectl describe pod my-nginx
\`\`\`

- Kubernetes 노드에서 파일시스템이 만들어져 있나요?
  - 네, 디렉토리가 생성됩니다.

- ConfigMap은 무엇인가요?
  - 설정을 담는 API Object입니다.
`;

const RANKING = `# Ranking

## Tools

- 설치 명령은 무엇인가요?
  - 아래 명령을 실행합니다.
\`\`\`bash
helm install my-release ./chart
\`\`\`

- 패키지 관리 도구는 무엇을 쓰나요?
  - helm을 씁니다.

- helm 차트는 무엇인가요?
  - 템플릿 묶음입니다.
`;

const OTHER = `# Other Course

## Docker

- 도커 볼륨 백업은 어떻게 하나요?
  - tar로 묶습니다.
`;

function searcherFor(files: Record<string, string>, synonyms?: string) {
  return createSearcher(createTestDatabase(files, synonyms === undefined ? {} : { synonyms }));
}

function questions(hits: SearchHit[]): string[] {
  return hits.map((hit) => hit.question);
}

function top(q: string, files: Record<string, string> = { 'guide.md': GUIDE }): string | undefined {
  return searcherFor(files).search({ q, limit: 5 }).items[0]?.question;
}

describe('search', () => {
  it('finds a two-syllable Korean word with a particle attached in the text (도커를 ← 도커)', () => {
    expect(top('도커')).toBe('도커를 설치하면 이미지는 어디에 저장되나요?');
  });

  it('finds a two-syllable word inside a longer word and in answers (노드, 볼륨)', () => {
    expect(top('노드')).toBe('Kubernetes 노드에서 파일시스템이 만들어져 있나요?');
    expect(questions(searcherFor({ 'guide.md': GUIDE }).search({ q: '볼륨', limit: 5 }).items)).toContain(
      'Volume은 어떻게 만드나요?',
    );
  });

  it('ignores particles in the query (도커에서, 볼륨은)', () => {
    expect(top('도커에서')).toBe('도커를 설치하면 이미지는 어디에 저장되나요?');
    expect(top('노드에서는')).toBe('Kubernetes 노드에서 파일시스템이 만들어져 있나요?');
  });

  it('matches verb endings to one stem (만들어지는 finds 만들어져)', () => {
    expect(top('파일시스템이 만들어지는')).toBe('Kubernetes 노드에서 파일시스템이 만들어져 있나요?');
  });

  it('matches a transliteration and its English original both ways', () => {
    expect(top('볼륨')).toBe('Volume은 어떻게 만드나요?');
    expect(top('docker')).toBe('도커를 설치하면 이미지는 어디에 저장되나요?');
    expect(top('쿠버네티스 노드')).toBe('Kubernetes 노드에서 파일시스템이 만들어져 있나요?');
    expect(top('k8s 노드')).toBe('Kubernetes 노드에서 파일시스템이 만들어져 있나요?');
    expect(top('컨피그맵')).toBe('ConfigMap은 무엇인가요?');
    expect(top('레플리카셋')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
  });

  it('uses the synonyms file given to the seed step (a content author edits it)', () => {
    const files = { 'guide.md': GUIDE };
    expect(searcherFor(files, '- [상자, bridge]\n').search({ q: '상자', limit: 5 }).items[0]?.question).toBe(
      'bridge 네트워크는 무엇인가요?',
    );
    expect(searcherFor(files, '').search({ q: '상자', limit: 5 }).items).toEqual([]);
  });

  it('ignores case and width in English', () => {
    expect(top('CONFIGMAP')).toBe('ConfigMap은 무엇인가요?');
    expect(top('ｃｏｎｆｉｇｍａｐ')).toBe('ConfigMap은 무엇인가요?');
  });

  it('finds the same questions for a decomposed (NFD) query as for NFC', () => {
    const searcher = searcherFor({ 'guide.md': GUIDE });
    const nfc = searcher.search({ q: '파일시스템', limit: 5 }).items;
    expect(nfc.length).toBeGreaterThan(0);
    expect(searcher.search({ q: '파일시스템'.normalize('NFD'), limit: 5 }).items).toEqual(nfc);
  });

  it('finds a word by its beginning (replica → ReplicaSet)', () => {
    expect(top('replica')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
  });

  it('finds singular and plural forms (pod → Pods, configmaps → ConfigMap)', () => {
    expect(top('pod')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
    expect(top('configmaps')).toBe('ConfigMap은 무엇인가요?');
  });

  it('corrects one typo in a longer word (kuberntes, replicaste)', () => {
    expect(top('kuberntes')).toBe('Kubernetes 노드에서 파일시스템이 만들어져 있나요?');
    expect(top('replicaste')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
  });

  it('does not guess corrections for short words', () => {
    expect(searcherFor({ 'guide.md': GUIDE }).search({ q: 'hlem', limit: 5 }).items).toEqual([]);
  });

  it('searches code snippets and inline code (kubectl describe, ownerReferences)', () => {
    expect(top('kubectl describe')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
    expect(top('ownerReferences')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
    expect(top('my-nginx')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
  });

  it('ranks a match in the question above one in an answer, and that above one in code', () => {
    const hits = searcherFor({ 'tools.md': RANKING }).search({ q: 'helm', limit: 5 }).items;
    expect(questions(hits)).toEqual([
      'helm 차트는 무엇인가요?',
      '패키지 관리 도구는 무엇을 쓰나요?',
      '설치 명령은 무엇인가요?',
    ]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
  });

  it('puts questions matching every word before those matching some', () => {
    const hits = searcherFor({ 'guide.md': GUIDE }).search({ q: '도커 이미지 저장', limit: 5 }).items;
    expect(hits[0]).toMatchObject({ question: '도커를 설치하면 이미지는 어디에 저장되나요?', matchedAllTerms: true });
    const partial = searcherFor({ 'guide.md': GUIDE }).search({ q: 'configmap 노드', limit: 5 }).items;
    expect(partial.length).toBe(2);
    expect(partial.every((hit) => !hit.matchedAllTerms)).toBe(true);
  });

  it('returns id, question, topic, source, score and typed highlights', () => {
    const [hit] = searcherFor({ 'guide.md': GUIDE }).search({ q: '도커', limit: 1 }).items;
    expect(hit).toMatchObject({
      question: '도커를 설치하면 이미지는 어디에 저장되나요?',
      topic: { slug: 'docker', title: 'Docker' },
      source: { id: 'guide', path: 'guide.md', line: 5 },
      matchedAllTerms: true,
    });
    expect(hit!.id).toMatch(/^q_/);
    expect(hit!.score).toBeGreaterThan(0);
    expect(hit!.highlights).toEqual([
      { text: '도커', match: true },
      { text: '를 설치하면 이미지는 어디에 저장되나요?', match: false },
    ]);
  });

  it('filters by topic, including subtopics, and by source', () => {
    const searcher = searcherFor({ 'guide.md': GUIDE, 'other.md': OTHER });
    const all = questions(searcher.search({ q: '도커 네트워크 볼륨', limit: 10 }).items);
    expect(all).toContain('bridge 네트워크는 무엇인가요?');
    const docker = searcher.search({ q: '네트워크', topic: 'docker', limit: 10 }).items;
    expect(questions(docker)).toEqual(['bridge 네트워크는 무엇인가요?']);
    expect(searcher.search({ q: '네트워크', topic: 'kubernetes', limit: 10 }).items).toEqual([]);
    expect(questions(searcher.search({ q: '볼륨', source: 'other', limit: 10 }).items)).toEqual([
      '도커 볼륨 백업은 어떻게 하나요?',
    ]);
  });

  it('rejects an unknown topic or source with a not-found error', () => {
    const searcher = searcherFor({ 'guide.md': GUIDE });
    expect(() => searcher.search({ q: '도커', topic: 'nope', limit: 5 })).toThrow(SearchError);
    expect(() => searcher.search({ q: '도커', source: 'nope', limit: 5 })).toThrow(/No source with id "nope"/);
  });

  it('pages through every hit once, across ranking tiers, with opaque cursors', () => {
    const searcher = searcherFor({ 'guide.md': GUIDE, 'other.md': OTHER });
    const q = '도커 볼륨 노드 configmap';
    const everything = questions(searcher.search({ q, limit: 50 }).items);
    expect(everything.length).toBeGreaterThanOrEqual(4);
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const result = searcher.search({ q, limit: 1, cursor });
      paged.push(...questions(result.items));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(paged).toEqual(everything);
  });

  it('rejects a cursor from a different search', () => {
    const searcher = searcherFor({ 'guide.md': GUIDE, 'other.md': OTHER });
    const { nextCursor } = searcher.search({ q: '볼륨', limit: 1 });
    expect(nextCursor).not.toBeNull();
    expect(() => searcher.search({ q: '도커', limit: 1, cursor: nextCursor! })).toThrow(/cursor/);
    expect(() => searcher.search({ q: '볼륨', limit: 1, cursor: 'garbage' })).toThrow(SearchError);
  });

  it('answers queries full of search syntax without failing', () => {
    const searcher = searcherFor({ 'guide.md': GUIDE });
    for (const q of [
      'docker run -it',
      'kube-system',
      '8080:80',
      "don't",
      '"',
      'NEAR(a b)',
      'AND',
      '*',
      'x'.repeat(1000),
    ]) {
      expect(() => searcher.search({ q, limit: 5 })).not.toThrow();
    }
    expect(top('kubectl describe pod -o yaml')).toBe('ReplicaSet이 관리하는 Pods는 어떻게 확인하나요?');
  });

  it('returns nothing for a query with nothing to search for', () => {
    expect(searcherFor({ 'guide.md': GUIDE }).search({ q: '"()*', limit: 5 })).toEqual({ items: [], nextCursor: null });
  });
});

describe('search with initial consonants', () => {
  it('expands the initials of a known term (ㄷㅋ → 도커, Docker)', () => {
    expect(top('ㄷㅋ')).toBe('도커를 설치하면 이미지는 어디에 저장되나요?');
  });
});

describe('search over more matches than the bm25 window', () => {
  it('pages through every match once, past the window', () => {
    const bullets = Array.from(
      { length: 300 },
      (_, i) => `- 볼륨 질문 ${i + 1}번은 ${'무엇'.repeat(1 + (i % 7))}인가요?\n  - 답 ${i + 1}\n`,
    ).join('\n');
    const searcher = createSearcher(createTestDatabase({ 'many.md': `# Many\n\n## Storage\n\n${bullets}` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const result = searcher.search({ q: '볼륨', limit: 40, cursor });
      seen.push(...result.items.map((item) => item.id));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
  });
});
