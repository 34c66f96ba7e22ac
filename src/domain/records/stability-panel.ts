/**
 * The Placement Stability Panel (Placement stability guidance, "All reviews and planning meetings
 * include key professionals…": "A child's case must be presented at the Placement Stability Panel if
 * escalation is required to access a service which is considered essential to achieve stability";
 * "Early and robust escalation processes…": "The Virtual School to be included in any placement move
 * discussion; at placement planning meetings, placement support meetings and / or the Placement
 * Stability Panel"). A referral (by the child's social worker or a manager) says why, the service
 * sought and what has been tried, with the latest support plan attached; a sitting (its date, members
 * and the Virtual School) has the referred cases on its agenda; the panel's decision on each records
 * the service agreed, who funds it, the actions (each with an owner and a due date) and a review date.
 */
import { z } from 'zod';
import { compareDates, type IsoDate } from '../dates.ts';
import { isoDate, text, uuid, MAX_LONG_TEXT } from './fields.ts';

type Problem = { field: string; message: string };

export const PanelReferralInput = z.object({
  referredOn: isoDate('the date of the referral'),
  reason: text('why escalation is needed', MAX_LONG_TEXT),
  serviceSought: text('the service sought', MAX_LONG_TEXT),
  tried: text('what has been tried', MAX_LONG_TEXT),
});
export type PanelReferralInput = z.output<typeof PanelReferralInput>;

export function panelReferralProblems(input: PanelReferralInput, placement: { startDate: IsoDate; status: string }, today: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (placement.status !== 'active') problems.push({ field: 'form', message: 'A case is referred to the Placement Stability Panel about an active placement' });
  if (compareDates(input.referredOn, today) > 0) problems.push({ field: 'referredOn', message: 'The date of the referral must be today or in the past' });
  else if (compareDates(input.referredOn, placement.startDate) < 0) problems.push({ field: 'referredOn', message: 'The date of the referral must be on or after the day the placement started' });
  return problems;
}

export const PanelSittingInput = z.object({
  sitsOn: isoDate('the date the panel sits'),
  members: text('the panel members', MAX_LONG_TEXT),
  virtualSchoolAttendee: text('who attends for the Virtual School'),
  referralIds: z.array(uuid('a referred case'), { error: 'Select the cases on the agenda' }).default([]),
});
export type PanelSittingInput = z.output<typeof PanelSittingInput>;

/** A sitting has at least one referred case on its agenda; each must be waiting for the panel. */
export function panelSittingProblems(input: PanelSittingInput, waiting: readonly { id: string; referredOn: IsoDate }[]): Problem[] {
  const problems: Problem[] = [];
  if (!input.referralIds.length) problems.push({ field: 'referralIds', message: 'Select at least one referred case for the agenda' });
  const byId = new Map(waiting.map((r) => [r.id, r]));
  for (const id of input.referralIds) {
    const r = byId.get(id);
    if (!r) problems.push({ field: 'referralIds', message: 'Select only cases waiting for the panel' });
    else if (compareDates(r.referredOn, input.sitsOn) > 0) problems.push({ field: 'referralIds', message: 'A case can only be on the agenda of a sitting on or after the day it was referred' });
  }
  return problems;
}

export const PanelActionInput = z.object({
  description: text('the action', MAX_LONG_TEXT),
  ownerUserId: uuid('who owns the action'),
  dueOn: isoDate('the date the action is due'),
});

export const PanelDecisionInput = z.object({
  serviceAgreed: text('the service agreed (or "None")', MAX_LONG_TEXT),
  fundedBy: text('who funds it (or "Not applicable")'),
  decision: text("the panel's decision", MAX_LONG_TEXT),
  reviewOn: isoDate('the review date'),
  actions: z.array(PanelActionInput, { error: 'List the actions' }).max(20, { error: 'Record at most 20 actions' }).default([]),
});
export type PanelDecisionInput = z.output<typeof PanelDecisionInput>;

/** Decided at the sitting whose agenda it is on, once that sitting has met; the review and actions after it. */
export function panelDecisionProblems(input: PanelDecisionInput, referral: { status: string }, sitting: { sitsOn: IsoDate } | null, today: IsoDate): Problem[] {
  if (referral.status === 'decided') return [{ field: 'form', message: 'The panel has already decided on this case' }];
  if (!sitting || referral.status !== 'on_agenda') return [{ field: 'form', message: 'Put the case on the agenda of a panel sitting first' }];
  const problems: Problem[] = [];
  if (compareDates(sitting.sitsOn, today) > 0) problems.push({ field: 'form', message: 'The panel decides at its sitting: record the decision on or after the day it sits' });
  if (compareDates(input.reviewOn, sitting.sitsOn) <= 0) problems.push({ field: 'reviewOn', message: 'The review date must be after the day the panel sat' });
  input.actions.forEach((a, i) => {
    if (compareDates(a.dueOn, sitting.sitsOn) < 0) problems.push({ field: `actions.${i}.dueOn`, message: `Action ${i + 1}: the due date must be on or after the day the panel sat` });
  });
  return problems;
}
