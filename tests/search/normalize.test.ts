import { describe, expect, it } from 'vitest';
import { foldForm, normalizeForSearch, normalizeWithOffsets } from '../../src/search/normalize.js';

describe('normalizeForSearch', () => {
  it('composes decomposed Hangul (as macOS pastes it) to NFC', () => {
    const decomposed = '볼륨'.normalize('NFD');
    expect(decomposed).not.toBe('볼륨');
    expect(normalizeForSearch(decomposed)).toBe('볼륨');
  });

  it('folds case, including non-ASCII letters', () => {
    expect(normalizeForSearch('ReplicaSet ÄÖ')).toBe('replicaset äö');
  });

  it('folds full-width ASCII and the ideographic space', () => {
    expect(normalizeForSearch('ＤＯＣＫＥＲ　ｋ８ｓ：８０')).toBe('docker k8s:80');
  });

  it('keeps compatibility jamo as they are, unlike NFKC', () => {
    expect('ㄷ'.normalize('NFKC')).not.toBe('ㄷ');
    expect(normalizeForSearch('ㄷㅋ')).toBe('ㄷㅋ');
    expect(normalizeForSearch('ㄷㅋ').codePointAt(0)).toBe(0x3137);
  });

  it('turns half-width jamo into compatibility jamo', () => {
    expect(normalizeForSearch('\uffa7\uffbb')).toBe('ㄷㅋ');
    expect(normalizeForSearch('\uffc2')).toBe('ㅏ');
  });

  it('turns a lone conjoining initial consonant into the jamo a keyboard types', () => {
    expect(normalizeForSearch('쿠버\u1102')).toBe('쿠버ㄴ');
  });

  it('drops zero-width characters', () => {
    expect(normalizeForSearch('도\u200b커')).toBe('도커');
  });

  it('keeps letter case in foldForm, for camelCase splitting', () => {
    expect(foldForm('ｏｗｎｅｒＲｅｆｓ')).toBe('ownerRefs');
  });
});

describe('normalizeWithOffsets', () => {
  it('maps every normalised unit back to its offset in the original', () => {
    const original = 'ＡＢ도커';
    const { text, origin } = normalizeWithOffsets(original);
    expect(text).toBe('ab도커');
    expect(origin).toEqual([0, 1, 2, 3, 4]);
  });

  it('handles case folding that changes length', () => {
    const { text, origin } = normalizeWithOffsets('İx');
    expect(text).toBe('i̇x');
    expect(origin).toEqual([0, 0, 1, 2]);
  });
});
