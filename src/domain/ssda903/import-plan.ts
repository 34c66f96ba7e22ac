/**
 * From an authority's SSDA903 return files (read.ts) to what Hearth records for each child: the
 * inverse of the episode derivation (episodes.ts) and the return's assembly (assemble.ts). Pure;
 * the import service writes the records.
 *
 * How episodes become records, and why (docs/rules/ssda903-import.md):
 * - The episodes of this year's return and of last year's (--prev) are put together per child by
 *   DECOM; where both years hold an episode, this year's wins (it knows how an episode open at
 *   31 March ended).
 * - A period of care runs from an episode with RNE S (or the first episode given) to the episode
 *   that ends it: one whose REC is not X1, or the last one. Its end (DEC, REC) is a care ending.
 * - Legal statuses: consecutive episodes with the same LS are one legal status, from the first
 *   DECOM to the last DEC.
 * - Placements: a new placement starts with every episode whose RNE is S, P, B, T or U, or whose
 *   placement (PLACE, PLACE_PROVIDER, URN, PL_POST) differs from the episode before. RNE T and U say
 *   the carers stayed the same, so those placements share the previous one's carers ("carer group");
 *   S, P and B start new carers. The placement ends on its last episode's DEC with that episode's
 *   REASON_PLACE_CHANGE. PLACE_PROVIDER, URN and PL_POST are kept on the placement as returned.
 * - A child whose first episode given has an RNE other than S was looked after before the earliest
 *   file: Hearth keeps that RNE (`historyStart`) so its own return repeats it, instead of claiming
 *   care started then.
 * - CIN is one per child in Hearth: the latest episode's; HOME_POST likewise.
 * - Social worker episodes: Hearth records why a worker stopped on the episode that ends and
 *   writes it as the next episode's SW_REASON (assemble.ts, socialWorkerRows), so each episode takes
 *   the next one's SW_REASON; the first one's SW_REASON, when it is not FCONTA (the episode before it
 *   was not in the files), is kept as its `startReason`.
 * - Problems that stop a child being imported as a consistent history (episodes that overlap, a gap
 *   where REC X1 says the next episode starts the same day, rows for a child with no header row, an
 *   episode open while a later one starts) are row errors for that child; a child with any row error
 *   is left out whole, so a bad child never leaves half a record.
 */
import type { IsoDate } from '../dates.ts';
import type { CareEndingRecord, ChildRecord, LegalStatusRecord, MissingRecord, PlacementRecord, ReviewRecord, SocialWorkerEpisodeRecord } from './assemble.ts';
import type { ParsedReturn, RowAt, RowError, Located } from './read.ts';
import type { EpisodeRow, HeaderRow, MissingRow, ReviewRow, SwEpisodeRow, UascRow } from './return-types.ts';

export type ImportedPlacement = {
  startDate: IsoDate;
  endDate: IsoDate | null;
  placementType: string;
  provider: string | null;
  urn: string | null;
  postcode: string | null;
  reasonEnded: string | null;
  /** Placements with the same number (per child) had the same carers (RNE T or U between them). */
  carerGroup: number;
};

export type ImportedChild = {
  reference: string;
  sex: 'M' | 'F' | 'U';
  dateOfBirth: IsoDate;
  ethnicity: string;
  upn: string;
  categoryOfNeed: string;
  homePostcode: string | null;
  uasc: boolean;
  uascCeasedOn: IsoDate | null;
  isMother: boolean;
  motherChildDob: IsoDate | null;
  /** The first episode given continued care that began earlier: its DECOM and RNE. */
  historyStart: { date: IsoDate; rne: EpisodeRow['RNE'] } | null;
  legalStatuses: { code: string; startDate: IsoDate; endDate: IsoDate | null }[];
  careEndings: { endedOn: IsoDate; reason: string }[];
  placements: ImportedPlacement[];
  reviews: { eventDate: IsoDate; participationCode: string | null }[];
  missing: { kind: 'M' | 'A'; startedOn: IsoDate; endedOn: IsoDate | null }[];
  socialWorkerEpisodes: { swId: string; startedOn: IsoDate; endedOn: IsoDate | null; reason: string | null; startReason: string | null }[];
};

