import type { Db, DbOrTx } from '../data/db.ts';
import * as children from '../data/repositories/children.ts';
import { familyMembersOfChild, setFamilyMembersOfChild } from '../data/repositories/parent-and-child.ts';
import { findOrganisationKind } from '../data/repositories/organisations.ts';
import { activeUsersWithRole, activeUsersWithRoles, activeUsersWithRolesInTeam, findUserRoleAndActive, findUserSweNumber } from '../data/repositories/users.ts';
import { mapPage, readPage, type Listed, type Paging } from './paging.ts';
import { writeAudit } from '../audit/writer.ts';
import { assertChildAccessNow } from '../audit/caseload.ts';
import { mayReallocate, REALLOCATE_MESSAGE } from '../domain/access/caseload.ts';
import { accessActor, readableChildren } from '../data/repositories/caseload.ts';
import { ageOn, todayInEngland, type IsoDate } from '../domain/dates.ts';
import {
  LegalStatusInput,
  SW_CHANGE_REASON_MESSAGE,
  asksSocialWorkerChangeReason,
  endLegalStatusInputOn,
  missingInputOn,
  socialWorkerReturnId,
  SiblingByIdInput,
  SiblingByReferenceInput,
  childInputOn,
  childReference,
  currentLegalStatus,
  endLegalStatusProblems,
  legalStatusProblems,
  siblingPair,
  type ChildInput,
} from '../domain/records/child.ts';
import { CATEGORY_OF_NEED, LEGAL_STATUS, UPN_UNKNOWN_CODES } from '../domain/ssda903/codes.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import { isUuid } from '../domain/ids.ts';
import { nameRecordedAfter } from '../domain/records/children-details.ts';

/** A child with their family members (people of their own: ../data/repositories/parent-and-child.ts), by name and relationship. */
export type Child = children.ChildRow & { familyMembers: { id: string; name: string; relationship: string }[] };
export type LegalStatusRow = children.LegalStatusRow;
export type CareEndingRow = children.CareEndingRow;
export type MissingRow = children.MissingRow;
export type SocialWorkerEpisodeRow = children.SocialWorkerEpisodeRow;

export type ChildFilter = {
  q?: string | undefined;
  responsibleAuthorityId?: string | undefined;
  socialWorkerId?: string | undefined;
  /** The allocated independent reviewing officer (user id). */
  iroId?: string | undefined;
  categoryOfNeed?: string | undefined;
  /** The current SSDA903 legal status code. */
  legalStatus?: string | undefined;
  /** Leave out the children who have left care (leftCareBy); otherwise every child. */
  inCare?: boolean | undefined;
};

export type ChildListItem = {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  /** False while the name is the import's placeholder ("Child <CHILD>"): the return holds no names. */
  nameRecorded: boolean;
  dateOfBirth: IsoDate;
  age: number;
  upn: string;
  responsibleAuthorityId: string;
  responsibleAuthorityName: string | null;
  socialWorkerId: string | null;
  socialWorkerName: string | null;
  iroId: string | null;
  iroName: string | null;
  categoryOfNeed: string;
  currentLegalStatus: string | null;
};

/** Roles that may be a child's allocated social worker. */
export const ALLOCATABLE_ROLES = ['social_worker', 'team_manager'] as const;

/** The role that may be a child's independent reviewing officer. */
export const IRO_ROLE = 'iro' as const;

export type ChildPage = Listed<ChildListItem> & { filter: ChildFilter };


export type ChildServiceOptions = {
  /** Today's date in England; the service reads the clock here, never the domain. */
  today?: () => IsoDate;
};

