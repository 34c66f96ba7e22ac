/**
 * Obligations that start when a child is placed: the carers' profile shared with the child, the
 * placement plan, the care plan, the Placement Planning Meeting with its initial support plan and
 * the risk assessment that follows it, the notice of the placement, and the written agreement of
 * the social workers of children already placed with the carers.
 */
import type { ChildEventKind, ChildFacts, ChildObligationDefinition, DeadlineCalendar, ObligationInstance, PlacementFact } from './types.ts';
import { compareDates, type IsoDate } from '../dates.ts';
import {
  afterWorkingDays,
  childEvents,
  childOnShortBreaks,
  firstDate,
  instance,
  isBefore,
  isShortBreakPlacement,
  lookedAfterStart,
  placementEvents,
  placementsInOrder,
  shortBreaksReason,
  shortDate,
  skippedText,
} from './helpers.ts';

const perPlacement = (facts: ChildFacts, make: (p: PlacementFact) => ObligationInstance[]): ObligationInstance[] =>
  placementsInOrder(facts).flatMap(make);

export const placementPlan: ChildObligationDefinition = {
  scope: 'child',
  id: 'placement-plan',
  title: 'Placement plan',
  rule:
    'Write the placement plan before the child is placed. If that is not reasonably practicable, write it within 5 working days of the placement starting. ' +
    'The plan is agreed with and signed by the carer, records who may make which day-to-day decisions (delegated authority), and the IRO is told.',
  source: {
    ref: 'CPPCR reg 9(1)–(3)',
    detail:
      'Placement plan prepared before placing; "If it is not reasonably practicable … within five working days of the start of the placement." Signed by the appropriate person; obtain the child\'s wishes; inform the IRO.',
    confidence: 'V',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/9',
  },
  otherSources: [
    {
      ref: 'Placement planning guidance, "Regulations and Roles"',
      detail: 'A Placement Plan (the "Placement Information" form on Mosaic) must be written before placement or within 5 working days of the beginning of a placement.',
      confidence: 'V',
    },
  ],
  trigger: 'A placement starts (every placement, not only the first).',
  dueRule: '5 working days after the day the placement starts. The start day itself does not count; weekends and bank holidays in England and Wales are skipped.',
  firstDue: { amount: 5, unit: 'working_days', from: 'the day the placement started' },
  responsibleRole: 'social_worker',
  completes: 'The placement plan is recorded as completed (an event "placement_plan_completed" for the placement). A plan completed before the placement starts is on time.',
  notApplicableWhen: 'The child receives short breaks (CPPCR reg 48): a short-break care plan replaces the placement plan.',
  derive(facts, cal) {
    return onePerPlacement(facts, 'placement-plan', 'placement_plan_completed', (p) => ({
      ...afterWorkingDays(p.start, 5, 'the placement started', cal),
      notApplicableReason: isShortBreakPlacement(facts, p) ? shortBreaksReason('the placement plan') : null,
    }));
  },
};

/**
 * One instance for each placement, completed by the first event of `kind` recorded for it; `dueOf`
 * gives its due date, how it was worked out, and why it does not apply, if it does not.
 */
function onePerPlacement(
  facts: ChildFacts,
  obligationId: string,
  kind: ChildEventKind,
  dueOf: (p: PlacementFact) => { due: IsoDate; explanation: string; notApplicableReason?: string | null },
): ObligationInstance[] {
  return perPlacement(facts, (p) => {
    const { due, explanation, notApplicableReason = null } = dueOf(p);
    return [
      instance({
        obligationId,
        subjectType: 'placement',
        subjectId: p.id,
        sequence: 1,
        childId: facts.childId,
        startedOn: p.start,
        dueOn: due,
        completedOn: firstDate(placementEvents(facts, p, kind)),
        notApplicableReason,
        explanation,
      }),
    ];
  });
}

/** The first placement of the period of care: the earliest one that had not ended before the child became looked after. */
function firstPlacement(facts: ChildFacts): PlacementFact | null {
  const since = lookedAfterStart(facts);
  return placementsInOrder(facts).find((p) => since === null || p.end === null || !isBefore(p.end, since)) ?? null;
}

