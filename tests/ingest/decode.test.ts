import { describe, expect, it } from 'vitest';
import { decodeMarkdown, SourceInputError } from '../../src/ingest/index.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function rejection(bytes: Uint8Array): SourceInputError {
  try {
    decodeMarkdown(bytes, 'faq/bad.md');
  } catch (error) {
    if (error instanceof SourceInputError) return error;
    throw error;
  }
  throw new Error('expected decodeMarkdown to throw');
}

describe('decodeMarkdown', () => {
  it('decodes UTF-8 markdown', () => {
    expect(decodeMarkdown(utf8('# 제목\n\n- 질문?\n'), 'a.md')).toBe('# 제목\n\n- 질문?\n');
  });

  it('strips a leading byte-order mark', () => {
    expect(decodeMarkdown(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# Title\n')]), 'a.md')).toBe('# Title\n');
  });

  it('rejects a binary file (NUL bytes), naming the file and the reason', () => {
    const error = rejection(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    expect(error.reason).toBe('binary');
    expect(error.file).toBe('faq/bad.md');
    expect(error.message).toMatch(/^faq\/bad\.md: binary/);
  });

  it('rejects bytes that are not valid UTF-8', () => {
    const error = rejection(new Uint8Array([0x23, 0x20, 0xc3, 0x28, 0x0a]));
    expect(error.reason).toBe('invalid-utf8');
    expect(error.message).toContain('faq/bad.md');
  });

  it('rejects UTF-16 text as not UTF-8, saying so', () => {
    const error = rejection(new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x51, 0x00]));
    expect(error.reason).toBe('invalid-utf8');
    expect(error.detail).toMatch(/UTF-16/);
  });

  it('gives the reason in words without the file name in detail', () => {
    const error = rejection(new Uint8Array([0x00]));
    expect(error.detail).not.toContain('faq/bad.md');
    expect(error.message).toBe(`faq/bad.md: ${error.detail}`);
  });

  it('rejects an empty file and a whitespace-only file', () => {
    expect(rejection(new Uint8Array()).reason).toBe('empty');
    expect(rejection(utf8(' \n\t\r\n  ')).reason).toBe('empty');
    expect(rejection(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a])).reason).toBe('empty');
  });

  it('is an Error subclass with a stable name', () => {
    const error = rejection(new Uint8Array());
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SourceInputError');
  });
});
