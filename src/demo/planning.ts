/**
 * The demo's records of placements' first weeks, consistent with the events already
 * generated (./events.ts): a placement whose meeting is recorded as held has its minutes, delegated
 * authority and agreed actions; a completed placement plan, risk assessment, support plan, carers'
 * profile or care plan has a completed version 1 on the event's date; a step not yet done has, for
 * some placements, a draft in progress. Only recent placements (started in the last RECENT_DAYS days)
 * get records: older ones were planned before Hearth, and their steps are the recorded events.
 *
 * Every name is from the synthetic data; the text is neutral and names no real person.
 */
import { addDays, type IsoDate } from '../domain/dates.ts';
import { groupBy } from '../domain/collections.ts';
import { completionProblems, parseDraft, type Content } from '../domain/planning/content.ts';
import { DELEGATED_DECISIONS, type PlanningKind } from '../domain/planning/kinds.ts';
import type { ChildEventKind } from '../domain/deadlines/types.ts';
import type { DemoData } from './generate.ts';
import { demoId, demoIdsFor } from './ids.ts';

export const RECENT_DAYS = 14;

/** The records of the first weeks (the Placement Support Meeting comes later: ./stability.ts). */
type FirstWeeksKind = Exclude<PlanningKind, 'psm'>;

export type GenPlanningDocument = {
  id: string;
  placementId: string;
  childId: string;
  kind: PlanningKind;
  content: Content;
  issuedVersion: number;
  hasUnissuedChanges: boolean;
  updatedBy: string | null;
};
export type GenPlanningVersion = {
  id: string;
  documentId: string;
  number: number;
  content: Content;
  completedOn: IsoDate;
  completedBy: string | null;
  completedByName: string;
  sharedOn: IsoDate | null;
  sharedWith: string | null;
  acknowledgedOn: IsoDate | null;
  acknowledgedBy: string | null;
  /** For a Placement Support Meeting: the initial support plan version reviewed at it (./stability.ts). */
  reviewedVersionId?: string | null;
};
export type GenPlacementTask = {
  id: string;
  placementId: string;
  childId: string;
  sourceVersionId: string;
  description: string;
  ownerUserId: string | null;
  ownerName: string;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
};
export type PlanningRecords = { documents: GenPlanningDocument[]; versions: GenPlanningVersion[]; tasks: GenPlacementTask[] };

/** This module's record ids for the authority being made (./ids.ts): set as each call begins. */
let idFrom: (name: string) => string = (name) => demoId('', name);

