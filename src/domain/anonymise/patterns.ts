/**
 * The regular expressions behind `redact`: general patterns for anything shaped like an identifier
 * (postcodes, dates, e-mail addresses, phone, NHS, National Insurance and UPN numbers, street
 * addresses) and builders for the identifiers a caller names (a person's name, a date such as a date
 * of birth, a phrase such as a school or an address line).
 *
 * Every pattern is matched against `foldText(text)`: the text with accents taken off letters ("Zoë" →
 * "Zoe", "Łukasz" → "Lukasz", "ß" → "ss") and combining marks dropped, with a map from each position
 * back to the original, so that what is found is removed from the original text.
 *
 * The general patterns are compiled once and use Unicode properties for word boundaries. Patterns for
 * the identifiers a caller names are compiled on every call, so they use an explicit class of letters
 * and digits instead (`WORD_CHAR`): a Unicode property costs milliseconds to compile, the class a
 * tenth of one. The boundary must be inside the pattern, not checked afterwards, so that the engine
 * can fall back to a shorter match ("9 January" inside "9 January 19900109").
 */

/** A pattern (global flag) and, optionally, a test each match must also pass. */
export type Matcher = { re: RegExp; accept?: (match: string) => boolean };

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** No letter, mark or digit just before. */
const START = '(?<![\\p{L}\\p{M}\\p{N}])';
/** No letter, mark or digit just after. */
const END = '(?![\\p{L}\\p{M}\\p{N}])';
/** Straight and curly apostrophes, backtick and the modifier letter used as one. */
const APOSTROPHE = "['\u2019\u2018`\u02BC]";
/** Hyphen and the dashes that stand in for it. */
const DASH = '[-\u2010\u2011\u2012\u2013\u2014]';
/** "Sam's", "James'", "Sams", "the Smiths", "the Smiths'". */
const POSSESSIVE = `(?:${APOSTROPHE}s?|s${APOSTROPHE}?)?`;

const EXTRA_FOLDS: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'TH' };
const COMBINING_MARK = /^\p{M}$/u;

/**
 * The text as patterns see it. `start[i]` and `end[i]` are the positions in the original text of the
 * character that `text[i]` came from (including any combining marks that followed it).
 */
export type FoldedText = { text: string; start: number[]; end: number[] };

/** The text with accents taken off letters and combining marks dropped; case is kept. */
export function foldText(original: string): FoldedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let lastCharFrom = -1;
  let offset = 0;
  for (const ch of original) {
    if (COMBINING_MARK.test(ch) && lastCharFrom >= 0) {
      for (let j = lastCharFrom; j < end.length; j++) end[j] = offset + ch.length;
    } else {
      const plain = EXTRA_FOLDS[ch] ?? ch.normalize('NFD').replace(/\p{M}+/gu, '');
      const out = plain.length > 0 ? plain : ch;
      lastCharFrom = text.length;
      text += out;
      for (let j = 0; j < out.length; j++) {
        start.push(offset);
        end.push(offset + ch.length);
      }
    }
    offset += ch.length;
  }
  return { text, start, end };
}

/**
 * Letters and digits of the Basic Multilingual Plane, for patterns compiled without the `u` flag: ASCII,
 * Latin-1 and Latin Extended to the end of Greek Extended, superscripts, and the letter blocks of
 * Glagolitic, Coptic, Georgian, CJK, Hangul and the compatibility forms. Punctuation, quotes, dashes,
 * symbols and emoji (surrogates) are outside it.
 */
const WORD_CHAR =
  '[0-9A-Za-z\\u00AA\\u00B2\\u00B3\\u00B5\\u00B9\\u00BA\\u00BC-\\u00BE\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u1FFF\\u2070-\\u209F\\u2C00-\\u2DFF\\u2E80-\\u2FFF\\u3040-\\uD7FF\\uF900-\\uFDFF\\uFE70-\\uFEFF\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\uFF66-\\uFFDC]';
/** A pattern for an identifier a caller names, as a whole word, in any case (flags `gi`, no `u`). */
const wholeWord = (source: string): RegExp => new RegExp(`(?<!${WORD_CHAR})(?:${source})(?!${WORD_CHAR})`, 'gi');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const isAlphanumeric = (ch: string) => /[\p{L}\p{N}]/u.test(ch);

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

const ORDINAL_WORDS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
  'twenty first', 'twenty second', 'twenty third', 'twenty fourth', 'twenty fifth', 'twenty sixth', 'twenty seventh', 'twenty eighth', 'twenty ninth', 'thirtieth',
  'thirty first',
];

