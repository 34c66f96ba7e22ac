/** Planning records as data: their questions, the task list, completed versions, agreed actions. */
import { KIND_SPECS, YES_NO, type FieldSpec, type PlanningKind } from '../../domain/planning/kinds.ts';
import { groupsOf, type Content } from '../../domain/planning/content.ts';
import { sectionsOf, type PlanVariant } from '../../domain/planning/parent-and-child-plan.ts';
import { TASK_STATUS_LABELS, type TaskItem, type TaskStatus } from '../../domain/planning/task-list.ts';
import { printableSections } from '../../domain/planning/printable.ts';
import type { IsoDate } from '../../domain/dates.ts';
import type { FieldError } from '../../services/errors.ts';
import type { PlanningRecord } from '../../services/planning.ts';
import { kindSlug } from '../../http/planning.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, type Field } from '../forms.ts';
import { formatDate, linkTo, tagPart, type Cell, type Part, type SummaryRow, type Table } from './common.ts';
import { taskList } from '../../domain/planning/task-list.ts';
import { shortDate } from '../../domain/deadlines/helpers.ts';
import type { ObligationRow } from '../../services/obligations.ts';

/** The placement's task list from its records and its obligations (the care plan is the child's). */
export function placementTaskList(placementStart: string, docs: { kind: PlanningKind; issuedVersion: number; hasUnissuedChanges: boolean }[], obligations: ObligationRow[]) {
  return taskList({
    placementStart,
    records: Object.fromEntries(docs.map((d) => [d.kind, { issuedVersion: d.issuedVersion, hasUnissuedChanges: d.hasUnissuedChanges, started: true }])),
    obligations: obligations.map((o) => ({ obligationId: o.obligationId, status: o.status, dueOn: o.dueOn, dueText: o.dueText, completedOn: o.completedOn, notApplicableReason: o.notApplicableReason })),
    shortDate,
  });
}

export const SHARE_FIELDS: Field[] = [
  { name: 'sharedOn', label: 'Date shared', type: 'date' },
  { name: 'sharedWith', label: 'Shared with', hint: 'For example, both foster carers, the birth mother and the IRO' },
];
export const ACK_FIELDS: Field[] = [
  { name: 'acknowledgedOn', label: 'Date the carers acknowledged it', type: 'date' },
  { name: 'acknowledgedBy', label: 'Which carers', hint: 'The names of the carers who signed or confirmed it' },
  { name: 'acknowledgementNote', label: 'How (optional)', hint: 'For example, signed copy returned, or by e-mail' },
];
export const TASK_FIELDS: Field[] = [
  { name: 'completedOn', label: 'Date it was done', type: 'date' },
  { name: 'note', label: 'Note (optional)', type: 'textarea' },
];



const SPARE_ROWS = 2;

type RowView = { legend: string; fields: Field[] };
export type SectionView = { id: string; heading: string; hint?: string; fields: Field[]; group?: { name: string; label: string; hint?: string; rows: RowView[] } };

function toField(f: FieldSpec, name: string, staff: { id: string; name: string; role: string }[]): Field {
  const base = { name, label: f.label, ...(f.hint ? { hint: f.hint } : {}) };
  switch (f.type) {
    case 'textarea':
      return { ...base, type: 'textarea' };
    case 'date':
      return { ...base, type: 'date' };
    case 'select':
      return { ...base, type: 'select', items: Object.entries(f.options ?? {}).map(([value, text]) => ({ value, text })) };
    case 'radios':
      return { ...base, type: 'radios', items: Object.entries(f.options ?? {}).map(([value, text]) => ({ value, text })) };
    case 'yesno':
      return { ...base, type: 'radios', classes: 'govuk-radios--inline', items: Object.entries(YES_NO).map(([value, text]) => ({ value, text })) };
    case 'user':
      return { ...base, type: 'select', placeholder: 'Not a member of staff', items: staff.map((s) => ({ value: s.id, text: `${s.name} (${s.role})` })) };
    default:
      return { ...base, ...(f.max && f.max <= 20 ? { classes: 'govuk-input--width-10' } : {}) };
  }
}

