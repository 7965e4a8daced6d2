import { describe, expect, it } from 'vitest';
import { isBareSuffix, koreanStems } from '../../src/search/korean.js';

describe('koreanStems', () => {
  it('strips particles from a noun (도커에서 → 도커, 볼륨은 → 볼륨)', () => {
    expect(koreanStems('도커에서')).toContain('도커');
    expect(koreanStems('볼륨은')).toContain('볼륨');
    expect(koreanStems('파드들이')).toContain('파드');
  });

  it('keeps the word itself as the first, longest candidate', () => {
    expect(koreanStems('도커에서')[0]).toBe('도커에서');
  });

  it('reduces different endings of one verb to a shared stem (만들어지는, 만들어져, 만들어진)', () => {
    const shared = (word: string): string[] => koreanStems(word);
    expect(shared('만들어지는')).toContain('만들어');
    expect(shared('만들어져')).toContain('만들어');
    expect(shared('만들어진')).toContain('만들어');
  });

  it('never reduces a word to fewer than two syllables', () => {
    for (const stem of koreanStems('것이다')) expect(stem.length).toBeGreaterThanOrEqual(2);
  });

  it('does not strip a known term further (이미지 is not 이미 + 지)', () => {
    expect(koreanStems('이미지를', (stem) => stem === '이미지')).not.toContain('이미');
    expect(koreanStems('이미지를', (stem) => stem === '이미지')).toContain('이미지');
  });
});

describe('isBareSuffix', () => {
  it('recognises a word that is only a particle', () => {
    expect(isBareSuffix('의')).toBe(true);
    expect(isBareSuffix('에서')).toBe(true);
    expect(isBareSuffix('도커')).toBe(false);
  });
});