export function planningRecordsFrom(d: DemoData): PlanningRecords {
  idFrom = demoIdsFor(d, 'planning');
  const out: PlanningRecords = { documents: [], versions: [], tasks: [] };
  const users = new Map(d.users.map((u) => [u.id, u]));
  const children = new Map(d.children.map((c) => [c.id, c]));
  const households = new Map(d.households.map((h) => [h.id, h]));
  const since = addDays(d.today, -RECENT_DAYS);
  const recent = d.placements.filter((p) => p.status === 'active' && p.startDate >= since && p.startDate <= d.today);
  // Looked up by household and child, not searched for each placement: a large authority has millions of events.
  const recentChildren = new Set(recent.map((p) => p.childId));
  const membersByHousehold = groupBy(d.householdMembers, (m) => m.householdId);
  const eventsByChild = groupBy(
    d.childEvents.filter((e) => recentChildren.has(e.childId)),
    (e) => e.childId,
  );
  for (const p of recent) {
    const c = children.get(p.childId);
    const h = households.get(p.householdId);
    if (!c || !h) continue;
    const members = membersByHousehold.get(h.id) ?? [];
    const carers = members.filter((m) => m.kind === 'carer').map((m) => `${m.firstName} ${m.lastName}`);
    const others = members.filter((m) => m.kind !== 'carer').map((m) => `${m.firstName} ${m.lastName}`);
    const sw = c.socialWorkerId ? users.get(c.socialWorkerId) : undefined;
    const ssw = h.supervisingSocialWorkerId ? users.get(h.supervisingSocialWorkerId) : undefined;
    const swName = sw?.fullName ?? "The child's social worker";
    const sswName = ssw?.fullName ?? 'The supervising social worker';
    const eventDate = (kind: ChildEventKind) =>
      (eventsByChild.get(c.id) ?? []).filter((e) => e.kind === kind && (e.placementId === p.id || (kind === 'care_plan_completed' && e.eventDate >= p.startDate))).map((e) => e.eventDate).sort()[0] ?? null;
    const ppmDate = eventDate('ppm_held');
    const profileOn = eventDate('carer_profile_shared');
    const careOn = eventDate('care_plan_completed');
    const content = contentFor({
      childFirstName: c.firstName,
      carers,
      others,
      swName,
      sswName,
      start: p.startDate,
      meetingDate: ppmDate ?? p.startDate,
      profileOn: profileOn ?? addDays(p.startDate, -2),
      carePlanOn: careOn ?? p.startDate,
      today: d.today,
      userIds: { sw: sw?.id ?? null },
    });
    const add = (kind: FirstWeeksKind, on: IsoDate | null, by: { id: string | null; name: string }, extra: Partial<GenPlanningVersion> = {}) => {
      const body = content[kind];
      const docId = idFrom(`${p.id}:${kind}`);
      out.documents.push({ id: docId, placementId: p.id, childId: c.id, kind, content: body, issuedVersion: on ? 1 : 0, hasUnissuedChanges: !on, updatedBy: by.id });
      if (!on) return null;
      const v: GenPlanningVersion = {
        id: idFrom(`${p.id}:${kind}:1`),
        documentId: docId,
        number: 1,
        content: body,
        completedOn: on,
        completedBy: by.id,
        completedByName: by.name,
        sharedOn: null,
        sharedWith: null,
        acknowledgedOn: null,
        acknowledgedBy: null,
        ...extra,
      };
      out.versions.push(v);
      return v;
    };
    const bySw = { id: sw?.id ?? null, name: swName };
    const bySsw = { id: ssw?.id ?? null, name: sswName };
    if (!p.emergency) {
      add('carer_profile', profileOn, bySw);
      add('introductions', addDays(p.startDate, -1), bySw);
    }
    if (ppmDate) {
      add('delegated_authority', ppmDate, bySw, { sharedOn: ppmDate, sharedWith: carers.join(' and ') || 'The carers' });
      const minutes = add('ppm', ppmDate, bySsw, { sharedOn: ppmDate, sharedWith: 'everyone who attended' });
      if (minutes) {
        (content.ppm.actions as Record<string, string>[]).forEach((a, i) => {
          out.tasks.push({
            id: idFrom(`${p.id}:task:${i}`),
            placementId: p.id,
            childId: c.id,
            sourceVersionId: minutes.id,
            description: a.description ?? '',
            ownerUserId: a.ownerUserId || null,
            ownerName: a.ownerUserId ? swName : (a.ownerName ?? ''),
            dueOn: a.dueOn ?? ppmDate,
            completedOn: i === 0 && (a.dueOn ?? d.today) < d.today ? a.dueOn! : null,
          });
        });
      }
    } else if (p.startDate >= addDays(d.today, -3)) {
      // The meeting is being arranged: a draft with the people to invite.
      add('ppm', null, bySsw);
    }
    const planOn = eventDate('placement_plan_completed');
    add('placement_plan', planOn, bySw, planOn ? { sharedOn: planOn, sharedWith: carers.join(' and ') || 'The carers' } : {});
    const riskOn = eventDate('risk_assessment_completed');
    if (riskOn || ppmDate) add('risk_assessment', riskOn, bySsw);
    const supportOn = eventDate('support_plan_completed');
    if (supportOn) add('support_plan', supportOn, bySsw);
    if (careOn) add('care_plan', careOn, bySw, { sharedOn: careOn, sharedWith: 'The parents, the carers and the IRO' });
  }
  return out;
}

type ContentInput = {
  childFirstName: string;
  carers: string[];
  others: string[];
  swName: string;
  sswName: string;
  start: IsoDate;
  meetingDate: IsoDate;
  profileOn: IsoDate;
  carePlanOn: IsoDate;
  today: IsoDate;
  userIds: { sw: string | null };
};

