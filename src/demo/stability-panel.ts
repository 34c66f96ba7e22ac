/**
 * The demo's Placement Stability Panel (Placement stability guidance): a sitting last week, with the
 * Virtual School, that decided on the case referred after the first Placement Support Meeting (a service
 * agreed, an action for the supervising social worker and the social worker's review, both tasks on
 * their My work), and a case referred since, waiting for the next sitting. Every name is from the
 * synthetic data; the text is neutral.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import type { DemoData } from './generate.ts';
import type { GenConcern } from './stability.ts';
import { demoId, demoIdsFor } from './ids.ts';

export type GenPanelSitting = { id: string; sitsOn: IsoDate; members: string; virtualSchoolAttendee: string; recordedBy: string | null; recordedAt: string };
export type GenPanelReferral = {
  id: string;
  placementId: string;
  childId: string;
  referredOn: IsoDate;
  reason: string;
  serviceSought: string;
  tried: string;
  supportPlanVersionId: string | null;
  referredBy: string | null;
  referredByName: string;
  sittingId: string | null;
  status: 'referred' | 'decided';
  serviceAgreed: string | null;
  fundedBy: string | null;
  decision: string | null;
  reviewOn: IsoDate | null;
  decidedOn: IsoDate | null;
  decidedByName: string | null;
};
export type GenPanelTask = { id: string; placementId: string; childId: string; panelReferralId: string; description: string; ownerUserId: string | null; ownerName: string; dueOn: IsoDate; completedOn: null };
export type PanelRecords = { sittings: GenPanelSitting[]; referrals: GenPanelReferral[]; tasks: GenPanelTask[] };

/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

/**
 * `concerns`: the demo's concerns (./stability.ts), with the day each was raised; `supportPlanOf`: the
 * latest support plan version of a placement, attached to its referral.
 */
export function panelRecordsFrom(d: DemoData, concerns: readonly (GenConcern & { raisedOn: IsoDate })[], supportPlanOf: (placementId: string) => string | null): PanelRecords {
  idFrom = demoIdsFor(d, 'stability-panel');
  const users = new Map(d.users.map((u) => [u.id, u]));
  const children = new Map(d.children.map((c) => [c.id, c]));
  const households = new Map(d.households.map((h) => [h.id, h]));
  const placements = new Map(d.placements.map((p) => [p.id, p]));
  const head = d.users.find((u) => u.role === 'head_of_service');
  const managers = d.users.filter((u) => u.role === 'team_manager').slice(0, 2);
  const byPlacement = [...new Map([...concerns].reverse().map((c) => [c.placementId, c])).values()].reverse().filter((c) => placements.get(c.placementId)?.endDate === null);
  const out: PanelRecords = { sittings: [], referrals: [], tasks: [] };
  const people = (placementId: string) => {
    const p = placements.get(placementId)!;
    return { p, sw: users.get(children.get(p.childId)?.socialWorkerId ?? ''), ssw: users.get(households.get(p.householdId)?.supervisingSocialWorkerId ?? '') };
  };
  // The placement whose concern came first (its Placement Support Meeting held) was referred and
  // decided at a sitting a few days later; since then a move from it waits for HARP (./moves.ts).
  // The next placement with concerns is referred and waits for a sitting.
  const yesterday = addDays(d.today, -1);
  const first = byPlacement[0];
  const decided = first && first.raisedOn < addDays(yesterday, -1) ? first : undefined;
  const waiting = byPlacement.find((c) => c.placementId !== first?.placementId);
  const sitsOn = decided ? (addDays(decided.raisedOn, 4) < yesterday ? addDays(decided.raisedOn, 4) : yesterday) : yesterday;
  if (decided) {
    const { p, sw, ssw } = people(decided.placementId);
    const sittingId = idFrom(`sitting:${sitsOn}`);
    out.sittings.push({
      id: sittingId,
      sitsOn,
      members: [head ? `${head.fullName} (head of service, chair)` : 'The head of service (chair)', ...managers.map((m) => `${m.fullName} (team manager)`)].join('; '),
      virtualSchoolAttendee: 'The Virtual School Head',
      recordedBy: managers[0]?.id ?? null,
      recordedAt: `${sitsOn}T16:00:00.000Z`,
    });
    const id = idFrom(`${p.id}:panel`);
    out.referrals.push({
      id,
      placementId: p.id,
      childId: p.childId,
      referredOn: addDays(decided.raisedOn, 1),
      reason: 'Support agreed at the Placement Support Meeting needs a service the team cannot arrange',
      serviceSought: 'Weekly therapeutic support for the child and the carers',
      tried: 'Placement Support Meeting; extra visits from the supervising social worker; a school mentor',
      supportPlanVersionId: supportPlanOf(p.id),
      referredBy: sw?.id ?? null,
      referredByName: sw?.fullName ?? "The child's social worker",
      sittingId,
      status: 'decided',
      serviceAgreed: 'Twelve sessions of therapeutic support',
      fundedBy: "Children's services",
      decision: 'Agreed: the service is essential to the placement’s stability',
      reviewOn: addDays(sitsOn, 91),
      decidedOn: sitsOn,
      decidedByName: managers[0]?.fullName ?? 'A team manager',
    });
    out.tasks.push(
      { id: idFrom(`${id}:action`), placementId: p.id, childId: p.childId, panelReferralId: id, description: 'Placement Stability Panel: Refer to the therapy service and agree the first session', ownerUserId: ssw?.id ?? null, ownerName: ssw?.fullName ?? 'The supervising social worker', dueOn: addDays(d.today, 3), completedOn: null },
      { id: idFrom(`${id}:review`), placementId: p.id, childId: p.childId, panelReferralId: id, description: "Placement Stability Panel: review the panel's decision and whether the service is in place", ownerUserId: sw?.id ?? null, ownerName: sw?.fullName ?? "The child's social worker", dueOn: addDays(sitsOn, 91), completedOn: null },
    );
  }
  if (waiting) {
    const { p, sw } = people(waiting.placementId);
    out.referrals.push({
      id: idFrom(`${p.id}:panel`),
      placementId: p.id,
      childId: p.childId,
      referredOn: d.today,
      reason: 'The placement needs support the team cannot arrange without escalation',
      serviceSought: 'Short breaks for the carers, monthly',
      tried: 'Placement Support Meeting being arranged; extra visits',
      supportPlanVersionId: supportPlanOf(p.id),
      referredBy: sw?.id ?? null,
      referredByName: sw?.fullName ?? "The child's social worker",
      sittingId: null,
      status: 'referred',
      serviceAgreed: null,
      fundedBy: null,
      decision: null,
      reviewOn: null,
      decidedOn: null,
      decidedByName: null,
    });
  }
  return out;
}
