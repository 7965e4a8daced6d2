import { describe, expect, it } from 'vitest';
import { normalizeText, parseFaq } from '../../src/ingest/index.js';

describe('normalizeText', () => {
  it('turns CRLF and lone CR line endings into LF', () => {
    expect(normalizeText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('composes decomposed (NFD) Hangul to NFC', () => {
    const nfd = '질문'.normalize('NFD');
    expect(nfd).not.toBe('질문');
    expect(normalizeText(nfd)).toBe('질문');
  });

  it('drops a byte-order mark', () => {
    expect(normalizeText('\uFEFF# T')).toBe('# T');
  });
});

describe('parseFaq on differently saved copies of one document', () => {
  const lf = '# 제목\n\n## 도커\n\n- 컨테이너란 무엇인가요?\n  - 격리된 프로세스입니다.\n';

  it('gives the same questions, ids, lines and hashes for CRLF line endings', () => {
    const crlf = parseFaq(lf.replace(/\n/g, '\r\n'), { path: 'a.md' });
    expect(crlf).toEqual(parseFaq(lf, { path: 'a.md' }));
    expect(crlf.questions[0]?.line).toBe(5);
    expect(crlf.questions[0]?.answers[0]?.markdown).toBe('격리된 프로세스입니다.');
  });

  it('gives the same result for NFD-normalised Hangul, with NFC text out', () => {
    const nfd = parseFaq(lf.normalize('NFD'), { path: 'a.md' });
    expect(nfd).toEqual(parseFaq(lf, { path: 'a.md' }));
    expect(nfd.topics[0]?.slug).toBe('도커');
    expect(nfd.questions[0]?.question).toBe('컨테이너란 무엇인가요?');
  });

  it('hashes the normalised text, so the document hash ignores line endings', () => {
    expect(parseFaq(lf.replace(/\n/g, '\r\n'), { path: 'a.md' }).contentHash).toBe(
      parseFaq(lf, { path: 'a.md' }).contentHash,
    );
  });
});
