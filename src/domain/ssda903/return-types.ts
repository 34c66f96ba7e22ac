/**
 * The SSDA903 ("children looked after") return as data: what Hearth derives from its records
 * (episodes) and the rows of each file (rules.md §3.2), before they are written as CSV or XML.
 * Dates are ISO calendar dates here; the writer formats them as dd/mm/yyyy.
 */
import type { IsoDate } from '../dates.ts';

/** A collection year, 1 April to 31 March: "2025-26". */
export type CollectionYear = { label: string; start: IsoDate; end: IsoDate };

export function collectionYear(label: string): CollectionYear | null {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m) return null;
  const first = Number(m[1]);
  if ((first + 1) % 100 !== Number(m[2])) return null;
  return { label, start: `${first}-04-01`, end: `${first + 1}-03-31` };
}

// ---------------------------------------------------------------------------------------------
// What the records hold, as the episode derivation needs it
// ---------------------------------------------------------------------------------------------

/** One legal status period (end exclusive: it ends the day the next begins). */
export type LegalStatusPeriod = { code: string; start: IsoDate; end: IsoDate | null };

/** One placement, with the fields that make a "placement change" for the return (rules.md §3.10). */
export type PlacementPeriod = {
  id: string;
  start: IsoDate;
  end: IsoDate | null;
  /** PLACE: U1–U6, K2, P1, T0–T4… */
  placeType: string;
  /** PLACE_PROVIDER: PR0–PR5 (blank for T0–T4 and Z1x). */
  provider: string | null;
  /** PL_POST */
  postcode: string | null;
  /** URN (Ofsted), or null where not required. */
  urn: string | null;
  /** The carers: same carer id on consecutive placements means RNE T/U rather than P/B. */
  carerId: string;
  /** REASON_PLACE_CHANGE recorded when the placement ended (CARPL, CLOSE, ALLEG…). */
  reasonEnded: string | null;
};

/** How a period of care ended (REC on its last episode), when it has. */
export type CareEnding = { date: IsoDate; reason: string };

export type ChildReturnFacts = {
  childId: string;
  /** CIN, fixed for the period of care. */
  categoryOfNeed: string;
  homePostcode: string | null;
  legalStatuses: readonly LegalStatusPeriod[];
  placements: readonly PlacementPeriod[];
  /** The end of each period of care that has ended, keyed by its end date. */
  careEndings: readonly CareEnding[];
  /**
   * For a child imported from a return whose first episode continued care that began before the
   * earliest file: that episode's DECOM and RNE, kept so the return repeats it (import-plan.ts).
   */
  historyStart?: { date: IsoDate; rne: EpisodeRow['RNE'] } | null;
};

// ---------------------------------------------------------------------------------------------
// The rows of the return (column names as the DfE's files)
// ---------------------------------------------------------------------------------------------

export type EpisodeRow = {
  CHILD: string;
  DECOM: IsoDate;
  RNE: 'S' | 'L' | 'P' | 'T' | 'B' | 'U';
  LS: string;
  CIN: string;
  PLACE: string;
  PLACE_PROVIDER: string | null;
  DEC: IsoDate | null;
  REC: string | null;
  REASON_PLACE_CHANGE: string | null;
  HOME_POST: string | null;
  PL_POST: string | null;
  URN: string | null;
};

export type HeaderRow = { CHILD: string; SEX: string; DOB: IsoDate; ETHNIC: string; UPN: string; MOTHER: '0' | '1' | null; MC_DOB: IsoDate | null };
export type UascRow = { CHILD: string; SEX: string; DOB: IsoDate; DUC: IsoDate | null };
export type ReviewRow = { CHILD: string; DOB: IsoDate; REVIEW: IsoDate; REVIEW_CODE: string };
export type MissingRow = { CHILD: string; DOB: IsoDate; MISSING: 'M' | 'A'; MIS_START: IsoDate; MIS_END: IsoDate | null };
export type SwEpisodeRow = { CHILD: string; DOB: IsoDate; SW_ID: string; SW_DECOM: IsoDate; SW_DEC: IsoDate | null; SW_REASON: string | null };

/** A PlacedAdoption row (rules.md §3.2): the decision that the child should be placed for adoption. REASON_PLACED_CEASED is RD1–RD4. */
export type PlacedAdoptionRow = { CHILD: string; DOB: IsoDate; DATE_PLACED: IsoDate; DATE_PLACED_CEASED: IsoDate | null; REASON_PLACED_CEASED: string | null };
/** An AD1 row (rules.md §3.2): a child adopted (care ended E11 or E12). */
export type Ad1Row = { CHILD: string; DOB: IsoDate; DATE_INT: IsoDate; DATE_MATCH: IsoDate | null; FOSTER_CARE: '0' | '1'; NB_ADOPTR: string; SEX_ADOPTR: string | null; LS_ADOPTR: string | null };

export type Return903 = {
  year: CollectionYear;
  header: HeaderRow[];
  episodes: EpisodeRow[];
  uasc: UascRow[];
  reviews: ReviewRow[];
  missing: MissingRow[];
  swEpisodes: SwEpisodeRow[];
  /**
   * The adoption files (AD1, PlacedAdoption), written with the others (write.ts) and checked by
   * Hearth's validation, but not read back on import; absent in a return made by the synthetic-data
   * generator, and then written with only their header rows.
   */
  ad1?: Ad1Row[];
  placedAdoption?: PlacedAdoptionRow[];
  /**
   * Not a file: the children (CHILD) who are not in this year's UASC file but were UASC in either of
   * the two years before, which the DfE's rules 392a, 392b and 406 look back over. Hearth knows it
   * from its records (assemble.ts); a return read back from its files does not.
   */
  formerlyUasc?: readonly string[];
};

/** The files of a return that Hearth reads back and validates (the keys of Return903 that hold rows, but the adoption files). */
export type ReturnFileKey = keyof Omit<Return903, 'year' | 'formerlyUasc' | AdoptionFileKey>;
/** The adoption files: written, not read back. */
export type AdoptionFileKey = 'ad1' | 'placedAdoption';

/** One failed validation rule, for one child. */
export type ValidationFailure = {
  childId: string;
  /** The DfE rule number, e.g. "355". */
  rule: string;
  /** Plain English: what is wrong and how to put it right. */
  message: string;
  /** The file and row it concerns, when it is one row. */
  file?: ReturnFileKey | AdoptionFileKey;
  rowIndex?: number;
  /** What to correct: the record it is about ('child' | 'placement' | 'legal_status' | …) and its id. */
  fix?: { kind: string; id: string };
  /** 'warning' for the DfE's warnings (e.g. 232), which do not stop a return; errors otherwise. */
  severity?: 'error' | 'warning';
  /** The DfE's wording of the rule. */
  dfeMessage?: string;
  /** Plain English: how to put it right in Hearth. */
  howToFix?: string;
  /** The columns the rule looks at (DfE names). */
  fields?: readonly string[];
  /** Where in Hearth it is corrected, for the caller to link to the right page. */
  area?: 'child' | 'legal_status' | 'placement' | 'history' | 'care_ending' | 'category_of_need' | 'review' | 'missing' | 'social_worker' | 'adoption';
};
