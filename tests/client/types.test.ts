import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateClientTypes, TYPES_FILE } from './generate-types.js';

describe('the generated client types', () => {
  it('are what openapi-typescript makes of the committed document (npm run openapi regenerates them)', async () => {
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await generateClientTypes());
  });

  it('are used as the libraries document them: no casts, no media-type generics, no any', () => {
    const client = readFileSync(new URL('./lms-sync.ts', import.meta.url), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(client).not.toMatch(/\bas (?!const\b)[A-Za-z{[]/);
    expect(client).not.toMatch(/createClient<paths,/);
    expect(client).not.toMatch(/\bany\b/);
  });
});
