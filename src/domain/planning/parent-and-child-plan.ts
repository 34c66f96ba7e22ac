/**
 * The placement plan of a parent-and-child placement (Parent and child fostering procedure, 5.1 and
 * 5.4): the same record as every placement plan (kind `placement_plan`, ADR 0005), with the sections
 * the procedure adds. Which of them apply depends on whether the parent is in care:
 *
 * - 5.1: "The Placement Plan should set out clearly the purpose of the placement, and any skills or
 *   capabilities that the parent is required to demonstrate and/or learn. It should also record the
 *   remit and responsibilities of the Foster Carer, both for support of the parent and child and also
 *   for reporting to … Children's Services. Agreements in respect of conduct (communication, the
 *   playing of music etc.) should also be recorded at this point."
 * - 5.4: "A single Placement Plan should cover both the parent and the child, whether or not the parent
 *   is in care. Where the parent is in care, the Plan should address the fostering needs of both parent
 *   and child, as well as setting out expectations of the parent. Where they are not in care, the Plan
 *   should set out the expectations of the parent, and the help they will receive to meet these
 *   expectations."
 *
 * The carers' reporting schedule (how often, the first report due) becomes obligations: each report
 * due, received and read by the child's social worker (src/domain/deadlines/parent-and-child-reports.ts).
 */
import { addDays, compareDates, type IsoDate } from '../dates.ts';
import { KIND_SPECS, type PlanningKind, type SectionSpec } from './kinds.ts';

/** A parent-and-child plan with the parent in care, or not; null for every other placement. */
export const PLAN_VARIANTS = { parent_in_care: 'The parent is in care', parent_not_in_care: 'The parent is not in care' } as const;
export type PlanVariant = keyof typeof PLAN_VARIANTS;

/** How often the carers write their report to the child's social worker. */
export const REPORT_FREQUENCIES = { weekly: 'Every week', fortnightly: 'Every 2 weeks', four_weekly: 'Every 4 weeks' } as const;
export type ReportFrequency = keyof typeof REPORT_FREQUENCIES;
export const REPORT_FREQUENCY_DAYS: Record<ReportFrequency, number> = { weekly: 7, fortnightly: 14, four_weekly: 28 };
export const isReportFrequency = (v: string): v is ReportFrequency => Object.hasOwn(REPORT_FREQUENCIES, v);

export const CAPABILITY_AIMS = { demonstrate: 'Demonstrate', learn: 'Learn', learn_and_demonstrate: 'Learn and then demonstrate' } as const;

const area = (name: string, label: string, hint?: string) => ({ name, label, type: 'textarea' as const, required: true, ...(hint ? { hint } : {}) });

/** The sections every parent-and-child plan has (5.1), before those that depend on the parent's status (5.4). */
const COMMON_SECTIONS: readonly SectionSpec[] = [
  {
    id: 'pcAssessment',
    heading: 'Parent and child: the assessment',
    hint: 'One plan covers the parent and the child (Parent and child fostering procedure, 5.4). The placement is also an assessment of the parent (5.2).',
    fields: [area('pcPurpose', 'What the placement and the assessment are for', 'What the assessment must show, and the decision it informs about the child')],
  },
  {
    id: 'pcCapabilities',
    heading: 'Skills and capabilities the parent must demonstrate or learn',
    hint: 'Each is reviewed, one by one, at every placement review.',
    group: {
      name: 'capabilities',
      label: 'Skills and capabilities',
      itemNoun: 'capability',
      minRows: 1,
      maxRows: 20,
      fields: [
        { name: 'capability', label: 'Skill or capability', hint: 'For example, "responds to the baby\'s cues for feeding"', type: 'text', max: 300, required: true },
        { name: 'aim', label: 'Demonstrate or learn', type: 'select', options: CAPABILITY_AIMS, required: true },
        { name: 'evidence', label: 'How it will be seen', type: 'text', max: 500 },
      ],
    },
  },
  {
    id: 'pcCarers',
    heading: "The carers' remit and responsibilities",
    fields: [
      area('carersSupportRemit', 'Support the carers give the parent and the child', 'What the carers do, and what they leave to the parent'),
      area('carersReportingRemit', 'What the carers report, and to whom', 'Observations of care, incidents, concerns that must be reported at once'),
      { name: 'reportFrequency', label: "How often the carers' written report is due", type: 'select', options: REPORT_FREQUENCIES, required: true },
      { name: 'reportFirstDueOn', label: 'The first written report is due on', hint: 'Each later report is due at the same interval', type: 'date', required: true },
    ],
  },
  {
    id: 'pcConduct',
    heading: 'Agreements on conduct',
    fields: [area('conductAgreements', 'What has been agreed about conduct in the household', 'For example communication, the playing of music, visitors, smoking, times in and out')],
  },
];

