/**
 * Search normalisation: the one place that decides which strings are "the
 * same" for search. Deliberately not NFKC: NFKC turns compatibility jamo
 * (ㄷ, U+3137) into conjoining jamo (U+1103), which breaks initial-consonant
 * queries, so width folding is done by hand instead.
 */

/** Conjoining initial consonants U+1100–U+1112 → compatibility jamo. */
const CHOSEONG_COMPAT = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
/** Conjoining final consonants U+11A8–U+11C2 → compatibility jamo. */
const JONGSEONG_COMPAT = 'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';

/** Fold one code point (no case folding): full-width ASCII, half-width and leftover conjoining jamo. */
function foldCodePoint(cp: number): string {
  // Full-width ASCII (！ … ～) → ASCII; ideographic space → space.
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCodePoint(cp - 0xfee0);
  if (cp === 0x3000) return ' ';
  // Half-width Hangul jamo → compatibility jamo (the block is in the same
  // order, with gaps between vowel rows).
  if (cp >= 0xffa1 && cp <= 0xffbe) return String.fromCodePoint(cp - 0xffa1 + 0x3131);
  if (cp >= 0xffc2 && cp <= 0xffc7) return String.fromCodePoint(cp - 0xffc2 + 0x314f);
  if (cp >= 0xffca && cp <= 0xffcf) return String.fromCodePoint(cp - 0xffca + 0x3155);
  if (cp >= 0xffd2 && cp <= 0xffd7) return String.fromCodePoint(cp - 0xffd2 + 0x315b);
  if (cp >= 0xffda && cp <= 0xffdc) return String.fromCodePoint(cp - 0xffda + 0x3161);
  // Conjoining jamo that NFC could not compose into a syllable (a decomposed,
  // half-typed syllable pasted from macOS) → the compatibility jamo a
  // keyboard would have produced.
  if (cp >= 0x1100 && cp <= 0x1112) return CHOSEONG_COMPAT[cp - 0x1100]!;
  if (cp >= 0x1161 && cp <= 0x1175) return String.fromCodePoint(cp - 0x1161 + 0x314f);
  if (cp >= 0x11a8 && cp <= 0x11c2) return JONGSEONG_COMPAT[cp - 0x11a8]!;
  // Zero-width characters and the BOM carry no meaning for search.
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return '';
  return String.fromCodePoint(cp);
}

/** Any character foldCodePoint changes (a superset is fine: it only costs the slow path). */
const FOLDABLE = /[\u1100-\u11ff\u200b-\u200d\u2060\u3000\ufeff\uff01-\uffdc]/u;

/**
 * Compose to NFC and fold widths and stray jamo, keeping letter case (the
 * tokenizer needs case to split camelCase words).
 *
 * @param text Any user or document text.
 * @returns The folded text.
 */
export function foldForm(text: string): string {
  const composed = text.normalize('NFC');
  // Nearly every text has nothing to fold: skip the per-character rebuild.
  if (!FOLDABLE.test(composed)) return composed;
  let out = '';
  for (const ch of composed) out += foldCodePoint(ch.codePointAt(0)!);
  // Folding can expose new composition pairs (half-width jamo never compose,
  // but conjoining ones could), so compose once more.
  return out.normalize('NFC');
}

/**
 * The full search normalisation: `foldForm` plus Unicode lower-casing.
 *
 * @param text Any user or document text.
 * @returns Text that compares equal for equivalent inputs.
 */
export function normalizeForSearch(text: string): string {
  return foldForm(text).toLowerCase();
}

/** Normalised text plus, for each of its UTF-16 units, the offset in the original. */
export interface MappedText {
  text: string;
  /** `origin[i]` is the original offset of normalised unit `i`; `origin[text.length]` is the original length. */
  origin: number[];
}

/**
 * Normalise text character by character, remembering where each output unit
 * came from, so matches found in normalised text can be cut out of the
 * original (highlights). Input is expected to be NFC already (stored text is).
 *
 * @param original Stored, NFC text.
 * @returns Normalised text with its offset map.
 */
export function normalizeWithOffsets(original: string): MappedText {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const ch of original) {
    const folded = foldCodePoint(ch.codePointAt(0)!).toLowerCase();
    for (let i = 0; i < folded.length; i += 1) origin.push(offset);
    text += folded;
    offset += ch.length;
  }
  origin.push(offset);
  return { text, origin };
}

/**
 * What of a user's query decides its results: normalised as search reads it,
 * with surrounding and repeated whitespace (which only separates words)
 * collapsed. Equal keys get equal answers, so HTTP validators derive from it.
 */
export function queryKey(q: string): string {
  return normalizeForSearch(q).trim().replace(/\s+/g, ' ');
}
