/**
 * Phonetic keys that let a Hangul spelling of an English term (크래시루프백오프,
 * 스테이트풀셋) meet the term itself (CrashLoopBackOff, StatefulSet) without a
 * synonyms entry. Both sides become a consonant skeleton in the classes
 * Korean loanword spelling keeps apart: vowels, silent ㅇ and ㅡ (the vowel
 * Korean inserts between English consonants) vanish, and sounds Korean
 * writes with one letter share a class (p/b/f/v → P as ㅂ/ㅍ, k/g/c/q → K,
 * t/d → T, s/sh/z/th → S, j/ch → J, l/r → R). An English r after a vowel and
 * before a consonant is silent in loanwords (port → 포트, docker → 도커), and
 * a final ㅅ is the t of set/net (셋, 넷).
 */

const INITIAL_CLASS = 'KKNTTRMPPSSxJJJKTPH'; // ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ ('x': silent)
/** Final consonants (index 0: none) as the sounds loanwords use them for. */
const FINAL_CLASS = [
  '',
  'K',
  'K',
  'KS',
  'N',
  'NJ',
  'N',
  'T',
  'R',
  'RK',
  'RM',
  'RP',
  'RS',
  'RT',
  'RP',
  'R',
  'M',
  'P',
  'PS',
  'T',
  'T',
  'N',
  'T',
  'T',
  'K',
  'T',
  'P',
  'T',
];

/** Drop repeated classes (ll, ss, ck, pp → one). */
function squeeze(key: string): string {
  let out = '';
  for (const ch of key) if (out[out.length - 1] !== ch) out += ch;
  return out;
}

/**
 * Phonetic key of a Hangul word (any other character is ignored).
 *
 * @param word A Hangul word.
 * @returns Its consonant skeleton, e.g. 크래시루프백오프 → KRSRPKP.
 */
export function hangulSoundKey(word: string): string {
  let key = '';
  for (const ch of word) {
    const index = ch.codePointAt(0)! - 0xac00;
    if (index < 0 || index > 11171) continue;
    const initial = INITIAL_CLASS[Math.floor(index / 588)]!;
    if (initial !== 'x') key += initial;
    key += FINAL_CLASS[index % 28]!;
  }
  return squeeze(key);
}

const VOWEL = /[aeiouy]/;

/**
 * Phonetic key of an English word (letters a-z; anything else ignored).
 *
 * @param word A lower-case English word.
 * @returns Its consonant skeleton, e.g. crashloopbackoff → KRSRPKP.
 */
export function englishSoundKey(word: string): string {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  let key = '';
  for (let i = 0; i < w.length; i += 1) {
    const ch = w[i]!;
    const next = w[i + 1] ?? '';
    const prev = w[i - 1] ?? '';
    if (VOWEL.test(ch) || ch === 'w') continue;
    if ((ch === 's' || ch === 'c') && next === 'h') {
      key += ch === 's' ? 'S' : 'J';
      i += 1;
      continue;
    }
    if (ch === 't' && next === 'h') {
      key += 'S';
      i += 1;
      continue;
    }
    if (ch === 'p' && next === 'h') {
      key += 'P';
      i += 1;
      continue;
    }
    if (ch === 'n' && next === 'g') {
      // -ing / -ong at the end is ㅇ (스트링); inside a word ㄴ + ㄱ (인그레스).
      key += i + 2 >= w.length ? 'N' : 'NK';
      i += 1;
      continue;
    }
    switch (ch) {
      case 'b':
      case 'p':
      case 'f':
      case 'v':
        key += 'P';
        break;
      case 'c':
        key += /[eiy]/.test(next) ? 'S' : 'K';
        break;
      case 'k':
      case 'g':
      case 'q':
        key += 'K';
        break;
      case 'x':
        key += 'KS';
        break;
      case 'd':
      case 't':
        key += 'T';
        break;
      case 's':
      case 'z':
        key += ch === 'z' ? 'J' : 'S';
        break;
      case 'j':
        key += 'J';
        break;
      case 'l':
        key += 'R';
        break;
      case 'r':
        // Silent after a vowel unless a vowel follows (port, server, docker).
        if (VOWEL.test(prev) && !VOWEL.test(next)) break;
        key += 'R';
        break;
      case 'h':
        key += 'H';
        break;
      case 'm':
        key += 'M';
        break;
      case 'n':
        key += 'N';
        break;
      default:
        break;
    }
  }
  return squeeze(key);
}

/**
 * Hangul medial vowels (in syllable order) as the English vowels loanwords
 * spell with them: o and u are one class (ㅓ stands for both: 컨트롤
 * control, 클러스터 cluster); ㅡ is Korean's inserted vowel, so none.
 */
const MEDIAL_VOWEL = [
  'A',
  'E',
  'A',
  'E',
  'O',
  'E',
  'O',
  'E',
  'O',
  'A',
  'E',
  'E',
  'O',
  'O',
  'O',
  'E',
  'I',
  'O',
  '',
  'I',
  'I',
];

/** Collapse runs of one vowel class (ee, oo → one). */
function collapse(key: string): string {
  return squeeze(key);
}

/**
 * The vowels of a Hangul word as English vowel classes (인그레스 → IE): ties
 * between English terms with the same consonant key are broken by it
 * (ingress, not increase or english).
 */
export function hangulVowelKey(word: string): string {
  let key = '';
  for (const ch of word) {
    const index = ch.codePointAt(0)! - 0xac00;
    if (index < 0 || index > 11171) continue;
    key += MEDIAL_VOWEL[Math.floor((index % 588) / 28)]!;
  }
  return collapse(key);
}

/** The vowels of an English word as classes (y as i, a silent final e dropped). */
export function englishVowelKey(word: string): string {
  const w = word
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/([^aeiou])e$/, '$1');
  let key = '';
  for (const ch of w) {
    if (ch === 'y') key += 'I';
    else if (ch === 'u') key += 'O';
    else if ('aeio'.includes(ch)) key += ch.toUpperCase();
  }
  return collapse(key);
}
