import { describe, expect, it } from 'vitest';
import * as ingest from '../../src/ingest/index.js';

describe('src/ingest public exports', () => {
  it('exposes exactly the documented functions and classes', () => {
    expect(Object.keys(ingest).sort()).toEqual([
      'SourceInputError',
      'decodeMarkdown',
      'findDeepNesting',
      'normalizeText',
      'parseFaq',
      'slugify',
      'sourceIdFromPath',
    ]);
  });

  it('exports functions and a class of the expected kinds', () => {
    expect(typeof ingest.parseFaq).toBe('function');
    expect(typeof ingest.decodeMarkdown).toBe('function');
    expect(new ingest.SourceInputError('a.md', 'empty', 'empty file')).toBeInstanceOf(Error);
  });
});
