/**
 * Step one of matching: the hard constraints. Each one a household fails gives a reason that states
 * the fact ("Approved for ages 0–11; Sam will be 14 on 3 March 2025"); all of them are returned,
 * never just the first. A household with any reason is excluded.
 */
import { ageOn, compareDates, formatDate, type IsoDate } from '../dates.ts';
import { exemptionInForce, isEarlyPermanenceKind, PLACEMENT_KINDS, type PlacementKind } from '../records/household.ts';
import { earlyPermanenceReasons } from './dual-approval.ts';
import { fosteredSpans, placedOn, placeCounts } from './places.ts';
import { listOf, plural } from './text.ts';
import type { ArrivingPerson, MatchChild, MatchContext, MatchHousehold, MatchRequest, Reason } from './types.ts';

/** The usual fostering limit (Children Act 1989 Schedule 7 para 2). */
export const USUAL_FOSTERING_LIMIT = 3;

/** Parent-and-child placements only with carers accredited at this level or above (Parent and child fostering procedure, 6.2). */
export const PARENT_AND_CHILD_SKILL_LEVEL = 4;

const APPROVAL_REASONS = {
  in_assessment: 'Still being assessed: not yet approved as foster carers',
  on_hold: 'Approval is on hold: no child can be placed while it is',
  deregistered: 'Deregistered: no longer approved as foster carers',
} as const;

/**
 * The day the child would move in: the needed-by date, or today when that date has passed (a late
 * request is placed as soon as possible, not in the past).
 */
export function placementDate(request: { neededBy: IsoDate }, today: IsoDate): IsoDate {
  return compareDates(request.neededBy, today) < 0 ? today : request.neededBy;
}

