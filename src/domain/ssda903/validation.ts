/**
 * Checks an SSDA903 return against the DfE validation rules that concern the fields Hearth holds
 * (docs/rules/ssda903-validation.md) and lists every failure with the child, the rule number and a
 * plain-English message. validateReturn checks a whole return (with last year's, for the rules that
 * compare years); validateChild checks one child's rows, so a record can be checked as it changes.
 */
import { inYears } from './return-codes.ts';
import type { CollectionYear, Return903, ValidationFailure } from './return-types.ts';
import { RULES } from './validation-rules.ts';
import { buildContext, emptyIndexedRows, indexChildRows, type ChildRows903, type IndexedChildRows, type RuleDefinition } from './validation-engine.ts';

export { RULES } from './validation-rules.ts';
export type { ChildRows903, RuleDefinition } from './validation-engine.ts';

/** The rules that apply in a collection year. */
export function rulesFor(year: CollectionYear | string): RuleDefinition[] {
  return RULES.filter((r) => r.years === undefined || inYears(r.years, year));
}

/** Every failure of one child's rows, added to `failures` (one list for a whole return, not one per child). */
function run(rows: IndexedChildRows, year: CollectionYear, previous: ChildRows903 | null, rules: readonly RuleDefinition[], failures: ValidationFailure[] = []): ValidationFailure[] {
  const ctx = buildContext(rows, year, previous);
  for (const rule of rules) {
    if (rule.appliesTo !== undefined && !rule.appliesTo(ctx)) continue;
    for (const f of rule.check(ctx)) {
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
  ret.episodes.forEach((row, index) => get(row.CHILD).episodes.push({ row, index }));
  ret.uasc.forEach((row, index) => get(row.CHILD).uasc.push({ row, index }));
  ret.reviews.forEach((row, index) => get(row.CHILD).reviews.push({ row, index }));
  ret.missing.forEach((row, index) => get(row.CHILD).missing.push({ row, index }));
  ret.swEpisodes.forEach((row, index) => get(row.CHILD).swEpisodes.push({ row, index }));
  ret.ad1?.forEach((row, index) => get(row.CHILD).ad1.push({ row, index }));
  ret.placedAdoption?.forEach((row, index) => get(row.CHILD).placedAdoption.push({ row, index }));
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
