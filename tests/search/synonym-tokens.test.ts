import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/search/analyze.js';
import { createSynonymTagger, synonymToken } from '../../src/search/synonym-tokens.js';

const GROUPS = [
  ['도커', 'docker'],
  ['바인드 마운트', 'bind mount'],
  ['디플로이먼트', 'deployment'],
  ['배포', 'deployment', 'rollout'],
];
const tagger = createSynonymTagger(GROUPS);

function groupsOf(text: string): number[] {
  return analyzeDocument(text, undefined, tagger)
    .split(' ')
    .filter((term) => term.startsWith('0syn'))
    .map((term) => Number(term.slice(4)));
}

describe('synonym group tokens', () => {
  it('tags a term with a particle attached (도커를 → 도커)', () => {
    expect(groupsOf('도커를 설치')).toEqual([0]);
  });

  it('tags English terms in any case and plural', () => {
    expect(groupsOf('Two Dockers')).toEqual([0]);
  });

  it('tags multi-word terms, spaced or joined, with a particle on the last word', () => {
    expect(groupsOf('바인드 마운트를 쓰면')).toEqual([1]);
    expect(groupsOf('바인드마운트를 쓰면')).toEqual([1]);
    expect(groupsOf('use a Bind mount')).toEqual([1]);
  });

  it('tags every group a term belongs to (one hop from either side)', () => {
    expect(groupsOf('Deployments')).toEqual([2, 3]);
    expect(groupsOf('디플로이먼트')).toEqual([2]);
  });

  it('appends the tokens after the text so phrases stay intact', () => {
    expect(analyzeDocument('docker run', undefined, tagger)).toBe(`docker run ${synonymToken(0)}`);
  });

  it('does not tag a term inside a longer compound word', () => {
    expect(groupsOf('도커파일')).toEqual([]);
  });

  it('returns the groups of a term key for queries', () => {
    expect(tagger.groupsOf('deployment')).toEqual([2, 3]);
    expect(tagger.groupsOf('bind mount')).toEqual([1]);
    expect(tagger.groupsOf('nothing')).toEqual([]);
  });
});
