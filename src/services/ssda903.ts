/**
 * The SSDA903 return from Hearth's records: build it for a collection year, check it against the
 * DfE validation rules, and export its files (CSV and XML). The rows are assembled by the pure
 * src/domain/ssda903/assemble.ts; this module reads the records and writes the audit.
 *
 * The home authority (whose return it is) is the local authority responsible for the most
 * children, unless the caller names one (see assemble.ts, homeAuthorityOf).
 *
 * Each failure and record problem says where it is corrected (`fix`): the placement for a
 * placement rule about one episode, otherwise the child's record (legal status history, care
 * endings, reviews, missing periods and social worker episodes are all kept on the child's page).
 * The web and API layers turn `fix` into a link.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import { findHomeAuthority, returnRecords } from '../data/repositories/ssda903.ts';
import { childExists } from '../data/repositories/children.ts';
import { writeAudit } from '../audit/writer.ts';
import { todayInEngland, type IsoDate } from '../domain/dates.ts';
import { assembleReturn, type AssembledReturn } from '../domain/ssda903/assemble.ts';
import type { EpisodeProblem } from '../domain/ssda903/episodes.ts';
import { collectionYear, type CollectionYear, type ValidationFailure } from '../domain/ssda903/return-types.ts';
import { oc2Cohort } from '../domain/ssda903/outcomes.ts';
import { validateReturn } from '../domain/ssda903/validation.ts';
import { returnFiles, returnXml, type ReturnFile } from '../domain/ssda903/write.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, ValidationError } from './errors.ts';

/** The name of the XML form among the export's files. */
export const XML_FILE_NAME = 'ssda903.xml';
/** The first collection year Hearth offers (the code lists and rules go back to it). */
export const FIRST_YEAR = 2020;

/** Where a failure is put right: the child's record or one placement. */
export type FixTarget = { kind: 'child' | 'placement'; id: string };

export type ReturnFailure = ValidationFailure & { childRecordId: string | null; childReference: string; fix: FixTarget | undefined };
export type ReturnProblem = EpisodeProblem & { childRecordId: string; childReference: string; fix: FixTarget };

export type ReturnCheck = {
  year: CollectionYear;
  children: number;
  episodes: number;
  failures: ReturnFailure[];
  /** Records that contradict each other, so that episodes could not be derived as recorded. */
  problems: ReturnProblem[];
  /** Whether last year's return (built from the records) was compared. */
  previousYear: boolean;
};

export type BuiltReturn = AssembledReturn & { homeAuthorityId: string | null };

/** The collection year a day falls in: 1 April to 31 March. */
export function yearContaining(day: IsoDate): CollectionYear {
  const y = Number(day.slice(0, 4));
  const first = day.slice(5) >= '04-01' ? y : y - 1;
  return collectionYear(`${first}-${String((first + 1) % 100).padStart(2, '0')}`) as CollectionYear;
}

export function previousYearOf(year: CollectionYear): CollectionYear {
  const first = Number(year.label.slice(0, 4)) - 1;
  return collectionYear(`${first}-${String((first + 1) % 100).padStart(2, '0')}`) as CollectionYear;
}

/** The return when no authority is home (no children recorded). */
function noReturn(year: CollectionYear): BuiltReturn {
  return { homeAuthorityId: null, ret: { year, header: [], episodes: [], uasc: [], reviews: [], missing: [], swEpisodes: [] }, children: [], episodePlacementIds: [], problems: [] };
}

/**
 * The return for a collection year from the records: every child of the home authority (given,
 * or found by findHomeAuthority) looked after at any time in the year. `onlyChildId` builds one
 * child's part of it.
 */
export async function buildReturn(tx: DbOrTx, year: CollectionYear, homeAuthorityId?: string, onlyChildId?: string): Promise<BuiltReturn> {
  const home = homeAuthorityId ?? (await findHomeAuthority(tx));
  if (home === null) return noReturn(year);
  // The records of the home authority's children looked after at some time in the year (all their history), or of one child.
  const records = await returnRecords(tx, year, home, onlyChildId);
  return { homeAuthorityId: home, ...assembleReturn(records, year, home) };
}

