import type { Db, DbOrTx } from '../data/db.ts';
import * as households from '../data/repositories/households.ts';
import { childNames, childrenByReferences, existingChildIds } from '../data/repositories/children.ts';
import { findOrganisationKind, organisationNames } from '../data/repositories/organisations.ts';
import { activeUsersWithRole, findUserRole } from '../data/repositories/users.ts';
import { mapPage, readPage, type Listed, type Paging } from './paging.ts';
import { writeAudit } from '../audit/writer.ts';
import { accessActor, readableHouseholds } from '../data/repositories/caseload.ts';
import {
  ExemptionInput,
  MemberInput,
  householdDateErrors,
  memberDateErrors,
  splitReferences,
  type ApprovalStatus,
  type HouseholdInput,
  type PlacementKind,
} from '../domain/records/household.ts';
import { todayInEngland, type IsoDate } from '../domain/dates.ts';
import { HouseholdRecordInput } from '../domain/matching/household-profile.ts';
import type { Ctx } from './context.ts';
import { isUniqueViolation, NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';

export type Household = households.HouseholdRow;
export type HouseholdMember = households.HouseholdMemberRow;
export type HouseholdFilter = {
  q?: string | undefined;
  approvalStatus?: ApprovalStatus | undefined;
  supervisingSocialWorkerId?: string | undefined;
  fosteringServiceId?: string | undefined;
  placementKind?: PlacementKind | undefined;
};

export type HouseholdListItem = Household & {
  carers: { firstName: string; lastName: string }[];
  supervisingSocialWorkerName: string | null;
  childrenPlacedNow: number;
};

export type CurrentPlacement = {
  placementId: string;
  startDate: IsoDate;
  placementType: string;
  child: { id: string; reference: string; firstName: string; lastName: string; dateOfBirth: IsoDate };
  placingAuthority: { id: string; name: string };
  socialWorkerName: string | null;
};

export type ExemptionView = households.ExemptionRow & {
  grantingAuthorityName: string;
  children: { id: string; reference: string; firstName: string; lastName: string }[];
};

export type HouseholdView = Household & {
  carers: HouseholdMember[];
  members: HouseholdMember[];
  exemptions: ExemptionView[];
  currentPlacements: CurrentPlacement[];
  fosteringServiceName: string;
  supervisingSocialWorkerName: string | null;
};

const CARER_FIELDS = ['carer1FirstName', 'carer1LastName', 'carer2FirstName', 'carer2LastName'] as const;

/** Foster households: carers, address, approval and its terms, members and fostering limit exemptions. */
export function createHouseholdService(db: Db, now: () => Date = () => new Date()) {
  const today = () => todayInEngland(now());

  /** One page of the households matching a filter, by reference, and how many match in all. */
  async function list(ctx: Ctx, filter: HouseholdFilter = {}, paging: Paging = {}): Promise<Listed<HouseholdListItem>> {
    return db.transaction(async (tx) => {
      // Only the households the person may read: counts and pages are of those (caseload access).
      const where = ctx.actor ? { ...filter, readable: readableHouseholds(await accessActor(tx, ctx.actor)) } : filter;
      const listed = await readPage(
        paging,
        () => households.countHouseholds(tx, where),
        (limit, offset) => households.listHouseholds(tx, where, limit, offset),
      );
      const page = await mapPage(listed, async (rows) => {
        const carers = await carersOf(
          tx,
          rows.map((r) => r.h.id),
        );
        return rows.map((r) => ({
          ...r.h,
          carers: (carers.get(r.h.id) ?? []).map((c) => ({ firstName: c.firstName, lastName: c.lastName })),
          supervisingSocialWorkerName: r.sswName,
          childrenPlacedNow: Number(r.placedNow),
        }));
      });
      await writeAudit(tx, ctx, { action: 'household.listed', subjectType: 'household', details: { filter, count: page.items.length, total: page.total, page: page.page } });
      return page;
    });
  }

  async function get(ctx: Ctx, id: string): Promise<HouseholdView> {
    return db.transaction(async (tx) => {
      const view = await load(tx, id);
      await writeAudit(tx, ctx, {
        action: 'household.viewed',
        subjectType: 'household',
        subjectId: id,
        childIds: view.currentPlacements.map((p) => p.child.id),
      });
      return view;
    });
  }

  async function create(ctx: Ctx, raw: unknown): Promise<Household> {
    const input = parseInput(HouseholdRecordInput, raw);
    throwIf(householdDateErrors(input, today()));
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(async (tx) => {
          await assertReferences(tx, input);
          const reference = await nextReference(tx);
          const row = await households.insertHousehold(tx, { ...householdValues(input), reference });
          await syncCarers(tx, row.id, input);
          await writeAudit(tx, ctx, { action: 'household.created', subjectType: 'household', subjectId: row.id, details: { reference } });
          return row;
        });
      } catch (err) {
        // Two households created at the same moment may pick the same reference: try again.
        if (attempt < 3 && isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  async function update(ctx: Ctx, id: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(HouseholdRecordInput, raw);
    throwIf(householdDateErrors(input, today()));
    await db.transaction(async (tx) => {
      await assertReferences(tx, input);
      const result = await households.updateHousehold(tx, id, version, householdValues(input));
      if (result === 'missing') throw new NotFoundError('Household');
      if (result === 'stale') throw new StaleRecordError('Household');
      await syncCarers(tx, id, input);
      await writeAudit(tx, ctx, {
        action: 'household.updated',
        subjectType: 'household',
        subjectId: id,
        details: { fields: Object.keys(input).filter((k) => input[k as keyof HouseholdRecordInput] !== undefined) },
      });
    });
  }

  async function addMember(ctx: Ctx, householdId: string, raw: unknown): Promise<HouseholdMember> {
    const input = parseInput(MemberInput, raw);
    throwIf(memberDateErrors(input, today()));
    return db.transaction(async (tx) => {
      await assertHousehold(tx, householdId);
      const row = await households.insertHouseholdMember(tx, { householdId, kind: input.kind, firstName: input.firstName, lastName: input.lastName, dateOfBirth: input.dateOfBirth });
      await writeAudit(tx, ctx, { action: 'household.member.added', subjectType: 'household', subjectId: householdId, details: { memberId: row.id, kind: row.kind } });
      return row;
    });
  }

  async function removeMember(ctx: Ctx, householdId: string, memberId: string): Promise<void> {
    await db.transaction(async (tx) => {
      const member = await households.findHouseholdMember(tx, householdId, memberId);
      if (!member) throw new NotFoundError('Household member');
      if (member.kind === 'carer') {
        throw new ValidationError([{ field: 'form', message: "A carer cannot be removed here: change the household's details instead" }]);
      }
      await households.deleteHouseholdMembers(tx, [memberId]);
      await writeAudit(tx, ctx, { action: 'household.member.removed', subjectType: 'household', subjectId: householdId, details: { memberId, kind: member.kind } });
    });
  }

  async function addExemption(ctx: Ctx, householdId: string, raw: unknown): Promise<ExemptionView> {
    const input = parseInput(ExemptionInput, raw);
    return db.transaction(async (tx) => {
      await assertHousehold(tx, householdId);
      const errors: FieldError[] = [];
      const childIds = new Set<string>();
      if (input.childIds.length) {
        const found = await existingChildIds(tx, input.childIds);
        if (found.length !== input.childIds.length) errors.push({ field: 'childIds', message: 'Select children from the list' });
        for (const c of found) childIds.add(c.id);
      }
      const references = splitReferences(input.childReferences);
      if (references.length) {
        const found = await childrenByReferences(tx, references);
        const known = new Set(found.map((c) => c.reference.toUpperCase()));
        const unknown = references.filter((r) => !known.has(r));
        if (unknown.length) errors.push({ field: 'childReferences', message: `No child has the reference ${unknown.join(', ')}` });
        for (const c of found) childIds.add(c.id);
      }
      const authority = await findOrganisationKind(tx, input.grantingAuthorityId);
      if (authority?.kind !== 'local_authority') errors.push({ field: 'grantingAuthorityId', message: 'Select the local authority that granted the exemption' });
      throwIf(errors);
      const row = await households.insertExemption(tx, {
        householdId,
        grantingAuthorityId: input.grantingAuthorityId,
        conditions: input.conditions,
        startDate: input.startDate,
        endDate: input.endDate,
        childIds: [...childIds],
      });
      await writeAudit(tx, ctx, {
        action: 'household.exemption.added',
        subjectType: 'household',
        subjectId: householdId,
        details: { exemptionId: row.id, childIds: row.childIds },
      });
      const [view] = await exemptionViews(tx, [row]);
      return view!;
    });
  }

  /** Staff who can supervise a household, for the form's select. */
  async function supervisingSocialWorkerOptions() {
    return activeUsersWithRole(db, 'supervising_social_worker');
  }

  return { list, get, create, update, addMember, removeMember, addExemption, supervisingSocialWorkerOptions, today };
}

function throwIf(errors: FieldError[]) {
  if (errors.length) throw new ValidationError(errors);
}

/** The household row's columns; what the carers offer is left as stored when it is not sent. */
function householdValues(input: HouseholdRecordInput) {
  const values: Record<string, unknown> = { ...input };
  for (const f of CARER_FIELDS) delete values[f];
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete values[k];
  return values as Omit<HouseholdRecordInput, (typeof CARER_FIELDS)[number]>;
}

async function assertHousehold(tx: DbOrTx, id: string) {
  if (!(await households.householdExists(tx, id))) throw new NotFoundError('Household');
}

/** The fostering service must be a local authority or an agency (not a Virtual School) and the SSW a supervising social worker. */
async function assertReferences(tx: DbOrTx, input: HouseholdInput) {
  const errors: FieldError[] = [];
  const service = await findOrganisationKind(tx, input.fosteringServiceId);
  if (!service || service.kind === 'virtual_school' || service.kind === 'adoption_agency') errors.push({ field: 'fosteringServiceId', message: 'Select the fostering service' });
  if (input.supervisingSocialWorkerId) {
    const ssw = await findUserRole(tx, input.supervisingSocialWorkerId);
    if (ssw?.role !== 'supervising_social_worker') errors.push({ field: 'supervisingSocialWorkerId', message: 'Select a supervising social worker from the list' });
  }
  throwIf(errors);
}

/** 'H' and five digits, one more than the highest so far. */
async function nextReference(tx: DbOrTx): Promise<string> {
  const max = await households.highestHouseholdReference(tx);
  const next = max ? Number(max.slice(1)) + 1 : 1;
  if (next > 99_999) throw new Error('Household references are exhausted');
  return `H${String(next).padStart(5, '0')}`;
}

/** Carers are household_member rows of kind 'carer' at position 1 and 2, kept in step with the form. */
async function syncCarers(tx: DbOrTx, householdId: string, input: HouseholdInput) {
  const existing = await households.carersOfHousehold(tx, householdId);
  const wanted = [
    { position: 1, firstName: input.carer1FirstName, lastName: input.carer1LastName },
    ...(input.carer2FirstName && input.carer2LastName ? [{ position: 2, firstName: input.carer2FirstName, lastName: input.carer2LastName }] : []),
  ];
  for (const w of wanted) {
    const row = existing.find((e) => e.position === w.position);
    if (row) await households.renameHouseholdMember(tx, row.id, w);
    else await households.insertHouseholdMember(tx, { householdId, kind: 'carer', ...w });
  }
  const extra = existing.filter((e) => !wanted.some((w) => w.position === e.position)).map((e) => e.id);
  if (extra.length) await households.deleteHouseholdMembers(tx, extra);
}

async function carersOf(tx: DbOrTx, householdIds: string[]) {
  const out = new Map<string, HouseholdMember[]>();
  if (!householdIds.length) return out;
  const rows = await households.carersOfHouseholds(tx, householdIds);
  for (const r of rows) out.set(r.householdId, [...(out.get(r.householdId) ?? []), r]);
  return out;
}

async function exemptionViews(tx: DbOrTx, rows: households.ExemptionRow[]): Promise<ExemptionView[]> {
  if (!rows.length) return [];
  const childIds = [...new Set(rows.flatMap((r) => r.childIds))];
  const children = childIds.length
    ? await childNames(tx, childIds)
    : [];
  const authorityIds = [...new Set(rows.map((r) => r.grantingAuthorityId))];
  const authorities = await organisationNames(tx, authorityIds);
  return rows.map((r) => ({
    ...r,
    grantingAuthorityName: authorities.find((a) => a.id === r.grantingAuthorityId)?.name ?? '',
    children: r.childIds.map((id) => children.find((c) => c.id === id)).filter((c) => c !== undefined),
  }));
}

async function load(tx: DbOrTx, id: string): Promise<HouseholdView> {
  const row = await households.findHouseholdWithNames(tx, id);
  if (!row) throw new NotFoundError('Household');
  const people = await households.membersOfHousehold(tx, id);
  const exemptionRows = await households.exemptionsOfHousehold(tx, id);
  const placed = await households.activePlacementsInHousehold(tx, id);
  return {
    ...row.h,
    fosteringServiceName: row.serviceName,
    supervisingSocialWorkerName: row.sswName,
    carers: people.filter((p) => p.kind === 'carer'),
    members: people.filter((p) => p.kind !== 'carer'),
    exemptions: await exemptionViews(tx, exemptionRows),
    currentPlacements: placed.map((p) => ({
      placementId: p.placementId,
      startDate: p.startDate,
      placementType: p.placementType,
      child: { id: p.childId, reference: p.reference, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth },
      placingAuthority: { id: p.authorityId, name: p.authorityName },
      socialWorkerName: p.externalSocialWorkerName ?? p.socialWorkerName,
    })),
  };
}
