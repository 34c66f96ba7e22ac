/**
 * Obligations that belong to a foster household: the yearly foster carer review, a connected
 * person's temporary approval (16 weeks, one extension of up to 8), and an emergency placement
 * outside the carers' terms of approval (at most 6 working days).
 */
import { compareDates } from '../dates.ts';
import type { HouseholdObligationDefinition, ObligationInstance } from './types.ts';
import { afterPeriod, afterWorkingDays, earliest, instance, isBefore, isOnOrBefore, shortDate, sortedDates } from './helpers.ts';

const REVIEW_ID = 'foster-carer-review';

export const fosterCarerReview: HouseholdObligationDefinition = {
  scope: 'household',
  id: REVIEW_ID,
  title: 'Foster carer review',
  rule:
    "The fostering service reviews the foster carers' approval no more than a year after they were approved, and then at intervals of no more than a year. " +
    'The first review goes to the fostering panel. The review seeks the views of the carers, the children placed and the local authorities that placed them, and its outcome is given in writing.',
  source: {
    ref: 'FSR reg 28',
    detail:
      'Review "not more than a year after approval, and thereafter whenever the fostering service provider consider it necessary, but at intervals of not more than a year". Wording per FSR 2002 reg 29 [V] and The Fostering Network.',
    confidence: 'R',
    url: 'https://www.legislation.gov.uk/uksi/2011/581/regulation/28',
  },
  otherSources: [{ ref: 'FSR reg 25', detail: 'The panel recommends at the first annual review (others if referred); the agency decision-maker decides.', confidence: 'V' }],
  trigger: 'The carers are approved as foster parents; then each completed review starts the wait for the next one.',
  dueRule: '12 calendar months after the approval date, then 12 calendar months after the previous review.',
  firstDue: { amount: 12, unit: 'months', from: 'the day the carers were approved' },
  responsibleRole: 'supervising_social_worker',
  completes: 'A foster carer review recorded as completed (a household event "carer_review_held") on or before the due date.',
  notApplicableWhen: 'The carers are not (yet) approved; the next review is not needed once the carers were deregistered on or before its due date.',
  derive(facts, cal) {
    if (!facts.approvalDate || facts.approvalStatus === 'in_assessment') return [];
    const approved = facts.approvalDate;
    const reviews = sortedDates(facts.events.filter((e) => e.kind === 'carer_review_held').map((e) => e.date)).filter((d) => isOnOrBefore(approved, d));
    const out: ObligationInstance[] = [];
    let anchor = approved;
    let what = 'the carers were approved';
    for (let i = 0; i <= reviews.length; i++) {
      const { due, explanation } = afterPeriod(anchor, 12, 'month', what, cal);
      const completedOn = reviews[i];
      const deregistered = facts.deregisteredOn && completedOn === undefined && isOnOrBefore(facts.deregisteredOn, due) ? facts.deregisteredOn : null;
      out.push(
        instance({
          obligationId: REVIEW_ID,
          subjectType: 'household',
          subjectId: facts.householdId,
          sequence: i + 1,
          startedOn: anchor,
          dueOn: due,
          completedOn,
          notApplicableReason: deregistered ? `Not needed: the carers were deregistered on ${shortDate(deregistered)}, on or before the day this review was due` : null,
          explanation: `${explanation} (at most a year${i === 0 ? ' after approval' : ' between reviews'})`,
        }),
      );
      if (completedOn === undefined) break;
      anchor = completedOn;
      what = 'the previous review';
    }
    return out;
  },
};

const TEMP_ID = 'connected-person-temporary-approval';

