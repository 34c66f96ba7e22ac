/**
 * Checks an SSDA903 return against the DfE validation rules that concern the fields Hearth holds
 * (docs/rules/ssda903-validation.md) and lists every failure with the child, the rule number and a
 * plain-English message. validateReturn checks a whole return (with last year's, for the rules that
 * compare years); validateChild checks one child's rows, so a record can be checked as it changes.
 */
import { inYears } from './return-codes.ts';
import type { CollectionYear, EpisodeRow, HeaderRow, Return903, ValidationFailure } from './return-types.ts';
import { RULES } from './validation-rules.ts';
import { buildContext, emptyIndexedRows, indexChildRows, NO_ROWS, uascLately, type At, type ChildContext, type ChildRows903, type CodeField, type Finding, type HeaderCodeField, type IndexedChildRows, type RowKind, type RuleDefinition } from './validation-engine.ts';

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

/** A return's rows grouped by child: the children in the order they first appear, and a way to find one. */
type Grouped = { order: readonly IndexedChildRows[]; find: (childId: string) => IndexedChildRows | undefined };

/**
 * Every child's rows of a return, with their indices in the return's files: the children in the
 * order they first appear (the header's, then any only in other files).
 */
function groupRows(ret: Omit<Return903, 'year'>): Grouped {
  const order: IndexedChildRows[] = [];
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
      const m = (order[mid] as IndexedChildRows).childId;
      if (m === id) return mid;
      if (m < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return others?.get(id) ?? -1;
  };
  const at = (id: string): number => {
    let i = indexOf(id);
    if (i < 0) {
      i = order.length;
      (others ??= new Map()).set(id, i);
      order.push(emptyIndexedRows(id));
    }
    return i;
  };
  const header = ret.header;
  for (let index = 0; index < header.length; index++) {
    const row = header[index] as HeaderRow;
    if (inOrder === order.length && (inOrder === 0 || row.CHILD > (order[inOrder - 1] as IndexedChildRows).childId)) {
      const rows = emptyIndexedRows(row.CHILD);
      rows.header = { row, index };
      order.push(rows);
      inOrder++;
      continue;
    }
    const rows = order[at(row.CHILD)] as IndexedChildRows;
    if (!rows.header) rows.header = { row, index };
  }
  // A child's rows usually come together in each file, and the children in the header's order: each
  // run of one child's rows is found first, and its child is tried as the child after the last run's
  // in that order before being looked up (at 100,000 children the look-ups were a fifth of the
  // checks' time). The list a child's rows go in is made on their first run, of the run's length (a
  // list grown by push from empty has room for 17, and most children have one or two rows a file):
  // until then it is the shared NO_ROWS.
  const add = <T extends { CHILD: string }>(file: readonly T[] | undefined, list: (rows: IndexedChildRows) => At<T>[], made: (rows: IndexedChildRows, list: At<T>[]) => void) => {
    if (!file) return;
    let k = -1;
    for (let index = 0; index < file.length; ) {
      const row = file[index] as T;
      let end = index + 1;
      while (end < file.length && (file[end] as T).CHILD === row.CHILD) end++;
      const next = order[k + 1];
      k = next !== undefined && next.childId === row.CHILD ? k + 1 : at(row.CHILD);
      const child = order[k] as IndexedChildRows;
      const rows = list(child);
      if (rows === NO_ROWS) {
        if (end - index === 1) {
          made(child, [{ row, index }]);
        } else {
          const runOf = new Array<At<T>>(end - index);
          for (let i = index; i < end; i++) runOf[i - index] = { row: file[i] as T, index: i };
          made(child, runOf);
        }
      } else {
        for (let i = index; i < end; i++) rows.push({ row: file[i] as T, index: i });
      }
      index = end;
    }
  };
  add(ret.episodes, (r) => r.episodes, (r, l) => (r.episodes = l));
  add(ret.uasc, (r) => r.uasc, (r, l) => (r.uasc = l));
  add(ret.reviews, (r) => r.reviews, (r, l) => (r.reviews = l));
  add(ret.missing, (r) => r.missing, (r, l) => (r.missing = l));
  add(ret.swEpisodes, (r) => r.swEpisodes, (r, l) => (r.swEpisodes = l));
  add(ret.ad1, (r) => r.ad1, (r, l) => (r.ad1 = l));
  add(ret.placedAdoption, (r) => r.placedAdoption, (r, l) => (r.placedAdoption = l));
  for (const id of ret.formerlyUasc ?? []) {
    const i = indexOf(id);
    if (i >= 0) (order[i] as IndexedChildRows).formerlyUasc = true;
  }
  return {
    order,
    find: (id) => {
      const i = indexOf(id);
      return i < 0 ? undefined : order[i];
    },
  };
}

/** Every child's rows of a return, keyed by CHILD, with their indices in the return's files. */
export function groupByChild(ret: Omit<Return903, 'year'>): Map<string, IndexedChildRows> {
  const byChild = new Map<string, IndexedChildRows>();
  for (const rows of groupRows(ret).order) byChild.set(rows.childId, rows);
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
  const { order } = groupRows(ret);
  for (let i = 0; i < order.length; i++) {
    const rows = order[i] as IndexedChildRows;
    const prev = last?.find(rows.childId);
    run(rows, ret.year, prev ? plain(prev) : null, rules, failures);
  }
  return failures;
}
