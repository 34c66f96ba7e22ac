/**
 * Importing an authority's records: its SSDA903 return files (this year's and, optionally, last
 * year's) and its carers' register. The files are read and turned into records by the pure
 * src/domain/ssda903/read.ts, import-plan.ts and src/domain/records/carers-register.ts; how imported
 * history stands with the placement gate and the obligations is one rule,
 * src/domain/placements/imported.ts (ADR 0012).
 *
 * Decisions, and why:
 * - **A dry run changes nothing**: it goes through the same steps as the real run (the same code,
 *   with `write` false) but only reads, a batch of children at a time: what the run would create
 *   (the home authority, fostering services, households, staff) gets an id in memory, so children
 *   are matched to them as the real run would, and each child is compared with what is stored. It
 *   used to run everything in one transaction and roll it back, which held every row (and every
 *   audit row waiting for the commit) until the end: at 100,000 children that was the slowest part.
 *   What it cannot see is a row the database itself would refuse (a constraint): the real run
 *   then lists that child as failed. It writes one audit row of its own (import.previewed) afterwards.
 * - **The real run: a batch of children per transaction, a bad child never leaves half a record**:
 *   households, fostering services and social workers first (one transaction), then the children
 *   IMPORT_BATCH at a time, each batch with all their records and audit rows. A batch the database
 *   refuses is written again one child per transaction: the child that fails leaves nothing behind
 *   and the others are kept; the report lists it (ADR 0016, test/import-batches.test.ts).
 * - **Idempotent and resumable**: children are found by reference (CHILD), households by reference,
 *   staff by SW_ID (their Social Work England number); each record by its natural key (a legal status
 *   by code and start, a placement by start, a review by date, a missing period by kind and start, a
 *   social worker episode by SW_ID and start). What is already there is left alone or updated where
 *   the file says more (an episode open then, ended now); nothing is deleted. Running it twice changes
 *   nothing the second time; running it again after a stop carries on.
 * - **Audit**: one row per child created or changed (import.child-created / import.child-updated),
 *   per household, fostering service and member of staff created or changed, each naming the import
 *   (its id in `details.importId`), and one row for the run (import.run) or the dry run.
 * - Children are created with the names of the children's details file, or else the placeholder
 *   "Child <CHILD>" marked as not yet recorded (src/domain/records/children-details.ts): the return
 *   holds no names. Staff the files
 *   name but Hearth does not know are created inactive (they cannot sign in), for the history.
 */
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../data/db.ts';
import * as repo from '../data/repositories/imports.ts';
import { findHomeAuthority } from '../data/repositories/ssda903.ts';
import { writeAudit, writeAudits, type AuditEntry } from '../audit/writer.ts';
import type { Ctx } from './context.ts';
import { formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { decideHouseholdLink, importedPlacementStanding } from '../domain/placements/imported.ts';
import { householdsByPostcode, matchHousehold, readCarersRegister, type HouseholdsByPostcode, type RegisterHousehold } from '../domain/records/carers-register.ts';
import { detailsProblem, placeholderName, readChildrenDetails, type ChildDetails } from '../domain/records/children-details.ts';
import { childImportRecords, planImport, type ImportedChild } from '../domain/ssda903/import-plan.ts';
import { columnsOf, readReturnFiles, recogniseFile, type InputFile, type RowError } from '../domain/ssda903/read.ts';
import type { ReturnFileKey } from '../domain/ssda903/return-types.ts';
import { isUniqueViolation, NotFoundError, ValidationError } from './errors.ts';
import { HEARTBEAT_SECONDS, jobStatus } from '../domain/records/import-job.ts';
import type { ImportUploadFiles } from '../data/schema.ts';

export type ImportFiles = {
  /** This year's return files (any names: each is recognised by its columns). */
  current: readonly InputFile[];
  /** Last year's, optional. */
  previous?: readonly InputFile[] | undefined;
  /** The carers' register (docs/carers-register.md), optional. */
  register?: InputFile | undefined;
  /** The children's details: names by CHILD (docs/children-details.md), optional. */
  details?: InputFile | undefined;
};

export type ChildChange = {
  reference: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'failed';
  changes: string[];
  /** The child's name is (or will be) still the placeholder after the import: the return holds none. */
  nameNotRecorded?: boolean;
};

export type ImportReport = {
  importId: string;
  dryRun: boolean;
  importedOn: IsoDate;
  files: { name: string; kind: ReturnFileKey | 'register' | 'details'; rows: number; year: 'current' | 'previous' | null }[];
  errors: RowError[];
  children: { created: number; updated: number; unchanged: number; leftOut: number; failed: number; namesNotRecorded: number };
  households: { created: number; updated: number; unchanged: number };
  socialWorkers: { matched: number; created: number };
  placements: { created: number; linkedToRegister: number; householdNotKnown: number };
  /** Per child: what was (or would be) done. */
  changes: ChildChange[];
  durationMs: number;
};

export type ImportProgress = (done: number, total: number) => void;

/** An import running in the background (the page and the API), or finished with its report. */
export type ImportJob = {
  id: string;
  uploadId: string;
  dryRun: boolean;
  /** `interrupted`: it was running in a process that stopped (run it again: the import carries on where it stopped). */
  status: 'running' | 'done' | 'failed' | 'interrupted';
  /** Children checked (dry run) or imported so far, of `total`. */
  done: number;
  total: number;
  report: ImportReport | null;
  error: string | null;
  startedAt: Date;
};

/** The rows of new children (and households kept as not known), written together for a batch of children. */
type Inserts = {
  households: Parameters<typeof repo.insertHouseholdRows>[1];
  children: Parameters<typeof repo.insertChildRows>[1];
  legalStatuses: NonNullable<Parameters<typeof repo.insertLegalStatuses>[1]>;
  placements: NonNullable<Parameters<typeof repo.insertPlacements>[1]>;
  careEndings: NonNullable<Parameters<typeof repo.insertCareEndings>[1]>;
  events: NonNullable<Parameters<typeof repo.insertChildEvents>[1]>;
  missing: NonNullable<Parameters<typeof repo.insertMissingEpisodes>[1]>;
  socialWorkerEpisodes: NonNullable<Parameters<typeof repo.insertSocialWorkerEpisodes>[1]>;
  audits: AuditEntry[];
  tally: ImportReport['placements'];
};
const noInserts = (): Inserts => ({
  households: [],
  children: [],
  legalStatuses: [],
  placements: [],
  careEndings: [],
  events: [],
  missing: [],
  socialWorkerEpisodes: [],
  audits: [],
  tally: { created: 0, linkedToRegister: 0, householdNotKnown: 0 },
});

/** Writes a batch's rows, a table at a time (households and children first, for the references to them). */
async function flush(tx: DbOrTx, ctx: Ctx, ins: Inserts): Promise<void> {
  await repo.insertHouseholdRows(tx, ins.households);
  await repo.insertChildRows(tx, ins.children);
  await repo.insertLegalStatuses(tx, ins.legalStatuses);
  await repo.insertPlacements(tx, ins.placements);
  await repo.insertCareEndings(tx, ins.careEndings);
  await repo.insertChildEvents(tx, ins.events);
  await repo.insertMissingEpisodes(tx, ins.missing);
  await repo.insertSocialWorkerEpisodes(tx, ins.socialWorkerEpisodes);
  await writeAudits(tx, ctx, ins.audits);
}

/**
 * Children written per transaction (and read per query); a batch that fails is written again one
 * child per transaction. 1,000 rather than 100: at 20,000 children (26,382 in the files) it took a
 * fifth less CPU in this process and the database server for the import, and half for a run that
 * changes nothing (fewer statements, round trips and commits); the rows of a batch are a few MB.
 */
export const IMPORT_BATCH = 1000;

type Setup = {
  homeId: string;
  /** The households to match placements to, by postcode. */
  matchable: HouseholdsByPostcode;
  users: Map<string, { id: string; active: boolean }>;
};

/** The PLACE_PROVIDER of carers approved by a fostering service (as assemble.ts derives it). */
function providerOf(service: { id: string; kind: string; providerCode: string | null } | undefined, homeId: string): string | null {
  if (!service) return null;
  if (service.kind === 'local_authority') return service.id === homeId ? 'PR1' : 'PR2';
  return service.providerCode ?? 'PR4';
}

const sameDate = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null);

