/**
 * Checks an SSDA903 return against the DfE validation rules that concern the fields Hearth holds
 * (docs/rules/ssda903-validation.md) and lists every failure with the child, the rule number and a
 * plain-English message. validateReturn checks a whole return (with last year's, for the rules that
 * compare years); validateChild checks one child's rows, so a record can be checked as it changes.
 */
import { inYears } from './return-codes.ts';
import type { CollectionYear, EpisodeRow, HeaderRow, Return903, ValidationFailure } from './return-types.ts';
import { RULES } from './validation-rules.ts';
import { buildContext, indexChildRows, NO_ROWS, uascLately, type At, type ChildContext, type ChildRows903, type CodeField, type Finding, type HeaderCodeField, type IndexedChildRows, type RowKind, type RuleDefinition } from './validation-engine.ts';

export { RULES } from './validation-rules.ts';
export type { ChildRows903, RuleDefinition } from './validation-engine.ts';

/** The rules that apply in a collection year. */
export function rulesFor(year: CollectionYear | string): RuleDefinition[] {
  return RULES.filter((r) => r.years === undefined || inYears(r.years, year));
}

/**
 * A list of rules made ready to run: each rule's onlyWith as bits, so that the runner skips a rule
 * that cannot find anything for a child without calling it. A child's features are two words: `rows`
 * holds the kinds of rows (ROW_BITS) and a bit for each set of header codes some rule is about;
 * `codes` a bit for each set of episode codes some rule is about (rules about the same codes share
 * it), set for a child by any of those codes on any episode. The rules to run for each combination
 * of features are listed once (`runs`), so that for a child the runner goes only through those.
 */
type Plan = {
  rules: readonly RuleDefinition[];
  /** Each rule's check, read once (the rules are objects of several shapes, so reading `check` from each for every child is a lookup of its own). */
  checks: readonly RuleDefinition['check'][];
  needRows: number[];
  needCodes: number[];
  codeBits: [CodeField, Map<string, number>][];
  headerBits: [HeaderCodeField, Map<string, number>][];
  runs: Map<number, readonly number[]>;
};

const ROW_BITS: Readonly<Record<RowKind, number>> = { missing: 1, uasc: 2, adoption: 4, previous: 8, reviews: 16, swEpisodes: 32, severalEpisodes: 64, uascLately: 128 };
/** The first bit of the header codes in Plan's `rows` word. */
const FIRST_HEADER_BIT = 256;
/** Past bit 30 of either word a rule's codes are not tested: it is run for every child, which finds the same. */
const LAST_BIT = 2 ** 30;
const plans = new WeakMap<readonly RuleDefinition[], Plan>();

function planOf(rules: readonly RuleDefinition[]): Plan {
  const known = plans.get(rules);
  if (known) return known;
  const codeBits = new Map<CodeField, Map<string, number>>();
  const headerBits = new Map<HeaderCodeField, Map<string, number>>();
  // One bit for each field and set of codes, shared by the rules about the same codes.
  const bitOf = new Map<string, number>();
  let nextCodeBit = 1;
  let nextHeaderBit = FIRST_HEADER_BIT;
  const bit = <F extends string>(byField: Map<F, Map<string, number>>, field: F, codes: Iterable<string>, next: number): number | null => {
    const list = [...new Set(codes)].sort();
    // Field names differ between the header and the episodes, so the key names the word too.
    const key = `${field} ${list.join(' ')}`;
    const known = bitOf.get(key);
    if (known !== undefined) return known;
    if (next > LAST_BIT) return null;
    let bits = byField.get(field);
    if (!bits) byField.set(field, (bits = new Map()));
    for (const c of list) bits.set(c, (bits.get(c) ?? 0) | next);
    bitOf.set(key, next);
    return next;
  };
  const needRows: number[] = [];
  const needCodes: number[] = [];
  for (const rule of rules) {
    let rows = 0;
    let codes = 0;
    for (const kind of rule.onlyWith?.rows ?? []) rows |= ROW_BITS[kind];
    const header = rule.onlyWith?.header;
    if (header) {
      const b = bit(headerBits, header.field, header.codes, nextHeaderBit);
      if (b === nextHeaderBit) nextHeaderBit *= 2;
      rows |= b ?? 0;
    }
    const code = rule.onlyWith?.code;
    if (code) {
      const b = bit(codeBits, code.field, code.codes, nextCodeBit);
      if (b === nextCodeBit) nextCodeBit *= 2;
      codes |= b ?? 0;
    }
    needRows.push(rows);
    needCodes.push(codes);
  }
  const plan: Plan = { rules, checks: rules.map((rule) => rule.check), needRows, needCodes, codeBits: [...codeBits], headerBits: [...headerBits], runs: new Map() };
  plans.set(rules, plan);
  return plan;
}

