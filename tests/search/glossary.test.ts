import { describe, expect, it } from 'vitest';
import { GLOSSARY, withGlossary } from '../../src/search/glossary.js';

describe('withGlossary', () => {
  it('adds the built-in IT glossary to an empty synonyms file', () => {
    const groups = withGlossary([]);
    expect(groups).toContainEqual(['삭제', 'delete', 'remove']);
    expect(groups).toContainEqual(['보안 그룹', '보안그룹', 'security group']);
    expect(groups).toHaveLength(GLOSSARY.length);
  });

  it("lets the author's group replace a glossary group that shares a term", () => {
    const groups = withGlossary([['설정', 'setting']]);
    expect(groups[0]).toEqual(['설정', 'setting']);
    expect(groups.some((group) => group.includes('config'))).toBe(false);
  });

  it("keeps the author's other groups and is idempotent", () => {
    const once = withGlossary([['도커', 'docker']]);
    expect(once[0]).toEqual(['도커', 'docker']);
    expect(withGlossary(once)).toEqual(once);
  });
});
