/**
 * The statutory obligations registry: types.
 *
 * An obligation DEFINITION is the rule as data (what it is, where it comes from, who does it) plus a
 * pure `derive` function. Given the recorded facts about one child (ChildFacts) or one foster
 * household (HouseholdFacts) and a working-day calendar, `derive` returns the obligation INSTANCES
 * those facts give rise to: each with the date it started, the date it is due, and the date it was
 * completed or the reason it does not apply. Nothing is stored: change a fact (including
 * correcting a date) and derive again.
 *
 * "Today" never appears here. Whether an instance is overdue is a separate question answered by
 * `status(instance, today, cal)` in status.ts.
 */
import type { Role } from '../access/index.ts';
import type { Calendar } from '../calendar/index.ts';
import type { IsoDate } from '../dates.ts';
import type { PlacementKind } from '../records/household.ts';

/**
 * The part of the working-day calendar the deadlines need. The England and Wales calendar
 * (src/domain/calendar) satisfies it; tests use a small fake with their own holidays.
 */
export type DeadlineCalendar = Pick<Calendar, 'isWorkingDay' | 'isWorkingDayNumber' | 'addWorkingDays' | 'workingDaysBetween' | 'addCalendarWeeks' | 'addCalendarMonths'>;

/** How sure we are of the legal text: [V] seen in the cited source, [R] from a secondary source or recall (rules.md). */
export type Confidence = 'V' | 'R';

/** Where a rule comes from: a regulation (with its confidence) or a procedure document and section. */
export type Source = {
  /** Short citation, e.g. "CPPCR reg 9(1)–(3)" or "Placement planning guidance". */
  ref: string;
  /** What the source says, quoted or closely paraphrased, and where in it. */
  detail: string;
  confidence: Confidence;
  url?: string;
};

export type SubjectType = 'child' | 'placement' | 'household';

// ---------------------------------------------------------------------------------------------
// Facts about a child
// ---------------------------------------------------------------------------------------------

/** One period of SSDA903 legal status (codes in src/domain/ssda903/codes.ts). `end` null = still in force. */
export type LegalStatusFact = { code: string; start: IsoDate; end: IsoDate | null };

/**
 * Who the child lives with, where that changes the visiting pattern (CPPCR reg 28(3)–(5)):
 * - 'before_assessment': placed with a parent before the reg 19 assessment is complete;
 * - 'interim_care_order': on an interim care order and living with a parent;
 * - 'care_order': on a care order and living with a parent.
 */
export type WithParent = 'before_assessment' | 'interim_care_order' | 'care_order';

/**
 * One placement of the child. Leave cancelled placements out. Every flag defaults to false.
 */
export type PlacementFact = {
  id: string;
  householdId: string;
  /** The day the child moved in (for a planned placement, the planned day). */
  start: IsoDate;
  /** The day the child moved out; null while the placement continues. */
  end: IsoDate | null;
  /** The kind of placement, as on the household's terms of approval (short_breaks, parent_and_child …). */
  kind?: PlacementKind | null;
  /** An emergency placement (CPPCR reg 13: notice within 5 working days instead of before placing). */
  emergency?: boolean;
  /** Outside the carers' terms of approval (CPPCR reg 23: at most 6 working days). */
  outsideTermsOfApproval?: boolean;
  /** The care plan intends the placement to last until the child is 18 (CPPCR reg 28(2): 3-monthly visits after year one). */
  intendedUntil18?: boolean;
  /** A long-term foster placement (CPPCR reg 22B). */
  longTerm?: boolean;
  /** For a long-term placement: the child agrees to visits at most every 6 months after the first year [R]. */
  sixMonthlyVisitsAgreed?: boolean;
  /** With a connected person temporarily approved under CPPCR reg 24 (weekly visits until the first review). */
  connectedPerson?: boolean;
  /** A parent-and-child placement (Parent and child fostering procedure). `kind: 'parent_and_child'` means the same. */
  parentAndChild?: boolean;
  /** For a parent-and-child placement: the agreed end of the initial assessment period (at most 28 days; Parent and child fostering procedure, 5.2). */
  assessmentPeriodEndsOn?: IsoDate | null;
  /**
   * For a parent-and-child placement whose plan sets a reporting schedule (Parent and child fostering procedure, 5.1):
   * how often the carers' written report is due, from the first due day, and the reports received (each read by the child's social worker, or not yet).
   */
  carerReports?: CarerReportsFact | null;
  /** For a parent-and-child placement: the day the assessment ended with its outcome (Parent and child fostering procedure, 7); no review is due after it. */
  assessmentEndedOn?: IsoDate | null;
  /** Living with a parent, which changes the visiting pattern (see WithParent). */
  withParent?: WithParent | null;
  /**
   * Ids of the other fostered children already placed with these carers on the day this placement
   * starts: each needs their social worker's written agreement first (Concurrent placement agreement procedure). Not the carers'
   * own children. Omitted or empty = none recorded.
   */
  otherChildrenPlaced?: readonly string[];
  /**
   * For a placement recorded after it began: each check of the placement gate it did not meet on
   * the day it began (domain/placements/entry.ts), as stated then. Each is a missed obligation.
   */
  entryBreaches?: readonly { code: string; message: string }[];
};

