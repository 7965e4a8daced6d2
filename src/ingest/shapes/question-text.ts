/**
 * How question-like a piece of text is. Used to pick questions out of
 * bullets, bold lines and headings, in English, Korean, Japanese and Chinese.
 */
import { stripHeadingDecorations } from '../slug.js';

/**
 * Ends with a question mark (ASCII or full-width), maybe followed by closing
 * punctuation and short parenthetical notes ('… 무엇인가요? (#12)', 'Why? [v2]').
 */
const ENDS_WITH_QUESTION_MARK = /[?？][)\]"'”’」』*_`\s]*(?:[(（[][^()（）[\]]{0,40}[)）\]]\s*)*$/u;
/** English interrogatives and auxiliaries that open a question. */
const EN_QUESTION_START =
  /^(how|what|why|when|where|which|who|whom|whose|can|could|should|is|are|am|do|does|did|will|would|may|might|shall|has|have|was|were|isn't|aren't|doesn't|don't|can't|won't)\b/i;
/** Korean interrogative endings, for questions written without '?'. */
const KO_QUESTION_END = /(나요|까요|가요|인가|는가|은가|던가|니까|는지|을까|를까|할까|뭔가요|인지|죠)[.!~]*$/u;
/**
 * Interview prompts are questions too, though they end with a request:
 * '…을 설명해주세요.', 'Explain …', '…を説明してください', '请解释…'.
 */
const KO_REQUEST_END =
  /(설명|말씀|알려|비교|소개|보여|말해|정의|서술|구분|나열|이야기|얘기|예를\s*들어)\S*\s*(주세요|주십시오|주시겠어요|주실\s*수\s*있나요|보세요|봐\s*주세요|하세요|하시오|하십시오)[.!]?\s*$/u;
const EN_REQUEST_START =
  /^(explain|describe|compare|define|name|tell me|give an example|walk me through|talk about)\b/i;
const JA_ZH_REQUEST = /(説明してください|教えてください|请解释|请说明|请介绍|请描述)/u;
/** Japanese and Chinese interrogative endings and openers. */
const JA_QUESTION_END = /(ですか|ますか|でしょうか|のか|か)[。.]?$/u;
const ZH_QUESTION = /(吗|呢|么)[。.]?$|^(如何|怎么|怎样|为什么|为何|什么|是否|能否|可以)/u;
/** 'Q:', 'Q1.', 'Question:', '질문:', '問:' labels. */
const QUESTION_LABEL = /^(?:Q|Question|질문|문|問|问)\s*\d*\s*[:：.)]\s*/iu;
/** 'A:', 'Answer:', '답:', '답변:', '答:' labels. */
const ANSWER_LABEL = /^(?:A|Answer|답|답변|答)\s*\d*\s*[:：.)]\s*/iu;
/** '1. …', '12) …', 'Q3. …' numbering in front of a heading or line. */
const NUMBERING = /^(?:#?\d+(?:\.\d+)*[.):]?|[①-⑳])\s+/u;

/** Whether text carries a 'Q:'-style label. */
export function hasQuestionLabel(text: string): boolean {
  return QUESTION_LABEL.test(text.trim());
}

/** Whether text carries an 'A:'-style label. */
export function hasAnswerLabel(text: string): boolean {
  return ANSWER_LABEL.test(text.trim());
}

/**
 * Remove a leading 'Q:'/'A:' label from markdown or text, keeping emphasis
 * markers that wrap it ('**Q: Why?**' → '**Why?**').
 *
 * @param text Markdown or plain text.
 * @param kind Which label to strip.
 * @returns The text without its label.
 */
export function stripLabel(text: string, kind: 'question' | 'answer'): string {
  const label = kind === 'question' ? QUESTION_LABEL : ANSWER_LABEL;
  const match = /^(\s*(?:\*\*|__|\*|_)?)(.*)$/su.exec(text);
  if (!match) return text;
  const [, marker = '', rest = ''] = match;
  const stripped = rest.replace(label, '');
  // '**Q:** Why?' leaves an empty '****' pair behind the label: drop it too.
  const cleaned =
    marker !== '' && stripped.startsWith(marker.trim())
      ? stripped.slice(marker.trim().length).trimStart()
      : marker + stripped;
  return cleaned;
}

/**
 * Whether a line of plain text reads as a question: a question mark at the
 * end, a 'Q:' label, an English interrogative opener, or an interrogative
 * ending in Korean, Japanese or Chinese.
 *
 * @param text Plain text (heading decorations are ignored).
 * @returns true when a reader would take it for a question.
 */
export function isQuestionLike(text: string): boolean {
  const t = stripHeadingDecorations(text).replace(NUMBERING, '').trim();
  if (t === '') return false;
  if (ENDS_WITH_QUESTION_MARK.test(t) || QUESTION_LABEL.test(t)) return true;
  // Long prose that happens to start with "Is"/"Do" is not a question line.
  if (t.length <= 160 && EN_QUESTION_START.test(t) && !/[.:]$/.test(t)) return true;
  if (t.length <= 300 && (KO_REQUEST_END.test(t) || EN_REQUEST_START.test(t) || JA_ZH_REQUEST.test(t))) return true;
  return KO_QUESTION_END.test(t) || JA_QUESTION_END.test(t) || ZH_QUESTION.test(t);
}

/** Markers that say "this question follows on from the previous one". */
const FOLLOW_UP =
  /^\s*(?:[([（【]\s*(?:위\s*질문에\s*이어서|앞\s*질문에\s*이어서|이어서|추가\s*질문|follow[- ]?up|continued|cont\.?)\s*[)\]）】]|(?:follow[- ]?up(?:\s+question)?|추가\s*질문|꼬리\s*질문)\s*[:：])/iu;

/**
 * Whether a question says it follows on from the question above it,
 * e.g. '(위 질문에 이어서) …', '(이어서) …', 'Follow-up: …'.
 *
 * @param text The question's plain text.
 */
export function isFollowUp(text: string): boolean {
  return FOLLOW_UP.test(text);
}

/** Heading text without decorations, leading emoji/symbols ('❔ FAQ') and a trailing colon. */
function bareHeading(text: string): string {
  return stripHeadingDecorations(text)
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[:：]$/u, '')
    .trim();
}

/** Headings that organise a page rather than ask or answer anything. */
const NON_CONTENT_HEADING =
  /^(references?|further (information|reading)|see also|contents|table of contents|toc|index|목차|참고|참고\s*자료|참고\s*문헌|레퍼런스|관련\s*링크|目次|目录|参考|参考资料|参考文献|links?|resources)$/iu;

/**
 * Whether a heading is page furniture ('References', 'Contents', '목차', …)
 * that must never become a question.
 */
export function isNonContentHeading(text: string): boolean {
  return NON_CONTENT_HEADING.test(bareHeading(text));
}

/** Headings that name a FAQ section ('FAQ', 'Frequently Asked Questions', '자주 묻는 질문'). */
const FAQ_HEADING =
  /^(faqs?|f\.a\.q\.?|frequently asked questions|common questions|questions|questions and answers|q\s*&\s*a|q&a|자주\s*(묻는|하는)\s*질문(들)?|질문과\s*답변|よくある(ご)?質問|常见问题(解答)?|常見問題)(\s*\(faq\))?$/iu;

/** Whether a heading names an FAQ section. */
export function isFaqHeading(text: string): boolean {
  return FAQ_HEADING.test(bareHeading(text));
}
