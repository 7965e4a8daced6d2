import { describe, expect, it } from 'vitest';
import { endsLikePredicate, isBareSuffix, isLightWord, koreanStems, vocabularyForms } from '../../src/search/korean.js';

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

describe('koreanStems: nouns under verbs and particles', () => {
  it('reduces 하다/되다/시키다/이다 forms to their noun (삭제하면, 삭제되나요, 실행시키면, 문제였는데)', () => {
    expect(koreanStems('삭제하면')).toContain('삭제');
    expect(koreanStems('삭제되나요')).toContain('삭제');
    expect(koreanStems('삭제했는데')).toContain('삭제');
    expect(koreanStems('실행시키면')).toContain('실행');
    expect(koreanStems('설정해야')).toContain('설정');
  });

  it('takes a particle off a one-syllable noun only when the index knows the noun (값은, 훅에)', () => {
    const known = (stem: string): boolean => stem === '값' || stem === '훅';
    expect(koreanStems('값은', () => false, known)).toContain('값');
    expect(koreanStems('훅에', () => false, known)).toContain('훅');
    expect(koreanStems('값은')).not.toContain('값');
  });
});

describe('isLightWord and endsLikePredicate', () => {
  it('calls words that only frame a question light (있던, 되나요, 말이에요, 어떻게, 뭔가요)', () => {
    for (const word of ['있던', '되나요', '말이에요', '어떻게', '뭔가요', '없나요', '같은데'])
      expect(isLightWord(word), word).toBe(true);
  });

  it('keeps nouns and topical verbs (컨테이너, 삭제, 지우면)', () => {
    for (const word of ['컨테이너', '삭제', '지우면', '볼륨은']) expect(isLightWord(word), word).toBe(false);
  });

  it('tells predicates (날아가나요, 작업한) from nouns with particles (컨테이너를)', () => {
    expect(endsLikePredicate('날아가나요')).toBe(true);
    expect(endsLikePredicate('작업한')).toBe(true);
    expect(endsLikePredicate('컨테이너를')).toBe(false);
    expect(endsLikePredicate('서브넷')).toBe(false);
  });
});

describe('vocabularyForms', () => {
  it('keeps a document word and the noun under its particle', () => {
    expect(vocabularyForms('컨테이너를')).toEqual(['컨테이너를', '컨테이너']);
    expect(vocabularyForms('보안그룹과')).toEqual(['보안그룹과', '보안그룹']);
    expect(vocabularyForms('서브넷')).toEqual(['서브넷']);
  });
});