/** A parent-and-child placement's carers' reporting schedule and the reports received (src/domain/deadlines/parent-and-child-reports.ts). */
export type CarerReportsFact = {
  frequency: 'weekly' | 'fortnightly' | 'four_weekly';
  firstDueOn: IsoDate;
  received: readonly { id: string; dueOn: IsoDate; receivedOn: IsoDate; readOn: IsoDate | null }[];
};

/** What can be recorded as having happened for a child. */
export const CHILD_EVENT_KINDS = {
  placement_plan_completed: 'Placement plan completed',
  care_plan_completed: 'Care plan completed',
  ppm_held: 'Placement Planning Meeting held',
  notification_sent: 'Placement notified in writing',
  visit: 'Social worker visit',
  review_held: 'Looked-after review held',
  agreement_recorded: "Written agreement from an already-placed child's social worker",
  delegated_authority_reviewed: 'Delegated authority reviewed',
  support_plan_completed: 'Initial support plan completed',
  parent_and_child_review_held: 'Parent-and-child placement review held',
  risk_assessment_completed: 'Placement risk assessment completed',
  carer_profile_shared: "Carers' profile shared with the child",
  placement_concern: 'Concern that the placement may be becoming unstable',
  psm_held: 'Placement Support Meeting held',
  review_feedback_received: "Carers' and keyworker's feedback for the looked-after review received",
  adoption_in_plan: "Permanence plan includes adoption (or adoption may become the plan)",
  early_permanence_considered: 'Placement with dual-approved carers considered and decided',
} as const;
export type ChildEventKind = keyof typeof CHILD_EVENT_KINDS;

/**
 * Something that happened, on a date.
 * - `placementId` ties placement events (plans, meetings, notification, visits, agreements, support
 *   plans, risk assessments, the carers' profile shared, parent-and-child reviews) to a placement. Without it, the event belongs to the placement
 *   in effect on its date, or failing that the next placement to start after it (a plan written
 *   before placing).
 * - `aboutChildId` (agreement_recorded): the already-placed child whose social worker agreed.
 * - `periodEndsOn` (parent_and_child_review_held): the end of the next review period the review
 *   agreed, extending the assessment.
 */
export type ChildEvent = {
  kind: ChildEventKind;
  date: IsoDate;
  id?: string;
  placementId?: string | null;
  aboutChildId?: string | null;
  periodEndsOn?: IsoDate | null;
};

/**
 * What one child's record holds, for ONE period of care (the current or the latest one): the
 * caller leaves out placements and events from earlier periods of care.
 */
export type ChildFacts = {
  childId: string;
  dateOfBirth: IsoDate;
  /** The day the child became looked after. Default: earliest legal status not V3/V4, else the first placement. */
  lookedAfterSince?: IsoDate | null;
  /** The day the child stopped being looked after, if they have. Turning 18 also ends it. */
  lookedAfterUntil?: IsoDate | null;
  legalStatuses: readonly LegalStatusFact[];
  placements: readonly PlacementFact[];
  events: readonly ChildEvent[];
  /** A care plan under Children Act 1989 s31A (prepared for care proceedings) applies to the child. */
  courtCarePlan?: boolean;
  /** The child receives short breaks under CPPCR reg 48. Default: every legal status is V3 or V4. */
  shortBreaks?: boolean;
  /** Obligations a manager closed because they can no longer be met. */
  closures?: readonly Closure[];
  /** For a child imported from a return: the day of the import; what fell due before it does not apply (ADR 0012). */
  importedOn?: IsoDate | null;
  /** Concurrent planning: the child's contact plan with their birth family, and its sessions. Omitted = none. */
  contactPlan?: ContactPlanFact | null;
};

/**
 * A contact plan (Concurrent planning guide, "Concurrent Planning"): from `start` (to `end`, when it
 * has one) `sessionsPerWeek` supervised sessions a week; and the sessions recorded under it, each on
 * a day, held or not (missed, or cancelled).
 */
export type ContactPlanFact = {
  start: IsoDate;
  end: IsoDate | null;
  sessionsPerWeek: number;
  sessions: readonly { date: IsoDate; held: boolean }[];
};

/**
 * A manager's decision that an open obligation can no longer be met: "missed" (it stays in the
 * compliance figures as missed) or "not applicable" (it should never have applied), with the reason.
 */
export type Closure = { instanceId: string; outcome: 'missed' | 'not_applicable'; reason: string; closedOn: IsoDate };

// ---------------------------------------------------------------------------------------------
// Facts about a foster household
// ---------------------------------------------------------------------------------------------

/** A child's placement as the household sees it. */
export type HouseholdPlacementFact = {
  id: string;
  childId: string;
  start: IsoDate;
  end: IsoDate | null;
  emergency?: boolean;
  outsideTermsOfApproval?: boolean;
};