/** The month's name, or its abbreviation with or without a full stop ("April", "Apr", "Apr."). */
const monthWord = (m: number) => `(?:${(MONTH_NAMES[m - 1] ?? []).map((w, i) => (i === 0 ? w : `${w}\\.?`)).join('|')})`;
const ordinalWord = (d: number) => (ORDINAL_WORDS[d - 1] ?? '').replace(' ', `(?:\\s+|${DASH})`);
const ORDINAL_SUFFIX = '(?:st|nd|rd|th)?';
/** Between the parts of a written date: "3 April", "3-Apr", "3rd of April", "April, 3". */
const WRITTEN_SEP = '[\\s\\/.,\\-]+';
/** Between the parts of a numeric date in general text: "/", "-" or ".", with spaces allowed around them. */
const NUMERIC_SEP = '\\s*[\\/.\\-]\\s*';
/** For a known date, spaces alone may separate the numbers too: "03 04 2015". */
const NUMERIC_SEP_OR_SPACE = `(?:${NUMERIC_SEP}|\\s+)`;

const pad = (n: number) => String(n).padStart(2, '0');
/** "3" or "03"; "12". */
const number = (n: number) => (n < 10 ? `0?${n}` : String(n));

/**
 * Every way of writing one particular date (a date of birth): numeric day-month-year, month-day-year
 * and year-month-day with any separator and two- or four-digit years; run together (20150403); the
 * day and month without the year (3/4, 3 April, April 3rd, the third of April); and the month with the
 * year (April 2015, Apr-15, 04/2015, 2015-04). The year on its own is left to the general "born in"
 * pattern: see docs/rules/anonymised-summary.md.
 */