export const carePlan: ChildObligationDefinition = {
  scope: 'child',
  id: 'care-plan',
  title: 'Care plan',
  rule:
    'Prepare the care plan before the child is first placed. If that is not practicable, prepare it within 10 working days of the start of the first placement. ' +
    'It is agreed with the parent (or with the child, if they are 16 or over and accommodated under section 20).',
  source: {
    ref: 'CPPCR reg 4(2),(4),(5)',
    detail:
      'The care plan "must be prepared before C is first placed … or, if it is not practicable to do so, within ten working days of the start of the first placement". Not where a court care plan applies (CA89 s31A).',
    confidence: 'V',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/4',
  },
  otherSources: [
    {
      ref: 'Placement planning guidance, "Regulations and Roles"',
      detail: 'A Care Plan must be written before placement or within 10 working days of a placement beginning.',
      confidence: 'V',
    },
  ],
  trigger: "The child's first placement in this period of care starts.",
  dueRule: '10 working days after the day the first placement starts (the start day does not count; weekends and bank holidays are skipped).',
  firstDue: { amount: 10, unit: 'working_days', from: 'the day the first placement started' },
  responsibleRole: 'social_worker',
  completes: 'The care plan is recorded as completed (an event "care_plan_completed"). A plan completed before the placement is on time.',
  notApplicableWhen:
    'A care plan under Children Act 1989 s31A (prepared for care proceedings) applies; or the child receives short breaks (CPPCR reg 48), where a short-break care plan replaces it.',
  derive(facts, cal) {
    const first = firstPlacement(facts);
    if (!first) return [];
    const { due, explanation } = afterWorkingDays(first.start, 10, 'the first placement started', cal);
    const reason = facts.courtCarePlan
      ? 'A care plan under Children Act 1989 s31A (the plan prepared for care proceedings) applies, so a separate CPPCR care plan is not required'
      : childOnShortBreaks(facts)
        ? shortBreaksReason('the care plan')
        : null;
    return [
      instance({
        obligationId: 'care-plan',
        subjectType: 'child',
        subjectId: facts.childId,
        sequence: 1,
        childId: facts.childId,
        startedOn: first.start,
        dueOn: due,
        completedOn: firstDate(childEvents(facts, 'care_plan_completed')),
        notApplicableReason: reason,
        explanation,
      }),
    ];
  },
};

/** Due date of the Placement Planning Meeting for a placement (shared with the initial support plan). */
function ppmDue(p: PlacementFact, cal: DeadlineCalendar) {
  return afterWorkingDays(p.start, 5, 'the placement started', cal);
}

/** The placement's Placement Planning Meeting: the day it was held, if it has been, and when it is due. */
function meetingOf(facts: ChildFacts, p: PlacementFact, cal: DeadlineCalendar) {
  return { held: firstDate(placementEvents(facts, p, 'ppm_held')), meeting: ppmDue(p, cal) };
}

export const placementPlanningMeeting: ChildObligationDefinition = {
  scope: 'child',
  id: 'placement-planning-meeting',
  title: 'Placement Planning Meeting',
  rule:
    "The supervising social worker arranges and chairs a Placement Planning Meeting, normally in the foster carers' home, before the placement starts or within 5 working days of it starting. " +
    "At least the foster carer, the child's social worker and the supervising social worker attend. It confirms delegated authority, and is held every time a child comes into care or changes placement.",
  source: {
    ref: 'Placement planning guidance, "Best Practice" 1–3',
    detail:
      'When the "Confirmation Email" is sent out by the Placement Officer, the supervising social worker arranges and chairs a Placement Planning Meeting. This must be before, or within 5 working days of the placement starting.',
    confidence: 'V',
  },
  otherSources: [
    {
      ref: 'Placement stability guidance, "All reviews and planning meetings…"',
      detail: 'A Placement Planning Meeting confirming delegated authority must take place every time a child or young person comes into care or changes their placement.',
      confidence: 'V',
    },
  ],
  trigger: 'A placement starts (every placement).',
  dueRule: '5 working days after the day the placement starts (the start day does not count; weekends and bank holidays are skipped).',
  firstDue: { amount: 5, unit: 'working_days', from: 'the day the placement started' },
  responsibleRole: 'supervising_social_worker',
  completes: 'The meeting is recorded as held (an event "ppm_held" for the placement). A meeting before the placement starts is on time.',
  notApplicableWhen: 'Never, for a placement with foster carers: the procedure requires it every time a child comes into care or changes placement.',
  derive(facts, cal) {
    return onePerPlacement(facts, 'placement-planning-meeting', 'ppm_held', (p) => ppmDue(p, cal));
  },
};