export function createChildService(db: Db, opts: ChildServiceOptions = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  /** Filters from a query string: anything unknown is ignored rather than sent to the database. */
  function cleanFilter(filter: ChildFilter): ChildFilter {
    return {
      q: filter.q?.trim().slice(0, 100) || undefined,
      responsibleAuthorityId: filter.responsibleAuthorityId && isUuid(filter.responsibleAuthorityId) ? filter.responsibleAuthorityId : undefined,
      socialWorkerId: filter.socialWorkerId && isUuid(filter.socialWorkerId) ? filter.socialWorkerId : undefined,
      iroId: filter.iroId && isUuid(filter.iroId) ? filter.iroId : undefined,
      categoryOfNeed: filter.categoryOfNeed && filter.categoryOfNeed in CATEGORY_OF_NEED ? filter.categoryOfNeed : undefined,
      legalStatus: filter.legalStatus && filter.legalStatus in LEGAL_STATUS ? filter.legalStatus : undefined,
      inCare: filter.inCare === true ? true : undefined,
    };
  }

  /** The list's rows with each child's age and current legal status on `day`. */
  async function withLegalStatus(tx: DbOrTx, rows: Awaited<ReturnType<typeof children.listChildren>>, day: IsoDate): Promise<ChildListItem[]> {
    const periods = rows.length
      ? await children.legalStatusesOfChildren(
          tx,
          rows.map((r) => r.id),
        )
      : [];
    const byChild = new Map<string, LegalStatusRow[]>();
    for (const p of periods) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
    return rows.map((r) => ({
      ...r,
      age: ageOn(r.dateOfBirth, day),
      currentLegalStatus: currentLegalStatus(byChild.get(r.id) ?? [], day)?.code ?? null,
    }));
  }

  /**
   * One page of the children matching a filter, by name, and how many match in all (the list page, 50
   * a page; the API, up to 500). A page past the last shows the last.
   */
  async function list(ctx: Ctx, rawFilter: ChildFilter = {}, paging: Paging = {}): Promise<ChildPage> {
    const filter = cleanFilter(rawFilter);
    const day = today();
    return db.transaction(async (tx) => {
      // Only the children the person may read: counts and pages are of those (caseload access).
      const where = ctx.actor ? { ...filter, readable: readableChildren(await accessActor(tx, ctx.actor), new Date()) } : filter;
      const listed = await readPage(
        paging,
        () => children.countChildren(tx, where, day),
        (limit, offset) => children.listChildren(tx, where, day, limit, offset),
      );
      const page = await mapPage(listed, (rows) => withLegalStatus(tx, rows, day));
      await writeAudit(tx, ctx, {
        action: 'child.listed',
        subjectType: 'child',
        details: { filter, count: page.items.length, total: page.total, page: page.page },
        childIds: page.items.map((c) => c.id),
      });
      return { ...page, filter };
    });
  }

  async function get(ctx: Ctx, id: string, purpose: 'view' | 'edit' = 'view') {
    const day = today();
    return db.transaction(async (tx) => {
      const row = await children.findChildWithNames(tx, id);
      if (!row) throw new NotFoundError('Child');
      const legalStatuses = await children.legalStatusesOfChild(tx, id);
      const links = await children.siblingLinksOfChild(tx, id);
      const siblingIds = links.map((l) => (l.childId === id ? l.siblingId : l.childId));
      const siblings = siblingIds.length ? await children.childrenByBirthDate(tx, siblingIds) : [];
      const placements = await children.placementsOfChild(tx, id);
      const careEndings = await children.careEndingsOfChild(tx, id);
      const missingPeriods = await children.missingPeriodsOfChild(tx, id);
      const socialWorkerEpisodes = await children.socialWorkerEpisodesOfChild(tx, id);
      const family = await familyMembersOfChild(tx, id);
      // The page names the child's siblings too.
      await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: id, childIds: siblingIds, ...(purpose === 'edit' ? { details: { purpose } } : {}) });
      return {
        ...row.child,
        familyMembers: family.map((m) => ({ id: m.id, name: m.name, relationship: m.relationship })),
        age: ageOn(row.child.dateOfBirth, day),
        responsibleAuthorityName: row.responsibleAuthorityName,
        socialWorkerName: row.socialWorkerName,
        iroName: row.iroName,
        legalStatuses,
        currentLegalStatus: currentLegalStatus(legalStatuses, day),
        siblings,
        placements,
        careEndings,
        missingPeriods,
        socialWorkerEpisodes: socialWorkerEpisodes.map((r) => ({ ...r.episode, socialWorkerName: r.name })),
      };
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<Child> {
    const day = today();
    const { socialWorkerChangeReason, familyMembers, ...input } = parseInput(childInputOn(day), raw);
    if (socialWorkerChangeReason) throw new ValidationError([{ field: 'socialWorkerChangeReason', message: 'A new child has no earlier social worker: leave the reason blank' }]);
    return db.transaction(async (tx) => {
      await assertReferences(tx, { ...input, familyMembers }, null);
      // A new child is allocated by a manager, or by the social worker to themselves (caseload access).
      if (ctx.actor && !mayReallocate(ctx.actor.role) && input.socialWorkerId && input.socialWorkerId !== ctx.actor.userId) throw new ForbiddenError(REALLOCATE_MESSAGE);
      const reference = input.reference ?? (await freeReference(tx));
      const inserted = await children.insertChild(tx, { ...input, reference });
      // A new child has no linked siblings yet: each family member is a new person (linking a sibling later shares them by name).
      await setFamilyMembersOfChild(tx, inserted.id, familyMembers ?? [], []);
      const row: Child = { ...inserted, familyMembers: (await familyMembersOfChild(tx, inserted.id)).map((m) => ({ id: m.id, name: m.name, relationship: m.relationship })) };
      // The first social worker episode (SSDA903 SWEpisodes) starts with the allocation.
      if (row.socialWorkerId) await openSocialWorkerEpisode(tx, row.id, row.socialWorkerId, day);
      await writeAudit(tx, ctx, { action: 'child.created', subjectType: 'child', subjectId: row.id, details: { reference, ...(row.socialWorkerId ? { socialWorkerId: row.socialWorkerId } : {}) } });
      return row;
    });
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const day = today();
    const { socialWorkerChangeReason, familyMembers, ...input } = parseInput(childInputOn(day), raw);
    await db.transaction(async (tx) => {
      const current = await children.lockChildAllocation(tx, id);
      if (!current) throw new NotFoundError('Child');
      // Caseload access as the record stands before the change (a change of allocation moves it).
      await assertChildAccessNow(tx, ctx.actor, id, 'write');
      await assertReferences(tx, { ...input, familyMembers }, id);
      const changed = current.socialWorkerId !== input.socialWorkerId;
      const iroChanged = input.iroId !== undefined && current.iroId !== input.iroId;
      if ((changed || iroChanged) && ctx.actor && !mayReallocate(ctx.actor.role)) throw new ForbiddenError(REALLOCATE_MESSAGE);
      // A stale form is reported as stale, not as a missing reason for a change it did not make.
      if (current.version === version) {
        if (changed && current.socialWorkerId !== null && !socialWorkerChangeReason && asksSocialWorkerChangeReason(day)) {
          throw new ValidationError([{ field: 'socialWorkerChangeReason', message: SW_CHANGE_REASON_MESSAGE }]);
        }
        if (!changed && socialWorkerChangeReason) {
          throw new ValidationError([{ field: 'socialWorkerChangeReason', message: 'The social worker has not changed: leave the reason blank' }]);
        }
      }
      const { reference, ...rest } = input;
      // A blank reference keeps the current one; other names and family members not sent are kept as they are.
      const values = Object.fromEntries(Object.entries(reference === null ? rest : { ...rest, reference }).filter(([, v]) => v !== undefined));
      // An imported child's placeholder name is recorded once it is changed (children-details.ts).
      if (!current.nameRecorded && nameRecordedAfter(current, input)) values.nameRecorded = true;
      const result = await children.updateChild(tx, id, version, values);
      if (result === 'missing') throw new NotFoundError('Child');
      if (result === 'stale') throw new StaleRecordError('Child');
      if (familyMembers !== undefined) {
        // A parent already recorded for a linked sibling is the same person (reused by name).
        const links = await children.siblingLinksOfChild(tx, id);
        await setFamilyMembersOfChild(tx, id, familyMembers, links.map((l) => (l.childId === id ? l.siblingId : l.childId)));
      }
      if (changed) {
        // SSDA903 SWEpisodes: the open episode ends today with the reason; the new worker's begins.
        await children.endOpenSocialWorkerEpisode(tx, id, day, socialWorkerChangeReason);
        if (input.socialWorkerId) await openSocialWorkerEpisode(tx, id, input.socialWorkerId, day);
      }
      await writeAudit(tx, ctx, {
        action: 'child.updated',
        subjectType: 'child',
        subjectId: id,
        details: {
          fields: [...Object.keys(values), ...(familyMembers !== undefined ? ['familyMembers'] : [])],
          ...(changed ? { socialWorker: { from: current.socialWorkerId, to: input.socialWorkerId, reason: socialWorkerChangeReason } } : {}),
        },
      });
    });
  }

  /** Locks the child's row so that two changes to one child's history are checked one after the other. */
  async function lockChild(tx: DbOrTx, id: string) {
    const row = await children.lockChildBirthDate(tx, id);
    if (!row) throw new NotFoundError('Child');
    return row;
  }

  async function addLegalStatus(ctx: Ctx, childId: string, raw: unknown): Promise<LegalStatusRow> {
    const input = parseInput(LegalStatusInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      const c = await lockChild(tx, childId);
      const existing = await children.legalStatusesOfChildUnordered(tx, childId);
      const problems = legalStatusProblems(input, existing, c, day);
      if (problems.length) throw new ValidationError(problems);
      const row = await children.insertLegalStatus(tx, { childId, ...input });
      await writeAudit(tx, ctx, {
        action: 'child.legal-status.added',
        subjectType: 'child',
        subjectId: childId,
        details: { legalStatusId: row.id, code: row.code, startDate: row.startDate, endDate: row.endDate },
      });
      return row;
    });
  }

  async function endLegalStatus(ctx: Ctx, childId: string, statusId: string, raw: unknown): Promise<LegalStatusRow> {
    const day = today();
    const input = parseInput(endLegalStatusInputOn(day), raw);
    return db.transaction(async (tx) => {
      await lockChild(tx, childId);
      const period = await children.findLegalStatusOfChild(tx, childId, statusId);
      if (!period) throw new NotFoundError('Legal status');
      const problems = endLegalStatusProblems(period, input.endDate, day);
      if (problems.length) throw new ValidationError(problems);
      if (input.careEndedReason) {
        // The period of care ends only when no legal status follows (SSDA903 REC on its last episode).
        const following = await children.legalStatusStartingOn(tx, childId, input.endDate);
        if (following) {
          throw new ValidationError([{ field: 'careEndedReason', message: `The legal status ${following.code} starts on the end date, so the period of care goes on: leave the reason blank` }]);
        }
        if (await children.careEndingOn(tx, childId, input.endDate)) throw new ValidationError([{ field: 'careEndedReason', message: 'Why the period of care ended on this date is already recorded' }]);
      }
      const row = await children.endLegalStatusOn(tx, statusId, input.endDate);
      if (!row) throw new NotFoundError('Legal status');
      await writeAudit(tx, ctx, {
        action: 'child.legal-status.ended',
        subjectType: 'child',
        subjectId: childId,
        details: { legalStatusId: row.id, code: row.code, endDate: row.endDate },
      });
      if (input.careEndedReason) {
        const ending = await children.insertCareEnding(tx, { childId, endedOn: input.endDate, reason: input.careEndedReason, recordedBy: ctx.actor?.userId ?? null });
        await writeAudit(tx, ctx, {
          action: 'care-ending.recorded',
          subjectType: 'child',
          subjectId: childId,
          details: { careEndingId: ending.id, endedOn: ending.endedOn, reason: ending.reason },
        });
      }
      return row;
    });
  }

  /** The child's missing and away-without-authorisation periods, oldest first. */
  async function listMissing(ctx: Ctx, childId: string): Promise<MissingRow[]> {
    return db.transaction(async (tx) => {
      if (!(await children.childExists(tx, childId))) throw new NotFoundError('Child');
      const rows = await children.missingPeriodsOfChild(tx, childId);
      await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: childId, details: { part: 'missing' } });
      return rows;
    });
  }

  /** Record a missing (M) or away-without-authorisation (A) period; audited 'missing.recorded'. */
  async function addMissing(ctx: Ctx, childId: string, raw: unknown): Promise<MissingRow> {
    const day = today();
    const input = parseInput(missingInputOn(day), raw);
    return db.transaction(async (tx) => {
      const c = await lockChild(tx, childId);
      assertMissingAfterBirth(input.startedOn, c.dateOfBirth);
      const row = await children.insertMissingPeriod(tx, { childId, kind: input.kind as 'M' | 'A', startedOn: input.startedOn, endedOn: input.endedOn, recordedBy: ctx.actor?.userId ?? null });
      await writeAudit(tx, ctx, { action: 'missing.recorded', subjectType: 'child', subjectId: childId, details: { missingId: row.id, kind: row.kind, startedOn: row.startedOn, endedOn: row.endedOn } });
      return row;
    });
  }

  /** Change or end a missing period (send the version you read); audited 'missing.updated'. */
  async function updateMissing(ctx: Ctx, childId: string, missingId: string, version: number, raw: unknown): Promise<MissingRow> {
    const day = today();
    const input = parseInput(missingInputOn(day), raw);
    return db.transaction(async (tx) => {
      const c = await lockChild(tx, childId);
      const current = await children.findMissingPeriodOfChild(tx, childId, missingId);
      if (!current) throw new NotFoundError('Missing period');
      assertMissingAfterBirth(input.startedOn, c.dateOfBirth);
      const row = await children.updateMissingPeriod(tx, missingId, version, { kind: input.kind as 'M' | 'A', startedOn: input.startedOn, endedOn: input.endedOn });
      if (!row) throw new StaleRecordError('Missing period');
      const fields = (['kind', 'startedOn', 'endedOn'] as const).filter((k) => current[k] !== row[k]);
      await writeAudit(tx, ctx, { action: 'missing.updated', subjectType: 'child', subjectId: childId, details: { missingId, fields, kind: row.kind, startedOn: row.startedOn, endedOn: row.endedOn } });
      return row;
    });
  }

  /** Link two children as siblings: by the sibling's child reference (pages) or id (API). */
  async function linkSibling(ctx: Ctx, childId: string, raw: unknown, by: 'reference' | 'id' = 'reference'): Promise<{ siblingId: string }> {
    const field = by === 'reference' ? 'siblingReference' : 'siblingId';
    const where =
      by === 'reference' ? { reference: parseInput(SiblingByReferenceInput, raw).siblingReference } : { id: parseInput(SiblingByIdInput, raw).siblingId.toLowerCase() };
    return db.transaction(async (tx) => {
      await lockChild(tx, childId);
      const siblingId = await children.findChildIdBy(tx, where);
      const sibling = siblingId === undefined ? undefined : { id: siblingId };
      if (!sibling) throw new ValidationError([{ field, message: 'There is no child with this reference' }]);
      if (sibling.id === childId) throw new ValidationError([{ field, message: 'A child cannot be their own sibling' }]);
      const pair = siblingPair(childId, sibling.id);
      if (await children.siblingLinkExists(tx, pair)) throw new ValidationError([{ field, message: 'These children are already linked as siblings' }]);
      await children.insertSiblingLink(tx, pair);
      for (const [subject, other] of [[childId, sibling.id], [sibling.id, childId]] as const) {
        await writeAudit(tx, ctx, { action: 'child.sibling.linked', subjectType: 'child', subjectId: subject, details: { siblingId: other } });
      }
      return { siblingId: sibling.id };
    });
  }

  async function unlinkSibling(ctx: Ctx, childId: string, siblingId: string): Promise<void> {
    const pair = siblingPair(childId, siblingId);
    await db.transaction(async (tx) => {
      if (!(await children.deleteSiblingLink(tx, pair))) throw new NotFoundError('Sibling link');
      for (const [subject, other] of [[childId, siblingId], [siblingId, childId]] as const) {
        await writeAudit(tx, ctx, { action: 'child.sibling.unlinked', subjectType: 'child', subjectId: subject.toLowerCase(), details: { siblingId: other.toLowerCase() } });
      }
    });
  }

  /**
   * The people the children list can be filtered by: the social workers and independent reviewing
   * officers of a team (the viewer's), and any already chosen. Every worker of a national-scale
   * authority (thousands) would make each list page hundreds of kilobytes.
   */
  async function listFilterPeople(teamId: string | null, chosen: readonly (string | undefined)[]) {
    const ids = chosen.filter((id): id is string => id !== undefined && isUuid(id));
    const [workers, iros] = await Promise.all([activeUsersWithRolesInTeam(db, ALLOCATABLE_ROLES, teamId, ids), activeUsersWithRolesInTeam(db, [IRO_ROLE], teamId, ids)]);
    return { workers, iros };
  }

  /** Staff who may be allocated as a child's social worker. */
  async function socialWorkerOptions() {
    return activeUsersWithRoles(db, ALLOCATABLE_ROLES);
  }

  /** Staff who may be allocated as a child's independent reviewing officer. */
  async function iroOptions() {
    return activeUsersWithRole(db, IRO_ROLE);
  }

  /**
   * The child's responsible authority, social worker and independent reviewing officer must exist
   * and fit; the UPN and reference must be free.
   */
  async function assertReferences(tx: DbOrTx, input: Omit<ChildInput, 'socialWorkerChangeReason'>, exceptId: string | null) {
    const errors: { field: string; message: string }[] = [];
    const la = await findOrganisationKind(tx, input.responsibleAuthorityId);
    if (!la || la.kind !== 'local_authority') errors.push({ field: 'responsibleAuthorityId', message: 'Select a local authority as the responsible authority' });
    if (input.socialWorkerId) {
      const sw = await findUserRoleAndActive(tx, input.socialWorkerId);
      if (!sw || !sw.active || !(ALLOCATABLE_ROLES as readonly string[]).includes(sw.role)) {
        errors.push({ field: 'socialWorkerId', message: 'Select a social worker or team manager' });
      }
    }
    if (input.iroId) {
      const officer = await findUserRoleAndActive(tx, input.iroId);
      if (!officer || !officer.active || officer.role !== IRO_ROLE) {
        errors.push({ field: 'iroId', message: 'Select an independent reviewing officer' });
      }
    }
    if (!(input.upn in UPN_UNKNOWN_CODES)) {
      const clash = await children.findChildIdByUpn(tx, input.upn);
      if (clash && clash !== exceptId) errors.push({ field: 'upn', message: 'Another child already has this UPN' });
    }
    if (input.reference) {
      const clash = await children.findChildIdBy(tx, { reference: input.reference });
      if (clash && clash !== exceptId) errors.push({ field: 'reference', message: 'Another child already has this reference' });
    }
    if (errors.length) throw new ValidationError(errors);
  }

  async function freeReference(tx: DbOrTx): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const candidate = childReference(Math.random());
      const clash = await children.findChildIdBy(tx, { reference: candidate });
      if (!clash) return candidate;
    }
    throw new Error('could not find a free child reference');
  }

  return { list, listFilterPeople, get, create, update, addLegalStatus, endLegalStatus, listMissing, addMissing, updateMissing, linkSibling, unlinkSibling, socialWorkerOptions, iroOptions, today };
}

function assertMissingAfterBirth(startedOn: IsoDate, dateOfBirth: IsoDate) {
  if (startedOn < dateOfBirth) throw new ValidationError([{ field: 'startedOn', message: 'The start date must be on or after the date of birth' }]);
}

/** Open a social worker episode for `userId` from `day`, identified by their SWE number or an XX id. */
async function openSocialWorkerEpisode(tx: DbOrTx, childId: string, userId: string, day: IsoDate) {
  const worker = await findUserSweNumber(tx, userId);
  if (!worker) throw new ValidationError([{ field: 'socialWorkerId', message: 'Select a social worker or team manager' }]);
  await children.insertSocialWorkerEpisode(tx, { childId, userId, swId: socialWorkerReturnId(worker), startedOn: day });
}

export type ChildService = ReturnType<typeof createChildService>;
export type ChildRecord = Awaited<ReturnType<ChildService['get']>>;