export function knownDateMatchers(iso: string): Matcher[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date: ${iso}`);
  const [yyyy, mm, dd] = [m[1]!, Number(m[2]), Number(m[3])];
  const yy = yyyy.slice(2);
  const D = number(dd);
  const M = number(mm);
  const Ynum = `(?:${yyyy}|${yy})`;
  const Yword = `(?:${yyyy}|${APOSTROPHE}?${yy})`;
  const MON = monthWord(mm);
  const day = `(?:(?:the\\s+)?${D}${ORDINAL_SUFFIX}|(?:the\\s+)?${ordinalWord(dd)})`;
  const sources = [
    // numeric, all three parts
    `${D}${NUMERIC_SEP_OR_SPACE}${M}${NUMERIC_SEP_OR_SPACE}${Ynum}`,
    `${M}${NUMERIC_SEP_OR_SPACE}${D}${NUMERIC_SEP_OR_SPACE}${Ynum}`,
    `${yyyy}${NUMERIC_SEP_OR_SPACE}${M}${NUMERIC_SEP_OR_SPACE}${D}`,
    `(?:${yyyy}${pad(mm)}${pad(dd)}|${pad(dd)}${pad(mm)}${yyyy}|${pad(mm)}${pad(dd)}${yyyy}|${pad(dd)}${pad(mm)}${yy})`,
    // day and month, no year: 3/4, 03-04
    `${D}\\s*[\\/\\-]\\s*${M}`,
    `${M}\\s*[\\/\\-]\\s*${D}`,
    // written, with or without the year
    `${day}${WRITTEN_SEP}(?:of\\s+)?${MON}(?:${WRITTEN_SEP}${Yword})?`,
    `${MON}[\\s\\/.,\\-]*${day}(?:${WRITTEN_SEP}${Yword})?`,
    // month and year
    `${MON}[\\s\\/.,\\-]*(?:of\\s+)?${Yword}`,
    `${M}\\s*[\\/.\\-]\\s*${yyyy}`,
    `${yyyy}\\s*[\\/.\\-]\\s*${M}`,
  ];
  return sources.map((s) => ({ re: wholeWord(s) }));
}

/** Any case: "may" → "[mM][aA][yY]". */
const anyCase = (word: string) => [...word].map((c) => (c.toLowerCase() === c.toUpperCase() ? escapeRegExp(c) : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');
/** "May" or "MAY", never "may": a month in a date is written with a capital, and "may" is a verb. */
const capitalised = (word: string) => `(?:${word.charAt(0).toUpperCase()}${word.slice(1)}|${word.toUpperCase()})`;

/**
 * The two separators of a numeric date in general text, around its middle part: the same one twice,
 * spaces and all ("12/06/1990", "12 - 06 - 1990", "12. 06. 1990"). Never two different ones, so that
 * a date next to other numbers is not run into them: "7/4. 12/01/90" is "7/4" and "12/01/90", not
 * "7/4. 12" with "/01/90" left over; "8/5. 21.12.24" is not "5. 21.12"; "1.5-10 litres" is kept.
 * The date of birth is found with any separators (`knownDateMatchers`). This is the pattern's only
 * capturing group: general date patterns are compiled one by one.
 */
const sameSeparatorTwice = (middle: string) => `(\\s*[\\/.\\-]\\s*)${middle}\\1`;

/**
 * Any full date, and any written day and month, whoever's it is. The month's name must start with a
 * capital letter here (patterns for a known date of birth take any case), so that "aged 7, may need"
 * and "to march 3 miles" are left alone. These are compiled without the `i` flag.
 */
function generalDateSources(): string[] {
  const Y4 = '(?:1[89]|20)\\d{2}';
  const month = `(?:${MONTH_NAMES.flatMap((names) => names.map((w, i) => (i === 0 ? capitalised(w) : `${capitalised(w)}\\.?`))).join('|')})`;
  const ordinalWords = `(?:${ORDINAL_WORDS.map((w) => w.split(' ').map(anyCase).join(`(?:\\s+|${DASH})`)).join('|')})`;
  const suffix = `(?:${anyCase('st')}|${anyCase('nd')}|${anyCase('rd')}|${anyCase('th')})?`;
  const the = `(?:${anyCase('the')}\\s+)`;
  const of = `(?:${anyCase('of')}\\s+)`;
  const day = `(?:${the}?\\d{1,2}${suffix})`;
  const year = `(?:${Y4}|${APOSTROPHE}\\d{2})`;
  return [
    `\\d{1,2}${sameSeparatorTwice('\\d{1,2}')}(?:\\d{4}|\\d{2})`,
    `${Y4}${sameSeparatorTwice('\\d{1,2}')}\\d{1,2}`,
    `${day}${WRITTEN_SEP}${of}?${month}(?:${WRITTEN_SEP}${year})?`,
    `${the}?${ordinalWords}\\s+${of}${month}(?:${WRITTEN_SEP}${year})?`,
    `${month}[\\s\\/.,\\-]*${the}?\\d{1,2}${suffix}(?:${WRITTEN_SEP}${year})?`,
    `${month}\\s+${the}${ordinalWords}(?:${WRITTEN_SEP}${year})?`,
  ];
}

// ---------------------------------------------------------------------------------------------
// General patterns: anything shaped like an identifier, whatever the caller listed
// ---------------------------------------------------------------------------------------------

const STREET_SUFFIXES = [
  'Road', 'Rd\\.?', 'Street', 'St\\.?', 'Avenue', 'Ave\\.?', 'Close', 'Lane', 'Ln\\.?', 'Way', 'Drive', 'Dr\\.?', 'Court', 'Ct\\.?', 'Crescent', 'Cres\\.?',
  'Grove', 'Gardens', 'Gdns\\.?', 'Terrace', 'Place', 'Pl\\.?', 'Walk', 'Row', 'Square', 'Sq\\.?', 'Mews', 'Hill', 'Park', 'View', 'Rise', 'Parade', 'Green',
];
/** Suffixes that, written in lower case after a number, are still almost surely an address ("12 acacia avenue"). */
const UNAMBIGUOUS_SUFFIXES = ['road', 'street', 'avenue', 'lane', 'crescent', 'grove', 'gardens', 'terrace', 'mews'];
/** Suffixes that name a street with no house number ("lives on Acacia Avenue"); "Court" is left out for "Family Court". */
const NAMED_STREET_SUFFIXES = ['Road', 'Street', 'Avenue', 'Lane', 'Crescent', 'Grove', 'Gardens', 'Terrace', 'Mews', 'Close', 'Drive'];

const TITLE_WORD = `\\p{Lu}[\\p{L}\\p{M}'\u2019\\-]*`;
const ANY_WORD = `[\\p{L}\\p{M}'\u2019\\-]+`;

const digitCount = (s: string) => (s.match(/\p{N}/gu) ?? []).length;
const letterCount = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/**
 * The general patterns, built once. Order does not matter: every match is collected and overlapping
 * matches are merged before anything is replaced.
 */
export const GENERAL_MATCHERS: readonly Matcher[] = [
  // e-mail addresses, web addresses and social media handles
  { re: new RegExp(`${START}[\\p{L}\\p{N}._%+\\-']+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+`, 'giu') },
  { re: /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu },
  { re: /(?<![\p{L}\p{N}._%+\-@])@[A-Za-z0-9_.]{2,}/gu },
  // UK postcodes: AB1 2CD, A1 2BC, AB12 3CD, A1B 2CD, AB1C 2DE, with or without the space, any case
  { re: new RegExp(`${START}[A-Z]{1,2}\\d[A-Z\\d]?\\s{0,3}\\d[A-Z]{2}${END}`, 'giu') },
  // UPN: a letter, 11 digits, then a digit or letter (A123456789012), spaces or hyphens allowed
  { re: new RegExp(`${START}[A-Z](?:[\\s\\-]?\\d){11}[\\s\\-]?[A-Z\\d]${END}`, 'giu') },
  // National Insurance numbers: QQ 12 34 56 C, QQ123456C, QQ123456
  { re: new RegExp(`${START}[A-Z]{2}(?:[\\s\\-]?\\d{2}){3}[\\s\\-]?[A-D]${END}`, 'giu') },
  { re: new RegExp(`${START}[A-Z]{2}\\d{6}${END}`, 'giu') },
  // phone numbers, NHS numbers and any other long number: 9 or more digits, with spaces, dots, hyphens,
  // slashes or brackets between ("+44 (0)191 498 0000"); as long as possible, so no digits are left over
  { re: /(?<![\p{L}\p{N}])\+?\d(?:[\s\-.()/]{0,3}\d)*(?!\p{N})/gu, accept: (s) => digitCount(s) >= 9 },
  // shorter numbers after a word that says what they are: "tel 498 0000", "mobile: 0191 4980"
  { re: /(?<=\b(?:tel|telephone|phone|mobile|mob|landline|number|no\.?)\b\W{0,5})\+?\d(?:[\s\-.()]{0,3}\d){5,}(?!\p{N})/giu },
  // reference-like tokens: case numbers, child references (C123456), any run with 6 or more digits
  {
    re: new RegExp(`${START}[A-Za-z]*\\d[A-Za-z\\d]*${END}`, 'gu'),
    accept: (s) => digitCount(s) >= 6 || (digitCount(s) >= 5 && letterCount(s) >= 1),
  },
  // dates
  ...generalDateSources().map((s) => ({ re: new RegExp(`${START}${s}${END}`, 'gu') })),
  // a year just after "born", "DOB", "date of birth", "birthday": "born in 2015", "DOB: 2015"
  { re: /(?<=\b(?:born|dob|d\.o\.b\.?|date\s+of\s+birth|birthday)\b[^.\n]{0,30}?)(?<!\p{N})(?:19|20)\d{2}(?!\p{N})/giu },
  // street addresses: "12 Acacia Avenue", "12a, Church Road", "12 acacia avenue", "Acacia Avenue", "Flat 3"
  { re: new RegExp(`${START}\\d{1,4}[A-Za-z]?,?\\s+(?:${TITLE_WORD}\\s+){1,3}(?:${STREET_SUFFIXES.join('|')})${END}`, 'gu') },
  { re: new RegExp(`${START}\\d{1,4}[a-z]?,?\\s+(?:${ANY_WORD}\\s+){1,3}(?:${UNAMBIGUOUS_SUFFIXES.join('|')})${END}`, 'giu') },
  { re: new RegExp(`${START}(?:${TITLE_WORD}\\s+){1,3}(?:${NAMED_STREET_SUFFIXES.join('|')})${END}`, 'gu') },
  { re: new RegExp(`${START}(?:flat|apartment|apt)\\.?\\s*\\d+[a-z]?${END}`, 'giu') },
];

// ---------------------------------------------------------------------------------------------
// Names and phrases the caller gives
// ---------------------------------------------------------------------------------------------

/**
 * Lower-case parts of a surname that say nothing on their own ("van der Berg", "ibn Saud"): they
 * are removed within the whole name but not wherever they appear alone.
 */
const PARTICLES = new Set(['de', 'da', 'di', 'do', 'dos', 'das', 'del', 'della', 'der', 'den', 'van', 'von', 'la', 'le', 'du', 'bin', 'bint', 'ibn', 'al', 'el', 'ben', 'ap', 'ter', 'ten', 'y', 'e']);

/**
 * Words that are part of a school, organisation or address but identify nobody on their own. A
 * phrase such as "Hollybrook Primary School" is removed whole, and its other words ("Hollybrook")
 * are removed wherever they appear.
 */
const GENERIC_WORDS = new Set([
  'the', 'and', 'for', 'with', 'of', 'at', 'in', 'on',
  'school', 'schools', 'primary', 'secondary', 'junior', 'juniors', 'infant', 'infants', 'nursery', 'academy', 'college', 'high',
  'grammar', 'comprehensive', 'community', 'church', 'england', 'catholic', 'roman', 'methodist', 'free', 'special', 'pupil',
  'referral', 'unit', 'centre', 'center', 'learning', 'trust', 'federation', 'upper', 'lower', 'middle', 'first', 'saint',
  'road', 'street', 'avenue', 'close', 'lane', 'way', 'drive', 'court', 'crescent', 'grove', 'gardens', 'garden', 'terrace',
  'place', 'walk', 'row', 'square', 'mews', 'hill', 'park', 'view', 'rise', 'parade', 'green', 'flat', 'house', 'apartment',
  'floor', 'north', 'south', 'east', 'west', 'new', 'old', 'great', 'little', 'city', 'town', 'council', 'county', 'borough',
  'village', 'estate', 'end', 'farm', 'cottage', 'cottages', 'lodge',
]);

/** A pattern for one name or name part: any case, apostrophes and hyphens written any way, possessive. */
function namePattern(term: string): string {
  let body = '';
  for (const piece of term.match(/[\p{L}\p{N}]+|['\u2019\u2018`\u02BC]|[-\u2010-\u2014]|\s+|./gu) ?? []) {
    if (/^[\p{L}\p{N}]+$/u.test(piece)) body += escapeRegExp(piece);
    else if (new RegExp(`^${APOSTROPHE}$`, 'u').test(piece)) body += `(?:${APOSTROPHE}\\s?|\\s)?`;
    else if (new RegExp(`^${DASH}$`, 'u').test(piece)) body += `(?:\\s*${DASH}\\s*|\\s+)?`;
    else if (/^\s+$/u.test(piece)) body += '\\s+';
    else body += `${escapeRegExp(piece)}?\\s*`;
  }
  return `${body}${POSSESSIVE}`;
}

const alnumCount = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;

/**
 * The terms a person's name is removed by: the whole name, each word of it, and each part of a
 * hyphenated or apostrophed word ("Smith-Jones" → "Smith", "Jones"; "D'Souza" → "Souza"). Single
 * letters (initials) are not terms: removing every "a" and "I" would leave nothing to read.
 */
function nameTerms(name: string): string[] {
  const words = foldText(name)
    .text.trim()
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return [];
  const isParticle = (w: string) => words.length > 1 && w === w.toLowerCase() && PARTICLES.has(w);
  const terms = new Set<string>([words.join(' ')]);
  for (const w of words) {
    if (!isParticle(w)) terms.add(w);
    for (const part of w.split(new RegExp(DASH, 'u'))) if (!isParticle(part)) terms.add(part);
    for (const part of w.split(new RegExp(`${APOSTROPHE}|${DASH}`, 'u'))) if (alnumCount(part) >= 3 && !isParticle(part)) terms.add(part);
  }
  return [...terms].filter((t) => alnumCount(t) >= 2 && letterCount(t) >= 1);
}

export function nameMatchers(name: string): Matcher[] {
  return nameTerms(name).map((t) => ({ re: wholeWord(namePattern(t)) }));
}

/** Between the characters of a phrase written any way: "NE6 1AB" = "NE61AB", "12, Acacia Avenue" = "12 acacia avenue". */
const PHRASE_SEP = "[\\s\\-.,'\u2019\u2018`\u02BC/@:_()]*";

/**
 * A phrase (school, address line, postcode, UPN, case reference…) is removed whole, whatever the
 * spacing, punctuation or case, and so is each of its distinctive words: "Hollybrook Primary School"
 * also removes "Hollybrook"; "NE6 1AB" also removes the district "NE6".
 */
export function phraseMatchers(phrase: string): Matcher[] {
  const folded = foldText(phrase).text.trim();
  const chars = [...folded].filter(isAlphanumeric);
  if (chars.length < 2) return [];
  const out: Matcher[] = [{ re: wholeWord(`${chars.map(escapeRegExp).join(PHRASE_SEP)}${POSSESSIVE}`) }];
  if (!/@|:\/\//u.test(folded)) {
    for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
      if (alnumCount(word) >= 3 && letterCount(word) >= 1 && !GENERIC_WORDS.has(word.toLowerCase())) out.push({ re: wholeWord(namePattern(word)) });
    }
  }
  return out;
}