export const initialSupportPlan: ChildObligationDefinition = {
  scope: 'child',
  id: 'initial-support-plan',
  title: 'Initial support plan',
  rule:
    'At the Placement Planning Meeting, the supervising social worker completes an initial support plan for the child, identifying any potential support needs. ' +
    'Give extra attention to children who have already moved placement or are aged 13 to 15. The plan is reviewed at every Placement Support Meeting.',
  source: {
    ref: 'Placement stability guidance, "All reviews and planning meetings…"',
    detail:
      'An initial support plan, identifying any potential support needs, must be completed by the Supervising Social Worker for each looked after child or young person at the Placement Planning meeting.',
    confidence: 'V',
  },
  trigger: 'A placement starts (the support plan belongs to its Placement Planning Meeting).',
  dueRule:
    'The day the Placement Planning Meeting is held. Until it is held, the day the meeting is due: 5 working days after the placement starts.',
  // Until the Placement Planning Meeting is held, the support plan is due when the meeting is: 5 working days after the start.
  firstDue: { amount: 5, unit: 'working_days', from: 'the day the placement started' },
  responsibleRole: 'supervising_social_worker',
  completes: 'The initial support plan is recorded as completed (an event "support_plan_completed" for the placement) on or before the day of the meeting.',
  notApplicableWhen: 'Never, for a placement with foster carers: every looked-after child placed gets one.',
  derive(facts, cal) {
    return onePerPlacement(facts, 'initial-support-plan', 'support_plan_completed', (p) => {
      const { held, meeting } = meetingOf(facts, p, cal);
      return held
        ? { due: held, explanation: `At the Placement Planning Meeting held on ${shortDate(held)}` }
        : { due: meeting.due, explanation: `At the Placement Planning Meeting, which is due by ${shortDate(meeting.due)}: ${meeting.explanation}` };
    });
  },
};

/** Hearth's working default for the risk assessment (the Placement planning guidance sets no timescale): working days after the meeting. */
const RISK_ASSESSMENT_WORKING_DAYS = 5;

export const placementRiskAssessment: ChildObligationDefinition = {
  scope: 'child',
  id: 'placement-risk-assessment',
  title: 'Placement risk assessment',
  rule:
    "Following the Placement Planning Meeting, the supervising social worker writes the risk assessment from what was shared at the meeting and on the child's social worker's placement request. " +
    'The birth parent and the young person are given the chance to feed in. It answers four questions: what risk might the young person pose to themselves; what risk do others pose to them; ' +
    'what risk might they pose to others; and what is the impact on the whole household, and on each person living there.',
  source: {
    ref: 'Placement planning guidance, "Best Practice" 7',
    detail:
      '"It is the supervising social worker\'s role to write the risk assessment following the meeting with the information shared both at the meeting and on the Placement Request Form from the child\'s social worker. ' +
      'The birth parent and the young person should be given the opportunity to feed in to the risk assessment." The guidance sets no timescale.',
    confidence: 'V',
  },
  otherSources: [
    {
      ref: "Hearth's working default (local practice, not statute)",
      detail:
        'No regulation or procedure gives a timescale for the placement risk assessment. Hearth expects it within 5 working days of the Placement Planning Meeting, ' +
        'the interval these procedures use for the meeting and the placement plan; an authority may set its own.',
      confidence: 'R',
    },
  ],
  trigger: 'A placement starts (every placement); the risk assessment follows its Placement Planning Meeting.',
  dueRule:
    "Hearth's working default, not a statutory timescale (the Placement planning guidance sets none): 5 working days after the day the Placement Planning Meeting is held. " +
    'Until the meeting is held, 5 working days after the day it is due (itself 5 working days after the placement starts). Weekends and bank holidays are skipped.',
  // No firstDue: once the meeting is held, the due date counts from the meeting, not from the start.
  responsibleRole: 'supervising_social_worker',
  completes: 'The risk assessment is recorded as completed (an event "risk_assessment_completed" for the placement). Completed on or before the due date is on time.',
  notApplicableWhen: 'Never, for a placement with foster carers: every placement has its Placement Planning Meeting, and the risk assessment follows it.',
  derive(facts, cal) {
    return onePerPlacement(facts, 'placement-risk-assessment', 'risk_assessment_completed', (p) => {
      const { held, meeting } = meetingOf(facts, p, cal);
      const from = held ?? meeting.due;
      const due = cal.addWorkingDays(from, RISK_ASSESSMENT_WORKING_DAYS);
      const skipped = skippedText(from, due, cal);
      const explanation = held
        ? `${RISK_ASSESSMENT_WORKING_DAYS} working days after the Placement Planning Meeting held on ${shortDate(held)}${skipped ? ` (skipping ${skipped})` : ''}`
        : `${RISK_ASSESSMENT_WORKING_DAYS} working days after the Placement Planning Meeting${skipped ? ` (skipping ${skipped})` : ''}, which is not yet held and is due by ${shortDate(meeting.due)}: ${meeting.explanation}`;
      return { due, explanation };
    });
  },
};