export function createImportService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  /**
   * The home authority, fostering services, households from the register and staff by SW_ID. With
   * `write` false (the dry run) it only reads: what it would create gets an id made here, so the
   * children are matched to the register's households and their staff as the real run would.
   */
  async function setUp(tx: DbOrTx, ctx: Ctx, importId: string, register: RegisterHousehold[], swIds: readonly string[], report: ImportReport, authority: { name: string; code: string | null }, write: boolean): Promise<Setup> {
    const audit = async (action: Parameters<typeof writeAudit>[2]['action'], subjectType: Parameters<typeof writeAudit>[2]['subjectType'], subjectId: string, details: Record<string, unknown>) => {
      if (write) await writeAudit(tx, ctx, { action, subjectType, subjectId, details: { importId, ...details } });
    };

    let homeId = await findHomeAuthority(tx);
    const services = await repo.fosteringServices(tx);
    if (!homeId) {
      if (!authority.code) throw new ValidationError([{ field: 'laCode', message: 'The database has no local authority yet: give the home authority’s DfE LA code (three digits) and name' }]);
      const values = { kind: 'local_authority' as const, name: authority.name, laCode: authority.code };
      homeId = write ? await repo.insertOrganisation(tx, values) : crypto.randomUUID();
      services.push({ id: homeId, kind: 'local_authority', name: authority.name, laCode: authority.code, ofstedUrn: null, providerCode: null });
      await audit('import.organisation-created', 'organisation', homeId, { name: authority.name, laCode: authority.code, role: 'home authority' });
    }
    const home = homeId;

    // Fostering services named in the register: found by URN or name, or created.
    const serviceFor = async (h: RegisterHousehold): Promise<string> => {
      if (h.provider === 'PR1') return home;
      const kind = h.provider === 'PR2' ? 'local_authority' : 'fostering_agency';
      const found = services.find(
        (s) => s.kind === kind && ((h.laCode && s.laCode === h.laCode) || (h.urn && s.ofstedUrn === h.urn) || s.name.toLowerCase() === (h.fosteringService ?? '').toLowerCase()),
      );
      if (found) return found.id;
      const name = h.fosteringService ?? 'Fostering service';
      const providerCode = kind === 'fostering_agency' ? h.provider : null;
      const id = write ? await repo.insertOrganisation(tx, { kind, name, ofstedUrn: h.urn, providerCode, laCode: h.laCode }) : crypto.randomUUID();
      services.push({ id, kind, name, laCode: h.laCode, ofstedUrn: h.urn, providerCode });
      await audit('import.organisation-created', 'organisation', id, { name, kind, providerCode, urn: h.urn });
      return id;
    };

    // What the register changes in the households to match placements to (the dry run does not write it).
    const added: { id: string; postcode: string; serviceId: string }[] = [];
    const updated = new Map<string, { id: string; postcode: string; serviceId: string }>();
    const known = await repo.householdsByReferences(
      tx,
      register.map((h) => h.reference),
    );
    for (const h of register) {
      const fosteringServiceId = await serviceFor(h);
      const values = {
        reference: h.reference,
        addressLine1: h.addressLine1,
        addressLine2: h.addressLine2,
        town: h.town,
        postcode: h.postcode,
        fosteringServiceId,
        approvalStatus: h.approvalStatus,
        approvalDate: h.approvalDate,
        approvedChildren: h.approvedChildren,
        ageMin: h.ageMin,
        ageMax: h.ageMax,
        placementKinds: h.placementKinds,
        skillLevel: h.skillLevel,
      };
      const existing = known.get(h.reference);
      if (!existing) {
        const id = write ? await repo.insertHouseholdRow(tx, values) : crypto.randomUUID();
        if (write)
          await repo.insertCarers(
            tx,
            h.carers.map((c, position) => ({ householdId: id, kind: 'carer' as const, firstName: c.firstName, lastName: c.lastName, position })),
          );
        report.households.created += 1;
        added.push({ id, postcode: h.postcode, serviceId: fosteringServiceId });
        await audit('import.household-created', 'household', id, { reference: h.reference, line: h.line });
        continue;
      }
      const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => JSON.stringify(existing[k]) !== JSON.stringify(values[k]));
      if (changed.length) {
        if (write) await repo.updateHouseholdRow(tx, existing.id, values);
        report.households.updated += 1;
        updated.set(existing.id, { id: existing.id, postcode: h.postcode, serviceId: fosteringServiceId });
        await audit('import.household-updated', 'household', existing.id, { reference: h.reference, line: h.line, fields: changed });
      } else report.households.unchanged += 1;
    }

    const byId = new Map(services.map((s) => [s.id, s]));
    const stored = await repo.householdsForMatching(tx);
    // Written: the stored rows are the register's already. Not written: the register's rows over the stored ones.
    const households = write ? stored : [...stored.map((h) => updated.get(h.id) ?? h), ...added];
    const matchable = households.map((h) => {
      const service = byId.get(h.serviceId);
      return { id: h.id, postcode: h.postcode, provider: providerOf(service, home), urn: service?.ofstedUrn ?? null };
    });

    const users = new Map((await repo.usersBySweNumber(tx, swIds)).map((u) => [u.sweNumber as string, { id: u.id, active: u.active }]));
    report.socialWorkers.matched = users.size;
    for (const swId of swIds) {
      if (users.has(swId)) continue;
      const id = write
        ? await repo.insertUser(tx, {
            organisationId: home,
            email: `${swId.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}@imported.hearth.invalid`,
            fullName: `Social worker ${swId} (imported)`,
            role: 'social_worker',
            active: false,
            sweNumber: swId,
          })
        : crypto.randomUUID();
      users.set(swId, { id, active: false });
      report.socialWorkers.created += 1;
      await audit('import.user-created', 'user', id, { swId, active: false });
    }
    return { homeId: home, matchable: householdsByPostcode(matchable), users };
  }

  /** One child: created, or brought up to date with what the files say. */
  async function importChild(
    tx: DbOrTx,
    importId: string,
    importedOn: IsoDate,
    c: ImportedChild,
    setup: Setup,
    ins: Inserts,
    existing: repo.ExistingChildRecords | undefined,
    names: ChildDetails | undefined,
    write: boolean,
  ): Promise<ChildChange> {
    const tally = ins.tally;
    const childId = existing?.child.id ?? crypto.randomUUID();
    const placementIds = c.placements.map(() => crypto.randomUUID());
    const changes: string[] = [];

    // The household of each group of placements with the same carers.
    const groupHousehold = new Map<number, string>();
    let previousGroupHousehold: string | null = null;
    for (const group of [...new Set(c.placements.map((p) => p.carerGroup))]) {
      const already = c.placements
        .filter((p) => p.carerGroup === group)
        .map((p) => existing?.placements.find((q) => q.startDate === p.startDate)?.householdId)
        .find((id) => id !== undefined);
      let id = already ?? matchHousehold(c.placements.filter((p) => p.carerGroup === group), setup.matchable);
      // Consecutive placements with different carers cannot be one household (the return would say T, not P).
      if (id !== null && !already && id === previousGroupHousehold) id = null;
      if (id === null) {
        const placements = c.placements.filter((p) => p.carerGroup === group);
        id = crypto.randomUUID();
        ins.households.push({
          id,
          reference: `NK-${c.reference}-${group}`,
          addressLine1: 'Not known (imported from the SSDA903 return)',
          town: 'Not known',
          postcode: placements.find((p) => p.postcode)?.postcode ?? '',
          fosteringServiceId: setup.homeId,
          approvalStatus: 'deregistered',
          notKnown: true,
        });
        tally.householdNotKnown += placements.length;
        changes.push(`household not known for ${placements.length} placement(s) from ${formatDate(placements[0]?.startDate)}: kept for a person to link`);
      } else if (!already) {
        tally.linkedToRegister += c.placements.filter((p) => p.carerGroup === group).length;
      }
      groupHousehold.set(group, id);
      previousGroupHousehold = id;
    }

    const records = childImportRecords(c, {
      childId,
      placementId: (i) => placementIds[i] as string,
      householdOf: (g) => groupHousehold.get(g) as string,
      responsibleAuthorityId: existing?.child.responsibleAuthorityId ?? setup.homeId,
      importedOn,
      placementStatus: (p) => importedPlacementStanding(p, importedOn).status,
    });
    const userOf = (swId: string) => setup.users.get(swId);
    const openSw = records.socialWorkerEpisodes.filter((s) => s.endedOn === null).at(-1);
    const currentWorker = openSw ? userOf(openSw.swId) : undefined;
    const childFields = {
      sex: records.child.sex as 'M' | 'F' | 'U',
      dateOfBirth: records.child.dateOfBirth,
      ethnicity: records.child.ethnicity,
      upn: records.child.upn,
      categoryOfNeed: records.child.categoryOfNeed,
      homePostcode: records.child.homePostcode,
      uasc: records.child.uasc ?? false,
      uascCeasedOn: records.child.uascCeasedOn ?? null,
      isMother: records.child.isMother ?? false,
      motherChildDob: records.child.motherChildDob ?? null,
      historyStartOn: records.child.historyStartOn,
      historyStartRne: records.child.historyStartRne,
    };

    if (!existing) {
      ins.children.push({
        id: childId,
        reference: c.reference,
        // The return holds no names: the children's details file's, or a placeholder marked as not yet recorded.
        ...(names ? { firstName: names.firstName, lastName: names.lastName } : placeholderName(c.reference)),
        nameRecorded: names !== undefined,
        responsibleAuthorityId: setup.homeId,
        socialWorkerId: currentWorker?.active ? currentWorker.id : null,
        importedOn,
        ...childFields,
      });
      ins.legalStatuses.push(...records.legalStatuses);
      ins.placements.push(...records.placements);
      ins.careEndings.push(...records.careEndings);
      ins.events.push(
        ...records.reviews.map((r) => ({ childId, kind: 'review_held', eventDate: r.eventDate, participationCode: r.participationCode, evidence: 'Imported from the SSDA903 return' })),
      );
      ins.missing.push(...records.missing);
      ins.socialWorkerEpisodes.push(...records.socialWorkerEpisodes.map((s) => ({ ...s, userId: userOf(s.swId)?.id ?? null })));
      tally.created += records.placements.length;
      const counts = {
        legalStatuses: records.legalStatuses.length,
        placements: records.placements.length,
        careEndings: records.careEndings.length,
        reviews: records.reviews.length,
        missing: records.missing.length,
        socialWorkerEpisodes: records.socialWorkerEpisodes.length,
      };
      ins.audits.push({ action: 'import.child-created', subjectType: 'child', subjectId: childId, details: { importId, reference: c.reference, records: counts, nameRecorded: names !== undefined } });
      if (!names) changes.push('name not yet recorded (the return holds none): named "Child ' + c.reference + '" until it is');
      changes.unshift(
        `create: ${counts.legalStatuses} legal status(es), ${counts.placements} placement(s), ${counts.careEndings} care ending(s), ${counts.reviews} review(s), ${counts.missing} missing period(s), ${counts.socialWorkerEpisodes} social worker episode(s)`,
      );
      return { reference: c.reference, outcome: 'created', changes, nameNotRecorded: !names };
    }

    // An existing child: add what is missing, update what the files say more about; delete nothing.
    const e = existing;
    const fieldChanges = (Object.keys(childFields) as (keyof typeof childFields)[]).filter((k) => JSON.stringify(e.child[k] ?? null) !== JSON.stringify(childFields[k] ?? null));
    // A name from the children's details file fills only a name not yet recorded: one recorded in Hearth is kept.
    const fillName = names !== undefined && !e.child.nameRecorded;
    if (fieldChanges.length || fillName) {
      if (write) await repo.updateChildRow(tx, childId, { ...childFields, ...(fillName ? { firstName: names.firstName, lastName: names.lastName, nameRecorded: true } : {}) });
      if (fieldChanges.length) changes.push(`child: ${fieldChanges.join(', ')}`);
      if (fillName) changes.push("name recorded from the children's details file");
    }
    const newStatuses = [];
    for (const s of records.legalStatuses) {
      const found = e.legalStatuses.find((x) => x.code === s.code && x.startDate === s.startDate);
      if (!found) newStatuses.push(s);
      else if (!sameDate(found.endDate, s.endDate)) {
        if (write) await repo.updateLegalStatusEnd(tx, found.id, s.endDate);
        changes.push(`legal status ${s.code} from ${formatDate(s.startDate)}: end ${found.endDate ? formatDate(found.endDate) : 'open'} → ${s.endDate ? formatDate(s.endDate) : 'open'}`);
      }
    }
    ins.legalStatuses.push(...newStatuses);
    if (newStatuses.length) changes.push(`${newStatuses.length} legal status(es) added`);

    const newPlacements = [];
    for (const p of records.placements) {
      const found = e.placements.find((x) => x.startDate === p.startDate && x.status !== 'cancelled');
      if (!found) newPlacements.push(p);
      else if (found.importedOn) {
        const want = { endDate: p.endDate, reasonEnded: p.reasonEnded, placementType: p.placementType, provider: p.provider, urn: p.urn, plPost: p.plPost, status: p.status };
        const diff = (Object.keys(want) as (keyof typeof want)[]).filter((k) => (found[k] ?? null) !== (want[k] ?? null));
        if (diff.length) {
          if (write) await repo.updatePlacementRow(tx, found.id, want);
          changes.push(`placement from ${formatDate(p.startDate)}: ${diff.join(', ')}`);
        }
      }
      // A placement recorded in Hearth itself on the same day is kept as recorded.
    }
    ins.placements.push(...newPlacements);
    tally.created += newPlacements.length;
    if (newPlacements.length) changes.push(`${newPlacements.length} placement(s) added`);

    const newEndings = [];
    for (const x of records.careEndings) {
      const found = e.careEndings.find((y) => y.endedOn === x.endedOn);
      if (!found) newEndings.push(x);
      else if (found.reason !== x.reason) {
        if (write) await repo.updateCareEndingReason(tx, found.id, x.reason);
        changes.push(`care ending ${formatDate(x.endedOn)}: ${found.reason} → ${x.reason}`);
      }
    }
    ins.careEndings.push(...newEndings);
    if (newEndings.length) changes.push(`${newEndings.length} care ending(s) added`);

    const newReviews = [];
    for (const r of records.reviews) {
      const found = e.reviews.find((y) => y.eventDate === r.eventDate);
      if (!found) newReviews.push({ childId, kind: 'review_held', eventDate: r.eventDate, participationCode: r.participationCode, evidence: 'Imported from the SSDA903 return' });
      else if ((found.participationCode ?? null) !== (r.participationCode ?? null)) {
        if (write) await repo.updateReviewCode(tx, found.id, r.participationCode);
        changes.push(`review ${formatDate(r.eventDate)}: participation ${found.participationCode ?? 'none'} → ${r.participationCode ?? 'none'}`);
      }
    }
    ins.events.push(...newReviews);
    if (newReviews.length) changes.push(`${newReviews.length} review(s) added`);

    const newMissing = [];
    for (const m of records.missing) {
      const found = e.missing.find((y) => y.kind === m.kind && y.startedOn === m.startedOn);
      if (!found) newMissing.push(m);
      else if (!sameDate(found.endedOn, m.endedOn)) {
        if (write) await repo.updateMissingEnd(tx, found.id, m.endedOn);
        changes.push(`missing from ${formatDate(m.startedOn)}: end ${found.endedOn ? formatDate(found.endedOn) : 'open'} → ${m.endedOn ? formatDate(m.endedOn) : 'open'}`);
      }
    }
    ins.missing.push(...newMissing);
    if (newMissing.length) changes.push(`${newMissing.length} missing period(s) added`);

    const newSw = [];
    for (const s of records.socialWorkerEpisodes) {
      const found = e.socialWorkerEpisodes.find((y) => y.swId === s.swId && y.startedOn === s.startedOn);
      if (!found) newSw.push({ ...s, userId: userOf(s.swId)?.id ?? null });
      else if (!sameDate(found.endedOn, s.endedOn) || (found.reason ?? null) !== (s.reason ?? null) || (found.startReason ?? null) !== (s.startReason ?? null)) {
        if (write) await repo.updateSocialWorkerEpisode(tx, found.id, { endedOn: s.endedOn, reason: s.reason, startReason: s.startReason ?? null });
        changes.push(`social worker episode ${s.swId} from ${formatDate(s.startedOn)} updated`);
      }
    }
    ins.socialWorkerEpisodes.push(...newSw);
    if (newSw.length) changes.push(`${newSw.length} social worker episode(s) added`);

    const nameNotRecorded = !e.child.nameRecorded && !fillName;
    if (!changes.length) return { reference: c.reference, outcome: 'unchanged', changes, nameNotRecorded };
    ins.audits.push({ action: 'import.child-updated', subjectType: 'child', subjectId: childId, details: { importId, reference: c.reference, changes } });
    return { reference: c.reference, outcome: 'updated', changes, nameNotRecorded };
  }

  /**
   * Checks the files and imports them, or with `dryRun` reports what it would do and changes
   * nothing. Row errors never stop the others: a child with one is left out and listed.
   */
  async function run(ctx: Ctx, files: ImportFiles, o: { dryRun: boolean; onProgress?: ImportProgress; authority?: { name: string; code: string | null } }): Promise<ImportReport> {
    const started = Date.now();
    if (files.current.length === 0) throw new ValidationError([{ field: 'files', message: 'Choose the files of the SSDA903 return to import' }]);
    const importId = crypto.randomUUID();
    const importedOn = today();
    const { plan, returnFiles } = planFromFiles(files);
    const register = files.register ? readCarersRegister(files.register) : { households: [], errors: [] };
    // Names by CHILD, each checked against the return (the same child, the same date of birth).
    const details = files.details ? readChildrenDetails(files.details) : { children: [], errors: [] };
    const returned = new Map(plan.children.map((c) => [c.reference, c]));
    const namesOf = new Map<string, ChildDetails>();
    for (const d of details.children) {
      const problem = detailsProblem(d, returned.get(d.reference));
      if (problem) details.errors.push({ file: files.details?.name ?? '', line: d.line, column: returned.has(d.reference) ? 'DOB' : 'CHILD', message: problem, child: d.reference });
      else namesOf.set(d.reference, d);
    }
    const report: ImportReport = {
      importId,
      dryRun: o.dryRun,
      importedOn,
      files: [
        ...returnFiles,
        ...(files.register ? [{ name: files.register.name, kind: 'register' as const, rows: register.households.length, year: null }] : []),
        ...(files.details ? [{ name: files.details.name, kind: 'details' as const, rows: details.children.length, year: null }] : []),
      ],
      errors: [...plan.errors, ...register.errors, ...details.errors],
      children: { created: 0, updated: 0, unchanged: 0, leftOut: plan.leftOut.length, failed: 0, namesNotRecorded: 0 },
      households: { created: 0, updated: 0, unchanged: 0 },
      socialWorkers: { matched: 0, created: 0 },
      placements: { created: 0, linkedToRegister: 0, householdNotKnown: 0 },
      changes: [],
      durationMs: 0,
    };
    if (!returnFiles.some((f) => f.year === 'current')) throw new ValidationError([{ field: 'files', message: 'None of the files is a file of the SSDA903 return: each is recognised by its columns (header, episodes, UASC, reviews, missing, social worker episodes)' }]);
    const authority = o.authority ?? { name: 'Home authority (imported)', code: null };
    const total = plan.children.length;
    const count = (c: ChildChange) => {
      report.changes.push(c);
      if (c.nameNotRecorded) report.children.namesNotRecorded += 1;
      if (c.outcome === 'failed') report.children.failed += 1;
      else report.children[c.outcome] += 1;
    };

    const addTally = (t: Inserts['tally']) => {
      report.placements.created += t.created;
      report.placements.linkedToRegister += t.linkedToRegister;
      report.placements.householdNotKnown += t.householdNotKnown;
    };
    /**
     * One batch of children in one transaction: new ones written together, existing ones brought up
     * to date; with `write` false (the dry run) only read, and what would be done reported.
     */
    const batch = async (tx: DbOrTx, setup: Setup, children: readonly ImportedChild[], write: boolean): Promise<{ changes: ChildChange[]; tally: Inserts['tally'] }> => {
      const ins = noInserts();
      const existing = await repo.childRecordsByReferences(tx, children.map((c) => c.reference));
      const changes: ChildChange[] = [];
      for (const c of children) changes.push(await importChild(tx, importId, importedOn, c, setup, ins, existing.get(c.reference), namesOf.get(c.reference), write));
      if (write) await flush(tx, ctx, ins);
      return { changes, tally: ins.tally };
    };
    const batches: ImportedChild[][] = [];
    for (let i = 0; i < plan.children.length; i += IMPORT_BATCH) batches.push(plan.children.slice(i, i + IMPORT_BATCH));
    o.onProgress?.(0, total);

    if (o.dryRun) {
      // Only reads, a batch of children at a time (no transaction held over the whole run): what the
      // run would create gets its id in memory, and each child is compared with what is stored.
      const setup = await db.transaction((tx) => setUp(tx, ctx, importId, register.households, plan.swIds, report, authority, false));
      let done = 0;
      for (const children of batches) {
        const result = await db.transaction((tx) => batch(tx, setup, children, false));
        result.changes.forEach(count);
        addTally(result.tally);
        o.onProgress?.((done += children.length), total);
      }
      report.durationMs = Date.now() - started;
      await writeAudit(db, ctx, { action: 'import.previewed', subjectType: 'system', subjectId: `import:${importId}`, details: { importId, ...summary(report) } });
      return report;
    }

    const setup = await db.transaction((tx) => setUp(tx, ctx, importId, register.households, plan.swIds, report, authority, true));
    let done = 0;
    for (const children of batches) {
      try {
        const result = await db.transaction((tx) => batch(tx, setup, children, true));
        result.changes.forEach(count);
        addTally(result.tally);
      } catch {
        // One child in the batch failed: write them one transaction each, so only that child is left out.
        for (const c of children) {
          try {
            const result = await db.transaction((tx) => batch(tx, setup, [c], true));
            result.changes.forEach(count);
            addTally(result.tally);
          } catch (err) {
            count({ reference: c.reference, outcome: 'failed', changes: [(err as Error).message] });
          }
        }
      }
      o.onProgress?.((done += children.length), total);
    }
    report.durationMs = Date.now() - started;
    await writeAudit(db, ctx, { action: 'import.run', subjectType: 'system', subjectId: `import:${importId}`, details: { importId, ...summary(report) } });
    return report;
  }

  /** The placements kept with a household not known, for a person to link (at most `limit`). */
  async function unresolved(ctx: Ctx, limit = 200) {
    return db.transaction(async (tx) => {
      const items = await repo.placementsWithHouseholdNotKnown(tx, limit);
      const total = await repo.countPlacementsWithHouseholdNotKnown(tx);
      await writeAudit(tx, ctx, { action: 'import.unresolved.listed', subjectType: 'system', subjectId: 'import:unresolved', details: { shown: items.length, total } });
      return { items, total };
    });
  }

  /** Links every placement of a household kept as not known to a household by its reference. */
  async function linkHousehold(ctx: Ctx, notKnownHouseholdId: string, householdReference: string): Promise<{ moved: number; householdId: string }> {
    return db.transaction(async (tx) => {
      const from = await repo.householdNotKnown(tx, notKnownHouseholdId);
      if (!from) throw new NotFoundError('Household not known');
      const to = await repo.householdByReference(tx, householdReference.trim().toUpperCase());
      if (!to) throw new ValidationError([{ field: 'householdReference', message: 'Enter the reference of a foster household in Hearth, like H00012' }]);
      const childPlacements = await repo.placementsOfChildrenOfHousehold(tx, from.id);
      const refusals = decideHouseholdLink({
        target: { id: to.id, reference: to.reference, notKnown: to.notKnown },
        linking: childPlacements.filter((p) => p.householdId === from.id),
        childPlacements,
      });
      if (refusals.length) throw new ValidationError(refusals.map((r) => ({ field: 'householdReference', message: r.message })));
      const moved = await repo.linkNotKnownHousehold(tx, from.id, to.id);
      await writeAudit(tx, ctx, { action: 'import.placement-linked', subjectType: 'household', subjectId: to.id, details: { from: from.reference, to: to.reference, placements: moved }, childIds: [...new Set(childPlacements.map((p) => p.childId))] });
      return { moved, householdId: to.id };
    });
  }

  /**
   * Progress of the jobs running in this process. Their rows hold it for every process (refreshed at
   * most once a second, and at least every HEARTBEAT_SECONDS while the job runs), the status and, once
   * finished, the report.
   */
  const progress = new Map<string, { done: number; total: number }>();
  const running = new Set<Promise<void>>();

  /** The same checks as the start of `run`, on the files' first lines only, so that a job is not started for files it would refuse. */
  function checkFiles(files: ImportFiles): void {
    if (files.current.length === 0) throw new ValidationError([{ field: 'current', message: "Choose this year's SSDA903 return files (CSV)" }]);
    if (!files.current.some((f) => recogniseFile(columnsOf(f)) !== null))
      throw new ValidationError([{ field: 'current', message: 'None of the files is a file of the SSDA903 return: each is recognised by its columns (header, episodes, UASC, reviews, missing, social worker episodes)' }]);
  }

  type UploadFiles = { current: InputFile[]; previous: InputFile[]; register: InputFile | null; details?: InputFile | null };

  /**
   * Keeps uploaded files (for the import after their dry run; forgotten after a day when not imported)
   * and starts their dry run: the files, which hold children's records, are kept in the same transaction
   * as the job and its audit row.
   */
  async function checkUpload(ctx: Ctx, files: UploadFiles): Promise<ImportJob> {
    checkFiles({ current: files.current });
    return launch(ctx, { files }, { dryRun: true });
  }

  /**
   * Starts the dry run or the import of kept files in the background and returns at once; `job`
   * reads its progress and, once finished, its report. The start is audited (import.started); the
   * run writes its own audit rows, under the job's correlation id.
   */
  async function startJob(ctx: Ctx, uploadId: string, o: { dryRun: boolean }): Promise<ImportJob> {
    return launch(ctx, { uploadId }, o);
  }

  async function launch(ctx: Ctx, source: { uploadId: string } | { files: UploadFiles }, o: { dryRun: boolean }): Promise<ImportJob> {
    const busy = () => new ValidationError([{ field: 'uploadId', message: 'These files are already being checked or imported: wait for it to finish' }]);
    const started = await db
      .transaction(async (tx) => {
        let uploadId: string;
        let files: ImportUploadFiles;
        if ('files' in source) {
          await repo.deleteStaleUploads(tx);
          files = { current: source.files.current, previous: source.files.previous, register: source.files.register, details: source.files.details ?? null };
          uploadId = await repo.insertUpload(tx, ctx.actor?.userId ?? null, files);
        } else {
          const upload = await repo.findUpload(tx, source.uploadId);
          if (!upload) throw new NotFoundError('Upload');
          uploadId = upload.id;
          files = upload.files;
          const earlier = await repo.runningJobOfUpload(tx, uploadId);
          if (earlier && (progress.has(earlier.id) || jobStatus(earlier, new Date()) === 'running')) throw busy();
          // A job left running by a process that stopped: closed, so that the files can be checked or imported again.
          if (earlier) await repo.closeInterruptedJob(tx, earlier.id, 'The server stopped while this ran');
        }
        const id = await repo.insertJob(tx, { uploadId, dryRun: o.dryRun, createdBy: ctx.actor?.userId ?? null });
        const names = [...files.current, ...files.previous, ...(files.register ? [files.register] : []), ...(files.details ? [files.details] : [])].map((f) => f.name);
        await writeAudit(tx, ctx, { action: 'import.started', subjectType: 'system', subjectId: `import-job:${id}`, details: { jobId: id, uploadId, dryRun: o.dryRun, files: names } });
        return { jobId: id, uploadId, files };
      })
      .catch((err: unknown) => {
        // Two starts at the same moment: the unique index lets one job per upload run.
        throw isUniqueViolation(err) ? busy() : err;
      });
    const { jobId, uploadId } = started;
    progress.set(jobId, { done: 0, total: 0 });
    // Progress reaches the row (for every process) at most once a second; the heartbeat keeps the row fresh during a long step.
    let written = 0;
    const writeProgress = () => {
      written = Date.now();
      const p = progress.get(jobId);
      if (p) void repo.reportProgress(db, jobId, p).catch(() => undefined);
    };
    const heartbeat = setInterval(writeProgress, HEARTBEAT_SECONDS * 1000);
    heartbeat.unref();
    const onProgress = (done: number, total: number) => {
      progress.set(jobId, { done, total });
      if (Date.now() - written >= 1000) writeProgress();
    };
    const jobCtx: Ctx = { actor: ctx.actor, correlationId: `import-job-${jobId}` };
    const { current, previous, register, details } = started.files;
    const work = (async () => {
      try {
        const report = await run(jobCtx, { current, previous, register: register ?? undefined, details: details ?? undefined }, { dryRun: o.dryRun, onProgress });
        if (!o.dryRun) await repo.deleteUpload(db, uploadId);
        const total = report.changes.length + report.children.leftOut;
        await repo.finishJob(db, jobId, { status: 'done', done: progress.get(jobId)?.done ?? total, total: progress.get(jobId)?.total ?? total, report, error: null });
      } catch (err) {
        const message = err instanceof ValidationError ? err.errors.map((e) => e.message).join('; ') : `The import stopped: ${(err as Error).message}`;
        const p = progress.get(jobId) ?? { done: 0, total: 0 };
        await repo.finishJob(db, jobId, { status: 'failed', done: p.done, total: p.total, report: null, error: message }).catch(() => undefined);
      } finally {
        clearInterval(heartbeat);
        progress.delete(jobId);
      }
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
    return (await readJob(db, jobId)) as ImportJob;
  }

  async function readJob(tx: DbOrTx, id: string): Promise<ImportJob | undefined> {
    const row = await repo.findJob(tx, id);
    if (!row) return undefined;
    const live = progress.get(id);
    return {
      id: row.id,
      uploadId: row.uploadId,
      dryRun: row.dryRun,
      // Running here, or elsewhere while its row is refreshed; a row no process refreshes was left by one that stopped.
      status: live ? 'running' : jobStatus(row, new Date()),
      done: live?.done ?? row.done,
      total: live?.total ?? row.total,
      report: (row.report as ImportReport | null) ?? null,
      error: row.error,
      startedAt: row.createdAt,
    };
  }

  /** A job's progress, or its report once finished (audited as a view of the import). */
  async function job(ctx: Ctx, id: string): Promise<ImportJob> {
    return db.transaction(async (tx) => {
      const found = await readJob(tx, id);
      if (!found) throw new NotFoundError('Import');
      await writeAudit(tx, ctx, { action: 'import.job.viewed', subjectType: 'system', subjectId: `import-job:${id}`, details: { jobId: id, status: found.status, done: found.done, total: found.total } });
      return found;
    });
  }

  /** Resolves when every job this process started has finished (tests, and a server closing). */
  async function settled(): Promise<void> {
    while (running.size) await Promise.allSettled([...running]);
  }

  return { run, unresolved, linkHousehold, checkUpload, startJob, job, settled };
}

/**
 * The files read and turned into the records to import. A function of its own so that the rows read
 * (several times the size of the plan) can be collected once planned: an import of 100,000 children
 * holds the plan for its whole run, and the garbage collector's time grows with what is held.
 */
function planFromFiles(files: ImportFiles): { plan: ReturnType<typeof planImport>; returnFiles: ImportReport['files'] } {
  const current = readReturnFiles(files.current);
  const previous = files.previous?.length ? readReturnFiles(files.previous) : undefined;
  return {
    plan: planImport(current, previous),
    returnFiles: [...current.files.map((f) => ({ ...f, year: 'current' as const })), ...(previous?.files ?? []).map((f) => ({ ...f, year: 'previous' as const }))],
  };
}

/** The counts of a report, for its audit row. */
function summary(r: ImportReport) {
  return { dryRun: r.dryRun, files: r.files.map((f) => f.name), errors: r.errors.length, children: r.children, households: r.households, socialWorkers: r.socialWorkers, placements: r.placements };
}

export type ImportService = ReturnType<typeof createImportService>;