/** How many rows a group shows: what it holds (or was posted with), at least its minimum, plus spare blank rows. */
function rowCount(groupName: string, content: Content, posted: Record<string, unknown> | null, maxRows: number, minRows: number): number {
  let held = Array.isArray(content[groupName]) ? (content[groupName] as unknown[]).length : 0;
  if (posted) {
    for (const key of Object.keys(posted)) {
      const m = new RegExp(`^${groupName}\\.(\\d+)\\.`).exec(key);
      if (m) held = Math.max(held, Number(m[1]) + 1);
    }
  }
  return Math.min(maxRows, Math.max(held + SPARE_ROWS, minRows));
}

/** The record's form: its sections, each group as numbered rows of fields named `group.index.field`. */
export function formSections(
  kind: PlanningKind,
  content: Content,
  staff: { id: string; name: string; role: string }[],
  posted: Record<string, unknown> | null = null,
  variant: PlanVariant | null = null,
): SectionView[] {
  return sectionsOf(kind, variant).map((s) => {
    const view: SectionView = { id: s.id, heading: s.heading, ...(s.hint ? { hint: s.hint } : {}), fields: (s.fields ?? []).map((f) => toField(f, f.name, staff)) };
    if (s.group) {
      const g = s.group;
      const n = rowCount(g.name, content, posted, g.maxRows, g.minRows ?? 0);
      view.group = {
        name: g.name,
        label: g.label,
        ...(g.hint ? { hint: g.hint } : {}),
        rows: Array.from({ length: n }, (_, i) => ({ legend: `${g.itemNoun.charAt(0).toUpperCase()}${g.itemNoun.slice(1)} ${i + 1}`, fields: g.fields.map((f) => toField(f, `${g.name}.${i}.${f.name}`, staff)) })),
      };
    }
    return view;
  });
}

const allFields = (sections: SectionView[]) => sections.flatMap((s) => [...s.fields, ...(s.group?.rows.flatMap((r) => r.fields) ?? [])]);

/** The form's flat values for the templates: `name` and `group.index.field`. */
export function flatValues(content: Content): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(content)) {
    if (Array.isArray(v)) v.forEach((row, i) => Object.entries(row).forEach(([f, value]) => (out[`${k}.${i}.${f}`] = value)));
    else out[k] = v;
  }
  return out;
}

/** A posted form as the content the service checks: `group.index.field` keys become lists of rows, in order. */
export function contentFromForm(kind: PlanningKind, body: unknown, sections: SectionView[], variant: PlanVariant | null = null): Record<string, unknown> {
  const flat = formToInput(body, allFields(sections));
  const out: Record<string, unknown> = {};
  const groups = new Set(groupsOf(kind, variant).map((g) => g.name));
  const rows = new Map<string, Map<number, Record<string, unknown>>>();
  for (const [key, value] of Object.entries(flat)) {
    const [g, i, f] = key.split('.');
    if (g && i !== undefined && f && groups.has(g)) {
      const byIndex = rows.get(g) ?? new Map<number, Record<string, unknown>>();
      const row = byIndex.get(Number(i)) ?? {};
      row[f] = value;
      byIndex.set(Number(i), row);
      rows.set(g, byIndex);
    } else out[key] = value;
  }
  for (const g of groups) out[g] = [...(rows.get(g)?.entries() ?? [])].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return out;
}

/** The error summary's links: to the field (forms.ts errorList), or for a whole group to its section. */
export function errorLinks(errors: FieldError[], sections: SectionView[]) {
  const links = errorList(errors, allFields(sections));
  return errors.map((e, i) => {
    const group = sections.find((s) => s.group?.name === e.field);
    return group ? { text: e.message, href: `#${group.id}` } : links[i]!;
  });
}

const TAG_CLASSES: Record<TaskStatus, string> = {
  completed: 'govuk-tag--green',
  in_progress: 'govuk-tag--light-blue',
  not_started: 'govuk-tag--blue',
  not_applicable: 'govuk-tag--grey',
  overdue: 'govuk-tag--red',
  changes_not_completed: 'govuk-tag--yellow',
};