export const childFriendlyProfile: ChildObligationDefinition = {
  scope: 'child',
  id: 'child-friendly-profile',
  title: "Carers' profile shared and the child's views sought",
  rule:
    "Before the child is placed, share the carers' child-friendly profile (or, for a residential home, its children's booklet) with the child, and seek their views about the placement. " +
    'Where possible, planned introductions take place before the placement starts: phased visits with the new carers, a telephone call or visit, overnight stays.',
  source: {
    ref: 'Placement stability guidance, "Every child and young person is offered relationship building work…"',
    detail:
      "Child-friendly carer profiles (or residential home children's booklet) to be shared with a child or young person prior to placement and their views sought about the placement. " +
      'Planned introductions should take place before placement commences.',
    confidence: 'V',
  },
  trigger: 'A placement starts (every placement, short breaks included).',
  dueRule: "The day the placement starts: the profile is shared, and the child's views sought, before the child moves in.",
  // Due before the child moves in: on the start day itself, as derive() has it (0 days).
  firstDue: { amount: 0, unit: 'days', from: 'the day the placement started' },
  responsibleRole: 'social_worker',
  completes:
    'The profile is recorded as shared with the child (an event "carer_profile_shared" for the placement), on or before the day the placement starts.',
  notApplicableWhen: "An emergency placement: there is no time to share the carers' profile before the child moves in. Short-break placements are not exempt.",
  derive(facts) {
    return onePerPlacement(facts, 'child-friendly-profile', 'carer_profile_shared', (p) => ({
      due: p.start,
      explanation: `Before the placement starts on ${shortDate(p.start)}`,
      notApplicableReason: p.emergency ? "An emergency placement leaves no time to share the carers' profile before the child moves in" : null,
    }));
  },
};

export const placementNotification: ChildObligationDefinition = {
  scope: 'child',
  id: 'placement-notification',
  title: 'Notice of the placement',
  rule:
    "Give written notice of the placement before the child is placed, or within 5 working days after an emergency placement, to the child, their parents, anyone with contact, the previous carer, health bodies and the GP, the school and the IRO. " +
    'Notice to a particular person may be withheld if giving it would put the child at risk of significant harm.',
  source: {
    ref: 'CPPCR reg 13(1)–(3)',
    detail: 'Written notice before placing, or within 5 working days after an emergency placement, to C, P, contact holders, previous carer, health bodies, GP, school, IRO.',
    confidence: 'V',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/13',
  },
  trigger: 'A placement is made, planned or in an emergency.',
  dueRule: 'Ordinarily the day the placement starts (notice is given before placing). For an emergency placement, 5 working days after the day it starts.',
  // The 5 working days are for an emergency placement; otherwise notice is due before placing (the day the placement starts).
  firstDue: { amount: 5, unit: 'working_days', from: 'the day an emergency placement started' },
  responsibleRole: 'social_worker',
  completes: 'The notices are recorded as sent (an event "notification_sent" for the placement).',
  notApplicableWhen: 'The child receives short breaks: CPPCR reg 48 disapplies reg 13.',
  derive(facts, cal) {
    return onePerPlacement(facts, 'placement-notification', 'notification_sent', (p) => ({
      ...(p.emergency ? afterWorkingDays(p.start, 5, 'the emergency placement started', cal) : { due: p.start, explanation: `Before the placement starts on ${shortDate(p.start)}` }),
      notApplicableReason: isShortBreakPlacement(facts, p) ? 'The child receives short breaks: CPPCR reg 48 disapplies the duty to notify the placement (reg 13)' : null,
    }));
  },
};

/**
 * A placement whose concurrent-placement agreement obligation is open on or after the day it
 * started: the child moved in without that social worker's written agreement (an authorised
 * emergency placement, or one recorded after it began). Shown as "Started without written
 * agreement" until the agreement is recorded.
 */
export function startedWithoutWrittenAgreement(i: Pick<ObligationInstance, 'obligationId' | 'completedOn' | 'notApplicableReason' | 'missedReason' | 'dueOn'>, today: IsoDate): boolean {
  return i.obligationId === 'concurrent-placement-agreement' && !i.completedOn && !i.notApplicableReason && !i.missedReason && compareDates(today, i.dueOn) >= 0;
}

export const STARTED_WITHOUT_AGREEMENT = 'Started without written agreement';

