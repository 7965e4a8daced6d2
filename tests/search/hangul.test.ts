import { describe, expect, it } from 'vitest';
import {
  boundedDistance,
  dropEndingFinal,
  isInitialsQuery,
  jamoDistance,
  toInitials,
  toKeystrokes,
  uncontract,
} from '../../src/search/hangul.js';

describe('toKeystrokes', () => {
  it('spells a syllable as the keys a 2-beolsik keyboard types', () => {
    expect(toKeystrokes('쿠버네티스')).toBe('ㅋㅜㅂㅓㄴㅔㅌㅣㅅㅡ');
  });

  it('makes a half-typed word a prefix of the finished one, whether the IME shows 쿠버ㄴ or 쿠번', () => {
    const full = toKeystrokes('쿠버네티스');
    expect(full.startsWith(toKeystrokes('쿠버ㄴ'))).toBe(true);
    expect(full.startsWith(toKeystrokes('쿠번'))).toBe(true);
  });

  it('splits compound vowels and finals into their keys', () => {
    expect(toKeystrokes('왜')).toBe('ㅇㅗㅐ');
    expect(toKeystrokes('닭')).toBe('ㄷㅏㄹㄱ');
    expect(toKeystrokes('ㅘ')).toBe('ㅗㅏ');
  });

  it('passes other characters through', () => {
    expect(toKeystrokes('pod')).toBe('pod');
  });
});

describe('toInitials and isInitialsQuery', () => {
  it('gives the initial consonants of each syllable', () => {
    expect(toInitials('도커')).toBe('ㄷㅋ');
    expect(toInitials('쿠버네티스')).toBe('ㅋㅂㄴㅌㅅ');
  });

  it('recognises a query made only of consonants', () => {
    expect(isInitialsQuery('ㄷㅋ')).toBe(true);
    expect(isInitialsQuery('ㄷㅏ')).toBe(false);
    expect(isInitialsQuery('도커')).toBe(false);
    expect(isInitialsQuery('')).toBe(false);
  });
});

describe('verb ending helpers', () => {
  it('drops an ending-like final consonant', () => {
    expect(dropEndingFinal('진')).toBe('지');
    expect(dropEndingFinal('했')).toBe('해');
    expect(dropEndingFinal('지')).toBeUndefined();
    expect(dropEndingFinal('a')).toBeUndefined();
  });

  it('undoes a contraction', () => {
    expect(uncontract('져')).toBe('지');
    expect(uncontract('봐')).toBe('보');
    expect(uncontract('해')).toBe('하');
    expect(uncontract('도')).toBeUndefined();
  });
});

describe('jamoDistance', () => {
  it('counts one wrong vowel or consonant as one edit (레플리카샛/레플리카셋, 삭재/삭제, 이룸/이름)', () => {
    expect(jamoDistance('레플리카샛', '레플리카셋')).toBe(1);
    expect(jamoDistance('삭재', '삭제')).toBe(1);
    expect(jamoDistance('이룸', '이름')).toBe(1);
    expect(jamoDistance('데몬셑', '데몬셋')).toBe(1);
  });

  it('is 0 for the same word and more than 1 for different words', () => {
    expect(jamoDistance('도커', '도커')).toBe(0);
    expect(jamoDistance('도커', '파드')).toBeGreaterThan(1);
    expect(jamoDistance('설정', '삭제')).toBeGreaterThan(1);
  });

  it('stops at the limit it is given', () => {
    expect(jamoDistance('쿠버네티스', '도커', 2)).toBe(3);
  });
});

describe('boundedDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(boundedDistance('kubeclt', 'kubectl', 2)).toBe(1);
    expect(boundedDistance('abc', 'abc', 1)).toBe(0);
    expect(boundedDistance('abc', 'xyz', 1)).toBe(2);
  });
});