const VARIANT_SECTIONS: Record<PlanVariant, SectionSpec> = {
  parent_in_care: {
    id: 'pcNeeds',
    heading: 'The parent is in care: fostering needs and expectations',
    hint: 'Where the parent is in care, the plan addresses the fostering needs of both parent and child, and sets out expectations of the parent (5.4).',
    fields: [area('parentFosteringNeeds', "The parent's fostering needs"), area('childFosteringNeeds', "The child's fostering needs"), area('parentExpectations', 'What is expected of the parent')],
  },
  parent_not_in_care: {
    id: 'pcNeeds',
    heading: 'The parent is not in care: expectations and help',
    hint: 'Where the parent is not in care, the plan sets out the expectations of the parent and the help they will receive to meet them (5.4).',
    fields: [area('parentExpectations', 'What is expected of the parent'), area('parentHelp', 'The help the parent will receive to meet these expectations')],
  },
};

/** The sections a parent-and-child plan adds to the placement plan, for the parent's status. */
export function parentAndChildSections(variant: PlanVariant): readonly SectionSpec[] {
  return [...COMMON_SECTIONS, VARIANT_SECTIONS[variant]];
}

/** A record's sections: its kind's, and for a parent-and-child placement plan the procedure's own. */
export function sectionsOf(kind: PlanningKind, variant: PlanVariant | null = null): readonly SectionSpec[] {
  const base = KIND_SPECS[kind].sections;
  return kind === 'placement_plan' && variant ? [...base, ...parentAndChildSections(variant)] : base;
}

/** Which plan a parent-and-child placement needs: a parent in care on the day, or not (5.4). Null for any other placement. */
export function planVariant(placementKind: string | null | undefined, parentsInCare: readonly boolean[]): PlanVariant | null {
  if (placementKind !== 'parent_and_child') return null;
  return parentsInCare.some(Boolean) ? 'parent_in_care' : 'parent_not_in_care';
}

/** The carers' reporting schedule a completed plan sets, or null when it sets none. */
export function reportScheduleOf(content: Record<string, unknown>): { frequency: ReportFrequency; firstDueOn: IsoDate } | null {
  const f = content.reportFrequency;
  const d = content.reportFirstDueOn;
  if (typeof f !== 'string' || !isReportFrequency(f) || typeof d !== 'string' || d === '') return null;
  return { frequency: f, firstDueOn: d };
}

/** The capabilities a plan lists, in order, as the review records progress against them. */
export function capabilitiesOf(content: Record<string, unknown>): string[] {
  const rows = content.capabilities;
  if (!Array.isArray(rows)) return [];
  return rows.map((r: unknown) => (r && typeof r === 'object' && typeof (r as Record<string, unknown>).capability === 'string' ? ((r as Record<string, string>).capability ?? '') : '')).filter((c) => c !== '');
}

/** The days reports are due from `firstDueOn`, every `frequency`, up to and including `until`. */
export function reportDueDates(schedule: { frequency: ReportFrequency; firstDueOn: IsoDate }, until: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const step = REPORT_FREQUENCY_DAYS[schedule.frequency];
  for (let d = schedule.firstDueOn; compareDates(d, until) <= 0 && out.length < 1000; d = addDays(d, step)) out.push(d);
  return out;
}