export const placementEntryChecks: ChildObligationDefinition = {
  scope: 'child',
  id: 'placement-entry-checks',
  title: 'Every check met before the child moved in',
  rule:
    "Before a child starts living with foster carers: the carers' approval is current and not on hold; the kind of placement, the child's age and the number of children are within their terms of approval; " +
    'no more than three fostered children unless all are siblings or an exemption names them; parent and child only with carers at skill level 4 or above; fostering for adoption only with dual approval; ' +
    "and for each fostered child already there, the placement team and the supervising social worker have considered whether another placement serves them, and their social worker has agreed in writing. " +
    'A placement recorded after it began is checked as it was on the day it began; each check it did not meet is recorded here as missed, so that it is seen and answered for rather than lost.',
  source: {
    ref: 'Children Act 1989 Schedule 7; CPPCR reg 23; Concurrent placement agreement procedure',
    detail:
      'Schedule 7 para 2: the usual fostering limit of three, with the sibling exception (para 3) and exemptions (para 4). The Concurrent placement agreement procedure: "This agreement MUST be secured before the new placement begins."',
    confidence: 'R',
  },
  trigger: 'A placement is recorded after it began (a past placement) and did not meet one or more checks on the day it began: one obligation per check.',
  dueRule: 'The day the placement began: every check had to be met before the child moved in.',
  firstDue: { amount: 0, unit: 'days', from: 'the day the placement started' },
  responsibleRole: 'team_manager',
  completes: 'Nothing: a check missed on the day the child moved in cannot be met afterwards. It stays in the history and counts as missed in the compliance figures.',
  notApplicableWhen: 'The placement met every check when it began, or was made through Hearth (which refuses a placement that does not, unless a head of service authorised an emergency).',
  derive(facts) {
    return perPlacement(facts, (p) =>
      (p.entryBreaches ?? []).map((b, n) =>
        instance({
          obligationId: 'placement-entry-checks',
          subjectType: 'placement',
          subjectId: p.id,
          childId: facts.childId,
          sequence: `${b.code}-${n + 1}`,
          startedOn: p.start,
          dueOn: p.start,
          missedReason: b.message,
          explanation: `Before the placement began on ${shortDate(p.start)}`,
        }),
      ),
    );
  },
};

export const concurrentPlacementAgreement: ChildObligationDefinition = {
  scope: 'child',
  id: 'concurrent-placement-agreement',
  title: "Written agreement from the social worker of each child already placed",
  rule:
    "Before a child joins carers who already foster another child, get written agreement (an email or letter) from the social worker of each child already living there, often in another local authority. " +
    "Share only anonymised information about the child to be placed. An 'open' agreement in principle does not remove the duty to tell that social worker about this placement. " +
    "The supervising social worker sends the correspondence to the agency placement team, who keep it on the carers' file.",
  source: {
    ref: 'Concurrent placement agreement procedure',
    detail:
      "We have a duty to obtain agreement for any concurrent placement from that child or children's social worker … This agreement MUST be secured before the new placement begins … to obtain this agreement in writing (for example, by email or letter).",
    confidence: 'V',
  },
  trigger: 'A placement starts with carers who already have another fostered child placed with them (one obligation per child already placed).',
  dueRule: 'The day the new placement starts: the agreement must be in place before the child moves in.',
  // Due before the child moves in: on the start day itself, as derive() has it (0 days).
  firstDue: { amount: 0, unit: 'days', from: 'the day the placement started' },
  responsibleRole: 'supervising_social_worker',
  completes:
    'The written agreement of that child\'s social worker is recorded (an event "agreement_recorded" for the new placement, naming the already-placed child in aboutChildId) on or before the day the placement starts.',
  notApplicableWhen: "No other fostered child is placed with the carers when the placement starts (the carers' own children do not count).",
  derive(facts) {
    return perPlacement(facts, (p) => {
      const others = [...new Set(p.otherChildrenPlaced ?? [])];
      const base = {
        obligationId: 'concurrent-placement-agreement',
        subjectType: 'placement' as const,
        subjectId: p.id,
        childId: facts.childId,
        startedOn: p.start,
        dueOn: p.start,
        explanation: `Before the placement starts on ${shortDate(p.start)}`,
      };
      if (others.length === 0) {
        return [instance({ ...base, sequence: 'none', notApplicableReason: 'No other fostered child was placed with these carers when this placement started' })];
      }
      const agreements = placementEvents(facts, p, 'agreement_recorded');
      return others.map((other) =>
        instance({
          ...base,
          sequence: other,
          completedOn: firstDate(agreements.filter((e) => e.aboutChildId === other)),
          explanation: `${base.explanation}: written agreement from the social worker of the child already placed (${other})`,
        }),
      );
    });
  },
};
