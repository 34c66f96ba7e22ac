/**
 * Checks an SSDA903 return against the DfE validation rules that concern the fields Hearth holds
 * (docs/rules/ssda903-validation.md) and lists every failure with the child, the rule number and a
 * plain-English message. validateReturn checks a whole return (with last year's, for the rules that
 * compare years); validateChild checks one child's rows, so a record can be checked as it changes.
 */
import { inYears } from './return-codes.ts';
import type { CollectionYear, EpisodeRow, Return903, ValidationFailure } from './return-types.ts';
import { RULES } from './validation-rules.ts';
import { buildContext, emptyIndexedRows, indexChildRows, NO_ROWS, type At, type ChildContext, type ChildRows903, type CodeField, type Finding, type IndexedChildRows, type RowKind, type RuleDefinition } from './validation-engine.ts';

export { RULES } from './validation-rules.ts';
export type { ChildRows903, RuleDefinition } from './validation-engine.ts';

/** The rules that apply in a collection year. */
export function rulesFor(year: CollectionYear | string): RuleDefinition[] {
  return RULES.filter((r) => r.years === undefined || inYears(r.years, year));
}

/**
 * A list of rules made ready to run: each rule's onlyWith as bits, so that the runner skips a rule
 * that cannot find anything for a child without calling it. Bits 1–8 are the kinds of rows; each rule
 * with codes has a bit of its own, set for a child by any of its codes on any episode.
 */
type Plan = { needs: number[]; codeBits: [CodeField, Map<string, number>][] };

const ROW_BITS: Readonly<Record<RowKind, number>> = { missing: 1, uasc: 2, adoption: 4, previous: 8 };
const plans = new WeakMap<readonly RuleDefinition[], Plan>();

function planOf(rules: readonly RuleDefinition[]): Plan {
  const known = plans.get(rules);
  if (known) return known;
  const codeBits = new Map<CodeField, Map<string, number>>();
  let nextBit = 16;
  const needs = rules.map((rule) => {
    let need = 0;
    for (const kind of rule.onlyWith?.rows ?? []) need |= ROW_BITS[kind];
    const code = rule.onlyWith?.code;
    // Past 31 bits a rule's codes are not tested: it is run for every child, which finds the same.
    if (code && nextBit <= 2 ** 30) {
      let bits = codeBits.get(code.field);
      if (!bits) codeBits.set(code.field, (bits = new Map()));
      for (const c of code.codes) bits.set(c, (bits.get(c) ?? 0) | nextBit);
      need |= nextBit;
      nextBit *= 2;
    }
    return need;
  });
  const plan = { needs, codeBits: [...codeBits] };
  plans.set(rules, plan);
  return plan;
}

/** What a child's rows have, as the bits of planOf. */
function featuresOf(ctx: ChildContext, plan: Plan): number {
  let f = 0;
  if (ctx.missing.length > 0) f |= ROW_BITS.missing;
  if (ctx.uasc.length > 0) f |= ROW_BITS.uasc;
  if (ctx.ad1.length > 0 || ctx.placedAdoption.length > 0) f |= ROW_BITS.adoption;
  if (ctx.previous !== null) f |= ROW_BITS.previous;
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
  const features = featuresOf(ctx, plan);
  // Indexed loops, not for…of: at this call site every rule returns its own kind of list, and an
  // iterator over each of 136 rules' results, for every child, was a tenth of the checks' time.
  for (let r = 0; r < rules.length; r++) {
    const need = plan.needs[r] as number;
    if ((features & need) !== need) continue;
    const rule = rules[r] as RuleDefinition;
    const found = rule.check(ctx);
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

/** Every child's rows of a return, keyed by CHILD, with their indices in the return's files. */
export function groupByChild(ret: Omit<Return903, 'year'>): Map<string, IndexedChildRows> {
  // The children in the order they first appear, and where each is in that order.
  const order: IndexedChildRows[] = [];
  const position = new Map<string, number>();
  const at = (id: string): number => {
    let i = position.get(id);
    if (i === undefined) {
      i = order.length;
      position.set(id, i);
      order.push(emptyIndexedRows(id));
    }
    return i;
  };
  ret.header.forEach((row, index) => {
    const rows = order[at(row.CHILD)] as IndexedChildRows;
    if (!rows.header) rows.header = { row, index };
  });
  // A child's rows usually come together in each file, and the children in the header's order:
  // the child of the row before is tried first, then the child after it in that order, and only
  // then is the child looked up (at 100,000 children the look-ups were a fifth of the checks' time).
  // The list a child's rows go in is made on their first row: until then it is the shared NO_ROWS.
  const add = <T extends { CHILD: string }>(file: readonly T[] | undefined, list: (rows: IndexedChildRows) => At<T>[], made: (rows: IndexedChildRows, list: At<T>[]) => void) => {
    if (!file) return;
    let k = -1;
    let last: IndexedChildRows | undefined;
    let lastList: At<T>[] = [];
    for (let index = 0; index < file.length; index++) {
      const row = file[index] as T;
      if (last === undefined || last.childId !== row.CHILD) {
        const next = order[k + 1];
        k = next !== undefined && next.childId === row.CHILD ? k + 1 : at(row.CHILD);
        last = order[k] as IndexedChildRows;
        lastList = list(last);
        if (lastList === NO_ROWS) made(last, (lastList = []));
      }
      lastList.push({ row, index });
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
    const i = position.get(id);
    if (i !== undefined) (order[i] as IndexedChildRows).formerlyUasc = true;
  }
  const byChild = new Map<string, IndexedChildRows>();
  for (const rows of order) byChild.set(rows.childId, rows);
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
  const last = previous ? groupByChild(previous) : null;
  const failures: ValidationFailure[] = [];
  for (const rows of groupByChild(ret).values()) {
    const prev = last?.get(rows.childId);
    run(rows, ret.year, prev ? plain(prev) : null, rules, failures);
  }
  return failures;
}
