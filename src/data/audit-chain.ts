/**
 * The audit log's hash chain (ADR 0011). Each row holds `seq` (its place: 1, 2, 3 … without gaps),
 * `prev_hash` (the hash of row seq − 1, or 64 zeros for the first) and `hash`: the SHA-256 of the
 * canonical JSON (RFC 8785, the `canonicalize` package) of the row's content together with `seq` and
 * `prev_hash`. Editing a row changes its hash; deleting or inserting one breaks the next row's link.
 *
 * Appending is serialized: a transaction takes a transaction-level advisory lock, reads the head of
 * the chain and inserts its rows, and holds the lock until it commits, so the row before is always a
 * committed one, whichever process or instance wrote it. The writer (src/audit/writer.ts) appends just
 * before its transaction commits, so the lock is held only for that. Since migration 0057 the lock,
 * the head, the hashes and the insert are one call of the database function hearth_audit_append
 * (one round trip under the lock, not four), and a row's hash has format 2: the SHA-256 of
 * "hearth-audit-2", seq, prev_hash and at on lines of their own, then the canonical JSON of the rest
 * (canonicalContentV2, made before the lock). Rows written before keep format 1 (auditRowHash).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from './db.ts';

/** The previous hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);
/** Key of the advisory lock that serializes appends (any number unused by other advisory locks; hearth_audit_append, migration 0057, takes the same). */
export const AUDIT_CHAIN_LOCK = 727_275;
/** How a row's time is written into its hash: UTC to the microsecond, as PostgreSQL keeps it. */
const AT_FORMAT = `YYYY-MM-DD"T"HH24:MI:SS.US"Z"`;

/** What a new audit row says (the writer's input). */
export type AuditRowInput = {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  correlationId: string | null;
  details: Record<string, unknown>;
  childIds: readonly string[];
};

/** Everything a row's hash covers. */
export type ChainedContent = AuditRowInput & { seq: number; prevHash: string; at: string };

/**
 * Details as they will read back from jsonb: JSON's data model (dates as strings, no undefined),
 * strings made well-formed (a lone surrogate cannot be stored).
 */
export function normaliseDetails(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details), (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value)) as Record<string, unknown>;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Child ids as stored and hashed: lower case, each once, sorted. */
export function normaliseChildIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].sort();
}

/** A row's own fields, as the hashes cover them (canonicalize sorts the keys, so their order here does not matter). */
function ownFields(c: AuditRowInput) {
  return {
    actorUserId: c.actorUserId,
    actorLabel: c.actorLabel,
    action: c.action,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    correlationId: c.correlationId,
    details: c.details,
    childIds: c.childIds,
  };
}

function canonical(value: object): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit row has no canonical form');
  return text;
}

/** The canonical text of a row's content, its place in the chain and time included: what format 1 hashes. */
export function canonicalContent(c: ChainedContent): string {
  return canonical({ seq: c.seq, prevHash: c.prevHash, at: c.at, ...ownFields(c) });
}

/** A row's hash in format 1 (rows written before migration 0057): the canonical JSON of everything. */
export function auditRowHash(c: ChainedContent): string {
  return createHash('sha256').update(canonicalContent(c), 'utf8').digest('hex');
}

/** The canonical text of a row's content without its place in the chain and its time: what format 2 hashes after them. */
export function canonicalContentV2(c: AuditRowInput): string {
  return canonical(ownFields(c));
}

/** A row's hash in format 2, as hearth_audit_append (migration 0057) writes it. */
export function auditRowHashV2(c: ChainedContent): string {
  return createHash('sha256').update(`hearth-audit-2\n${c.seq}\n${c.prevHash}\n${c.at}\n${canonicalContentV2(c)}`, 'utf8').digest('hex');
}

/** A stored row's hash recomputed by the format it was written in. */
export function chainedRowHash(row: StoredAuditRow): string {
  return row.format === 2 ? auditRowHashV2(row) : auditRowHash(row);
}

type Head = { seq: number; hash: string; at: string };

/** Takes the chain's lock (until the transaction ends) and reads its last link and the transaction's time. */
async function lockHead(tx: DbOrTx): Promise<Head> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  // A statement after the lock: under READ COMMITTED it sees the row of whoever held the lock before.
  const [row] = await queryRows<{ seq: string | number | null; hash: string | null; at: string }>(
    tx,
    sql`select h.seq, h.hash, to_char(now() at time zone 'UTC', ${AT_FORMAT}) as at
        from (select 1) one
        left join (select seq, hash from audit_event where seq is not null order by seq desc limit 1) h on true`,
  );
  if (!row) throw new Error('could not read the head of the audit chain');
  return { seq: row.seq === null ? 0 : Number(row.seq), hash: row.hash ?? GENESIS_HASH, at: row.at };
}

/**
 * Appends rows to the chain in this transaction: one call of hearth_audit_append, which takes the
 * lock, reads the head and inserts the rows with their format-2 hashes. The lock is held until the
 * transaction ends: call it as the transaction's last statement (the writer does).
 */
