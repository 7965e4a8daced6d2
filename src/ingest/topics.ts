/**
 * The topic stack: headings above the question level name topics, nested by
 * depth ('## Docker' > '### Docker Summary'). A heading with no letters
 * ('## #3'), an FAQ-section heading or page furniture ('Contents') is
 * transparent: questions under it keep the enclosing topic.
 */
import type { Heading } from 'mdast';
import type { FaqTopic } from './model.js';
import { headingText } from './shapes/headings.js';
import { isFaqHeading, isNonContentHeading } from './shapes/question-text.js';
import { slugify } from './slug.js';

interface Entry {
  depth: number;
  slug: string | null;
}

/** Tracks the current topic while walking a document's blocks. */
export class TopicStack {
  /** Topics in first-seen order, parents first. */
  readonly topics: FaqTopic[] = [];
  private readonly stack: Entry[] = [];
  private readonly seen = new Set<string>();

  /** Slug of the innermost topic, or null outside any topic. */
  get current(): string | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const slug = this.stack[i]?.slug;
      if (slug) return slug;
    }
    return null;
  }

  /**
   * Enter a topic heading (leaving every topic at the same or deeper level).
   *
   * @param heading The heading.
   * @param navigation The section holds only link lists (a menu): treat the
   *   heading as page furniture, not a topic.
   * @returns The topic slug now current.
   */
  enter(heading: Heading, navigation = false): string | null {
    while (this.stack.length > 0 && (this.stack[this.stack.length - 1]?.depth ?? 0) >= heading.depth) this.stack.pop();
    // 'CSS 관련 질문:' names the topic 'CSS 관련 질문'.
    const title = headingText(heading).replace(/\s*[:：]$/u, '');
    const slug = slugify(title);
    const parent = this.current;
    // A heading that is a sentence ('Below is a list of questions.') introduces
    // content rather than naming a topic.
    const sentence = /[.。]$/u.test(title) && !/\.\.\.$/u.test(title);
    const transparent =
      navigation ||
      !/\p{L}/u.test(slug) ||
      sentence ||
      isFaqHeading(title) ||
      isNonContentHeading(title) ||
      slug === parent;
    this.stack.push({ depth: heading.depth, slug: transparent ? null : slug });
    if (!transparent && !this.seen.has(slug)) {
      this.seen.add(slug);
      this.topics.push({ slug, title, parentSlug: parent, line: heading.position?.start.line ?? 1, description: null });
    }
    return this.current;
  }

  /** Leave every topic at `depth` or deeper (an out-of-scope heading ends them). */
  leave(depth: number): void {
    while (this.stack.length > 0 && (this.stack[this.stack.length - 1]?.depth ?? 0) >= depth) this.stack.pop();
  }
}
