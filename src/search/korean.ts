/**
 * Korean particles and verb endings. Documents are indexed as syllable
 * bigrams, which already find a stem inside any inflected form (볼륨은
 * contains 볼륨), so stripping only matters for queries: `도커에서` must not
 * require 에서 in the document, and `만들어지는` must find 만들어져.
 */
import { dropEndingFinal, uncontract } from './hangul.js';

/**
 * Particles (조사) and endings (어미) that may follow a noun or verb stem,
 * longest first so 에서는 is tried before 는.
 */
const SUFFIXES = [
  // particles, with the plural 들 and common stacks
  '들에서는',
  '들에서',
  '들에게',
  '들이',
  '들은',
  '들을',
  '들의',
  '들도',
  '들과',
  '들로',
  '들에',
  '들',
  '에서부터',
  '으로부터',
  '로부터',
  '에게서',
  '한테서',
  '에서는',
  '에서도',
  '에서의',
  '에서',
  '에게',
  '에는',
  '에도',
  '에선',
  '에의',
  '에',
  '으로써',
  '으로서',
  '으로는',
  '으로도',
  '으로의',
  '으로',
  '로써',
  '로서',
  '로는',
  '로도',
  '로의',
  '로',
  '이라는',
  '이라고',
  '이라도',
  '이라면',
  '이란',
  '이라',
  '이랑',
  '이나',
  '이든',
  '이며',
  '이고',
  '이면',
  '이다',
  '이지만',
  '라는',
  '라고',
  '라도',
  '라면',
  '란',
  '랑',
  '이',
  '가',
  '은',
  '는',
  '을',
  '를',
  '의',
  '와',
  '과',
  '도',
  '만',
  '까지',
  '부터',
  '보다',
  '처럼',
  '마다',
  '조차',
  '밖에',
  '하고',
  '께서',
  '께',
  '한테',
  '나',
  '든',
  // verb and adjective endings (polite and plain, questions, connectives)
  '이에요',
  '이예요',
  '예요',
  '에요',
  '을까요',
  '까요',
  '잖아요',
  '네요',
  '군요',
  '면서',
  '어도',
  '아도',
  '라서',
  '었던',
  '았던',
  '던',
  '야',
  '습니다',
  '습니까',
  '합니다',
  '됩니다',
  '입니다',
  '니다',
  '나요',
  '가요',
  '세요',
  '어요',
  '아요',
  '해요',
  '죠',
  '요',
  '는데',
  '은데',
  '는지',
  '은지',
  '을지',
  '지만',
  '도록',
  '려고',
  '려면',
  '으면',
  '면',
  '니까',
  '어서',
  '아서',
  '해서',
  '서',
  '하는',
  '되는',
  '하기',
  '되기',
  '하게',
  '되게',
  '하여',
  '되어',
  '해야',
  '돼야',
  '어야',
  '아야',
  '하다',
  '되다',
  '다',
  '는',
  '고',
  '게',
  '기',
  '지',
  '어',
  '아',
  '여',
];

/**
 * Words that frame a question rather than name its subject (차이, 의미,
 * difference): a question need not contain them, but ranks higher when it does.
 */
export const FRAMING_WORDS = new Set([
  '차이',
  '차이점',
  '의미',
  '뜻',
  '이유',
  '방법',
  '설명',
  '개념',
  '역할',
  '용도',
  '예시',
  '예제',
  'difference',
  'differ',
  'meaning',
  'mean',
  'reason',
  'purpose',
  'example',
  'explain',
]);

/** English query words that carry no topic; dropped from a query that has anything else in it. */
export const ENGLISH_STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'am',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'by',
  'from',
  'and',
  'or',
  'not',
  'do',
  'doe',
  'does',
  'did',
  'how',
  'what',
  'why',
  'when',
  'where',
  'which',
  'who',
  'can',
  'could',
  'should',
  'would',
  'will',
  'i',
  'you',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'my',
  'me',
  'we',
  'our',
  'there',
  'if',
  'about',
  'between',
  'vs',
  'versus',
  'get',
  'use',
  'using',
]);