export async function appendAuditRows(tx: DbOrTx, rows: readonly AuditRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  const prepared = rows.map((r) => {
    const row: AuditRowInput = { ...r, details: normaliseDetails(r.details), childIds: normaliseChildIds(r.childIds) };
    return { ...row, content: canonicalContentV2(row) };
  });
  await tx.execute(sql`select hearth_audit_append(${JSON.stringify(prepared)}::jsonb)`);
}

/** A stored row as the chain reads it. */
export type StoredAuditRow = ChainedContent & { id: number; hash: string | null; format: 1 | 2 };

/** Reads rows for checking the chain: `seq` after `afterSeq`, in order, `limit` at a time. */
export async function chainedRows(db: DbOrTx, afterSeq: number, limit: number): Promise<StoredAuditRow[]> {
  const rows = await queryRows<RawRow>(
    db,
    sql`select ${rawColumns} from audit_event where seq > ${afterSeq} order by seq limit ${limit}`,
  );
  return rows.map(fromRaw);
}

/** How many rows are in the chain and how many are outside it (no seq). */
export async function chainCounts(db: DbOrTx): Promise<{ chained: number; unchained: number; maxSeq: number }> {
  const [row] = await queryRows<{ chained: string | number; unchained: string | number; max_seq: string | number | null }>(
    db,
    sql`select count(seq) as chained, count(*) - count(seq) as unchained, max(seq) as max_seq from audit_event`,
  );
  return { chained: Number(row?.chained ?? 0), unchained: Number(row?.unchained ?? 0), maxSeq: Number(row?.max_seq ?? 0) };
}

type RawRow = {
  id: string | number;
  seq: string | number;
  prev_hash: string;
  hash: string | null;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  correlation_id: string | null;
  details: Record<string, unknown>;
  child_ids: string;
  hash_format: string | number;
};

const rawColumns = sql.raw(
  `id, seq, prev_hash, hash, to_char(at at time zone 'UTC', '${AT_FORMAT}') as at, actor_user_id, actor_label, action, subject_type, subject_id, correlation_id, details, array_to_json(child_ids)::text as child_ids, hash_format`,
);

function fromRaw(r: RawRow): StoredAuditRow {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    prevHash: r.prev_hash,
    hash: r.hash,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    correlationId: r.correlation_id,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
    childIds: JSON.parse(r.child_ids) as string[],
    format: Number(r.hash_format) === 2 ? 2 : 1,
  };
}

/**
 * Chains the rows written before the chain existed (migration 0021), in id order after the chain's
 * head. Run by the migration runner as the tables' owner: it sets their chain columns once, with the
 * append-only trigger set aside inside this one transaction. Returns how many it chained.
 */
export async function chainRowsFromBeforeTheChain(tx: DbOrTx): Promise<number> {
  const [any] = await queryRows<{ id: string }>(tx, sql`select id from audit_event where hash is null limit 1`);
  if (!any) return 0;
  const head = await lockHead(tx);
  let { seq, hash: prevHash } = head;
  await tx.execute(sql`alter table audit_event disable trigger audit_event_no_update`);
  let done = 0;
  for (;;) {
    const rows = (await queryRows<RawRow>(tx, sql`select ${rawColumns} from audit_event where hash is null order by id limit 1000`)).map(fromRaw);
    if (rows.length === 0) break;
    for (const r of rows) {
      const content: ChainedContent = { ...r, childIds: normaliseChildIds(r.childIds), seq: seq + 1, prevHash };
      const hash = auditRowHash(content);
      await tx.execute(sql`update audit_event set seq = ${content.seq}, prev_hash = ${prevHash}, hash = ${hash}, child_ids = ${toPgArray(content.childIds)}::uuid[] where id = ${r.id}`);
      seq = content.seq;
      prevHash = hash;
      done++;
    }
  }
  await tx.execute(sql`alter table audit_event enable trigger audit_event_no_update`);
  return done;
}

function toPgArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

/** The first row outside the chain (no seq), if any. */
export async function unchainedRow(db: DbOrTx): Promise<number | null> {
  const [row] = await queryRows<{ id: string | number }>(db, sql`select id from audit_event where seq is null order by id limit 1`);
  return row ? Number(row.id) : null;
}

/**
 * Whether the role this connection uses could change or remove audit rows: a superuser, a member of
 * the tables' owner, or granted UPDATE, DELETE or TRUNCATE. The server warns of it at start.
 */
export async function auditIsAlterable(db: DbOrTx): Promise<boolean> {
  const [row] = await queryRows<{ alterable: boolean }>(
    db,
    sql`select coalesce((select rolsuper from pg_roles where rolname = current_user), false)
          or pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_event'::regclass), 'MEMBER')
          or has_table_privilege('audit_event', 'UPDATE') or has_table_privilege('audit_event', 'DELETE')
          or has_table_privilege('audit_event', 'TRUNCATE') as alterable`,
  );
  return row?.alterable === true;
}