/** The children to be placed: the request's child first, then the siblings to be placed with them. */
export function groupOf(request: MatchRequest): MatchChild[] {
  const seen = new Set<string>();
  return [request.child, ...request.siblings].filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

/** "Sam", "Sam and 2 siblings", "Mia and the parent Jade, who arrives too". */
export function groupLabel(request: MatchRequest): string {
  return entryLabel(groupOf(request), request.parentAndChild?.arriving);
}

/**
 * The request as the placement gate will see it on `date`: its children (those placed with their
 * parent who is fostered there are not fostered: no place), and anyone of its parent-and-child
 * arrangement arriving with them (a parent in care), who takes a place too.
 */
export function entryOfRequest(request: MatchRequest, date: IsoDate): Entry {
  const pc = request.parentAndChild;
  const notFostered = new Set(pc?.notFostered ?? []);
  return {
    kind: request.kind,
    date,
    children: groupOf(request).map((c) => (notFostered.has(c.id) ? { ...c, fostered: false } : c)),
    ...(pc?.arriving.length ? { arriving: pc.arriving } : {}),
  };
}

/**
 * Everyone of an entry who needs a place (and is counted towards the fostering limit, and must be
 * within the approved ages): the children fostered there, then anyone arriving with them. The one
 * rule matching, its database prefilter and the placement gate count places by.
 */
export function placeTakers(entry: Pick<Entry, 'children' | 'arriving'>): { id: string; firstName: string; dateOfBirth: IsoDate }[] {
  return [...entry.children.filter((c) => c.fostered !== false), ...(entry.arriving ?? [])];
}

const kindLabel = (k: string) => (k === 'fostering_for_adoption' ? 'fostering for adoption' : k === 'concurrent_planning' ? 'concurrent planning' : (PLACEMENT_KINDS[k as PlacementKind] ?? k).toLowerCase());

/** The household's placements other than those of the children to be placed. */
export function othersPlacements(household: Pick<MatchHousehold, 'placements'>, groupIds: ReadonlySet<string>) {
  return household.placements.filter((p) => !groupIds.has(p.childId));
}

/** Fostered children placed there on `date`, other than the children to be placed (a child placed with their parent who is fostered is not one: places.ts). */
export function fosteredThere(household: Pick<MatchHousehold, 'placements'>, date: IsoDate, exclude: ReadonlySet<string> = new Set()) {
  const seen = new Set<string>();
  return placedOn(fosteredSpans(household.placements), date).filter((p) => !exclude.has(p.childId) && (seen.has(p.childId) ? false : (seen.add(p.childId), true)));
}

/** Children (under 18 on `date`) who live there and are not fostered: the carers' own and others. */
export function otherResidentChildren(household: MatchHousehold, date: IsoDate) {
  return household.residents.filter((r) => r.kind !== 'other_adult' && (r.dateOfBirth === null || ageOn(r.dateOfBirth, date) < 18));
}

/** A household as the terms-of-approval checks read it (a MatchHousehold has all of this). */
export type TermsHousehold = Pick<MatchHousehold, 'approvalStatus' | 'approvedChildren' | 'ageMin' | 'ageMax' | 'placementKinds' | 'skillLevel' | 'placements' | 'exemptions' | 'earlyPermanence'>;

/** Children about to start living in a household together, of one kind of placement, from a date. */
export type Entry = {
  kind: PlacementKind;
  /** The day they would move in. */
  date: IsoDate;
  /**
   * The child first, then any brothers and sisters placed with them. `fostered` false: placed with
   * their parent who is fostered there, not fostered by the carers (Parent and child fostering
   * procedure, 2.2): no place, no count towards the fostering limit, no age range.
   */
  children: readonly (Pick<MatchChild, 'id' | 'firstName' | 'dateOfBirth'> & { fostered?: boolean })[];
  /**
   * People of the children's parent-and-child arrangement, not among them and not yet placed, who
   * move in with them and take places of their own: a parent in care arriving with their baby
   * (Parent and child fostering procedure, 2.1 and 2.3).
   */
  arriving?: readonly ArrivingPerson[];
};

/** "Sam", "Sam and 2 siblings"; with a parent arriving too, "Mia and the parent Jade, who arrives too". */
export function entryLabel(children: readonly { firstName: string }[], arriving: readonly Pick<ArrivingPerson, 'firstName' | 'role'>[] = []): string {
  const n = children.length - 1;
  const first = children[0]?.firstName ?? 'the child';
  const base = n <= 0 ? first : `${first} and ${plural(n, 'sibling', 'siblings')}`;
  if (!arriving.length) return base;
  const parents = arriving.filter((a) => a.role === 'parent').map((a) => a.firstName);
  const others = arriving.filter((a) => a.role !== 'parent').map((a) => a.firstName);
  const parts = [
    ...(parents.length ? [`the ${parents.length === 1 ? 'parent' : 'parents'} ${listOf(parents)}`] : []),
    ...(others.length ? [`${listOf(others)}, of the same arrangement`] : []),
  ];
  return `${base} and ${listOf(parts)}, who ${arriving.length === 1 ? 'arrives' : 'arrive'} too`;
}

/**
 * Whether the household may take these children on the date by its approval and the law, whatever
 * the request says the child needs: approval current; the kind within the terms of approval (with
 * dual approval and the early permanence facts for fostering for adoption and concurrent planning,
 * and skill level 4 for parent and child); each child's age
 * within the approved range; enough places for all of them; and the usual fostering limit of three
 * unless all are siblings or exemptions name them. Every failing condition is returned. Matching
 * (hardConstraints) and the placement gate (domain/placements/entry.ts) both use it.
 */
export function termsReasons(entry: Entry, household: TermsHousehold, ctx: { today: IsoDate; siblingLinks: MatchContext['siblingLinks'] }): Reason[] {
  const reasons: Reason[] = [];
  const date = entry.date;
  const onDate = compareDates(date, ctx.today) === 0 ? '' : ` on ${formatDate(date)}`;
  const countedOn = onDate ? ` (counted on ${formatDate(date)}, when the placement is needed)` : '';
  const group = placeTakers(entry);
  const groupIds = new Set([...entry.children, ...(entry.arriving ?? [])].map((c) => c.id));
  const label = entryLabel(entry.children, entry.arriving);

  // Approval must be current.
  if (household.approvalStatus !== 'approved') {
    reasons.push({ code: 'approval-not-current', message: `${APPROVAL_REASONS[household.approvalStatus]}.` });
  }

  // The kind of placement must be within the terms of approval. Fostering for adoption and
  // concurrent planning need dual approval, derived from both approvals being current on the date,
  // a carer full-time during the fostering phase and, for concurrent planning, the carers' signed
  // agreement to support a return home (dual-approval.ts); parent and child also needs skill
  // level 4 (Parent and child fostering procedure, 6.2).
  const approvedKinds = household.placementKinds;
  if (isEarlyPermanenceKind(entry.kind)) {
    reasons.push(...earlyPermanenceReasons(entry.kind, household.approvalStatus === 'approved', household.earlyPermanence, date));
  } else if (!approvedKinds.includes(entry.kind)) {
    reasons.push({
      code: 'kind-not-approved',
      message: approvedKinds.length
        ? `Approved for ${listOf(approvedKinds.map(kindLabel))} placements, not ${kindLabel(entry.kind)}.`
        : `No kinds of placement are recorded in the terms of approval, so not approved for ${kindLabel(entry.kind)}.`,
    });
  }
  if (entry.kind === 'parent_and_child' && household.skillLevel < PARENT_AND_CHILD_SKILL_LEVEL) {
    reasons.push({
      code: 'skill-level-too-low',
      message: `Parent-and-child placements are made only with carers accredited at skill level ${PARENT_AND_CHILD_SKILL_LEVEL} or above (Parent and child fostering procedure, 6.2); these carers are at level ${household.skillLevel}.`,
    });
  }

  // Each child's age on the placement date must be within the approved range.
  const range = household.ageMin === household.ageMax ? `age ${household.ageMin}` : `ages ${household.ageMin}–${household.ageMax}`;
  for (const c of group) {
    const age = ageOn(c.dateOfBirth, date);
    if (age < household.ageMin || age > household.ageMax) {
      const fact = onDate ? `${c.firstName} will be ${age}${onDate}, when the placement is needed` : `${c.firstName} is ${age}`;
      reasons.push({ code: 'age-outside-range', message: `Approved for ${range}; ${fact}.` });
    }
  }

  // Enough places by the terms of approval for the whole group.
  // The children's own placements there (a proposal being re-checked after a placement was planned) do not count.
  const counts = placeCounts(household, othersPlacements(household, groupIds), date);
  if (group.length > counts.free) {
    const placedText = counts.placed === 1 ? '1 is placed' : `${counts.placed} are placed`;
    const freeText = counts.free === 0 ? 'no place is free' : `only ${plural(counts.free, 'place is', 'places are')} free`;
    reasons.push({
      code: 'not-enough-places',
      message: `Approved for ${plural(counts.approved, 'child', 'children')} and ${placedText}${countedOn}, so ${freeText}; the request is for ${plural(group.length, 'child', 'children')} (${label}).`,
    });
  }

  // The usual fostering limit of three (Children Act 1989 Schedule 7), counting every fostered child
  // there after the placement.
  const existing = fosteredThere(household, date, groupIds);
  const after = [...existing.map((p) => p.childId), ...group.map((c) => c.id)];
  if (after.length > USUAL_FOSTERING_LIMIT && !allSiblings(after, groupIds, ctx.siblingLinks)) {
    const named = new Set(household.exemptions.filter((e) => exemptionInForce(e, date)).flatMap((e) => e.childIds));
    const unnamedGroup = group.filter((c) => !named.has(c.id)).map((c) => c.firstName);
    const unnamedExisting = existing.filter((p) => !named.has(p.childId)).length;
    if (unnamedGroup.length || unnamedExisting) {
      const parts = [...unnamedGroup, ...(unnamedExisting ? [`${plural(unnamedExisting, 'child', 'children')} already placed there`] : [])];
      const exemptionText = named.size
        ? `the exemption in force${onDate || ' today'} does not name ${listOf(parts, 'or')} (para 4)`
        : `no exemption is in force${onDate || ' today'} (para 4)`;
      reasons.push({
        code: 'fostering-limit',
        message: `Placing ${label} would make ${after.length} fostered children here, more than the usual fostering limit of three (Children Act 1989 Schedule 7 para 2); they are not all siblings of each other (para 3) and ${exemptionText}.`,
      });
    }
  }
  return reasons;
}

/** Every hard constraint the household fails for the request, as reasons (empty: eligible). */
export function hardConstraints(request: MatchRequest, household: MatchHousehold, ctx: MatchContext): Reason[] {
  const date = placementDate(request, ctx.today);
  const onDate = compareDates(date, ctx.today) === 0 ? '' : ` on ${formatDate(date)}`;
  const countedOn = onDate ? ` (counted on ${formatDate(date)}, when the placement is needed)` : '';
  const entry = entryOfRequest(request, date);
  const groupIds = new Set([...entry.children, ...(entry.arriving ?? [])].map((c) => c.id));
  const who = request.child.firstName;
  const reasons = termsReasons(entry, household, ctx);
  const existing = fosteredThere(household, date, groupIds);

  // What the request says the child cannot live with.
  if (request.needs.noOtherChildren) {
    const others = otherResidentChildren(household, date).length;
    if (existing.length || others) {
      const parts = [
        ...(existing.length ? [`${plural(existing.length, 'fostered child is', 'fostered children are')} placed here`] : []),
        ...(others ? [`${plural(others, 'other child lives', 'other children live')} here`] : []),
      ];
      reasons.push({ code: 'no-other-children', message: `The request says ${who} cannot live with other children; ${listOf(parts)}${countedOn}.` });
    }
  }
  if (request.needs.noPets && household.pets) {
    reasons.push({ code: 'no-pets', message: `The request says ${who} cannot live with pets; these carers have pets.` });
  }

  return reasons;
}

/**
 * Are the children all siblings of each other? The children of one request are (the request names
 * them as brothers and sisters to be placed together); other pairs need a recorded sibling link.
 */
export function allSiblings(childIds: readonly string[], groupIds: ReadonlySet<string>, links: readonly { childId: string; siblingId: string }[]): boolean {
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const linked = new Set(links.map((l) => key(l.childId, l.siblingId)));
  for (let i = 0; i < childIds.length; i++) {
    for (let j = i + 1; j < childIds.length; j++) {
      const a = childIds[i]!;
      const b = childIds[j]!;
      if (groupIds.has(a) && groupIds.has(b)) continue;
      if (!linked.has(key(a, b))) return false;
    }
  }
  return true;
}
