/**
 * The demo's placement stability records (Placement stability guidance, "Placements are ended in a
 * planned way…"), on recent placements whose first weeks are recorded (./planning.ts):
 * - one placement had a concern raised by the carers after its Placement Planning Meeting, and a
 *   Placement Support Meeting held the next working day, at which the initial support plan was
 *   reviewed (its version 2, linked to the meeting), with actions for the supervising social worker;
 * - another has two concerns (the carers' through the supervising social worker, and the Virtual
 *   School's through the child's social worker) and its meeting is being arranged (a draft): due;
 * - a third has a low concern raised today.
 * Every name is from the synthetic data; the text is neutral.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import type { Content } from '../domain/planning/content.ts';
import type { ConcernRaisedBy, ConcernSeriousness } from '../domain/records/concern.ts';
import type { GenChildEvent } from './events.ts';
import type { DemoData } from './generate.ts';
import type { GenPlanningDocument, GenPlanningVersion, PlanningRecords } from './planning.ts';
import type { GenContact, GenOrganisation } from './types.ts';
import { demoId, demoIdsFor } from './ids.ts';

export type GenConcern = {
  id: string;
  placementId: string;
  childId: string;
  eventId: string;
  whatWasSeen: string;
  raisedByRole: ConcernRaisedBy;
  raisedByName: string;
  seriousness: ConcernSeriousness;
  recordedBy: string | null;
  recordedByName: string;
  recordedAt: string;
};

export type GenConsultation = {
  id: string;
  childId: string;
  virtualSchoolId: string;
  contactId: string | null;
  consultedName: string;
  consultedOn: IsoDate;
  question: string;
  advice: string;
  recordedBy: string | null;
  recordedByName: string;
  recordedAt: string;
};

export type StabilityRecords = {
  /** The authority's Virtual School and its people. */
  virtualSchool: GenOrganisation;
  virtualSchoolContacts: GenContact[];
  consultations: GenConsultation[];
  /** The planning records with the demo's Placement Support Meetings and reviewed support plans added. */
  planning: PlanningRecords;
  events: GenChildEvent[];
  concerns: GenConcern[];
};

/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

