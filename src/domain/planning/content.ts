/**
 * A planning record's content: checked as a draft (every answer well-formed, nothing required) and
 * checked for completion (everything the record needs, and the rules of its kind: the meeting's
 * minimum attendees, reasons for decisions not delegated, additional focus for a child who has moved
 * before or is 13 to 15…). Pure: "today" is a parameter.
 */
import { isUuid } from '../ids.ts';
import { ageOn, dateProblem, formatDate, isValidIsoDate, parseTime, type IsoDate } from '../dates.ts';
import {
  ATTENDEE_ROLES,
  DELEGATED_TO_CARERS,
  INVITED_WHERE_POSSIBLE,
  MINIMUM_ATTENDEES,
  PSM_INVITED,
  KIND_SPECS,
  YES_NO,
  type FieldSpec,
  type GroupSpec,
  type PlanningKind,
  type Decider,
  type AttendeeRole,
} from './kinds.ts';
import { sectionsOf, type PlanVariant } from './parent-and-child-plan.ts';

export type Row = Record<string, string>;
/** Every answer is a string ('' = not answered; dates YYYY-MM-DD; yes/no 'yes' | 'no'); groups are lists of rows. */
export type Content = Record<string, string | Row[]>;
export type Problem = { field: string; message: string };

const DEFAULT_MAX = { text: 200, textarea: 5000 } as const;

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every plain field of a kind, and every group (with a parent-and-child placement plan's own: `variant`). */
export function fieldsOf(kind: PlanningKind, variant: PlanVariant | null = null): FieldSpec[] {
  return sectionsOf(kind, variant).flatMap((s) => s.fields ?? []);
}
export function groupsOf(kind: PlanningKind, variant: PlanVariant | null = null): GroupSpec[] {
  return sectionsOf(kind, variant).flatMap((s) => (s.group ? [s.group] : []));
}

function optionsOf(f: FieldSpec): Readonly<Record<string, string>> | null {
  if (f.type === 'yesno') return YES_NO;
  return f.options ?? null;
}

/** The problem with one answer as a draft, or null. `value` is already trimmed. */
function answerProblem(f: FieldSpec, value: string, label: string): string | null {
  if (value === '') return null;
  if (f.type === 'date') return isValidIsoDate(value) ? null : dateProblem(upper(label), value);
  if (f.format === 'time' && !parseTime(value)) return `${upper(label.replace(/ \(optional\)$/, ''))} must be a real time, like 10:30am`;
  const fromList = `${f.missing?.startsWith('Select ') ? f.missing : `Select ${lower(label.replace(/\?$/, ''))}`} from the list`;
  if (f.type === 'user') return isUuid(value) ? null : fromList;
  const options = optionsOf(f);
  if (options) return Object.hasOwn(options, value) ? null : fromList;
  const max = f.max ?? DEFAULT_MAX[f.type === 'textarea' ? 'textarea' : 'text'];
  return value.length > max ? `${upper(label)} must be ${max} characters or fewer` : null;
}

const asText = (v: unknown): string | null => (v === undefined || v === null ? '' : typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null);

const rowLabel = (g: GroupSpec, index: number) => `${upper(g.itemNoun)} ${index + 1}`;

/**
 * Check a draft: every answer well-formed; nothing is required yet. Rows left entirely blank are
 * dropped. Problems name the field as the form does: `name`, or `group.index.name` for a row.
 */
export function parseDraft(kind: PlanningKind, raw: unknown, variant: PlanVariant | null = null): { content: Content; problems: Problem[] } {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const content: Content = {};
  const problems: Problem[] = [];
  for (const f of fieldsOf(kind, variant)) {
    const value = asText(body[f.name]);
    if (value === null) {
      problems.push({ field: f.name, message: `${f.label} must be text` });
      continue;
    }
    const problem = answerProblem(f, value, f.label);
    if (problem) problems.push({ field: f.name, message: problem });
    content[f.name] = value;
  }
  for (const g of groupsOf(kind, variant)) {
    const given = body[g.name];
    if (given !== undefined && given !== null && !Array.isArray(given)) {
      problems.push({ field: g.name, message: `${g.label} must be a list` });
      content[g.name] = [];
      continue;
    }
    const rows: Row[] = [];
    (given ?? []).forEach((item: unknown, index: number) => {
      const r = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : null;
      if (!r) {
        problems.push({ field: `${g.name}.${index}`, message: `${rowLabel(g, index)} must be a set of answers` });
        return;
      }
      const row: Row = {};
      for (const f of g.fields) {
        const value = asText(r[f.name]);
        if (value === null) {
          problems.push({ field: `${g.name}.${index}.${f.name}`, message: `${rowLabel(g, index)}: ${lower(f.label)} must be text` });
          continue;
        }
        const problem = answerProblem(f, value, f.label);
        if (problem) problems.push({ field: `${g.name}.${index}.${f.name}`, message: `${rowLabel(g, index)}: ${lower(problem)}` });
        row[f.name] = value;
      }
      if (Object.values(row).some((v) => v !== '')) rows.push(row);
    });
    if (rows.length > g.maxRows) problems.push({ field: g.name, message: `${g.label} can have at most ${g.maxRows} rows` });
    content[g.name] = rows;
  }
  return { content, problems };
}

export const textOf = (content: Content, name: string): string => {
  const v = content[name];
  return typeof v === 'string' ? v : '';
};
export const rowsOf = (content: Content, name: string): Row[] => {
  const v = content[name];
  return Array.isArray(v) ? v : [];
};

/** What completing a record depends on besides its own content. */
export type CompletionContext = {
  today: IsoDate;
  /** The delegated authority record has a completed version (the meeting confirms it). */
  delegatedAuthorityCompleted: boolean;
  /** The day the placement's Placement Planning Meeting was held, if it has been (the risk assessment follows it). */
  meetingHeldOn: IsoDate | null;
  /** Why the child needs additional focus in the support plan (extraFocusReasons), if they do. */
  extraFocusReasons: readonly string[];
  /**
   * The placement's latest completed initial support plan version, for a Placement Support Meeting:
   * the meeting reviews it, so it must be completed on or after the meeting's day and not already
   * reviewed at an earlier meeting. Null when the plan has no version.
   */
  latestSupportPlan?: { number: number; completedOn: IsoDate; reviewedAtEarlierMeeting: boolean } | null;
};

const requiredMessage = (f: FieldSpec) =>
  f.missing ??
  (f.type === 'date' ? `Enter ${lower(f.label)}` : f.type === 'select' || f.type === 'radios' || f.type === 'yesno' || f.type === 'user' ? `Select ${lower(f.label.replace(/\?$/, ''))}` : `Enter ${lower(f.label)}`);

/**
 * Everything that stops a record being completed (for the meeting: marked as held). Empty when it
 * can be. The content is assumed to have passed parseDraft.
 */
export function completionProblems(kind: PlanningKind, content: Content, ctx: CompletionContext, variant: PlanVariant | null = null): Problem[] {
  const problems: Problem[] = [];
  for (const f of fieldsOf(kind, variant)) {
    if (f.required && textOf(content, f.name) === '') problems.push({ field: f.name, message: requiredMessage(f) });
  }
  for (const g of groupsOf(kind, variant)) {
    const rows = rowsOf(content, g.name);
    if (g.minRows && rows.length < g.minRows) {
      problems.push({ field: g.name, message: g.minRows === 1 ? `Add at least one ${g.itemNoun}` : `Add at least ${g.minRows} ${g.itemNoun}s` });
    }
    rows.forEach((row, i) => {
      for (const f of g.fields) {
        if (f.required && (row[f.name] ?? '') === '') problems.push({ field: `${g.name}.${i}.${f.name}`, message: `${rowLabel(g, i)}: ${lower(requiredMessage(f))}` });
      }
    });
  }
  problems.push(...KIND_RULES[kind](content, ctx));
  return problems;
}

const notAfterToday = (content: Content, name: string, label: string, today: IsoDate): Problem[] => {
  const v = textOf(content, name);
  return v && v > today ? [{ field: name, message: `${upper(label)} must be today or in the past` }] : [];
};

const ATTENDED = new Set(['in_person', 'video']);

/** How an error message names each person who must be invited where possible. */
const INVITEE_PHRASES: Partial<Record<AttendeeRole, string>> = {
  child: 'the child or young person',
  birth_parent: 'each birth parent',
};

/** The meeting counts as held only with its minimum attendees there; the child and birth family invited or the reason recorded (Placement planning guidance). */
export function meetingProblems(content: Content, ctx: Pick<CompletionContext, 'today' | 'delegatedAuthorityCompleted'>): Problem[] {
  const problems = notAfterToday(content, 'meetingDate', 'the date of the meeting', ctx.today);
  const attendees = rowsOf(content, 'attendees');
  for (const role of MINIMUM_ATTENDEES) {
    if (!attendees.some((a) => a.role === role && ATTENDED.has(a.attendance ?? ''))) {
      problems.push({ field: 'attendees', message: `The meeting cannot be marked as held: record the ${lower(ATTENDEE_ROLES[role])} as attending, in person or by video` });
    }
  }
  for (const role of INVITED_WHERE_POSSIBLE) {
    if (!attendees.some((a) => a.role === role)) {
      problems.push({ field: 'attendees', message: `Record whether ${INVITEE_PHRASES[role] ?? `the ${lower(ATTENDEE_ROLES[role])}`} was invited, and if they did not attend, why` });
    }
  }
  attendees.forEach((a, i) => {
    if (a.attendance && !ATTENDED.has(a.attendance) && !(a.reason ?? '')) {
      problems.push({ field: `attendees.${i}.reason`, message: `Attendee ${i + 1}: say why ${a.name || 'they'} ${a.attendance === 'not_invited' ? 'was not invited' : 'did not attend'}` });
    }
  });
  if (textOf(content, 'delegatedAuthorityConfirmed') === 'no') {
    problems.push({ field: 'delegatedAuthorityConfirmed', message: 'The Placement Planning Meeting must confirm delegated authority (Placement stability guidance)' });
  } else if (!ctx.delegatedAuthorityCompleted) {
    problems.push({ field: 'delegatedAuthorityConfirmed', message: 'Complete the delegated authority record agreed at the meeting before marking the meeting as held' });
  }
  rowsOf(content, 'actions').forEach((a, i) => {
    if (!a.ownerUserId && !a.ownerName) problems.push({ field: `actions.${i}.ownerName`, message: `Action ${i + 1}: choose an owner or enter their name` });
  });
  return problems;
}

/**
 * A Placement Support Meeting counts as held only with the child's social worker, the supervising
 * social worker, the carers and the Virtual School recorded as invited (and why, for anyone not
 * there), each action owned, and a new version of the initial support plan reviewed at it (Placement
 * stability guidance: "The initial support plan must be reviewed at this meeting and at all
 * subsequent placement support meetings").
 */
export function supportMeetingProblems(content: Content, ctx: Pick<CompletionContext, 'today' | 'latestSupportPlan'>): Problem[] {
  const problems = notAfterToday(content, 'meetingDate', 'the date of the meeting', ctx.today);
  const attendees = rowsOf(content, 'attendees');
  for (const role of PSM_INVITED) {
    if (!attendees.some((a) => a.role === role)) {
      problems.push({ field: 'attendees', message: `Record ${role === 'virtual_school' ? 'the Virtual School' : `the ${lower(ATTENDEE_ROLES[role])}`} as invited, and if they did not attend, why` });
    }
  }
  attendees.forEach((a, i) => {
    if (a.attendance && !ATTENDED.has(a.attendance) && !(a.reason ?? '')) {
      problems.push({ field: `attendees.${i}.reason`, message: `Attendee ${i + 1}: say why ${a.name || 'they'} ${a.attendance === 'not_invited' ? 'was not invited' : 'did not attend'}` });
    }
    if (a.role === 'virtual_school' && a.attendance === 'not_invited') {
      problems.push({ field: `attendees.${i}.attendance`, message: `Attendee ${i + 1}: the Virtual School must be invited to a Placement Support Meeting` });
    }
  });
  rowsOf(content, 'actions').forEach((a, i) => {
    if (!a.ownerUserId && !a.ownerName) problems.push({ field: `actions.${i}.ownerName`, message: `Action ${i + 1}: choose an owner or enter their name` });
  });
  const day = textOf(content, 'meetingDate');
  const nextMeeting = textOf(content, 'nextMeetingOn');
  if (nextMeeting && day && nextMeeting <= day) problems.push({ field: 'nextMeetingOn', message: 'The date of the next meeting must be after this meeting' });
  const plan = ctx.latestSupportPlan ?? null;
  if (!plan || plan.reviewedAtEarlierMeeting || (day !== '' && plan.completedOn < day)) {
    problems.push({
      field: 'supportPlanReview',
      message: plan
        ? `Complete a new version of the initial support plan reviewed at this meeting before marking it as held (version ${plan.number}, completed on ${formatDate(plan.completedOn)}, ${plan.reviewedAtEarlierMeeting ? 'was reviewed at an earlier meeting' : 'was completed before the meeting'})`
        : 'Complete the initial support plan, reviewed at this meeting, before marking the meeting as held',
    });
  }
  return problems;
}

export function delegatedAuthorityProblems(content: Content): Problem[] {
  const problems: Problem[] = [];
  rowsOf(content, 'decisions').forEach((d, i) => {
    const at = (f: string) => `decisions.${i}.${f}`;
    if (d.area === 'other' && !d.detail) problems.push({ field: at('detail'), message: `Decision ${i + 1}: describe the decision` });
    if (d.decider === 'named_carer' && !d.namedCarer) problems.push({ field: at('namedCarer'), message: `Decision ${i + 1}: enter the name of the carer who decides` });
    if (d.decider && !DELEGATED_TO_CARERS.includes(d.decider as Decider) && !d.reason) {
      problems.push({ field: at('reason'), message: `Decision ${i + 1}: say why this decision is not delegated to the carers` });
    }
  });
  return problems;
}

const KIND_RULES: Record<PlanningKind, (content: Content, ctx: CompletionContext) => Problem[]> = {
  carer_profile: (c, ctx) => [
    ...notAfterToday(c, 'sharedOn', 'the date shared with the child', ctx.today),
    ...notAfterToday(c, 'viewsRecordedOn', 'the date the views were recorded', ctx.today),
  ],
  introductions: (c) =>
    rowsOf(c, 'introductions').flatMap((r, i) =>
      r.status === 'planned' ? [{ field: `introductions.${i}.status`, message: `Introduction ${i + 1} is still planned: record whether it took place or was cancelled` }] : [],
    ),
  ppm: meetingProblems,
  placement_plan: () => [],
  care_plan: (c, ctx) => notAfterToday(c, 'completedOn', 'the date the care plan was completed', ctx.today),
  risk_assessment: (c, ctx) => {
    const review = textOf(c, 'reviewOn');
    return [
      // Placement planning guidance, Best Practice 7: the supervising social worker writes it following the meeting, from what was shared there.
      ...(ctx.meetingHeldOn ? [] : [{ field: 'form', message: 'The risk assessment follows the Placement Planning Meeting: mark the meeting as held first' }]),
      ...(review && review <= ctx.today ? [{ field: 'reviewOn', message: 'The review date must be in the future' }] : []),
    ];
  },
  delegated_authority: (c) => delegatedAuthorityProblems(c),
  psm: supportMeetingProblems,
  support_plan: (c, ctx) =>
    ctx.extraFocusReasons.length && !textOf(c, 'extraFocus')
      ? [{ field: 'extraFocus', message: `Enter the additional focus for this child: ${ctx.extraFocusReasons.join(' and ')}` }]
      : [],
};

/**
 * Why a child needs additional focus in their initial support plan (Placement stability guidance): they have already
 * moved placement in this period of care, or they were 13 to 15 when the placement started.
 */
export function extraFocusReasons(facts: { dateOfBirth: IsoDate; placementStart: IsoDate; earlierPlacementsThisPeriod: number }): string[] {
  const reasons: string[] = [];
  if (facts.earlierPlacementsThisPeriod > 0) {
    reasons.push(`they have already moved placement (${facts.earlierPlacementsThisPeriod} earlier placement${facts.earlierPlacementsThisPeriod === 1 ? '' : 's'} in this period of care)`);
  }
  const age = ageOn(facts.dateOfBirth, facts.placementStart);
  if (age >= 13 && age <= 15) reasons.push(`they were ${age} when the placement started`);
  return reasons;
}

/** The day a version is completed: the record's own date (the meeting's date…) or the day it is issued. */
export function completedOn(kind: PlanningKind, content: Content, today: IsoDate): IsoDate {
  const field = KIND_SPECS[kind].dateField;
  const v = field ? textOf(content, field) : '';
  return v || today;
}

/** Whether two contents say the same (stored JSON does not keep the order of keys). */
export function sameContent(a: Content, b: Content): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