/**
 * A connected person's temporary approval as a foster parent for a named child (CPPCR reg 24),
 * with its one possible extension (reg 25) and how it ended.
 */
export type TemporaryApprovalFact = {
  id: string;
  childId: string;
  start: IsoDate;
  /** The one extension: the day the nominated officer approved it and the day it runs until. */
  extension?: { approvedOn: IsoDate; until: IsoDate } | null;
  /** The day the connected person was approved as a foster parent (FSR reg 27), ending the temporary approval. */
  fullyApprovedOn?: IsoDate | null;
  /** The day the temporary arrangement otherwise ended (the child moved, or the approval was withdrawn). */
  endedOn?: IsoDate | null;
};

export const HOUSEHOLD_EVENT_KINDS = {
  carer_review_held: 'Foster carer review completed',
  terms_of_approval_changed: 'Terms of approval changed',
  temporary_approval_extended: "Connected person's temporary approval extended",
} as const;
export type HouseholdEventKind = keyof typeof HOUSEHOLD_EVENT_KINDS;

/**
 * `placementId` on terms_of_approval_changed: the placement the new terms now cover; without it the
 * change covers every placement with the household on that date.
 */
export type HouseholdEvent = { kind: HouseholdEventKind; date: IsoDate; id?: string; placementId?: string | null };

export type HouseholdFacts = {
  householdId: string;
  approvalStatus?: 'in_assessment' | 'approved' | 'on_hold' | 'deregistered';
  /** The day the carers were approved as foster parents (FSR reg 27). */
  approvalDate?: IsoDate | null;
  /** The day the carers stopped being approved. */
  deregisteredOn?: IsoDate | null;
  temporaryApprovals?: readonly TemporaryApprovalFact[];
  placements: readonly HouseholdPlacementFact[];
  events: readonly HouseholdEvent[];
  /** Obligations a manager closed because they can no longer be met. */
  closures?: readonly Closure[];
};

// ---------------------------------------------------------------------------------------------
// Definitions and instances
// ---------------------------------------------------------------------------------------------

/** One obligation arising from the facts. */
export type ObligationInstance = {
  /** Stable: `${obligationId}:${subjectType}:${subjectId}:${sequence}`. */
  id: string;
  obligationId: string;
  subjectType: SubjectType;
  subjectId: string;
  /** 1, 2, 3 … for a series (visits, reviews); or the id of what the instance is about. */
  sequence: string;
  /** The child concerned, when there is one. */
  childId?: string;
  /** The fact that started it: a placement starting, a previous visit, an approval… */
  startedOn: IsoDate;
  /** The last day on which it is done in time. */
  dueOn: IsoDate;
  completedOn?: IsoDate | null;
  /** Set when the obligation does not apply, with the reason in plain English. */
  notApplicableReason?: string | null;
  /** Set when the obligation was missed and can no longer be met, with what was missed. */
  missedReason?: string | null;
  /** How the due date was worked out, e.g. "5 working days after the placement started on Thu 21 Dec 2023 (skipping 23–26 Dec)". */
  explanation: string;
};

type DefinitionBase = {
  /** Kebab-case, stable, and the name of its page: docs/rules/<id>.md. */
  id: string;
  title: string;
  /** The rule in plain English. */
  rule: string;
  source: Source;
  otherSources?: readonly Source[];
  /** What starts it. */
  trigger: string;
  /** How the due date is computed. */
  dueRule: string;
  responsibleRole: Role;
  /** What completes it. */
  completes: string;
  /** When it does not apply. */
  notApplicableWhen: string;
  /**
   * The FIRST due date as a fixed offset from the trigger, when there is one: what the working-days
   * calculator offers for this obligation. It must agree with derive() on the simplest facts
   * (registry.test.ts checks). Calendar periods (days, weeks, months) land where they land, as
   * derive() leaves them: a due date on a weekend or bank holiday is not moved. Left out when the
   * first due date is not a fixed offset from a day someone could enter.
   */
  firstDue?: FirstDue;
};

/** A first due date: `amount` `unit` after `from` (0 = on that day itself). */
export type FirstDue = {
  amount: number;
  unit: 'working_days' | 'days' | 'weeks' | 'months';
  /** The day it counts from, in words that follow "after": "the day the placement started". */
  from: string;
};

export type ChildObligationDefinition = DefinitionBase & {
  scope: 'child';
  derive(facts: ChildFacts, cal: DeadlineCalendar): ObligationInstance[];
};

export type HouseholdObligationDefinition = DefinitionBase & {
  scope: 'household';
  derive(facts: HouseholdFacts, cal: DeadlineCalendar): ObligationInstance[];
};

export type ObligationDefinition = ChildObligationDefinition | HouseholdObligationDefinition;

export const OBLIGATION_STATUSES = {
  not_yet_due: 'Not yet due',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  completed_on_time: 'Completed on time',
  completed_late: 'Completed late',
  missed: 'Missed',
  not_applicable: 'Not applicable',
} as const;
export type ObligationStatus = keyof typeof OBLIGATION_STATUSES;