export type ImportPlan = {
  children: ImportedChild[];
  /** Every row error, from reading the files and from putting each child's rows together. */
  errors: RowError[];
  /** The children left out because of an error in one of their rows (CHILD). */
  leftOut: string[];
  /** The social worker identifiers the episodes name (SW_ID), for matching to staff. */
  swIds: string[];
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows of both years by child; this year's row replaces last year's with the same key. */
function merge<T extends { CHILD: string }>(current: readonly Located<T>[], previous: readonly Located<T>[], key: (r: T) => string): Map<string, Located<T>[]> {
  const byChild = new Map<string, Map<string, Located<T>>>();
  for (const list of [previous, current]) {
    for (const l of list) {
      let rows = byChild.get(l.row.CHILD);
      if (!rows) byChild.set(l.row.CHILD, (rows = new Map()));
      rows.set(key(l.row), l);
    }
  }
  return new Map([...byChild].map(([child, rows]) => [child, [...rows.values()]]));
}

const placementKey = (e: EpisodeRow) => JSON.stringify([e.PLACE, e.PLACE_PROVIDER, e.URN, e.PL_POST]);
const NEW_CARERS: ReadonlySet<string> = new Set(['S', 'P', 'B']);
const NEW_PLACEMENT: ReadonlySet<string> = new Set(['S', 'P', 'B', 'T', 'U']);

/** One child's episodes (sorted by DECOM) as legal statuses, care endings and placements; errors where they do not fit together. */
export function episodesToRecords(
  episodes: readonly Located<EpisodeRow>[],
  fail: (at: RowAt, column: string, message: string) => void,
): Pick<ImportedChild, 'legalStatuses' | 'careEndings' | 'placements' | 'historyStart'> {
  const sorted = [...episodes].sort((a, b) => cmp(a.row.DECOM, b.row.DECOM));
  const out: Pick<ImportedChild, 'legalStatuses' | 'careEndings' | 'placements' | 'historyStart'> = { legalStatuses: [], careEndings: [], placements: [], historyStart: null };
  const first = sorted[0];
  if (first && first.row.RNE !== 'S') out.historyStart = { date: first.row.DECOM, rne: first.row.RNE };
  let group = 0;
  sorted.forEach(({ row: e, at }, i) => {
    const prev = sorted[i - 1]?.row;
    const continues = prev !== undefined && prev.REC === 'X1';
    if (prev) {
      if (prev.DEC === null) fail(at, 'DECOM', `The episode starting ${dfe(e.DECOM)} begins while the one from ${dfe(prev.DECOM)} is still open (no DEC): episodes must not overlap`);
      else if (e.DECOM < prev.DEC) fail(at, 'DECOM', `The episode starting ${dfe(e.DECOM)} overlaps the one from ${dfe(prev.DECOM)} to ${dfe(prev.DEC)}`);
      else if (continues && e.DECOM !== prev.DEC) fail(at, 'DECOM', `The episode before ended ${dfe(prev.DEC)} with REC X1 (a new episode the same day), but this one starts ${dfe(e.DECOM)}`);
      if (continues && e.RNE === 'S') fail(at, 'RNE', 'RNE S (started to be looked after) follows an episode that ended with REC X1 (the same period of care)');
    }
    // Legal status
    const ls = out.legalStatuses.at(-1);
    if (continues && ls && ls.code === e.LS) ls.endDate = e.DEC;
    else out.legalStatuses.push({ code: e.LS, startDate: e.DECOM, endDate: e.DEC });
    // Placement
    const pl = out.placements.at(-1);
    const samePlacement = continues && pl !== undefined && !NEW_PLACEMENT.has(e.RNE) && prev !== undefined && placementKey(prev) === placementKey(e);
    if (samePlacement) {
      pl.endDate = e.DEC;
      pl.reasonEnded = e.REASON_PLACE_CHANGE;
    } else {
      if (!continues || NEW_CARERS.has(e.RNE)) group += 1;
      out.placements.push({
        startDate: e.DECOM,
        endDate: e.DEC,
        placementType: e.PLACE,
        provider: e.PLACE_PROVIDER,
        urn: e.URN,
        postcode: e.PL_POST,
        reasonEnded: e.REASON_PLACE_CHANGE,
        carerGroup: group,
      });
    }
    // The end of a period of care
    if (e.DEC !== null && e.REC !== null && e.REC !== 'X1') out.careEndings.push({ endedOn: e.DEC, reason: e.REC });
  });
  return out;
}

const dfe = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Each episode's SW_REASON belongs, in Hearth, to the episode before it (see the decisions above). */
export function swRowsToRecords(rows: readonly SwEpisodeRow[]): ImportedChild['socialWorkerEpisodes'] {
  const sorted = [...rows].sort((a, b) => cmp(a.SW_DECOM, b.SW_DECOM));
  return sorted.map((r, i) => ({
    swId: r.SW_ID,
    startedOn: r.SW_DECOM,
    endedOn: r.SW_DEC,
    reason: sorted[i + 1]?.SW_REASON ?? null,
    startReason: i === 0 && r.SW_REASON !== 'FCONTA' ? r.SW_REASON : null,
  }));
}

/**
 * The records to import from this year's return and, optionally, last year's. Children are
 * ordered by CHILD.
 */
export function planImport(current: ParsedReturn, previous?: ParsedReturn): ImportPlan {
  const errors: RowError[] = [...current.errors, ...(previous?.errors ?? [])];
  const prev = previous ?? { header: [], episodes: [], uasc: [], reviews: [], missing: [], swEpisodes: [] };
  const headers = merge<HeaderRow>(current.header, prev.header, () => 'h');
  const episodes = merge<EpisodeRow>(current.episodes, prev.episodes, (r) => r.DECOM);
  const uasc = merge<UascRow>(current.uasc, prev.uasc, () => 'u');
  const reviews = merge<ReviewRow>(current.reviews, prev.reviews, (r) => r.REVIEW);
  const missing = merge<MissingRow>(current.missing, prev.missing, (r) => `${r.MISSING}:${r.MIS_START}`);
  const sw = merge<SwEpisodeRow>(current.swEpisodes, prev.swEpisodes, (r) => `${r.SW_ID}:${r.SW_DECOM}`);

  const bad = new Set(errors.map((e) => e.child).filter((c): c is string => c !== undefined));
  const references = new Set<string>([...headers.keys(), ...episodes.keys(), ...uasc.keys(), ...reviews.keys(), ...missing.keys(), ...sw.keys()]);
  const children: ImportedChild[] = [];
  const swIds = new Set<string>();
  for (const reference of [...references].sort(cmp)) {
    if (bad.has(reference)) continue; // its row errors are reported already
    const childErrors: RowError[] = [];
    const fail = (at: RowAt, column: string, message: string) => childErrors.push({ ...at, column, message, child: reference });
    const header = headers.get(reference)?.[0];
    const eps = episodes.get(reference) ?? [];
    const anyRow = eps[0] ?? reviews.get(reference)?.[0] ?? missing.get(reference)?.[0] ?? sw.get(reference)?.[0] ?? uasc.get(reference)?.[0];
    if (!header) {
      if (anyRow) fail(anyRow.at, 'CHILD', `No row for child ${reference} in the header file: a child needs a header row (sex, date of birth, ethnicity)`);
      errors.push(...childErrors);
      bad.add(reference);
      continue;
    }
    if (eps.length === 0) {
      fail(header.at, 'CHILD', `Child ${reference} has no episodes: nothing says when they were looked after`);
      errors.push(...childErrors);
      bad.add(reference);
      continue;
    }
    const records = episodesToRecords(eps, fail);
    if (childErrors.length || bad.has(reference)) {
      errors.push(...childErrors);
      bad.add(reference);
      continue;
    }
    const latest = [...eps].sort((a, b) => cmp(a.row.DECOM, b.row.DECOM)).at(-1)?.row as EpisodeRow;
    const h = header.row;
    const u = uasc.get(reference)?.[0]?.row;
    const swRows = (sw.get(reference) ?? []).map((l) => l.row);
    for (const r of swRows) swIds.add(r.SW_ID);
    children.push({
      reference,
      sex: h.SEX as ImportedChild['sex'],
      dateOfBirth: h.DOB,
      ethnicity: h.ETHNIC,
      upn: h.UPN,
      categoryOfNeed: latest.CIN,
      homePostcode: [...eps].sort((a, b) => cmp(b.row.DECOM, a.row.DECOM)).find((l) => l.row.HOME_POST !== null)?.row.HOME_POST ?? null,
      uasc: u !== undefined,
      uascCeasedOn: u?.DUC ?? null,
      isMother: h.MOTHER === '1',
      motherChildDob: h.MOTHER === '1' ? h.MC_DOB : null,
      ...records,
      reviews: (reviews.get(reference) ?? []).map((l) => ({ eventDate: l.row.REVIEW, participationCode: l.row.REVIEW_CODE || null })).sort((a, b) => cmp(a.eventDate, b.eventDate)),
      missing: (missing.get(reference) ?? []).map((l) => ({ kind: l.row.MISSING, startedOn: l.row.MIS_START, endedOn: l.row.MIS_END })).sort((a, b) => cmp(a.startedOn, b.startedOn)),
      socialWorkerEpisodes: swRowsToRecords(swRows),
    });
  }
  errors.sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
  return { children, errors, leftOut: [...bad].filter((c) => references.has(c)).sort(cmp), swIds: [...swIds].sort(cmp) };
}

// ---------------------------------------------------------------------------------------------
// The records to write, as the return's assembly reads them
// ---------------------------------------------------------------------------------------------

/** One imported child's records, with the ids the caller chose (assemble.ts's record types). */
export type ChildImportRecords = {
  child: ChildRecord & { historyStartOn: IsoDate | null; historyStartRne: string | null };
  legalStatuses: LegalStatusRecord[];
  placements: (PlacementRecord & { status: 'active' | 'ended'; importedOn: IsoDate; plPost: string | null; provider: string | null; urn: string | null; reasonEnded: string | null })[];
  careEndings: CareEndingRecord[];
  reviews: ReviewRecord[];
  missing: MissingRecord[];
  socialWorkerEpisodes: SocialWorkerEpisodeRecord[];
};

/**
 * The records for one imported child. `householdOf` gives the household of each carer group (a
 * foster household from the carers' register, or one kept as "not known" for a person to resolve);
 * `placementStatus` is the placement's standing on the day of the import (placements/imported.ts).
 */
export function childImportRecords(
  c: ImportedChild,
  opts: {
    childId: string;
    placementId: (index: number) => string;
    householdOf: (carerGroup: number) => string;
    responsibleAuthorityId: string;
    importedOn: IsoDate;
    placementStatus: (p: { startDate: IsoDate; endDate: IsoDate | null }) => 'active' | 'ended';
  },
): ChildImportRecords {
  const childId = opts.childId;
  return {
    child: {
      id: childId,
      reference: c.reference,
      responsibleAuthorityId: opts.responsibleAuthorityId,
      sex: c.sex,
      dateOfBirth: c.dateOfBirth,
      ethnicity: c.ethnicity,
      upn: c.upn,
      categoryOfNeed: c.categoryOfNeed,
      homePostcode: c.homePostcode,
      uasc: c.uasc,
      uascCeasedOn: c.uascCeasedOn,
      isMother: c.isMother,
      motherChildDob: c.motherChildDob,
      historyStartOn: c.historyStart?.date ?? null,
      historyStartRne: c.historyStart?.rne ?? null,
    },
    legalStatuses: c.legalStatuses.map((s) => ({ childId, code: s.code, startDate: s.startDate, endDate: s.endDate })),
    placements: c.placements.map((p, i) => ({
      id: opts.placementId(i),
      childId,
      householdId: opts.householdOf(p.carerGroup),
      startDate: p.startDate,
      endDate: p.endDate,
      placementType: p.placementType,
      status: opts.placementStatus(p),
      reasonEnded: p.reasonEnded,
      provider: p.provider,
      urn: p.urn,
      plPost: p.postcode,
      importedOn: opts.importedOn,
    })),
    careEndings: c.careEndings.map((e) => ({ childId, endedOn: e.endedOn, reason: e.reason })),
    reviews: c.reviews.map((r) => ({ childId, eventDate: r.eventDate, participationCode: r.participationCode })),
    missing: c.missing.map((m) => ({ childId, kind: m.kind, startedOn: m.startedOn, endedOn: m.endedOn })),
    socialWorkerEpisodes: c.socialWorkerEpisodes.map((s) => ({ childId, swId: s.swId, startedOn: s.startedOn, endedOn: s.endedOn, reason: s.reason, startReason: s.startReason })),
  };
}