/**
 * Hangul query words that carry no topic (question words, fillers); dropped
 * from a query that has anything else in it.
 */
export const KOREAN_STOPWORDS = new Set([
  '무엇',
  '무엇인가요',
  '뭔가요',
  '뭐',
  '뭔',
  '어떻게',
  '어떤',
  '왜',
  '어디',
  '어디서',
  '언제',
  '누가',
  '있나요',
  '없나요',
  '하나요',
  '되나요',
  '인가요',
  '건가요',
  '건지',
  '그럼',
  '그리고',
  '그런데',
  '이건',
  '이거',
  '그거',
  '저거',
  '것',
  '거',
  '수',
  '좀',
  '더',
  '또',
  '및',
  '등',
  '때',
  '경우',
  '방법',
  '알려주세요',
  '궁금합니다',
  '있을까요',
  '할까요',
  '되죠',
  '하죠',
  '꼭',
  '잘',
  '다',
  '해야',
  '하면',
  '되면',
  '하는',
  '되는',
  '있는',
  '없는',
  '하고',
  '해서',
  '했는데',
  '하려면',
  '되나',
  '하나',
]);

const MAX_STEPS = 4;

/**
 * What turns a noun into a verb or adjective (삭제하다, 삭제되다, 실행시키다,
 * 문제이다) in the forms left after endings come off (하, 해, 했, 되, 돼, 됐,
 * 시키, 시켜, 시켰, 이): removing it leaves the noun the user means.
 */
const NOUN_VERBALISERS = ['시키', '시켜', '시켰', '하', '해', '했', '되', '돼', '됐', '이'];

/**
 * Stems of predicates that carry no topic (있다, 없다, 하다, 되다, 이다, 아니다,
 * 같다, 싶다, 주다, 알다, 모르다, 궁금하다, 그렇다, 어떻다, 말이다): a query word
 * that reduces to one of them says how something is asked, not what about.
 */
const LIGHT_STEMS = new Set([
  '있',
  '없',
  '하',
  '되',
  '돼',
  '이',
  '아니',
  '같',
  '싶',
  '주',
  '알',
  '모르',
  '궁금하',
  '궁금',
  '그렇',
  '어떻',
  '어떡',
  '이렇',
  '저렇',
  '말',
  '뭐',
  '무엇',
  '무슨',
  '어느',
  '거',
  '것',
  '건',
  '게',
  '걸',
]);

/**
 * Candidate stems of a Korean query word, the word itself first: each step
 * strips one known suffix, drops an ending-like final consonant (진 → 지) or
 * undoes a contraction (져 → 지). Stems shorter than two syllables are kept
 * only when the word itself is that short.
 *
 * @param word A normalised Hangul word.
 * @param isKnown Words never stripped further (synonym terms such as 이미지,
 *   which would otherwise lose 지 as if it were an ending).
 * @returns Distinct candidate stems, longest first.
 */
export function koreanStems(
  word: string,
  isKnown: (stem: string) => boolean = () => false,
  isWord: (stem: string) => boolean = () => false,
): string[] {
  const seen = allForms(word, isKnown);
  // 하다/되다/시키다/이다 verbs: 삭제하면 → 삭제하 → 삭제.
  for (const form of [...seen]) {
    for (const verbaliser of NOUN_VERBALISERS) {
      if (form.length > verbaliser.length + 1 && form.endsWith(verbaliser)) seen.add(form.slice(0, -verbaliser.length));
    }
  }
  // A particle comes off a one-syllable noun the index knows (값은 → 값, 훅에
  // → 훅); otherwise stems keep two syllables, because a one-syllable stem
  // of a longer word is an ending's leftover (의해서 → 의), not a noun.
  const minimum = Math.min(2, word.length);
  return [...seen]
    .filter(
      (stem) =>
        stem.length >= minimum ||
        (stem.length === 1 && word.length === 2 && !SUFFIXES.includes(stem) && !LIGHT_STEMS.has(stem) && isWord(stem)),
    )
    .sort((a, b) => b.length - a.length);
}

