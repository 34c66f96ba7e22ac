/**
 * Redaction of free text: every identifier the caller names, and everything shaped like one, is
 * replaced by a neutral marker. Used to build the anonymised summary of a child proposed for a
 * household where other children already live (the Concurrent Placement Agreement procedure: "every
 * detail is fully anonymised"; docs/rules/anonymised-summary.md).
 *
 * Rules, chosen to prefer removing too much over letting anything through:
 * - Names are matched as whole words, in any case, with accents or without ("Zoë" = "Zoe"), with
 *   apostrophes and hyphens written any way or left out ("O'Brien" = "O’Brien" = "OBrien" = "O Brien"),
 *   over several spaces or line breaks, and with possessives and plurals ("Sam's", "the Smiths"). Each
 *   part of a name counts on its own ("Smith-Jones" removes "Jones").
 * - "Sam" is NOT removed inside "Samuel" or "same": matching inside words would wreck ordinary
 *   words ("Al" in "also", "Ann" in "announce") without making anyone safer; a longer form of a name
 *   ("Samuel") is a separate name and belongs in the list of names.
 * - A name that is also an ordinary word ("May", "Will", "Hope") is removed everywhere it appears,
 *   word or name, because the two cannot be told apart.
 */
import type { IsoDate } from '../dates.ts';
import { GENERAL_MATCHERS, foldText, knownDateMatchers, nameMatchers, phraseMatchers, type Matcher } from './patterns.ts';

/** What replaces each identifier. */
export const REDACTION_MARKER = '[removed]';
const REPEATED_MARKERS = /\[removed\](?:\s+\[removed\])+/g;

/** The identifiers to find, besides the general patterns (which always apply). */
export type Identifiers = {
  /** People's names (child, nicknames, siblings, family, workers, carers): whole and part by part. */
  names?: readonly (string | null | undefined)[];
  /** Dates such as dates of birth (ISO): in every written form, with or without the year, and as month and year. */
  dates?: readonly (IsoDate | null | undefined)[];
  /** Anything else: school, address lines, postcodes, UPN, case references. Whole (any spacing), and by each distinctive word. */
  phrases?: readonly (string | null | undefined)[];
};

const present = <T>(xs: readonly (T | null | undefined)[] | undefined): T[] => (xs ?? []).filter((x): x is T => x !== null && x !== undefined && x !== '');

/**
 * A redacting function for one set of identifiers: the patterns are built once and reused for every
 * field. Throws a RangeError for a date that is not an ISO date (better than silently not finding it).
 */
export function redactor(identifiers: Identifiers = {}): (text: string) => string {
  const matchers: Matcher[] = [
    ...GENERAL_MATCHERS,
    ...present(identifiers.names).flatMap(nameMatchers),
    ...present(identifiers.dates).flatMap(knownDateMatchers),
    ...present(identifiers.phrases).flatMap(phraseMatchers),
  ];
  return (text: string) => redactWith(text, matchers);
}

/** `text` with every identifier in `identifiers`, and everything shaped like an identifier, replaced by "[removed]". */
export function redact(text: string, identifiers: Identifiers = {}): string {
  return redactor(identifiers)(text);
}

/**
 * The span widened by one bracket if it would otherwise leave one unmatched: "(0191) 498 0000" is
 * found as "0191) 498 0000" and removed with its opening bracket, not as "([removed]".
 */
function balanced(text: string, from: number, to: number): [number, number] {
  const inside = text.slice(from, to);
  const opens = inside.split('(').length - 1;
  const closes = inside.split(')').length - 1;
  if (closes > opens && text.charAt(from - 1) === '(') return [from - 1, to];
  if (opens > closes && text.charAt(to) === ')') return [from, to + 1];
  return [from, to];
}

function redactWith(text: string, matchers: readonly Matcher[]): string {
  const folded = foldText(text);
  const t = folded.text;
  const spans: [number, number][] = [];
  for (const { re, accept } of matchers) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      const from = m.index;
      const to = from + m[0].length;
      if (to > from && (!accept || accept(m[0]))) spans.push(balanced(text, folded.start[from]!, folded.end[to - 1]!));
      // Look again from the next character, not from the end of this match: another match may start
      // inside this one and run past its end ("7/4/12/01/90": "7/4/12", "4/12/01", "12/01/90"), or start
      // inside a rejected one. Overlapping spans are merged below.
      re.lastIndex = from + 1;
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  let current: [number, number] | null = null;
  const flush = () => {
    if (!current) return;
    out += text.slice(at, current[0]) + REDACTION_MARKER;
    at = current[1];
  };
  for (const span of spans) {
    if (current && span[0] <= current[1]) current[1] = Math.max(current[1], span[1]);
    else {
      flush();
      current = [span[0], span[1]];
    }
  }
  flush();
  out += text.slice(at);
  // "[removed] [removed]" (a first name then a surname) says no more than one marker.
  return out.replace(REPEATED_MARKERS, REDACTION_MARKER);
}