/** The indices of the rules to run for a child with these features, in the rules' order (worked out once for each combination). */
function rulesToRun(plan: Plan, rows: number, codes: number): readonly number[] {
  const key = rows * LAST_BIT * 2 + codes;
  const known = plan.runs.get(key);
  if (known !== undefined) return known;
  const run: number[] = [];
  for (let r = 0; r < plan.rules.length; r++) {
    const needRows = plan.needRows[r] as number;
    const needCodes = plan.needCodes[r] as number;
    if ((rows & needRows) === needRows && (codes & needCodes) === needCodes) run.push(r);
  }
  plan.runs.set(key, run);
  return run;
}

/** The kinds of rows a child has, and the header codes, as the `rows` word of Plan. */
function rowFeatures(ctx: ChildContext, plan: Plan): number {
  let f = 0;
  if (ctx.missing.length > 0) f |= ROW_BITS.missing;
  if (ctx.uasc.length > 0) f |= ROW_BITS.uasc;
  if (ctx.ad1.length > 0 || ctx.placedAdoption.length > 0) f |= ROW_BITS.adoption;
  if (ctx.previous !== null) f |= ROW_BITS.previous;
  if (ctx.reviews.length > 0) f |= ROW_BITS.reviews;
  if (ctx.swEpisodes.length > 0) f |= ROW_BITS.swEpisodes;
  if (ctx.episodes.length > 1) f |= ROW_BITS.severalEpisodes;
  if (uascLately(ctx)) f |= ROW_BITS.uascLately;
  const header = ctx.header?.row;
  if (header) {
    for (let k = 0; k < plan.headerBits.length; k++) {
      const [field, bits] = plan.headerBits[k] as [HeaderCodeField, Map<string, number>];
      f |= bits.get(header[field] as string) ?? 0;
    }
  }
  return f;
}

/** The episode codes a child has, as the `codes` word of Plan. */
function codeFeatures(ctx: ChildContext, plan: Plan): number {
  let f = 0;
  for (let k = 0; k < plan.codeBits.length; k++) {
    const [field, bits] = plan.codeBits[k] as [CodeField, Map<string, number>];
    for (let i = 0; i < ctx.episodes.length; i++) f |= bits.get((ctx.episodes[i] as At<EpisodeRow>).row[field] as string) ?? 0;
  }
  return f;
}

/** Every failure of one child's rows, added to `failures` (one list for a whole return, not one per child). */
function run(rows: IndexedChildRows, year: CollectionYear, previous: ChildRows903 | null, rules: readonly RuleDefinition[], failures: ValidationFailure[] = []): ValidationFailure[] {
  const ctx = buildContext(rows, year, previous);
  const plan = planOf(rules);
  const toRun = rulesToRun(plan, rowFeatures(ctx, plan), codeFeatures(ctx, plan));
  // Indexed loops, not for…of: at this call site every rule returns its own kind of list, and an
  // iterator over each of 136 rules' results, for every child, was a tenth of the checks' time.
  for (let k = 0; k < toRun.length; k++) {
    const r = toRun[k] as number;
    const found = (plan.checks[r] as RuleDefinition['check'])(ctx);
    if (found.length === 0) continue;
    const rule = rules[r] as RuleDefinition;
    for (let i = 0; i < found.length; i++) {
      const f = found[i] as Finding;
      failures.push({
        childId: rows.childId,
        rule: rule.rule,
        message: `${f.detail} ${rule.howToFix}`,
        file: f.file,
        rowIndex: f.index,
        severity: rule.severity,
        dfeMessage: rule.dfeMessage,
        howToFix: rule.howToFix,
        fields: rule.fields,
        area: rule.area,
      });
    }
  }
  return failures;
}