/**
 * True when a Hangul query word only frames the question (있던, 되나요,
 * 말이에요, 어떻게): it reduces to a predicate with no topic of its own.
 */
export function isLightWord(word: string): boolean {
  if (KOREAN_STOPWORDS.has(word)) return true;
  const dropped = dropEndingFinal(word.slice(-1));
  const forms = allForms(word, () => false);
  // Short forms too (됨 → 되, 안됨 → 안되), which allForms leaves to longer words.
  if (dropped !== undefined) forms.add(word.slice(0, -1) + dropped);
  for (const form of forms) {
    if (LIGHT_STEMS.has(form) || KOREAN_STOPWORDS.has(form)) return true;
    // Negated: 안 돼요 written as one word (안됨, 안되요), 못해요.
    if ((form.startsWith('안') || form.startsWith('못')) && LIGHT_STEMS.has(form.slice(1))) return true;
  }
  return false;
}

/** The word and every form reached by stripping endings, of any length. */
function allForms(word: string, isKnown: (stem: string) => boolean): Set<string> {
  const seen = new Set<string>([word]);
  let frontier = [word];
  for (let step = 0; step < MAX_STEPS && frontier.length > 0; step += 1) {
    const next: string[] = [];
    const add = (stem: string): void => {
      if (stem.length === 0 || seen.has(stem)) return;
      seen.add(stem);
      next.push(stem);
    };
    for (const form of frontier) {
      if (form.length < 2 || isKnown(form)) continue;
      for (const suffix of SUFFIXES) {
        if (form.length > suffix.length && form.endsWith(suffix)) add(form.slice(0, -suffix.length));
      }
      const last = form.slice(-1);
      const head = form.slice(0, -1);
      const dropped = dropEndingFinal(last);
      if (dropped !== undefined && form.length >= 3) add(head + dropped);
      const plain = uncontract(last);
      if (plain !== undefined && form.length >= 3) {
        add(head + plain);
        // 만들어져 = 만들어 + 지 + 어: the auxiliary 지(다) goes too.
        if (plain === '지') add(head);
      }
    }
    frontier = next;
  }
  return seen;
}

/** The particles: SUFFIXES before the verb endings (which start at 이에요). */
const PARTICLES = SUFFIXES.slice(0, SUFFIXES.indexOf('이에요'));

/**
 * A document word and the noun under its particle (컨테이너를 → 컨테이너, 값은
 * → 값): the forms the index vocabulary keeps, so query analysis can tell
 * known words from typos, and split or join compounds.
 *
 * @param word A Hangul word from a document.
 * @returns The word, then the noun when a particle came off.
 */
export function vocabularyForms(word: string): string[] {
  for (const particle of PARTICLES) {
    if (word.length > particle.length && word.endsWith(particle)) return [word, word.slice(0, -particle.length)];
  }
  return [word];
}

/**
 * Endings only verbs and adjectives take (several syllables, so nouns that
 * happen to end in 지, 서 or 어 — 이미지, 문서, 레이어 — never look like them).
 */
const VERB_ENDINGS = SUFFIXES.slice(SUFFIXES.indexOf('이에요')).filter(
  (ending) => ending.length >= 2 && !PARTICLES.includes(ending),
);

/**
 * True when a Hangul word ends like a verb or adjective (날아가나요, 생기는데,
 * 작업한): it says what happens rather than naming the subject, so it
 * weighs less than a noun of the same rarity.
 */
export function endsLikePredicate(word: string): boolean {
  if (VERB_ENDINGS.some((ending) => word.length > ending.length && word.endsWith(ending))) return true;
  // Adnominal and past forms of 하다/되다 and -던 after a noun (작업한, 설정된, 실행했던); 권한 is a noun.
  return word.length >= 3 && /[한할된될했됐던]$/.test(word);
}

/** True when a Hangul word is nothing but a particle or ending (의, 에서, 들이). */
export function isBareSuffix(word: string): boolean {
  return SUFFIXES.includes(word);
}
