/**
 * Hangul arithmetic: syllables are U+AC00 + (initial × 21 + medial) × 28 + final.
 * Used for half-typed syllables (쿠버ㄴ, 쿠번), initial-consonant queries
 * (ㄷㅋ) and undoing verb contractions (만들어져 → 만들어지).
 */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

/** Initial consonants in syllable order, as compatibility jamo. */
const INITIALS = [
  'ㄱ',
  'ㄲ',
  'ㄴ',
  'ㄷ',
  'ㄸ',
  'ㄹ',
  'ㅁ',
  'ㅂ',
  'ㅃ',
  'ㅅ',
  'ㅆ',
  'ㅇ',
  'ㅈ',
  'ㅉ',
  'ㅊ',
  'ㅋ',
  'ㅌ',
  'ㅍ',
  'ㅎ',
];
/** Medial vowels in syllable order, split into the keys a 2-beolsik keyboard types. */
const MEDIALS = [
  'ㅏ',
  'ㅐ',
  'ㅑ',
  'ㅒ',
  'ㅓ',
  'ㅔ',
  'ㅕ',
  'ㅖ',
  'ㅗ',
  'ㅗㅏ',
  'ㅗㅐ',
  'ㅗㅣ',
  'ㅛ',
  'ㅜ',
  'ㅜㅓ',
  'ㅜㅔ',
  'ㅜㅣ',
  'ㅠ',
  'ㅡ',
  'ㅡㅣ',
  'ㅣ',
];
/** Final consonants in syllable order (index 0: none), split into typed keys. */
const FINALS = [
  '',
  'ㄱ',
  'ㄲ',
  'ㄱㅅ',
  'ㄴ',
  'ㄴㅈ',
  'ㄴㅎ',
  'ㄷ',
  'ㄹ',
  'ㄹㄱ',
  'ㄹㅁ',
  'ㄹㅂ',
  'ㄹㅅ',
  'ㄹㅌ',
  'ㄹㅍ',
  'ㄹㅎ',
  'ㅁ',
  'ㅂ',
  'ㅂㅅ',
  'ㅅ',
  'ㅆ',
  'ㅇ',
  'ㅈ',
  'ㅊ',
  'ㅋ',
  'ㅌ',
  'ㅍ',
  'ㅎ',
];
/** Compound compatibility jamo typed as one key on some layouts → their keys. */
const COMPOUND_JAMO: Record<string, string> = {
  ㄳ: 'ㄱㅅ',
  ㄵ: 'ㄴㅈ',
  ㄶ: 'ㄴㅎ',
  ㄺ: 'ㄹㄱ',
  ㄻ: 'ㄹㅁ',
  ㄼ: 'ㄹㅂ',
  ㄽ: 'ㄹㅅ',
  ㄾ: 'ㄹㅌ',
  ㄿ: 'ㄹㅍ',
  ㅀ: 'ㄹㅎ',
  ㅄ: 'ㅂㅅ',
  ㅘ: 'ㅗㅏ',
  ㅙ: 'ㅗㅐ',
  ㅚ: 'ㅗㅣ',
  ㅝ: 'ㅜㅓ',
  ㅞ: 'ㅜㅔ',
  ㅟ: 'ㅜㅣ',
  ㅢ: 'ㅡㅣ',
};

/** True for a precomposed Hangul syllable (가–힣). */
export function isSyllable(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST;
}

/** True for a compatibility jamo (ㄱ–ㆎ), what a keyboard types on its own. */
export function isCompatJamo(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x3131 && cp <= 0x318e;
}

/** True for a compatibility consonant (ㄱ–ㅎ). */
export function isCompatConsonant(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x3131 && cp <= 0x314e;
}

/** Split a syllable into its indices; undefined for anything else. */
function parts(ch: string): { initial: number; medial: number; final: number } | undefined {
  if (!isSyllable(ch)) return undefined;
  const index = ch.codePointAt(0)! - SYLLABLE_FIRST;
  return { initial: Math.floor(index / 588), medial: Math.floor((index % 588) / 28), final: index % 28 };
}

function compose(initial: number, medial: number, final: number): string {
  return String.fromCodePoint(SYLLABLE_FIRST + initial * 588 + medial * 28 + final);
}

/**
 * The key sequence a 2-beolsik keyboard types for `text`: syllables become
 * compatibility jamo with compound vowels and finals split (쿠번 → ㅋㅜㅂㅓㄴ),
 * so a half-typed word is a plain prefix of the finished one (쿠버네티스 →
 * ㅋㅜㅂㅓㄴㅔㅌㅣㅅㅡ). Other characters pass through.
 *
 * @param text Normalised text.
 * @returns Its keystroke form.
 */
export function toKeystrokes(text: string): string {
  let out = '';
  for (const ch of text) {
    const p = parts(ch);
    if (p) out += INITIALS[p.initial]! + MEDIALS[p.medial]! + FINALS[p.final]!;
    else out += COMPOUND_JAMO[ch] ?? ch;
  }
  return out;
}

/**
 * The initial consonants of a word's syllables (도커 → ㄷㅋ); other
 * characters are dropped.
 *
 * @param text Normalised text.
 * @returns The initial-consonant string.
 */
export function toInitials(text: string): string {
  let out = '';
  for (const ch of text) {
    const p = parts(ch);
    if (p) out += INITIALS[p.initial]!;
  }
  return out;
}

/** True when `text` is non-empty and made only of compatibility consonants (ㄷㅋ). */
export function isInitialsQuery(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (!isCompatConsonant(ch)) return false;
  return true;
}

/** Final consonants that are verb endings on their own: -ㄴ, -ㄹ, -ㅁ, -ㅂ(니다), past -ㅆ. */
const ENDING_FINALS = new Set([4, 8, 16, 17, 20]);

/**
 * The syllable without an ending-like final consonant (진 → 지, 했 → 해), or
 * undefined when it has none.
 */
export function dropEndingFinal(ch: string): string | undefined {
  const p = parts(ch);
  if (!p || !ENDING_FINALS.has(p.final)) return undefined;
  return compose(p.initial, p.medial, 0);
}

/** Contracted vowel → the stem vowel before 어/아 was fused in (져 → 지, 봐 → 보, 워 → 우, 돼 → 되, 해 → 하). */
const UNCONTRACT: Record<number, number> = { 6: 20, 9: 8, 14: 13, 10: 11 };

/**
 * Undo a verb contraction in one syllable (만들어져 → 만들어지 + 어), or undefined.
 * 해 is handled separately because its contraction is 하 + 여.
 */
export function uncontract(ch: string): string | undefined {
  const p = parts(ch);
  if (!p || p.final !== 0) return undefined;
  if (p.initial === 18 && p.medial === 1) return '하';
  const medial = UNCONTRACT[p.medial];
  return medial === undefined ? undefined : compose(p.initial, medial, 0);
}

/**
 * Edit distance between two words typed on a 2-beolsik keyboard: the
 * optimal string alignment distance (insert, delete, substitute, swap) of
 * their keystrokes, so one wrong vowel or consonant (레플리카샛 / 레플리카셋,
 * 삭재 / 삭제) is 1, and a whole wrong syllable is 2-3. Stops early: returns
 * `max + 1` as soon as the distance must exceed `max`.
 *
 * @param a A word (Hangul or not).
 * @param b Another word.
 * @param max The largest distance of interest.
 * @returns The distance, or `max + 1` when larger than `max`.
 */
export function jamoDistance(a: string, b: string, max = 2): number {
  return boundedDistance(toKeystrokes(a), toKeystrokes(b), max);
}

/** Optimal string alignment distance of two strings, cut off above `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}