/** The people who write a placement's records, by name (null when none is allocated). */
export type Writers = { socialWorker: string | null; supervisingSocialWorker: string | null };

/**
 * Who writes a task, as the task list says it: the kind's writer and who that is by name, and whether
 * the viewer is one of them (their role and the child's allocation, mayWriteFor) or may only read it.
 */
function writerText(key: TaskItem['key'], writable: readonly PlanningKind[] | null, writers: Writers | null): string {
  if (key === 'notification') return '';
  const spec = KIND_SPECS[key];
  const names = writers
    ? spec.writers.flatMap((role) => {
        const name = role === 'social_worker' ? writers.socialWorker : role === 'supervising_social_worker' ? writers.supervisingSocialWorker : null;
        return name ? [name] : [];
      })
    : [];
  const role = `${spec.writtenBy.charAt(0).toLowerCase()}${spec.writtenBy.slice(1)}`;
  const by = names.length ? `Written by ${names.join(' and ')}, ${role}` : `Written by ${role}`;
  if (!writable) return by;
  return writable.includes(key) ? `${by}: you can write it` : `${by}: you can read it`;
}

/** The task list on the placement page: GOV.UK task list items, each saying who writes it. */
export function taskListItems(placementId: string, childId: string, items: TaskItem[], writable: readonly PlanningKind[] | null = null, writers: Writers | null = null) {
  return items.map((t) => {
    const hint = [t.dueText ? (t.issuedVersion > 1 ? `${t.dueText}. Version ${t.issuedVersion}` : t.dueText) : '', writerText(t.key, writable, writers)].filter(Boolean).join('. ');
    return {
    title: { text: t.title },
    hint: hint ? { text: hint } : undefined,
    href: t.key === 'notification' ? `${paths.obligations.newChildEvent(childId)}?kind=notification_sent&placementId=${placementId}` : paths.planning.record(placementId, kindSlug(t.key)),
    status: t.status === 'completed' || t.status === 'not_applicable' ? { text: TASK_STATUS_LABELS[t.status] } : { tag: { text: TASK_STATUS_LABELS[t.status], classes: TAG_CLASSES[t.status] } },
    };
  });
}

/** What the versions table and a version's summary read of a completed version. */
export type VersionFacts = Pick<PlanningRecord['versions'][number], 'number' | 'completedOn' | 'completedByName' | 'sharedOn' | 'sharedWith' | 'acknowledgedOn' | 'acknowledgedBy' | 'acknowledgementNote'>;

/** The completed versions of a record: number, when and by whom, shared, acknowledged, and links to view it (and its PDF). */
export function versionsTable(placementId: string, kind: PlanningKind, r: { versions: readonly VersionFacts[] }): Table {
  const spec = KIND_SPECS[kind];
  return {
    head: [{ text: spec.versionIsMeeting ? 'Meeting' : 'Version' }, { text: spec.versionIsMeeting ? 'Held' : 'Completed' }, ...(spec.shareable ? [{ text: 'Shared' }] : []), ...(spec.acknowledged ? [{ text: "Carers' acknowledgement" }] : []), { text: 'Open' }],
    rows: r.versions.map((v) => {
      const open: Part[] = [linkTo(paths.planning.version(placementId, kindSlug(kind), v.number), 'View', `version ${v.number}`)];
      if (spec.pdf) open.push({ text: '·', inline: true }, { ...linkTo(paths.planning.pdf(placementId, kindSlug(kind), v.number), 'PDF', `of version ${v.number}`), inline: true });
      return [
        { text: String(v.number) },
        { text: `${formatDate(v.completedOn)} by ${v.completedByName}` },
        ...(spec.shareable ? [{ text: v.sharedOn ? `${formatDate(v.sharedOn)} with ${v.sharedWith ?? ''}` : 'Not recorded' }] : []),
        ...(spec.acknowledged ? [{ text: v.acknowledgedOn ? `${formatDate(v.acknowledgedOn)} by ${v.acknowledgedBy ?? ''}` : 'Not yet' }] : []),
        { parts: open },
      ];
    }),
  };
}

