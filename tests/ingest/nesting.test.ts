import { describe, expect, it } from 'vitest';
import { findDeepNesting } from '../../src/ingest/nesting.js';

describe('findDeepNesting', () => {
  it('counts block quote markers on a line', () => {
    expect(findDeepNesting('text\n> > > deep\n', 2)).toEqual({ line: 2, depth: 3 });
    expect(findDeepNesting('>>>deep\n', 3)).toBeNull();
  });

  it('counts list markers that open items on the same line', () => {
    expect(findDeepNesting('- - 1. * deep\n', 3)).toEqual({ line: 1, depth: 4 });
  });

  it('counts items continued by indentation on later lines', () => {
    const text = '- a\n  - b\n    - c\n\n      continued in c\n- back at the top\n';
    expect(findDeepNesting(text, 2)).toEqual({ line: 3, depth: 3 });
    expect(findDeepNesting(text, 3)).toBeNull();
  });

  it('counts quotes and lists inside each other', () => {
    expect(findDeepNesting('- > - > text\n', 3)).toEqual({ line: 1, depth: 4 });
  });

  it('does not count markers inside indented code', () => {
    expect(findDeepNesting('- item\n\n          - > - > code\n', 1)).toBeNull();
  });

  it('takes a thematic break or a word for what it is', () => {
    expect(findDeepNesting('---\n-not a list\n1.5 apples\n', 0)).toBeNull();
  });

  it('finds 20,000 nested quotes in one line at once', () => {
    expect(findDeepNesting(`# FAQ\n\n${'> '.repeat(20_000)}deep\n`, 100)).toEqual({ line: 3, depth: 20_000 });
  });
});
