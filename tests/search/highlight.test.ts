import { describe, expect, it } from 'vitest';
import { highlight } from '../../src/search/highlight.js';
import type { HighlightKeys } from '../../src/search/query-plan.js';

function keys(partial: Partial<{ prefixes: string[]; exact: string[]; hangul: string[] }>): HighlightKeys {
  return { prefixes: new Set(partial.prefixes), exact: new Set(partial.exact), hangul: new Set(partial.hangul) };
}

function render(segments: { text: string; match: boolean }[]): string {
  return segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');
}

describe('highlight', () => {
  it('returns typed segments that concatenate back to the original text', () => {
    const text = 'Docker에서는 Volume은 도커가 관리하는 <b>스토리지</b>';
    const segments = highlight(text, keys({ prefixes: ['docker', 'volume'], hangul: ['도커'] }));
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(render(segments)).toBe('[Docker]에서는 [Volume]은 [도커]가 관리하는 <b>스토리지</b>');
  });

  it('marks only the stem inside a Hangul word, not its particle', () => {
    expect(render(highlight('도커를 설치', keys({ hangul: ['도커'] })))).toBe('[도커]를 설치');
  });

  it('marks the matched prefix of a longer English word', () => {
    expect(render(highlight('Deployment나 ReplicaSet에', keys({ prefixes: ['replica'] })))).toBe(
      'Deployment나 [Replica]Set에',
    );
  });

  it('marks plural forms matched by stem, and camelCase parts', () => {
    expect(render(highlight('Pods and ownerReferences', keys({ prefixes: ['pod', 'reference'] })))).toBe(
      '[Pods] and owner[References]',
    );
  });

  it('marks whole words matched exactly (corrections, compounds)', () => {
    expect(render(highlight('Kubernetes Workload', keys({ exact: ['kubernete'] })))).toBe('[Kubernetes] Workload');
  });

  it('cuts marks out of the original even when it is full-width', () => {
    expect(render(highlight('ＤＯＣＫＥＲ run', keys({ prefixes: ['docker'] })))).toBe('[ＤＯＣＫＥＲ] run');
  });

  it('returns one unmatched segment when nothing matches, and nothing for empty text', () => {
    expect(highlight('nothing here', keys({ prefixes: ['docker'] }))).toEqual([{ text: 'nothing here', match: false }]);
    expect(highlight('', keys({}))).toEqual([]);
  });
});
