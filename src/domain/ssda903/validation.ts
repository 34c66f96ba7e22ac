/**
 * Checks an SSDA903 return against the DfE validation rules that concern the fields Hearth holds
 * (docs/rules/ssda903-validation.md) and lists every failure with the child, the rule number and a
 * plain-English message. validateReturn checks a whole return (with last year's, for the rules that
 * compare years); validateChild checks one child's rows, so a record can be checked as it changes.
 */
import { inYears } from './return-codes.ts';
import type { CollectionYear, Return903, ValidationFailure } from './return-types.ts';
import { RULES } from './validation-rules.ts';
import { buildContext, emptyIndexedRows, indexChildRows, type At, type ChildRows903, type Finding, type IndexedChildRows, type RuleDefinition } from './validation-engine.ts';

export { RULES } from './validation-rules.ts';
export type { ChildRows903, RuleDefinition } from './validation-engine.ts';

/** The rules that apply in a collection year. */
export function rulesFor(year: CollectionYear | string): RuleDefinition[] {
  return RULES.filter((r) => r.years === undefined || inYears(r.years, year));
}

/** Every failure of one child's rows, added to `failures` (one list for a whole return, not one per child). */
function run(rows: IndexedChildRows, year: CollectionYear, previous: ChildRows903 | null, rules: readonly RuleDefinition[], failures: ValidationFailure[] = []): ValidationFailure[] {
  const ctx = buildContext(rows, year, previous);
  // Indexed loops, not for…of: at this call site every rule returns its own kind of list, and an
  // iterator over each of 136 rules' results, for every child, was a tenth of the checks' time.
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as RuleDefinition;
    if (rule.appliesTo !== undefined && !rule.appliesTo(ctx)) continue;
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
  const byChild = new Map<string, IndexedChildRows>();
  const get = (id: string) => {
    let rows = byChild.get(id);
    if (!rows) byChild.set(id, (rows = emptyIndexedRows(id)));
    return rows;
  };
  ret.header.forEach((row, index) => {
    const rows = get(row.CHILD);
    if (!rows.header) rows.header = { row, index };
  });
  // A child's rows are usually next to each other in each file: the last child looked up is kept.
  const add = <T extends { CHILD: string }>(file: readonly T[] | undefined, list: (rows: IndexedChildRows) => At<T>[]) => {
    if (!file) return;
    let last: IndexedChildRows | undefined;
    for (let index = 0; index < file.length; index++) {
      const row = file[index] as T;
      const rows = last !== undefined && last.childId === row.CHILD ? last : (last = get(row.CHILD));
      list(rows).push({ row, index });
    }
  };
  add(ret.episodes, (r) => r.episodes);
  add(ret.uasc, (r) => r.uasc);
  add(ret.reviews, (r) => r.reviews);
  add(ret.missing, (r) => r.missing);
  add(ret.swEpisodes, (r) => r.swEpisodes);
  add(ret.ad1, (r) => r.ad1);
  add(ret.placedAdoption, (r) => r.placedAdoption);
  for (const id of ret.formerlyUasc ?? []) {
    const rows = byChild.get(id);
    if (rows) rows.formerlyUasc = true;
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
  const last = previous ? groupByChild(previous) : null;
  const failures: ValidationFailure[] = [];
  for (const rows of groupByChild(ret).values()) {
    const prev = last?.get(rows.childId);
    run(rows, ret.year, prev ? plain(prev) : null, rules, failures);
  }
  return failures;
}
