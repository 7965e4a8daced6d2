/**
 * As-you-type suggestions over question titles, on inline documents seeded
 * through the real path with the bundled synonyms.
 */
import { describe, expect, it } from 'vitest';
import { createSearcher } from '../../src/search/query.js';
import { createTestDatabase } from '../helpers/db.js';

const TITLES = `# Titles

## Kubernetes

- 쿠버네티스 클러스터는 어떻게 만드나요?
  - kubeadm을 씁니다.

- 도커 이미지는 어디에 저장되나요?
  - 로컬 디스크에 저장됩니다.

- Deployment와 ReplicaSet의 차이는 무엇인가요?
  - Deployment가 ReplicaSet을 관리합니다.

- Kubernetes Service 타입은 몇 가지인가요?
  - 세 가지입니다.

- 파일시스템은 언제 만들어지나요?
  - PVC가 바인딩될 때입니다.
`;

function suggest(q: string, limit = 5): string[] {
  return createSearcher(createTestDatabase({ 'titles.md': TITLES }))
    .suggest({ q, limit })
    .items.map((item) => item.question);
}

describe('suggest', () => {
  it('completes a prefix of a title word', () => {
    expect(suggest('Deplo')).toEqual(['Deployment와 ReplicaSet의 차이는 무엇인가요?']);
    expect(suggest('파일')[0]).toBe('파일시스템은 언제 만들어지나요?');
  });

  it('completes a half-typed Hangul syllable, whether typed as 쿠버ㄴ or shown as 쿠번', () => {
    expect(suggest('쿠버ㄴ')[0]).toBe('쿠버네티스 클러스터는 어떻게 만드나요?');
    expect(suggest('쿠번')[0]).toBe('쿠버네티스 클러스터는 어떻게 만드나요?');
    expect(suggest('돜')[0]).toBe('도커 이미지는 어디에 저장되나요?');
  });

  it('answers initial-consonant queries (ㄷㅋ → 도커)', () => {
    expect(suggest('ㄷㅋ')[0]).toBe('도커 이미지는 어디에 저장되나요?');
    expect(suggest('ㅍㅇㅅㅅㅌ')[0]).toBe('파일시스템은 언제 만들어지나요?');
  });

  it('reaches titles through a half-typed synonym (쿠버ㄴ also finds Kubernetes)', () => {
    expect(suggest('쿠버ㄴ')).toContain('Kubernetes Service 타입은 몇 가지인가요?');
    expect(suggest('디플')).toContain('Deployment와 ReplicaSet의 차이는 무엇인가요?');
  });

  it('requires every typed word, the last one as a prefix', () => {
    expect(suggest('Deployment Repl')).toEqual(['Deployment와 ReplicaSet의 차이는 무엇인가요?']);
    expect(suggest('도커를 이미')[0]).toBe('도커 이미지는 어디에 저장되나요?');
  });

  it('respects the limit', () => {
    expect(suggest('ㅋ', 1)).toHaveLength(1);
  });

  it('returns id, question, topic and the completed words as highlights', () => {
    const [item] = createSearcher(createTestDatabase({ 'titles.md': TITLES })).suggest({ q: 'ㄷㅋ', limit: 1 }).items;
    expect(item).toMatchObject({
      question: '도커 이미지는 어디에 저장되나요?',
      topic: { slug: 'kubernetes', title: 'Kubernetes' },
    });
    expect(item!.id).toMatch(/^q_/);
    expect(item!.highlights[0]).toEqual({ text: '도커', match: true });
    expect(item!.highlights.map((s) => s.text).join('')).toBe(item!.question);
  });

  it('falls back to full search for a typo', () => {
    expect(suggest('kuberntes')).toContain('Kubernetes Service 타입은 몇 가지인가요?');
  });

  it('returns nothing for input without letters', () => {
    expect(suggest('"*(')).toEqual([]);
  });
});