/**
 * One child's rows (rowIndex in each failure is the index in those arrays), optionally with the
 * same child's rows from last year's return.
 */
export function validateChild(rows: ChildRows903, year: CollectionYear, previous?: ChildRows903 | null): ValidationFailure[] {
  return run(indexChildRows(rows), year, previous ?? null, rulesFor(year));
}

/**
 * A return's rows grouped by child: the children in the order they first appear (`count` of them),
 * each child's rows made into an IndexedChildRows when asked (`rowsOf`), and a way to find a child.
 */
type Grouped = { count: number; rowsOf: (i: number) => IndexedChildRows; find: (childId: string) => IndexedChildRows | undefined };

type FileKey = 'episodes' | 'uasc' | 'reviews' | 'missing' | 'swEpisodes' | 'ad1' | 'placedAdoption';
const FILES: readonly FileKey[] = ['episodes', 'uasc', 'reviews', 'missing', 'swEpisodes', 'ad1', 'placedAdoption'];

/**
 * Where one file's rows of each child are: rows from[i] to to[i] (not included) of the file, all of
 * child i's (from[i] is -1 when the child has none), or, for a child whose rows are not all together,
 * the list of them in `lists`.
 */
type FileRuns = { rows: readonly { CHILD: string }[]; from: number[]; to: number[]; lists: Map<number, At<unknown>[]> | null };

/** Rows `from` to `to` of a file as a child's list (of its exact length: most children have one or two rows a file). */
function runOf<T>(rows: readonly T[], from: number, to: number): At<T>[] {
  if (to - from === 1) return [{ row: rows[from] as T, index: from }];
  const list = new Array<At<T>>(to - from);
  for (let i = from; i < to; i++) list[i - from] = { row: rows[i] as T, index: i };
  return list;
}

/**
 * Every child's rows of a return, with their indices in the return's files: the children in the
 * order they first appear (the header's, then any only in other files). Only where each child's rows
 * are is worked out for the whole return; the lists of a child's rows are made when its turn comes
 * (rowsOf), and let go after it, rather than made for 132,000 children at once and kept until the
 * last is checked (they outlived young-generation collections and made the old generation grow,
 * which set off full collections of the whole heap during the checks).
 */
