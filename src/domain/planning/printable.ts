/**
 * A planning record's content as a printable document: headings, labelled answers and tables in the
 * order the record asks them, with codes turned into words. Used for the PDF and the version page.
 */
import { formatDate } from '../dates.ts';
import { YES_NO, type FieldSpec, type PlanningKind } from './kinds.ts';
import { rowsOf, textOf, type Content } from './content.ts';
import { sectionsOf, type PlanVariant } from './parent-and-child-plan.ts';

export type PrintField = { label: string; value: string | null };
export type PrintTable = { caption: string; columns: string[]; rows: string[][] };
export type PrintSection = { heading: string; fields?: PrintField[]; table?: PrintTable; paragraphs?: string[] };

/** An answer in words: a date as "5 January 2024", a code as its label, a member of staff by name. */
export function answerText(f: FieldSpec, value: string, userNames: ReadonlyMap<string, string>): string {
  if (value === '') return '';
  if (f.type === 'date') return formatDate(value);
  if (f.type === 'user') return userNames.get(value) ?? 'A member of staff';
  const options = f.type === 'yesno' ? YES_NO : f.options;
  return options?.[value] ?? value;
}

export function printableSections(kind: PlanningKind, content: Content, userNames: ReadonlyMap<string, string> = new Map(), variant: PlanVariant | null = null): PrintSection[] {
  return sectionsOf(kind, variant).map((s) => {
    const section: PrintSection = { heading: s.heading };
    if (s.fields) section.fields = s.fields.map((f) => ({ label: f.label, value: answerText(f, textOf(content, f.name), userNames) || null }));
    if (s.group) {
      const g = s.group;
      const rows = rowsOf(content, g.name);
      if (rows.length) section.table = { caption: g.label, columns: g.fields.map((f) => f.label), rows: rows.map((r) => g.fields.map((f) => answerText(f, r[f.name] ?? '', userNames))) };
      else section.paragraphs = [`No ${g.itemNoun}s recorded.`];
    }
    return section;
  });
}