/**
 * One child's part of the returns of two years (this year's and last year's, for a child's page),
 * from one load of the child's records: they are all its history whichever year is asked for, and
 * assembleReturn keeps to each year the children looked after in it. The same as buildReturn for each
 * year with `onlyChildId`, in half the statements.
 */
export async function buildChildReturns(tx: DbOrTx, years: readonly [CollectionYear, CollectionYear], homeAuthorityId: string | undefined, childId: string): Promise<[BuiltReturn, BuiltReturn]> {
  const home = homeAuthorityId ?? (await findHomeAuthority(tx));
  if (home === null) return [noReturn(years[0]), noReturn(years[1])];
  const span = { start: years[0].start < years[1].start ? years[0].start : years[1].start, end: years[0].end > years[1].end ? years[0].end : years[1].end };
  const records = await returnRecords(tx, span, home, childId);
  const built = (year: CollectionYear): BuiltReturn => ({ homeAuthorityId: home, ...assembleReturn(records, year, home) });
  return [built(years[0]), built(years[1])];
}

/** Failures with the child's record id and where each is corrected; record problems likewise. */
export function locateFailures(built: AssembledReturn, failures: readonly ValidationFailure[]): ReturnFailure[] {
  const idOf = new Map(built.children.map((c) => [c.reference, c.id]));
  return failures.map((f) => {
    const childRecordId = idOf.get(f.childId) ?? null;
    const placementId = f.file === 'episodes' && f.rowIndex !== undefined && f.area === 'placement' ? (built.episodePlacementIds[f.rowIndex] ?? null) : null;
    const fix: FixTarget | undefined = placementId ? { kind: 'placement', id: placementId } : childRecordId ? { kind: 'child', id: childRecordId } : undefined;
    return { ...f, childRecordId, childReference: f.childId, fix };
  });
}

function locateProblems(built: AssembledReturn): ReturnProblem[] {
  const referenceOf = new Map(built.children.map((c) => [c.id, c.reference]));
  return built.problems.map(({ childId, problem }) => ({
    ...problem,
    childRecordId: childId,
    childReference: referenceOf.get(childId) ?? '',
    fix: problem.placementId ? { kind: 'placement', id: problem.placementId } : { kind: 'child', id: childId },
  }));
}

export type ReturnServiceOptions = { today?: () => IsoDate; homeAuthorityId?: string };

/**
 * How long a child's page reuses the home authority it found. Finding it counts every child by
 * authority (about 80 ms at national scale, 155,474 children, on every child's page); which authority
 * has the most children does not change from one minute to the next.
 */
export const HOME_AUTHORITY_REUSE_MS = 60_000;

