/**
 * In-page navigation: 'Back to top', '목차로 돌아가기', ':arrow_up:[Top](#toc)'
 * bars that READMEs repeat after every answer. They are page furniture, not
 * answers, so the walker drops them.
 */
import type { Nodes } from 'mdast';
import type { AnswerInput } from '../answers.js';
import { htmlToText } from '../render.js';

/** Emoji shortcodes and separators that decorate navigation links. */
const DECORATION = /:[a-z0-9_+-]+:|[\s|·•/→←↑⬆-]|\uFE0F/giu;

/**
 * Whether a block is navigation: it links to an anchor in the page ('#…'),
 * and besides short link labels holds nothing but decoration.
 *
 * @param block A block of answer content.
 */
export function isPageNavigation(block: AnswerInput): boolean {
  if (block.type === 'faqMarkdown' || block.type === 'faqDetails') return false;
  if (block.type === 'html') return /href\s*=\s*["']#/i.test(block.value) && htmlToText(block.value).length <= 40;
  if (block.type !== 'paragraph' && block.type !== 'blockquote') return false;
  let anchors = 0;
  let content = false;
  let labels = 0;
  // '<a href="#toc"><small>Back</small></a>' inside a paragraph is inline
  // html around a text node: track whether such a link is open.
  let htmlLinkOpen = false;
  const walk = (node: Nodes, inLink: boolean): void => {
    if (content) return;
    switch (node.type) {
      case 'link':
        if (node.url.startsWith('#')) anchors++;
        for (const child of node.children) walk(child, true);
        return;
      case 'text':
        if (inLink || htmlLinkOpen) labels += node.value.trim().length;
        else if (node.value.replace(DECORATION, '') !== '') content = true;
        return;
      case 'html': {
        const value = node.value.trim();
        if (/^<a\b/i.test(value)) {
          htmlLinkOpen = !/<\/a>$/i.test(value);
          if (/href\s*=\s*["']#/i.test(value)) anchors++;
          labels += htmlToText(value).length;
        } else if (/^<\/a>$/i.test(value)) htmlLinkOpen = false;
        else if (!/^<\/?[a-z][^>]*>$/i.test(value)) content = true;
        return;
      }
      case 'paragraph':
      case 'blockquote':
      case 'list':
      case 'listItem':
      case 'strong':
      case 'emphasis':
        for (const child of node.children) walk(child as Nodes, inLink);
        return;
      default:
        if (!inLink) content = true;
    }
  };
  walk(block, false);
  return !content && anchors > 0 && labels <= 60;
}
