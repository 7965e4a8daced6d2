import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { ParseWarning } from './model.js';

/**
 * The `title:` of a document's YAML front matter.
 *
 * @param root Parsed document (front matter is its first node when present).
 * @param file Path for warnings.
 * @param warnings Receives FAQ_WARN_FRONT_MATTER when the YAML is invalid.
 * @returns The title, or null when there is none.
 */
export function frontMatterTitle(root: Root, file: string, warnings: ParseWarning[]): string | null {
  const first = root.children[0];
  if (first?.type !== 'yaml') return null;
  let data: unknown;
  try {
    data = parseYaml(first.value);
  } catch (error) {
    warnings.push({
      file,
      line: first.position?.start.line ?? 1,
      code: 'FAQ_WARN_FRONT_MATTER',
      message: `front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); title taken from the headings`,
    });
    return null;
  }
  if (data && typeof data === 'object' && 'title' in data) {
    const title = (data as { title: unknown }).title;
    if (typeof title === 'string' && title.trim() !== '') return title.trim();
    if (typeof title === 'number') return String(title);
  }
  return null;
}
