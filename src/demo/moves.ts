/**
 * The demo's placement moves (Placement stability guidance, "Placements are ended in a planned way
 * unless there are immediate safeguarding concerns"). Every generated placement that has ended, or
 * has a planned end, is put through the same ending gate as a user's (src/domain/placements/moves.ts,
 * `decideEnding`): a temporary placement, a change of status only and the child leaving care that day
 * pass as they are; any other ending gets the move request that allowed it — agreed by the HARP
 * panel, or for an allegation or a standards-of-care concern an urgent move authorised by the head of
 * service with the alternatives listed — and is checked again with it. A generated ending the gate
 * still refuses stops the load. Besides, one placement with concerns has a move waiting for the panel.
 * Every name is from the synthetic data; the text is neutral.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import { decideEnding, type EndingBasis, type MoveRequestInput } from '../domain/placements/moves.ts';
import type { DemoData } from './generate.ts';
import { demoId, demoIdsFor } from './ids.ts';

/** A generated move request: what a request records (MoveRequestInput) and its decision. */
export type GenMoveRequest = MoveRequestInput & {
  id: string;
  placementId: string;
  childId: string;
  status: 'requested' | 'agreed';
  decidedThrough: 'harp_panel' | 'head_of_service' | null;
  panelDate: IsoDate | null;
  panelChair: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  requestedBy: string | null;
  requestedByName: string;
  requestedAt: string;
};

export type GenEndingMeeting = {
  id: string;
  placementId: string;
  childId: string;
  householdId: string;
  heldOn: IsoDate;
  chair: string;
  attendees: string;
  whatHappened: string;
  learningForHousehold: string;
  learningForChild: string;
  recordedBy: string | null;
  recordedByName: string;
  recordedAt: string;
};

export type MoveRecords = {
  requests: GenMoveRequest[];
  /** A disruption meeting after the latest ending through a move, and its learning. */
  endingMeetings: GenEndingMeeting[];
  /** How each ending was allowed, by placement id. */
  endings: Map<string, { endingBasis: EndingBasis; moveRequestId: string | null }>;
};

const URGENT_REASONS = new Set(['ALLEG', 'STAND']);

/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