const isWeekday = (d: IsoDate) => {
  const day = new Date(`${d}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};
/** The working day after (weekends only; the demo's window has no bank holiday that matters here). */
const nextWeekday = (d: IsoDate) => {
  let x = addDays(d, 1);
  while (!isWeekday(x)) x = addDays(x, 1);
  return x;
};

export function stabilityRecordsFrom(d: DemoData, planning: PlanningRecords): StabilityRecords {
  idFrom = demoIdsFor(d, 'stability');
  const users = new Map(d.users.map((u) => [u.id, u]));
  const children = new Map(d.children.map((c) => [c.id, c]));
  const households = new Map(d.households.map((h) => [h.id, h]));
  const carers = new Map<string, string>();
  for (const m of d.householdMembers) if (m.kind === 'carer' && !carers.has(m.householdId)) carers.set(m.householdId, `${m.firstName} ${m.lastName}`);
  const events: GenChildEvent[] = [];
  const concerns: GenConcern[] = [];
  const documents = [...planning.documents];
  const versions = [...planning.versions];
  const tasks = [...planning.tasks];

  // Placements whose initial support plan (version 1) and meeting are recorded, the earliest first.
  const supportPlans = planning.documents.filter((doc) => doc.kind === 'support_plan' && doc.issuedVersion === 1);
  const placements = new Map(d.placements.map((p) => [p.id, p]));
  const candidates = supportPlans
    .map((doc) => ({ doc, p: placements.get(doc.placementId), v: planning.versions.find((v) => v.documentId === doc.id) }))
    .filter((x): x is { doc: GenPlanningDocument; p: NonNullable<typeof x.p>; v: GenPlanningVersion } => !!x.p && !!x.v)
    .sort((a, b) => (a.v.completedOn < b.v.completedOn ? -1 : a.v.completedOn > b.v.completedOn ? 1 : a.p.id < b.p.id ? -1 : 1));

  const people = (p: { childId: string; householdId: string }) => {
    const c = children.get(p.childId);
    const h = households.get(p.householdId);
    const sw = c?.socialWorkerId ? users.get(c.socialWorkerId) : undefined;
    const ssw = h?.supervisingSocialWorkerId ? users.get(h.supervisingSocialWorkerId) : undefined;
    return { c, sw, ssw, carer: carers.get(p.householdId) ?? 'The foster carer' };
  };

  const concern = (p: { id: string; childId: string }, on: IsoDate, what: string, raisedByRole: ConcernRaisedBy, raisedByName: string, seriousness: ConcernSeriousness, by: { id: string; fullName: string } | undefined) => {
    const eventId = idFrom(`${p.id}:concern-event:${on}:${raisedByRole}`);
    const recordedAt = `${on}T15:30:00.000Z`;
    events.push({
      id: eventId,
      childId: p.childId,
      kind: 'placement_concern',
      eventDate: on,
      placementId: p.id,
      aboutChildId: null,
      periodEndsOn: null,
      evidence: `${seriousness === 'high' ? 'High' : seriousness === 'medium' ? 'Medium' : 'Low'} concern raised by ${raisedByName}, recorded in Hearth by ${by?.fullName ?? 'a worker'}`,
      recordedBy: by?.id ?? null,
      recordedAt,
      participationCode: null,
    });
    concerns.push({ id: idFrom(`${p.id}:concern:${on}:${raisedByRole}`), placementId: p.id, childId: p.childId, eventId, whatWasSeen: what, raisedByRole, raisedByName, seriousness, recordedBy: by?.id ?? null, recordedByName: by?.fullName ?? 'A worker', recordedAt });
  };

  const minutes = (x: ReturnType<typeof people>, meetingDate: IsoDate, concernText: string, ownerId: string | null): Content => ({
    meetingDate,
    meetingTime: '10:00am',
    venue: 'carers_home',
    chair: x.ssw?.fullName ?? 'The supervising social worker',
    concernsDiscussed: concernText,
    attendees: [
      { name: x.sw?.fullName ?? "The child's social worker", role: 'childs_social_worker', attendance: 'in_person', reason: '' },
      { name: x.ssw?.fullName ?? 'The supervising social worker', role: 'supervising_social_worker', attendance: 'in_person', reason: '' },
      { name: x.carer, role: 'foster_carer', attendance: 'in_person', reason: '' },
      { name: 'Virtual School teacher', role: 'virtual_school', attendance: 'video', reason: '' },
      { name: x.c?.firstName ?? 'The child', role: 'child', attendance: 'invited_absent', reason: 'Chose to give their views to the social worker beforehand' },
    ],
    goingWell: 'Settled in the home; good relationship with the carers; eating and sleeping well.',
    notGoingWell: 'Evenings after family time are hard; two late returns home.',
    childViews: 'Likes the carers; finds the journey to school long.',
    virtualSchoolAdvice: 'Keep the current school place; a mentor in school for the rest of term.',
    supportPlanReview: 'Added a school mentor and an evening check-in call after family time.',
    actions: [
      { description: 'Arrange the school mentor with the Virtual School', ownerUserId: ownerId ?? '', ownerName: ownerId ? '' : 'The supervising social worker', dueOn: addDays(meetingDate, 7) },
      { description: 'Evening check-in call after each family time', ownerUserId: '', ownerName: x.carer, dueOn: addDays(meetingDate, 14) },
    ],
  });

  // 1. A meeting held, the support plan reviewed at it.
  const held = candidates.find((x) => {
    const on = nextWeekday(x.v.completedOn);
    return nextWeekday(on) <= d.today;
  });
  if (held) {
    const x = people(held.p);
    const raised = nextWeekday(held.v.completedOn);
    const meetingOn = nextWeekday(raised);
    const seen = 'Came home two hours late after family time twice this week and would not say where they had been.';
    concern(held.p, raised, seen, 'foster_carer', x.carer, 'medium', x.ssw);
    const plan2: GenPlanningVersion = {
      ...held.v,
      id: idFrom(`${held.p.id}:support_plan:2`),
      number: 2,
      content: { ...held.v.content, needs: [...((held.v.content.needs as Record<string, string>[] | undefined) ?? []), { need: 'Evenings after family time', support: 'A check-in call from the carers after each family time; a school mentor', by: x.ssw?.fullName ?? 'The supervising social worker' }] },
      completedOn: meetingOn,
    };
    versions.push(plan2);
    const i = documents.findIndex((doc) => doc.id === held.doc.id);
    documents[i] = { ...held.doc, content: plan2.content, issuedVersion: 2, hasUnissuedChanges: false };
    const content = minutes(x, meetingOn, seen, x.ssw?.id ?? null);
    const docId = idFrom(`${held.p.id}:psm`);
    documents.push({ id: docId, placementId: held.p.id, childId: held.p.childId, kind: 'psm', content, issuedVersion: 1, hasUnissuedChanges: false, updatedBy: x.ssw?.id ?? null });
    const v: GenPlanningVersion = {
      id: idFrom(`${held.p.id}:psm:1`),
      documentId: docId,
      number: 1,
      content,
      completedOn: meetingOn,
      completedBy: x.ssw?.id ?? null,
      completedByName: x.ssw?.fullName ?? 'The supervising social worker',
      sharedOn: meetingOn,
      sharedWith: 'everyone who attended',
      acknowledgedOn: null,
      acknowledgedBy: null,
      reviewedVersionId: plan2.id,
    };
    versions.push(v);
    events.push({
      id: idFrom(`${held.p.id}:psm-held:1`),
      childId: held.p.childId,
      kind: 'psm_held',
      eventDate: meetingOn,
      placementId: held.p.id,
      aboutChildId: null,
      periodEndsOn: null,
      evidence: `Placement Support Meeting minutes version 1, completed in Hearth by ${v.completedByName}`,
      recordedBy: v.completedBy,
      recordedAt: `${meetingOn}T17:00:00.000Z`,
      participationCode: null,
    });
    (content.actions as Record<string, string>[]).forEach((a, n) =>
      tasks.push({
        id: idFrom(`${held.p.id}:psm-task:${n}`),
        placementId: held.p.id,
        childId: held.p.childId,
        sourceVersionId: v.id,
        description: a.description ?? '',
        ownerUserId: a.ownerUserId || null,
        ownerName: a.ownerUserId ? (x.ssw?.fullName ?? '') : (a.ownerName ?? ''),
        dueOn: a.dueOn ?? meetingOn,
        completedOn: null,
      }),
    );
  }

  // 2. A meeting due: two concerns, the minutes a draft.
  const due = candidates.find((x) => x !== held && x.v.completedOn < d.today);
  if (due) {
    const x = people(due.p);
    const first = addDays(d.today, -1) > due.v.completedOn ? addDays(d.today, -1) : d.today;
    const seenByCarer = 'Refusing to go to school two mornings running; upset at bedtime.';
    concern(due.p, first, seenByCarer, 'foster_carer', x.carer, 'high', x.ssw);
    concern(due.p, d.today, 'School reports the child arriving late and withdrawn in lessons.', 'virtual_school', 'Virtual School teacher (by telephone)', 'medium', x.sw);
    const draft = minutes(x, addDays(d.today, 2), seenByCarer, x.ssw?.id ?? null);
    documents.push({ id: idFrom(`${due.p.id}:psm`), placementId: due.p.id, childId: due.p.childId, kind: 'psm', content: { ...draft, goingWell: '', notGoingWell: '', supportPlanReview: '' }, issuedVersion: 0, hasUnissuedChanges: true, updatedBy: x.ssw?.id ?? null });
  }

  // 3. A low concern raised today.
  const low = candidates.find((x) => x !== held && x !== due && x.v.completedOn <= d.today);
  if (low) {
    const x = people(low.p);
    concern(low.p, d.today, 'Arguing with the carers’ son over the games console; settled after a talk.', 'supervising_social_worker', x.ssw?.fullName ?? 'The supervising social worker', 'low', x.ssw);
  }

  // The Virtual School, its head and a designated teacher, and what it advised on the two placements under strain.
  const virtualSchool: GenOrganisation = { id: idFrom('virtual-school'), kind: 'virtual_school', name: 'South Gloucestershire Virtual School (demo)', laCode: null, ofstedUrn: null, providerCode: null };
  const head: GenContact = { id: idFrom('virtual-school:head'), fullName: 'Morgan Ellery', role: 'Virtual School Head', organisationId: virtualSchool.id, organisationName: virtualSchool.name, email: 'virtual.school@demo.hearth.test', phone: null };
  const teacher: GenContact = { id: idFrom('virtual-school:teacher'), fullName: 'Rowan Pike', role: 'Education adviser', organisationId: virtualSchool.id, organisationName: virtualSchool.name, email: 'rowan.pike@demo.hearth.test', phone: null };
  const consultations: GenConsultation[] = [];
  const consult = (p: { id: string; childId: string; householdId: string }, on: IsoDate, who: GenContact, question: string, advice: string) => {
    const x = people(p);
    consultations.push({ id: idFrom(`${p.id}:consultation:${on}`), childId: p.childId, virtualSchoolId: virtualSchool.id, contactId: who.id, consultedName: who.fullName, consultedOn: on, question, advice, recordedBy: x.sw?.id ?? null, recordedByName: x.sw?.fullName ?? "The child's social worker", recordedAt: `${on}T11:00:00.000Z` });
  };
  if (held) consult(held.p, nextWeekday(held.v.completedOn), head, 'The placement is under strain in the evenings: what would help the child keep their school place if things got worse?', 'Keep the current school; the Virtual School will fund a school mentor for the rest of term and review at the personal education plan meeting.');
  if (due) consult(due.p, d.today, teacher, 'School refusal since the concerns began: is a move being considered, and what would it mean for school?', 'No move without a Placement Support Meeting first; the designated teacher will meet the child this week. A move would mean a long journey: the school place matters.');

  return { planning: { documents, versions, tasks }, events, concerns, virtualSchool, virtualSchoolContacts: [head, teacher], consultations };
}