export const connectedPersonTemporaryApproval: HouseholdObligationDefinition = {
  scope: 'household',
  id: TEMP_ID,
  title: 'Connected person: temporary approval',
  rule:
    "A relative, friend or other connected person can be approved temporarily as a foster parent for a named child for up to 16 weeks, while they are assessed. " +
    'The approval may be extended once, by up to 8 more weeks (or until the outcome of an independent review), after seeking the fostering panel\'s view, telling the IRO and with the nominated officer\'s approval. ' +
    'Before it runs out the connected person must be approved as a foster parent, or the placement ends.',
  source: {
    ref: 'CPPCR reg 24, amended by SI 2013/984',
    detail: 'Temporary approval of a connected person: up to 16 weeks. Secondary source: Hillingdon procedures.',
    confidence: 'R',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/24',
  },
  otherSources: [
    {
      ref: 'CPPCR reg 25',
      detail: 'Extending temporary approval: once, up to 8 weeks, or until an IRM review outcome. Seek panel view, inform IRO, nominated-officer approval. On expiry the placement ends.',
      confidence: 'V',
      url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/25',
    },
  ],
  trigger: 'A connected person is temporarily approved as a foster parent for a child.',
  dueRule:
    '16 calendar weeks after the temporary approval starts. If it was extended (once, approved on or before the original expiry), the end of the extension, at most 8 calendar weeks after the original expiry.',
  firstDue: { amount: 16, unit: 'weeks', from: 'the day the temporary approval started' },
  responsibleRole: 'supervising_social_worker',
  completes: 'The connected person is approved as a foster parent, or the temporary arrangement ends (the child moves), on or before the due date.',
  notApplicableWhen: 'Never, once there is a temporary approval: it always expires. (An extension "until the outcome of an independent review" is recorded as the date of that outcome.)',
  derive(facts, cal) {
    return (facts.temporaryApprovals ?? []).map((a) => {
      const original = afterPeriod(a.start, 16, 'week', 'the temporary approval started', cal);
      let due = original.due;
      let explanation = `${original.explanation} (temporary approval lasts at most 16 weeks)`;
      const ext = a.extension;
      if (ext) {
        const cap = cal.addCalendarWeeks(original.due, 8);
        if (isBefore(original.due, ext.approvedOn)) {
          explanation += `; the extension approved on ${shortDate(ext.approvedOn)} came after the approval had already expired, so it does not count`;
        } else if (isBefore(original.due, ext.until)) {
          due = isOnOrBefore(ext.until, cap) ? ext.until : cap;
          explanation += `; extended once, on ${shortDate(ext.approvedOn)}, until ${shortDate(due)}`;
          if (due !== ext.until) explanation += ` (an extension adds at most 8 weeks, so not until ${shortDate(ext.until)})`;
        }
      }
      return instance({
        obligationId: TEMP_ID,
        subjectType: 'household',
        subjectId: facts.householdId,
        sequence: a.id,
        childId: a.childId,
        startedOn: a.start,
        dueOn: due,
        completedOn: earliest([a.fullyApprovedOn, a.endedOn]),
        explanation,
      });
    });
  },
};

const EMERGENCY_ID = 'emergency-placement-outside-terms';

export const emergencyPlacementOutsideTerms: HouseholdObligationDefinition = {
  scope: 'household',
  id: EMERGENCY_ID,
  title: "Emergency placement outside the carers' terms of approval",
  rule:
    "In an emergency a child may be placed with approved foster carers even though the placement is outside their terms of approval, but for no more than 6 working days. " +
    'By then the carers\' terms of approval are changed to cover the child, or the child moves.',
  source: {
    ref: 'CPPCR reg 23',
    detail: 'Emergency placement with F: up to 6 working days, even outside F\'s terms of approval. Secondary source: Walsall procedures.',
    confidence: 'R',
    url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/23',
  },
  trigger: "An emergency placement starts that is outside the carers' terms of approval.",
  dueRule: '6 working days after the day the placement starts (the start day does not count; weekends and bank holidays are skipped).',
  firstDue: { amount: 6, unit: 'working_days', from: 'the day the emergency placement started' },
  responsibleRole: 'supervising_social_worker',
  completes:
    'The carers\' terms of approval are changed to cover the placement (a household event "terms_of_approval_changed"), or the placement ends, on or before the due date.',
  notApplicableWhen: "The placement is not an emergency placement, or is within the carers' terms of approval (no instances).",
  derive(facts, cal) {
    return facts.placements
      .filter((p) => p.emergency && p.outsideTermsOfApproval)
      .sort((a, b) => compareDates(a.start, b.start))
      .map((p) => {
        const { due, explanation } = afterWorkingDays(p.start, 6, 'the emergency placement started', cal);
        const changed = facts.events
          .filter((e) => e.kind === 'terms_of_approval_changed' && isOnOrBefore(p.start, e.date))
          .filter((e) => (e.placementId ? e.placementId === p.id : p.end === null || isOnOrBefore(e.date, p.end)))
          .map((e) => e.date);
        return instance({
          obligationId: EMERGENCY_ID,
          subjectType: 'placement',
          subjectId: p.id,
          sequence: 1,
          childId: p.childId,
          startedOn: p.start,
          dueOn: due,
          completedOn: earliest([...changed, p.end]),
          explanation: `${explanation}: at most 6 working days outside the terms of approval`,
        });
      });
  },
};