/** `waitingOn`: a live placement (one with concerns) to show a move waiting for the HARP panel. */
export function moveRecordsFrom(d: DemoData, waitingOn?: { placementId: string; requestedOn: IsoDate }): MoveRecords {
  idFrom = demoIdsFor(d, 'moves');
  const users = new Map(d.users.map((u) => [u.id, u]));
  const children = new Map(d.children.map((c) => [c.id, c]));
  const households = new Map(d.households.map((h) => [h.id, h]));
  const carers = new Map<string, string>();
  for (const m of d.householdMembers) if (m.kind === 'carer' && !carers.has(m.householdId)) carers.set(m.householdId, `${m.firstName} ${m.lastName}`);
  const head = d.users.find((u) => u.role === 'head_of_service');
  const chair = d.users.find((u) => u.role === 'team_manager');
  const careEnds = new Map<string, IsoDate[]>();
  for (const e of d.careEndings) careEnds.set(e.childId, [...(careEnds.get(e.childId) ?? []), e.endedOn]);

  const requests: GenMoveRequest[] = [];
  const endings = new Map<string, { endingBasis: EndingBasis; moveRequestId: string | null }>();

  const base = (p: { id: string; childId: string; householdId: string }, on: IsoDate) => {
    const sw = users.get(children.get(p.childId)?.socialWorkerId ?? '');
    const ssw = users.get(households.get(p.householdId)?.supervisingSocialWorkerId ?? '');
    return {
      placementId: p.id,
      childId: p.childId,
      supportTried: 'Placement Support Meetings held; extra support from the supervising social worker',
      virtualSchoolAdviceFrom: 'The Virtual School Head',
      virtualSchoolAdvice: 'Keep the school place if at all possible; arrange transport from the new home',
      alternativesConsidered: 'More respite for the carers; a mentor for the child',
      tellingPlan: 'The social worker and the carers tell the child together at home, a week before the move',
      tellingConfirmedBySw: sw?.fullName ?? "The child's social worker",
      tellingConfirmedBySsw: ssw?.fullName ?? 'The supervising social worker',
      tellingConfirmedByCarers: carers.get(p.householdId) ?? 'The foster carer',
      requestedBy: sw?.id ?? null,
      requestedByName: sw?.fullName ?? "The child's social worker",
      requestedAt: `${on}T10:00:00.000Z`,
    };
  };

  for (const p of d.placements) {
    if (p.endDate === null) continue;
    const facts = { placementType: p.placementType, endDate: p.endDate, reasonEnded: p.reasonEnded, carePlanEndOn: null, careEndsOn: careEnds.get(p.childId) ?? [] };
    let decision = decideEnding({ ...facts, moveRequests: [] });
    if (!decision.allowed) {
      const urgent = URGENT_REASONS.has(p.reasonEnded ?? '');
      const askedOn = urgent ? p.endDate : addDays(p.endDate, -21);
      const decidedOn = urgent ? p.endDate : addDays(p.endDate, -14);
      const id = idFrom(`${p.id}:move`);
      requests.push({
        id,
        ...base(p, askedOn < p.startDate ? p.startDate : askedOn),
        urgent,
        reason: urgent ? 'An immediate safeguarding issue in the placement' : 'The placement can no longer meet the child’s needs',
        safeguardingIssue: urgent ? 'A concern about the care given in the placement, referred under safeguarding procedures the same day' : null,
        alternativeOptions: urgent
          ? [
              { option: 'Stay with the carers with a safety plan', suitable: false, why: 'The concern is about the care given in the placement' },
              { option: 'Another in-house foster home with a vacancy', suitable: true, why: 'Same school; approved for the child’s age' },
            ]
          : [],
        status: 'agreed',
        decidedThrough: urgent ? 'head_of_service' : 'harp_panel',
        panelDate: urgent ? null : decidedOn < p.startDate ? p.startDate : decidedOn,
        panelChair: urgent ? null : (chair?.fullName ?? 'The HARP panel chair'),
        decisionReason: urgent ? 'Authorised: the alternatives were considered and the child cannot stay safely' : 'Agreed: support was tried and the move is in the child’s interests',
        decidedBy: urgent ? (head?.id ?? null) : (chair?.id ?? null),
        decidedByName: urgent ? (head?.fullName ?? 'The head of service') : (chair?.fullName ?? 'The HARP panel chair'),
        decidedAt: `${urgent ? p.endDate : decidedOn < p.startDate ? p.startDate : decidedOn}T14:00:00.000Z`,
      });
      decision = decideEnding({ ...facts, moveRequests: [{ id, urgent, status: 'agreed' }] });
    }
    if (!decision.allowed) throw new Error(`the demo ends placement ${p.id} in a way the ending gate refuses: ${decision.message}`);
    endings.set(p.id, { endingBasis: decision.basis, moveRequestId: decision.moveRequestId });
  }

  const live = waitingOn ? d.placements.find((p) => p.id === waitingOn.placementId && p.endDate === null) : undefined;
  if (live && waitingOn) {
    requests.push({
      id: idFrom(`${live.id}:move-waiting`),
      ...base(live, waitingOn.requestedOn),
      urgent: false,
      reason: 'The carers have asked for the placement to end after the concerns discussed at the Placement Support Meeting',
      safeguardingIssue: null,
      alternativeOptions: [],
      status: 'requested',
      decidedThrough: null,
      panelDate: null,
      panelChair: null,
      decisionReason: null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
    });
  }
  // The latest ending through a move had a disruption meeting a week later.
  const latest = d.placements
    .filter((p) => p.endDate !== null && endings.get(p.id)?.moveRequestId && addDays(p.endDate, 7) <= d.today)
    .sort((a, b) => (a.endDate! < b.endDate! ? 1 : a.endDate! > b.endDate! ? -1 : a.id < b.id ? -1 : 1))[0];
  const endingMeetings: GenEndingMeeting[] = [];
  if (latest) {
    const ssw = users.get(households.get(latest.householdId)?.supervisingSocialWorkerId ?? '');
    const heldOn = addDays(latest.endDate!, 7);
    endingMeetings.push({
      id: idFrom(`${latest.id}:ending-meeting`),
      placementId: latest.id,
      childId: latest.childId,
      householdId: latest.householdId,
      heldOn,
      chair: ssw?.fullName ?? 'The supervising social worker',
      attendees: "The child's social worker, the supervising social worker, the carers and the Virtual School",
      whatHappened: 'The placement came under strain in the evenings; support was tried before the move was agreed',
      learningForHousehold: 'Ask for respite earlier; a check-in call after family time helped',
      learningForChild: 'Settles best with a calm evening routine and the same school',
      recordedBy: ssw?.id ?? null,
      recordedByName: ssw?.fullName ?? 'The supervising social worker',
      recordedAt: `${heldOn}T16:00:00.000Z`,
    });
  }
  return { requests, endings, endingMeetings };
}
