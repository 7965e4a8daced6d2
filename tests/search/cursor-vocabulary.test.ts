import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, fingerprint } from '../../src/search/cursor.js';
import { deletionVariants } from '../../src/search/index-build.js';
import { withinOneEdit } from '../../src/search/vocabulary.js';

describe('search cursors', () => {
  it('round-trip a position for the same search', () => {
    const print = fingerprint('도커|kubernetes');
    expect(decodeCursor(encodeCursor({ tier: 2, offset: 30 }, print), print)).toEqual({ tier: 2, offset: 30 });
  });

  it('are rejected for a different search or when malformed', () => {
    const cursor = encodeCursor({ tier: 0, offset: 10 }, fingerprint('a'));
    expect(decodeCursor(cursor, fingerprint('b'))).toBeUndefined();
    expect(decodeCursor('not a cursor', fingerprint('a'))).toBeUndefined();
    expect(decodeCursor('', fingerprint('a'))).toBeUndefined();
  });
});

describe('withinOneEdit', () => {
  it('accepts one deletion, insertion, substitution or neighbour swap', () => {
    expect(withinOneEdit('kuberntes', 'kubernetes')).toBe(true);
    expect(withinOneEdit('kubernetes', 'kuberneetes')).toBe(true);
    expect(withinOneEdit('kubernetas', 'kubernetes')).toBe(true);
    expect(withinOneEdit('replicaste', 'replicaset')).toBe(true);
  });

  it('rejects two edits', () => {
    expect(withinOneEdit('kubrntes', 'kubernetes')).toBe(false);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
  });
});

describe('deletionVariants', () => {
  it('lists every string one deletion away, once', () => {
    expect(deletionVariants('pood').sort()).toEqual(['ood', 'pod', 'poo']);
  });
});
