import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSynonymLookup, synonymKey } from '../../src/search/synonym-lookup.js';
import { parseSynonyms, SynonymsError } from '../../src/search/synonyms.js';

function errorOf(text: string): SynonymsError {
  try {
    parseSynonyms(text, 'seeds/synonyms.yaml');
  } catch (error) {
    if (error instanceof SynonymsError) return error;
    throw error;
  }
  throw new Error('expected parseSynonyms to throw');
}

describe('parseSynonyms', () => {
  it('reads groups of terms, normalised (case, width, Unicode form)', () => {
    expect(parseSynonyms('- [볼륨, Volume]\n- [쿠버네티스, ＫＵＢＥＲＮＥＴＥＳ, k8s]\n', 'f.yaml')).toEqual([
      ['볼륨', 'volume'],
      ['쿠버네티스', 'kubernetes', 'k8s'],
    ]);
    expect(parseSynonyms(`- [${'파드'.normalize('NFD')}, pod]`, 'f.yaml')).toEqual([['파드', 'pod']]);
  });

  it('accepts block-style groups, comments and multi-word terms', () => {
    expect(parseSynonyms('# terms\n- - 바인드 마운트\n  - Bind  Mount\n', 'f.yaml')).toEqual([
      ['바인드 마운트', 'bind mount'],
    ]);
  });

  it('treats an empty file as no synonyms', () => {
    expect(parseSynonyms('', 'f.yaml')).toEqual([]);
    expect(parseSynonyms('# nothing yet\n', 'f.yaml')).toEqual([]);
  });

  it('parses the bundled synonyms file', () => {
    const groups = parseSynonyms(
      readFileSync(new URL('../../seeds/synonyms.yaml', import.meta.url), 'utf8'),
      'seeds/synonyms.yaml',
    );
    expect(groups).toContainEqual(['볼륨', 'volume']);
    expect(groups.length).toBeGreaterThan(30);
  });

  it('names file and line for invalid YAML', () => {
    const error = errorOf('- [볼륨, volume]\n- [파드, pod\n');
    expect(error.message).toMatch(/^seeds\/synonyms\.yaml:\d+: invalid YAML/);
  });

  it('names file and line when the top level is not a list', () => {
    expect(errorOf('볼륨: volume\n').message).toMatch(/^seeds\/synonyms\.yaml:1: expected a list of groups/);
  });

  it('names file and line of a group that is not a list', () => {
    expect(errorOf('- [볼륨, volume]\n- 파드\n').message).toBe(
      'seeds/synonyms.yaml:2: each group must be a list of terms',
    );
  });

  it('names file and line of a group with fewer than two different terms', () => {
    expect(errorOf('- [볼륨, volume]\n\n- [pod, POD]\n').message).toBe(
      'seeds/synonyms.yaml:3: a group needs at least two different terms',
    );
  });

  it('names file and line of a term that is not a string, is empty or has nothing searchable', () => {
    expect(errorOf('- [볼륨, [volume]]\n').message).toBe('seeds/synonyms.yaml:1: a term must be a plain string');
    expect(errorOf('- [볼륨, ""]\n').message).toBe('seeds/synonyms.yaml:1: a term must not be empty');
    expect(errorOf('- [볼륨, volume]\n- [a, "!!"]\n').message).toBe(
      'seeds/synonyms.yaml:2: term "!!" has no letters or digits to search for',
    );
  });
});

describe('createSynonymLookup', () => {
  const lookup = createSynonymLookup([
    ['파드', 'pod'],
    ['배포', 'deploy', 'deployment'],
    ['디플로이먼트', 'deployment'],
  ]);

  it('expands a term to the other members of its group, both ways', () => {
    expect(lookup.expand('파드')).toEqual(['pod']);
    expect(lookup.expand('pod')).toEqual(['파드']);
  });

  it('finds plural forms through the stemmed key', () => {
    expect(lookup.expand(synonymKey('pods'))).toEqual(['파드']);
  });

  it('expands one hop through every group a term is in, never transitively', () => {
    expect(lookup.expand('deployment').sort()).toEqual(['deploy', '디플로이먼트', '배포'].sort());
    expect(lookup.expand('디플로이먼트')).toEqual(['deployment']);
  });
});