function groupRows(ret: Omit<Return903, 'year'>): Grouped {
  const ids: string[] = [];
  const headerAt: number[] = [];
  const runs: Record<FileKey, FileRuns> = {} as Record<FileKey, FileRuns>;
  for (const key of FILES) runs[key] = { rows: (ret[key] as readonly { CHILD: string }[] | undefined) ?? [], from: [], to: [], lists: null };
  const newChild = (id: string): number => {
    ids.push(id);
    headerAt.push(-1);
    for (const key of FILES) {
      runs[key].from.push(-1);
      runs[key].to.push(-1);
    }
    return ids.length - 1;
  };
  // The header is written in order of CHILD (the children's references), so while its children come
  // in strictly increasing order a child is found among them by binary search, without hashing
  // 132,000 references into a Map; a child not in the header (or every child after a header row out
  // of order) is found through `others`.
  let inOrder = 0;
  let others: Map<string, number> | null = null;
  const indexOf = (id: string): number => {
    let lo = 0;
    let hi = inOrder - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = ids[mid] as string;
      if (m === id) return mid;
      if (m < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return others?.get(id) ?? -1;
  };
  const at = (id: string): number => {
    const i = indexOf(id);
    if (i >= 0) return i;
    (others ??= new Map()).set(id, ids.length);
    return newChild(id);
  };
  const header = ret.header;
  for (let index = 0; index < header.length; index++) {
    const row = header[index] as HeaderRow;
    if (inOrder === ids.length && (inOrder === 0 || row.CHILD > (ids[inOrder - 1] as string))) {
      headerAt[newChild(row.CHILD)] = index;
      inOrder++;
      continue;
    }
    const i = at(row.CHILD);
    if (headerAt[i] === -1) headerAt[i] = index;
  }
  // A child's rows usually come together in each file, and the children in the header's order: each
  // run of one child's rows is found, and its child tried as the child after the last run's in that
  // order before being looked up (at 100,000 children the look-ups were a fifth of the checks' time).
  for (const key of FILES) {
    const file = runs[key];
    const rows = file.rows;
    let k = -1;
    for (let index = 0; index < rows.length; ) {
      const id = (rows[index] as { CHILD: string }).CHILD;
      let end = index + 1;
      while (end < rows.length && (rows[end] as { CHILD: string }).CHILD === id) end++;
      k = ids[k + 1] === id ? k + 1 : at(id);
      const from = file.from[k] as number;
      if (from === -1) {
        file.from[k] = index;
        file.to[k] = end;
      } else {
        // A second run of the same child's rows: its rows are listed.
        const lists = (file.lists ??= new Map());
        let list = lists.get(k);
        if (!list) lists.set(k, (list = runOf(rows, from, file.to[k] as number)));
        for (let i = index; i < end; i++) list.push({ row: rows[i], index: i });
      }
      index = end;
    }
  }
  const formerly = new Set<number>();
  for (const id of ret.formerlyUasc ?? []) {
    const i = indexOf(id);
    if (i >= 0) formerly.add(i);
  }
  const listOf = <T>(key: FileKey, i: number): At<T>[] => {
    const file = runs[key];
    const from = file.from[i] as number;
    if (from === -1) return NO_ROWS;
    return ((file.lists?.get(i) as At<T>[] | undefined) ?? runOf(file.rows as readonly T[], from, file.to[i] as number));
  };
  const rowsOf = (i: number): IndexedChildRows => {
    const h = headerAt[i] as number;
    return {
      childId: ids[i] as string,
      header: h === -1 ? null : { row: header[h] as HeaderRow, index: h },
      episodes: listOf('episodes', i),
      uasc: listOf('uasc', i),
      reviews: listOf('reviews', i),
      missing: listOf('missing', i),
      swEpisodes: listOf('swEpisodes', i),
      ad1: listOf('ad1', i),
      placedAdoption: listOf('placedAdoption', i),
      formerlyUasc: formerly.has(i),
    };
  };
  return {
    count: ids.length,
    rowsOf,
    find: (id) => {
      const i = indexOf(id);
      return i < 0 ? undefined : rowsOf(i);
    },
  };
}

/** Every child's rows of a return, keyed by CHILD, with their indices in the return's files. */
export function groupByChild(ret: Omit<Return903, 'year'>): Map<string, IndexedChildRows> {
  const byChild = new Map<string, IndexedChildRows>();
  const grouped = groupRows(ret);
  for (let i = 0; i < grouped.count; i++) {
    const rows = grouped.rowsOf(i);
    byChild.set(rows.childId, rows);
  }
  return byChild;
}

const plain = (rows: IndexedChildRows): ChildRows903 => ({
  childId: rows.childId,
  header: rows.header?.row ?? null,
  episodes: rows.episodes.map((e) => e.row),
  uasc: rows.uasc.map((e) => e.row),
  reviews: rows.reviews.map((e) => e.row),
  missing: rows.missing.map((e) => e.row),
  swEpisodes: rows.swEpisodes.map((e) => e.row),
  ad1: rows.ad1.map((e) => e.row),
  placedAdoption: rows.placedAdoption.map((e) => e.row),
  formerlyUasc: rows.formerlyUasc,
});

/**
 * Every failure in a return, child by child (in the order children first appear), rule by rule.
 * rowIndex is the index of the row in the return's file. `previous` is last year's return.
 */
export function validateReturn(ret: Return903, previous?: Return903): ValidationFailure[] {
  const rules = rulesFor(ret.year);
  const last = previous ? groupRows(previous) : null;
  const failures: ValidationFailure[] = [];
  const grouped = groupRows(ret);
  for (let i = 0; i < grouped.count; i++) {
    const rows = grouped.rowsOf(i);
    const prev = last?.find(rows.childId);
    run(rows, ret.year, prev ? plain(prev) : null, rules, failures);
  }
  return failures;
}