export function createReturnService(db: Db, opts: ReturnServiceOptions = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));
  let home: { id: string; foundAt: number } | undefined;

  /** The home authority for a child's page: as given, or found at most once a minute (HOME_AUTHORITY_REUSE_MS). */
  async function homeForPage(tx: DbOrTx): Promise<string | undefined> {
    if (opts.homeAuthorityId) return opts.homeAuthorityId;
    if (home && Date.now() - home.foundAt < HOME_AUTHORITY_REUSE_MS) return home.id;
    const id = await findHomeAuthority(tx);
    if (id !== null) home = { id, foundAt: Date.now() };
    return id ?? undefined;
  }

  /** The years offered: the current collection year and the four before it; the default is the last complete one. */
  function years(): { labels: string[]; current: string; defaultLabel: string } {
    const current = yearContaining(today());
    const labels: string[] = [];
    for (let y: CollectionYear = current, i = 0; i < 5 && Number(y.label.slice(0, 4)) >= FIRST_YEAR; i++, y = previousYearOf(y)) labels.push(y.label);
    return { labels, current: current.label, defaultLabel: previousYearOf(current).label };
  }

  /** A collection year label, checked: "2025-26", from FIRST_YEAR to the current year. */
  function parseYear(label: string): CollectionYear {
    const year = collectionYear(label);
    const current = yearContaining(today());
    if (!year || Number(label.slice(0, 4)) < FIRST_YEAR || year.start > current.start) {
      throw new ValidationError([{ field: 'year', message: `Choose a collection year from ${FIRST_YEAR}-${String((FIRST_YEAR + 1) % 100).padStart(2, '0')} to ${current.label}, written like 2025-26` }]);
    }
    return year;
  }

  /**
   * Every validation failure of the year's return (and the records that could not be turned into
   * episodes). `previousYear`: true compares with last year's return built from the records, false
   * does not, and 'when-held' compares only when Hearth holds last year's data (last year's return
   * has at least one child): what `npm run export:903` does unless told otherwise.
   */
  async function validate(ctx: Ctx, yearLabel: string, previousYear: boolean | 'when-held' = false): Promise<ReturnCheck> {
    const year = parseYear(yearLabel);
    return db.transaction(async (tx) => {
      const built = await buildReturn(tx, year, opts.homeAuthorityId);
      const last = previousYear !== false && built.homeAuthorityId ? (await buildReturn(tx, previousYearOf(year), built.homeAuthorityId)).ret : undefined;
      const previous = last && (previousYear === true || last.header.length > 0) ? last : undefined;
      const compared = previous !== undefined;
      const failures = locateFailures(built, validateReturn(built.ret, previous));
      const problems = locateProblems(built);
      await writeAudit(tx, ctx, {
        action: 'return.validated',
        subjectType: 'system',
        subjectId: `ssda903:${year.label}`,
        details: { year: year.label, previousYear: compared, children: built.children.length, episodes: built.ret.episodes.length, failures: failures.length, problems: problems.length },
        // The children the check names (each failure and problem is shown with its child).
        childIds: [...failures.flatMap((f) => (f.childRecordId ? [f.childRecordId] : [])), ...problems.map((p) => p.childRecordId)],
      });
      return { year, children: built.children.length, episodes: built.ret.episodes.length, failures, problems, previousYear: compared };
    });
  }

  /** The files of the year's return: the CSVs (returnFiles) and the XML form; or only the one named. */
  async function exportReturn(ctx: Ctx, yearLabel: string, only?: string): Promise<{ year: CollectionYear; files: ReturnFile[]; children: number; episodes: number; oc2Cohort: number }> {
    const year = parseYear(yearLabel);
    return db.transaction(async (tx) => {
      const built = await buildReturn(tx, year, opts.homeAuthorityId);
      const all: ReturnFile[] = [...returnFiles(built.ret), { name: XML_FILE_NAME, content: returnXml(built.ret) }];
      const files = only === undefined ? all : all.filter((f) => f.name === only);
      if (files.length === 0) throw new NotFoundError('Return file');
      await writeAudit(tx, ctx, {
        action: 'return.exported',
        subjectType: 'system',
        subjectId: `ssda903:${year.label}`,
        details: { year: year.label, files: files.map((f) => f.name), children: built.children.length, episodes: built.ret.episodes.length },
        // The files hold every child in the return.
        childIds: built.children.map((c) => c.id),
      });
      // OC2 is not written (Hearth does not hold its fields); how many children it must cover is known.
      return { year, files, children: built.children.length, episodes: built.ret.episodes.length, oc2Cohort: oc2Cohort(built.ret).length };
    });
  }

  /**
   * The failures concerning one child in the current collection year, against every rule (last
   * year's part of the child's return is built too, for the rules that compare years), so they can
   * be put right as the record changes. `applies` is false when the child is not in this year's return (another
   * authority's child, or not looked after this year). Whoever may see the child may see these.
   */
  async function forChild(ctx: Ctx, childId: string): Promise<{ year: CollectionYear; applies: boolean; failures: ReturnFailure[]; problems: ReturnProblem[] }> {
    const year = yearContaining(today());
    return db.transaction(async (tx) => {
      if (!(await childExists(tx, childId))) throw new NotFoundError('Child');
      // Every rule, the year-on-year ones (502, 503A–F) too: the child's part of last year's return.
      const [built, last] = await buildChildReturns(tx, [year, previousYearOf(year)], await homeForPage(tx), childId);
      const previous = built.children.length > 0 ? last.ret : undefined;
      const failures = locateFailures(built, validateReturn(built.ret, previous));
      const problems = locateProblems(built);
      await writeAudit(tx, ctx, {
        action: 'return.validated',
        subjectType: 'child',
        subjectId: childId,
        details: { year: year.label, failures: failures.length, problems: problems.length },
      });
      return { year, applies: built.children.length > 0, failures, problems };
    });
  }

  return { years, parseYear, validate, export: exportReturn, forChild };
}

export type ReturnService = ReturnType<typeof createReturnService>;
