import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/http/cache.js';
import { etagFor, ifNoneMatchHits } from '../../src/http/conditional.js';
import { negotiate } from '../../src/http/negotiate.js';
import { decodeIntCursor, decodeStringCursor, encodeCursor, nextLink, pageOf } from '../../src/http/pagination.js';

describe('negotiate', () => {
  const offers = ['application/json', 'text/markdown'] as const;
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['text/markdown', 'text/markdown'],
    ['TEXT/MARKDOWN', 'text/markdown'],
    ['text/*', 'text/markdown'],
    ['text/markdown;q=0.2, */*;q=0.1', 'text/markdown'],
    ['application/json;q=0.5, text/markdown;q=0.5', 'application/json'],
    ['text/markdown;q=0, */*', 'application/json'],
    ['image/png', undefined],
    ['application/json;q=0', undefined],
    ['garbage', undefined],
  ])('answers %s with %s', (accept, expected) => {
    expect(negotiate(accept, offers)).toBe(expected);
  });

  it('prefers the most specific matching range over a wildcard', () => {
    expect(negotiate('*/*;q=1, application/json;q=0.1', offers)).toBe('text/markdown');
  });
});

describe('conditional requests', () => {
  it('makes strong ETags that differ per variant', () => {
    expect(etagFor('a'.repeat(64), 'json')).toBe(`"${'a'.repeat(32)}-json-r1"`);
    expect(etagFor('abc', 'json')).not.toBe(etagFor('abc', 'md'));
  });

  it.each([
    [undefined, false],
    ['', false],
    ['"x"', true],
    ['W/"x"', true],
    ['"y", W/"x"', true],
    ['*', true],
    ['"y"', false],
    ['x', false],
  ])('If-None-Match %s matches "x": %s', (header, hit) => {
    expect(ifNoneMatchHits(header, '"x"')).toBe(hit);
  });
});

describe('pageOf', () => {
  const rows = [{ seq: 1 }, { seq: 2 }, { seq: 3 }];
  it('returns the page and a cursor after its last item when one more row was fetched', () => {
    const page = pageOf(rows, 2, (last) => [last.seq]);
    expect(page.items).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(decodeIntCursor(page.nextCursor!, 1)).toEqual([2]);
  });

  it('returns no cursor on the last page, full or not', () => {
    expect(pageOf(rows, 3, (last) => [last.seq])).toEqual({ items: rows, nextCursor: null });
    expect(pageOf([], 3, (last: { seq: number }) => [last.seq])).toEqual({ items: [], nextCursor: null });
  });
});

describe('cursors', () => {
  it('round-trips integer and string keys as opaque base64url', () => {
    const cursor = encodeCursor([42, 3]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeIntCursor(cursor, 2)).toEqual([42, 3]);
    expect(decodeStringCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'q_1']), 2)).toEqual([
      '2026-01-01T00:00:00.000Z',
      'q_1',
    ]);
  });

  it.each([
    ['wrong length', encodeCursor([1, 2]), 1],
    ['negative', encodeCursor([-1]), 1],
    ['fraction', encodeCursor([1.5]), 1],
    ['not ours', Buffer.from('[1]').toString('base64url'), 1],
    ['padding', `${encodeCursor([1])}=`, 1],
  ])('rejects a cursor that is %s with FAQ_ERR_INVALID_CURSOR', (_why, cursor, length) => {
    expect(() => decodeIntCursor(cursor, length)).toThrow(
      expect.objectContaining({ code: 'FAQ_ERR_INVALID_CURSOR', status: 400 }),
    );
  });

  it('builds the next link from the request URL, replacing any cursor', () => {
    expect(nextLink('/v1/questions?topic=docker&cursor=old&limit=2', 'new')).toBe(
      '</v1/questions?topic=docker&cursor=new&limit=2>; rel="next"',
    );
    expect(nextLink('/v1/topics/%EC%BF%A0/questions', 'c')).toBe(
      '</v1/topics/%EC%BF%A0/questions?cursor=c>; rel="next"',
    );
  });
});

describe('LruCache', () => {
  it('never holds more than max entries', () => {
    const cache = new LruCache<number>(3);
    for (let i = 0; i < 100; i += 1) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get('k99')).toBe(99);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('keeps an entry that was used since it was stored over one that was not', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect(cache.get('a')).toBe('A');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe('C');
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new LruCache(0)).toThrow('LruCache max must be a positive integer, got 0');
  });
});