function contentFor(x: ContentInput): Record<FirstWeeksKind, Content> {
  const carersText = x.carers.join(' and ') || 'the carers';
  return {
    carer_profile: {
      profileType: 'carer_profile',
      carersAgreed: 'yes',
      sharedOn: x.profileOn,
      sharedHow: 'Read together at a visit, with the photos of the house and the garden',
      childViews: `${x.childFirstName} liked the photo of the garden and asked whether there would be a bedroom of their own.`,
      viewsRecordedOn: x.profileOn,
    },
    introductions: {
      introductions: [
        { kind: 'call', date: addDays(x.start, -3), status: 'held', notes: 'Video call with the carers' },
        { kind: 'phased_visit', date: addDays(x.start, -2), status: 'held', notes: 'Tea after school' },
        { kind: 'overnight_stay', date: addDays(x.start, -1), status: 'cancelled', notes: 'Moved straight to the placement instead' },
      ],
    },
    ppm: {
      meetingDate: x.meetingDate,
      meetingTime: '10:00am',
      venue: 'carers_home',
      venueDetail: '',
      chair: x.sswName,
      attendees: [
        ...x.carers.map((name) => ({ name, role: 'foster_carer', attendance: 'in_person', reason: '' })),
        { name: x.swName, role: 'childs_social_worker', attendance: 'video', reason: '' },
        { name: x.sswName, role: 'supervising_social_worker', attendance: 'in_person', reason: '' },
        { name: x.childFirstName, role: 'child', attendance: 'in_person', reason: '' },
        { name: 'Birth mother', role: 'birth_parent', attendance: 'invited_absent', reason: 'Could not attend; the social worker will share the minutes with her' },
      ],
      routines: 'Up at 7am, breakfast together; bath and a story before bed at 8pm.',
      health: 'Registered with the family GP this week; dental check-up to be booked.',
      school: 'Stays at the current school; the carers will drive until transport is arranged. The Virtual School has been told.',
      familyTime: 'Family time with mother twice a week, supervised at the family centre.',
      friends: 'Can see school friends at weekends; the carers will meet parents first.',
      hobbies: 'Swimming on Saturday mornings and football club on Wednesdays.',
      safeguarding: 'No unsupervised contact with the mother’s former partner, as the court has directed.',
      householdSupport: `${carersText} asked for a weekly check-in call for the first month.`,
      background: 'The chronology and the latest assessment were shared and discussed.',
      childWishes: `${x.childFirstName} wants to keep going to the same school and to see their brother.`,
      plansShared: 'yes',
      delegatedAuthorityConfirmed: 'yes',
      actions: [
        { description: 'Book a dental check-up', ownerUserId: '', ownerName: x.carers[0] ?? 'Foster carer', dueOn: addDays(x.meetingDate, 7) },
        { description: 'Arrange school transport', ownerUserId: x.userIds.sw ?? '', ownerName: x.userIds.sw ? '' : x.swName, dueOn: addDays(x.meetingDate, 10) },
      ],
    },
    placement_plan: {
      purpose: 'A safe, stable home while the assessments are completed and the plan for permanence is made.',
      dayToDay: 'The carers manage day-to-day care and routines as agreed at the Placement Planning Meeting.',
      health: 'Registered with the carers’ GP; initial health assessment requested.',
      education: 'Stays at the current school; personal education plan meeting due this term.',
      contact: 'Family time with mother twice a week, supervised.',
      delegatedAuthority: 'As on the delegated authority record agreed at the meeting.',
      support: 'Weekly supervising social worker contact for the first month; the child’s social worker visits within a week.',
      childWishes: `${x.childFirstName} wants to stay at the same school and see their brother often.`,
    },
    care_plan: {
      completedOn: x.carePlanOn,
      whereHeld: 'Care plan on the case record',
      agreedWithParent: 'yes',
      notes: '',
    },
    risk_assessment: {
      riskToSelf: 'Low. Can become withdrawn when upset; the carers will check in after family time.',
      riskFromOthers: 'The mother’s former partner: no unsupervised contact (court direction).',
      riskToOthers: 'Low. May lash out when frightened; calm space agreed.',
      householdImpact: 'A busy household; the carers will keep one-to-one time with each child.',
      people: [...x.carers, ...x.others].map((person) => ({ person, impact: 'Told about the routines and who to go to with worries.' })),
      parentViews: 'Mother agrees with the plan and asked to be told about any illness.',
      childViews: 'Would like a quiet place to go when angry, and a night light.',
      strategies: 'Quiet space agreed; school told of the court direction; the carers will collect from school.',
      reviewOn: addDays(x.today, 90),
    },
    delegated_authority: {
      occasion: 'placement_planning_meeting',
      childViews: `${x.childFirstName} would like the carers to sign school trip forms.`,
      decisions: Object.keys(DELEGATED_DECISIONS)
        .filter((k) => k !== 'other')
        .map((area) => {
          const notDelegated = area === 'holidays_abroad';
          return { area, detail: '', decider: notDelegated ? 'parent' : 'both_carers', namedCarer: '', reason: notDelegated ? 'The mother holds parental responsibility and wishes to decide' : '', parentUnderstands: 'yes' };
        }),
    },
    support_plan: {
      needs: [
        { need: 'Settling into a new home', support: 'Weekly supervising social worker contact for the first month', by: x.sswName },
        { need: 'Keeping the school place', support: 'Transport and Virtual School advice', by: x.swName },
      ],
      extraFocus: 'Extra check-ins after family time and at school for the first six weeks.',
    },
  };
}

/** Checks the demo's content against the domain's own rules (the generator's tests call it). */
export function demoContentProblems(kind: PlanningKind, content: Content, today: IsoDate): string[] {
  const parsed = parseDraft(kind, content);
  return [...parsed.problems, ...completionProblems(kind, parsed.content, { today, delegatedAuthorityCompleted: true, meetingHeldOn: today, extraFocusReasons: ['demo'] })].map((p) => `${p.field}: ${p.message}`);
}
