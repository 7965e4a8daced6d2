import { describe, expect, it } from 'vitest';
import { parseFaq, type FaqDocument } from '../../src/ingest/index.js';

const FAQ = `# Course

## Docker

- What is an image?
  - A read-only template.
  - Built from a Dockerfile.

- What is a container?
  - A running image.

\`\`\`sh
docker run hello-world
\`\`\`
`;

const parse = (markdown: string, path = 'course.md'): FaqDocument => parseFaq(markdown, { path });
const ids = (doc: FaqDocument) => doc.questions.map((q) => q.id);
const byText = (doc: FaqDocument, text: string) => {
  const q = doc.questions.find((x) => x.question === text);
  if (!q) throw new Error(`no question ${text}`);
  return q;
};

describe('stable ids', () => {
  it('gives identical ids and hashes for unchanged content', () => {
    const a = parse(FAQ);
    const b = parse(FAQ);
    expect(ids(a)).toEqual(ids(b));
    expect(a.questions.map((q) => q.contentHash)).toEqual(b.questions.map((q) => q.contentHash));
    expect(a.questions.flatMap((q) => q.answers.map((x) => x.id))).toEqual(
      b.questions.flatMap((q) => q.answers.map((x) => x.id)),
    );
    expect(a.questions.flatMap((q) => q.snippets.map((x) => x.id))).toEqual(
      b.questions.flatMap((q) => q.snippets.map((x) => x.id)),
    );
  });

  it('keeps question ids, answer ids and content hashes when questions are reordered', () => {
    const reordered = `# Course

## Docker

- What is a container?
  - A running image.

\`\`\`sh
docker run hello-world
\`\`\`

- What is an image?
  - A read-only template.
  - Built from a Dockerfile.
`;
    const before = parse(FAQ);
    const after = parse(reordered);
    for (const text of ['What is an image?', 'What is a container?']) {
      expect(byText(after, text).id).toBe(byText(before, text).id);
      expect(byText(after, text).contentHash).toBe(byText(before, text).contentHash);
      expect(byText(after, text).answers.map((a) => a.id)).toEqual(byText(before, text).answers.map((a) => a.id));
    }
    expect(byText(after, 'What is an image?').line).not.toBe(byText(before, 'What is an image?').line);
  });

  it('keeps the question id but changes the content hash when an answer is edited', () => {
    const edited = FAQ.replace('A running image.', 'A running instance of an image.');
    const before = byText(parse(FAQ), 'What is a container?');
    const after = byText(parse(edited), 'What is a container?');
    expect(after.id).toBe(before.id);
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(byText(parse(edited), 'What is an image?').contentHash).toBe(
      byText(parse(FAQ), 'What is an image?').contentHash,
    );
  });

  it('changes the content hash when a snippet changes', () => {
    const edited = FAQ.replace('docker run hello-world', 'docker run -it alpine');
    expect(byText(parse(edited), 'What is a container?').contentHash).not.toBe(
      byText(parse(FAQ), 'What is a container?').contentHash,
    );
  });

  it('keeps ids when only whitespace inside the question changes', () => {
    const rewrapped = FAQ.replace('- What is an image?', '- What  is an\n  image?');
    expect(byText(parse(rewrapped), 'What is an image?').id).toBe(byText(parse(FAQ), 'What is an image?').id);
  });

  it('gives distinct ids to identical questions in one source, by occurrence', () => {
    const doc = parse('- Why?\n  - One.\n- Why?\n  - Two.\n');
    expect(new Set(ids(doc)).size).toBe(2);
    expect(ids(parse('- Why?\n  - Changed.\n- Why?\n  - Two.\n'))).toEqual(ids(doc));
  });

  it('gives different ids to the same question in different sources', () => {
    expect(ids(parse(FAQ, 'a.md'))).not.toEqual(ids(parse(FAQ, 'b.md')));
  });

  it('uses short prefixed hex ids', () => {
    const doc = parse(FAQ);
    expect(doc.questions[0]?.id).toMatch(/^q_[0-9a-f]{16}$/);
    expect(doc.questions[0]?.answers[0]?.id).toMatch(/^a_[0-9a-f]{16}$/);
    expect(doc.questions[1]?.snippets[0]?.id).toMatch(/^s_[0-9a-f]{16}$/);
  });
});
