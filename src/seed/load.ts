import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../data/db.ts';
import {
  appUser,
  careEnding,
  child,
  childEvent,
  externalContact,
  fosteringLimitExemption,
  household,
  householdEvent,
  householdMember,
  legalStatus,
  missingEpisode,
  organisation,
  placement,
  placementRequest,
  placementRequestStatus,
  siblingLink,
  socialWorkerEpisode,
  team,
  planningDocument,
  planningDocumentVersion,
  placementTask,
  childDocument,
} from '../data/schema.ts';
import { hashPassword } from '../services/auth.ts';
import { writeAudit } from '../audit/writer.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';
import { DEFAULT_SEED, generateDemoData, type DemoData } from './generate.ts';
import { planningRecordsFrom, type PlanningRecords } from './planning.ts';
import { planningPdfFile, planningPdfInput } from '../services/planning.ts';
import { renderPdf } from '../services/pdf.ts';
import { KIND_SPECS } from '../domain/planning/kinds.ts';

export type SeedOptions = {
  children: number;
  today: string;
  seed?: number;
  /** Empty the record tables first (in the same transaction). The audit log is kept. */
  reset?: boolean;
};
export type SeedSummary = {
  /** Every child on the records: those in care today and those who have left care. */
  children: number;
  /** Of them, those who have left care (a care ending recorded). */
  leftCare: number;
  households: number;
  placements: number;
  users: number;
  childEvents: number;
  householdEvents: number;
  placementRequests: number;
  seed: number;
};

/** Rows per INSERT statement: large enough to be quick, small enough for the parameter limit. */
const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** The tables the demo data fills (and a reset empties), with everything that refers to them. */
const RECORD_TABLES = [
  'organisation',
  'team',
  'app_user',
  'user_session',
  'api_token',
  'external_contact',
  'child',
  'legal_status',
  'sibling_link',
  'household',
  'household_member',
  'fostering_limit_exemption',
  'placement',
  'child_event',
  'household_event',
  'placement_request',
  'placement_request_status',
  'care_ending',
  'missing_episode',
  'social_worker_episode',
];
/** Never emptied: the audit log is append-only (a trigger refuses TRUNCATE), and the migrations record. */
const KEPT_TABLES = new Set(['audit_event', 'schema_migration']);

/**
 * Empties the record tables and every table that refers to them (found from the foreign keys, so
 * tables added by later migrations are included), in one TRUNCATE. Reference tables that refer to
 * none of them (code lists, bank holidays) and the audit log stay as they are.
 */
export async function clearRecords(tx: DbOrTx): Promise<string[]> {
  const existing = new Set(
    (await queryRows<{ name: string }>(tx, sql`select tablename as name from pg_tables where schemaname = current_schema()`)).map((r) => r.name),
  );
  const links = await queryRows<{ referrer: string; referred: string }>(
    tx,
    sql`select c.relname as referrer, p.relname as referred
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = current_schema()`,
  );
  const tables = new Set(RECORD_TABLES.filter((t) => existing.has(t)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const { referrer, referred } of links) {
      if (tables.has(referred) && !tables.has(referrer)) {
        tables.add(referrer);
        grew = true;
      }
    }
  }
  const kept = [...tables].filter((t) => KEPT_TABLES.has(t));
  if (kept.length > 0) throw new Error(`Cannot reset: ${kept.join(', ')} refers to the record tables and must be kept`);
  const list = [...tables].sort();
  if (list.length > 0) await tx.execute(sql.raw(`TRUNCATE ${list.map((t) => `"${t.replace(/"/g, '""')}"`).join(', ')}`));
  return list;
}

/** The PDF of each completed version of a kind that is filed, as the service files it. */
async function planningPdfs(data: DemoData, planning: PlanningRecords): Promise<(typeof childDocument.$inferInsert)[]> {
  const docs = new Map(planning.documents.map((d) => [d.id, d]));
  const users = new Map(data.users.map((u) => [u.id, u.fullName]));
  const out: (typeof childDocument.$inferInsert)[] = [];
  for (const v of planning.versions) {
    const doc = docs.get(v.documentId);
    if (!doc || !KIND_SPECS[doc.kind].pdf) continue;
    const p = data.placements.find((x) => x.id === doc.placementId);
    const c = data.children.find((x) => x.id === doc.childId);
    const h = data.households.find((x) => x.id === p?.householdId);
    if (!p || !c || !h) continue;
    const carers = data.householdMembers.filter((m) => m.householdId === h.id && m.kind === 'carer').map((m) => `${m.firstName} ${m.lastName}`);
    const createdAt = new Date(`${v.completedOn}T17:00:00Z`);
    const pdf = await renderPdf(planningPdfInput({ startDate: p.startDate, child: c, household: { reference: h.reference, carers } }, doc.kind, { ...v, createdAt }, users));
    out.push({
      childId: c.id,
      placementId: p.id,
      documentVersionId: v.id,
      ...planningPdfFile(c.reference, doc.kind, v.number, v.completedOn),
      contentType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      content: pdf,
      createdBy: v.completedBy,
      createdAt,
    });
  }
  return out;
}