/** A completed version's summary: completed, shared and acknowledged, as the record's kind has them. */
export function versionSummary(kind: PlanningKind, v: VersionFacts): SummaryRow[] {
  const spec = KIND_SPECS[kind];
  return [
    { key: { text: 'Completed' }, value: { text: `${formatDate(v.completedOn)} by ${v.completedByName}` } },
    ...(spec.shareable ? [{ key: { text: 'Shared' }, value: { text: v.sharedOn ? `${formatDate(v.sharedOn)} with ${v.sharedWith ?? ''}` : 'Not recorded' } }] : []),
    ...(spec.acknowledged
      ? [{ key: { text: "Carers' acknowledgement" }, value: { text: v.acknowledgedOn ? `${formatDate(v.acknowledgedOn)} by ${v.acknowledgedBy ?? ''}${v.acknowledgementNote ? ` (${v.acknowledgementNote})` : ''}` : 'Not yet' } }]
      : []),
  ];
}

/** A completed version's content, section by section, as summary rows, a table and paragraphs. */
export function versionSections(kind: PlanningKind, content: Content, names: Map<string, string>, variant: PlanVariant | null = null) {
  return printableSections(kind, content, names, variant).map((x) => ({
    heading: x.heading,
    rows: x.fields?.map((f): SummaryRow => ({ key: { text: f.label }, value: { text: f.value ?? 'Not recorded' } })),
    table: x.table ? { caption: x.table.caption, head: x.table.columns.map((c) => ({ text: c })), rows: x.table.rows.map((r) => r.map((c): Cell => ({ text: c || '—' }))) } : undefined,
    paragraphs: x.paragraphs ?? [],
  }));
}

/** The risks described in the placement request this placement came from. */
export const requestRiskRows = (risks: { riskToSelf: string; riskFromOthers: string; riskToOthers: string }): SummaryRow[] => [
  { key: { text: 'Risk to themselves' }, value: { text: risks.riskToSelf || 'Not described' } },
  { key: { text: 'Risk from others' }, value: { text: risks.riskFromOthers || 'Not described' } },
  { key: { text: 'Risk to others' }, value: { text: risks.riskToOthers || 'Not described' } },
];

type Task = { description: string; ownerName: string; dueOn: IsoDate; completedOn: IsoDate | null; note: string | null };

/** An action agreed at the Placement Planning Meeting. */
export function taskSummary(task: Task, placementId: string): SummaryRow[] {
  return [
    { key: { text: 'Action' }, value: { text: task.description } },
    { key: { text: 'Owner' }, value: { text: task.ownerName } },
    { key: { text: 'Due' }, value: { text: formatDate(task.dueOn) } },
    { key: { text: 'Agreed at' }, value: { parts: [linkTo(paths.planning.record(placementId, 'ppm'), 'the Placement Planning Meeting')] } },
    { key: { text: 'Done' }, value: { text: task.completedOn ? `${formatDate(task.completedOn)}${task.note ? `: ${task.note}` : ''}` : 'Not yet' } },
  ];
}

/** The placement page's sections for planning: the task list and the agreed actions. */
export function planningSections(
  placementId: string,
  childId: string,
  items: TaskItem[],
  tasks: { id: string; description: string; ownerName: string; dueOn: string; completedOn: string | null }[],
  writable: readonly PlanningKind[] | null = null,
  writers: Writers | null = null,
) {
  return [
    {
      id: 'planning',
      title: 'The first weeks',
      taskList: taskListItems(placementId, childId, items, writable, writers),
    },
    {
      id: 'planning-tasks',
      title: 'Actions agreed at meetings',
      empty: 'No actions yet: they are added when a Placement Planning Meeting or Placement Support Meeting is marked as held.',
      table: {
        head: [{ text: 'Action' }, { text: 'Owner' }, { text: 'Due' }, { text: 'Done' }],
        rows: tasks.map((t): Cell[] => [
          { parts: [linkTo(paths.planning.task(t.id), t.description)] },
          { text: t.ownerName },
          { text: formatDate(t.dueOn) },
          t.completedOn ? { text: formatDate(t.completedOn) } : { parts: [tagPart({ text: 'Open', classes: 'govuk-tag--blue' })] },
        ]),
      },
    },
  ];
}
