import { describe, expect, it } from 'vitest';
import { analyzeDocument, hangulBigrams, latinTerms } from '../../src/search/analyze.js';
import { camelParts, splitWords, stemEnglish } from '../../src/search/tokenize.js';

describe('splitWords', () => {
  it('separates a particle glued to an English word (Volume의 → Volume + 의)', () => {
    expect(splitWords('Volume의 Pod들이').map((w) => [w.kind, w.text])).toEqual([
      ['latin', 'Volume'],
      ['hangul', '의'],
      ['latin', 'Pod'],
      ['hangul', '들이'],
    ]);
  });

  it('treats FTS5 syntax characters as separators', () => {
    expect(splitWords('kube-system 8080:80 don\'t "x" (a) b* NEAR').map((w) => w.text)).toEqual([
      'kube',
      'system',
      '8080',
      '80',
      'don',
      't',
      'x',
      'a',
      'b',
      'NEAR',
    ]);
  });

  it('keeps letters and digits together (k8s) and reports offsets', () => {
    expect(splitWords(' k8s')).toEqual([{ kind: 'latin', text: 'k8s', start: 1, end: 4 }]);
  });

  it('keeps compatibility jamo runs apart from syllables', () => {
    expect(splitWords('쿠버ㄴ').map((w) => [w.kind, w.text])).toEqual([
      ['hangul', '쿠버'],
      ['jamo', 'ㄴ'],
    ]);
  });

  it('reads letters beyond ASCII and outside the BMP as word characters, with UTF-16 offsets', () => {
    expect(splitWords('café 𝐀𝐁 中文, 😀 x')).toEqual([
      { kind: 'latin', text: 'café', start: 0, end: 4 },
      { kind: 'latin', text: '𝐀𝐁', start: 5, end: 9 },
      { kind: 'latin', text: '中文', start: 10, end: 12 },
      { kind: 'latin', text: 'x', start: 17, end: 18 },
    ]);
  });
});

describe('stemEnglish', () => {
  it('removes simple plurals', () => {
    expect(stemEnglish('pods')).toBe('pod');
    expect(stemEnglish('policies')).toBe('policy');
    expect(stemEnglish('classes')).toBe('class');
    expect(stemEnglish('images')).toBe('image');
  });

  it('leaves short words, words with digits and -ss/-us/-is words alone', () => {
    expect(stemEnglish('k8s')).toBe('k8s');
    expect(stemEnglish('yes')).toBe('yes');
    expect(stemEnglish('ingress')).toBe('ingress');
    expect(stemEnglish('status')).toBe('status');
  });
});

describe('camelParts', () => {
  it('splits camelCase and PascalCase words', () => {
    expect(camelParts('ownerReferences').map((p) => p.text)).toEqual(['owner', 'references']);
    expect(camelParts('ReplicaSet').map((p) => p.text)).toEqual(['replica', 'set']);
    expect(camelParts('PVCs')).toEqual([]);
    expect(camelParts('HTTPServer').map((p) => p.text)).toEqual(['http', 'server']);
    expect(camelParts('docker')).toEqual([]);
    expect(camelParts('straße')).toEqual([]);
    expect(camelParts('k8s').map((p) => p.text)).toEqual(['k', '8', 's']);
  });
});

describe('analyzeDocument', () => {
  it('indexes Hangul words as syllable bigrams so two-syllable words are found inside inflected forms', () => {
    expect(hangulBigrams('도커를')).toEqual(['도커', '커를']);
    expect(hangulBigrams('것')).toEqual(['것']);
    expect(hangulBigrams('도😀커')).toEqual(['도😀', '😀커']);
  });

  it('indexes English words lower-cased and stemmed, followed by their camelCase parts', () => {
    expect(latinTerms('ownerReferences')).toEqual(['ownerreference', 'owner', 'reference']);
    expect(analyzeDocument('Pods는 ReplicaSet에')).toBe('pod 는 replicaset replica set 에');
  });
});