/**
 * Loads a synthetic local authority in one transaction (see ./generate.ts for what it holds).
 * Every name, date and postcode is generated; none belongs to a real person. The demo accounts
 * share DEMO_PASSWORD (hashed once); the other staff have no password and cannot sign in.
 */
export async function loadDemoData(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const data = generateDemoData({ children: opts.children, seed, today: opts.today });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const cleared = opts.reset ? await clearRecords(tx) : [];
    await inChunks(data.organisations, (rows) => tx.insert(organisation).values(rows));
    await inChunks(data.teams, (rows) => tx.insert(team).values(rows));
    // Users are ordered managers first, so each chunk's line managers already exist.
    await inChunks(
      data.users.map((u) => ({ ...u, passwordHash: u.isDemo ? passwordHash : null })),
      (rows) => tx.insert(appUser).values(rows),
    );
    await inChunks(data.contacts, (rows) => tx.insert(externalContact).values(rows));
    await inChunks(data.children, (rows) => tx.insert(child).values(rows));
    await inChunks(data.legalStatuses, (rows) => tx.insert(legalStatus).values(rows));
    await inChunks(data.siblingLinks, (rows) => tx.insert(siblingLink).values(rows));
    await inChunks(data.households, (rows) => tx.insert(household).values(rows));
    await inChunks(data.householdMembers, (rows) => tx.insert(householdMember).values(rows));
    await inChunks(data.exemptions, (rows) => tx.insert(fosteringLimitExemption).values(rows));
    await inChunks(data.placements, (rows) => tx.insert(placement).values(rows));
    // What has been recorded (plans, meetings, visits, reviews): the facts the obligations come from.
    await inChunks(data.childEvents, (rows) => tx.insert(childEvent).values(rows.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) }))));
    await inChunks(data.householdEvents, (rows) => tx.insert(householdEvent).values(rows.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) }))));
    // Placement requests at every stage, with who moved each one on and when.
    await inChunks(data.placementRequests, (rows) =>
      tx.insert(placementRequest).values(rows.map((q) => ({ ...q, createdAt: new Date(q.createdAt), updatedAt: new Date(q.updatedAt) }))),
    );
    await inChunks(data.placementRequestStatuses, (rows) => tx.insert(placementRequestStatus).values(rows.map((h) => ({ ...h, at: new Date(h.at) }))));
    // What the SSDA903 return needs beyond the histories.
    await inChunks(data.careEndings, (rows) => tx.insert(careEnding).values(rows));
    await inChunks(data.missingEpisodes, (rows) => tx.insert(missingEpisode).values(rows));
    await inChunks(data.socialWorkerEpisodes, (rows) => tx.insert(socialWorkerEpisode).values(rows));
    // Recent placements' first weeks: meeting minutes, plans and agreed actions, with their PDFs filed.
    const planning = planningRecordsFrom(data);
    await inChunks(planning.documents, (rows) => tx.insert(planningDocument).values(rows));
    await inChunks(planning.versions, (rows) => tx.insert(planningDocumentVersion).values(rows.map((v) => ({ ...v, createdAt: new Date(`${v.completedOn}T17:00:00Z`) }))));
    await inChunks(planning.tasks, (rows) => tx.insert(placementTask).values(rows));
    for (const filed of await planningPdfs(data, planning)) await tx.insert(childDocument).values(filed);
    const summary: SeedSummary = {
      children: data.children.length,
      leftCare: new Set(data.careEndings.map((e) => e.childId)).size,
      households: data.households.length,
      placements: data.placements.length,
      users: data.users.length,
      childEvents: data.childEvents.length,
      householdEvents: data.householdEvents.length,
      placementRequests: data.placementRequests.length,
      seed,
    };
    await writeAudit(tx, { actor: null }, { action: 'seed.loaded', subjectType: 'system', details: { ...summary, reset: opts.reset === true, cleared } });
    return summary;
  });
}
