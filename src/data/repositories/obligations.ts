/**
 * Reading the stored obligations (ADR 0007) in SQL: the rows a list shows, a page at a time, and the
 * compliance counts grouped by team, worker or obligation, without loading every row into the
 * process. Who is responsible is a join: the rule's role names the child's social worker or IRO, or
 * the supervising social worker of the household concerned, so a re-allocation shows at once.
 *
 * Where an obligation stands on a day is decided by `status` in src/domain/deadlines/status.ts; the
 * predicates here are its translation into SQL, given today and the last day that counts as "due
 * soon" (worked out by the domain with the bank holidays). test/obligation-reads.test.ts checks that
 * the two agree on every stored row.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db.ts';
import { anyOf } from '../any-of.ts';

/** The statuses, as the domain names them. */
export type StoredStatus = 'overdue' | 'due_soon' | 'not_yet_due' | 'missed' | 'completed_late' | 'completed_on_time' | 'not_applicable';

/** The day the statuses are worked out for, and the last day on which an open obligation is "due soon". */
export type StatusDay = { today: string; dueSoonUntil: string };

export type ObligationWhere = {
  instanceId?: string | undefined;
  /** Responsible person (with their children and households, to narrow the search first). */
  responsibleUserId?: string | undefined;
  teamId?: string | undefined;
  obligationId?: string | undefined;
  status?: readonly StoredStatus[] | undefined;
  childId?: string | undefined;
  placementId?: string | undefined;
  householdId?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  includeOverdue?: boolean | undefined;
  /**
   * Only the obligations of the children a person may read: a condition on the `child` table
   * (readableChildren, src/data/repositories/caseload.ts). A household's obligations (no child) are kept.
   */
  readable?: SQL | undefined;
};

export type StoredObligationRow = {
  id: string;
  obligation_id: string;
  subject_type: 'child' | 'placement' | 'household';
  subject_id: string;
  sequence: string;
  child_id: string | null;
  household_id: string | null;
  started_on: string;
  due_on: string;
  completed_on: string | null;
  not_applicable_reason: string | null;
  missed_reason: string | null;
  explanation: string;
  responsible_role: string;
  child_reference: string | null;
  child_name: string | null;
  household_reference: string | null;
  /** The household is one kept as not known (imported placements to link): the placement team answers for it. */
  household_not_known: boolean | null;
  responsible_user_id: string | null;
  responsible_name: string | null;
  team_id: string | null;
  team_name: string | null;
  /** Another authority's social worker, "name (organisation)", when the child has no social worker here. */
  external_name: string | null;
};

export type ComplianceRow = {
  key: string | null;
  label: string | null;
  overdue: number;
  due_soon: number;
  not_yet_due: number;
  on_time: number;
  late: number;
  missed: number;
};

export type NotComputedRow = { source_type: 'child' | 'household'; source_id: string; reference: string | null; reason: string };


// The statuses, in the order the domain decides them.
const NA = sql`o.not_applicable_reason IS NOT NULL`;
const MISSED = sql`(o.not_applicable_reason IS NULL AND o.missed_reason IS NOT NULL)`;
const DONE = sql`(o.not_applicable_reason IS NULL AND o.missed_reason IS NULL AND o.completed_on IS NOT NULL)`;
/** Open, as the predicate of the index obligation_open_order_idx (open rows by due date and id). */
const OPEN = sql`(o.not_applicable_reason IS NULL AND o.missed_reason IS NULL AND o.completed_on IS NULL)`;
const OPEN_STATUSES: readonly StoredStatus[] = ['overdue', 'due_soon', 'not_yet_due'];

function statusIs(s: StoredStatus, d: StatusDay): SQL {
  switch (s) {
    case 'not_applicable':
      return NA;
    case 'missed':
      return MISSED;
    case 'completed_on_time':
      return sql`(${DONE} AND o.completed_on <= o.due_on)`;
    case 'completed_late':
      return sql`(${DONE} AND o.completed_on > o.due_on)`;
    case 'overdue':
      return sql`(${OPEN} AND o.due_on < ${d.today}::date)`;
    case 'due_soon':
      return sql`(${OPEN} AND o.due_on BETWEEN ${d.today}::date AND ${d.dueSoonUntil}::date)`;
    case 'not_yet_due':
      return sql`(${OPEN} AND o.due_on > ${d.dueSoonUntil}::date)`;
  }
}

/** Overdue first, then due soon and not yet due, then missed, completed late, on time, not applicable. */
function rankOf(d: StatusDay): SQL {
  return sql`CASE
    WHEN ${NA} THEN 6 WHEN ${MISSED} THEN 3
    WHEN o.completed_on IS NOT NULL THEN CASE WHEN o.completed_on <= o.due_on THEN 5 ELSE 4 END
    WHEN o.due_on < ${d.today}::date THEN 0 WHEN o.due_on <= ${d.dueSoonUntil}::date THEN 1 ELSE 2 END`;
}

const RESPONSIBLE_USER = sql`CASE o.responsible_role
  WHEN 'social_worker' THEN c.social_worker_id WHEN 'iro' THEN c.iro_id
  WHEN 'supervising_social_worker' THEN h.supervising_social_worker_id END`;

/** Who and what a row concerns: the child, the household, the responsible person, their team, another authority's worker. */
const NAMES = namesJoins(sql`LEFT JOIN child c ON c.id = o.child_id LEFT JOIN household h ON h.id = o.household_id`);

/**
 * The same, for the few rows of one person or team: the child and household looked up row by row by
 * their primary keys, where the planner would otherwise read both tables whole to join a few thousand
 * rows (LIMIT 1 keeps it from turning the lookups back into joins).
 */
const NAMES_LOOKED_UP = namesJoins(
  sql`LEFT JOIN LATERAL (SELECT * FROM child WHERE child.id = o.child_id LIMIT 1) c ON true LEFT JOIN LATERAL (SELECT * FROM household WHERE household.id = o.household_id LIMIT 1) h ON true`,
);

function namesJoins(childAndHousehold: SQL): SQL {
  return sql`${childAndHousehold}
  LEFT JOIN app_user u ON u.id = ${RESPONSIBLE_USER}
  LEFT JOIN team t ON t.id = u.team_id
  LEFT JOIN external_contact x ON o.responsible_role = 'social_worker' AND c.social_worker_id IS NULL AND x.id = c.external_social_worker_id`;
}

const namesFor = (f: ObligationWhere) => (f.responsibleUserId || f.teamId ? NAMES_LOOKED_UP : NAMES);

function conditions(f: ObligationWhere, d: StatusDay): SQL[] {
  const parts: SQL[] = [];
  // The rows are narrowed to the person's or team's children and households first (rowsOf).
  if (f.responsibleUserId) parts.push(sql`u.id = ${f.responsibleUserId}::uuid`);
  if (f.teamId) parts.push(sql`u.team_id = ${f.teamId}::uuid`);
  return [...parts, ...rowConditions(f, d)];
}

/** The conditions on a row's own columns (no names needed). */
function rowConditions(f: ObligationWhere, d: StatusDay): SQL[] {
  const parts: SQL[] = [];
  if (f.instanceId) parts.push(sql`o.id = ${f.instanceId}`);
  if (f.obligationId) parts.push(sql`o.obligation_id = ${f.obligationId}`);
  if (f.status?.length) parts.push(sql`(${sql.join(f.status.map((s) => statusIs(s, d)), sql` OR `)})`);
  if (f.childId) parts.push(sql`o.child_id = ${f.childId}::uuid`);
  // By the placement's child first (indexed), then the placement.
  if (f.placementId) parts.push(sql`(o.child_id = (SELECT child_id FROM placement WHERE id = ${f.placementId}::uuid) AND o.subject_type = 'placement' AND o.subject_id = ${f.placementId})`);
  if (f.householdId) parts.push(sql`o.household_id = ${f.householdId}::uuid`);
  if (f.dueFrom || f.dueTo) {
    const period: SQL[] = [];
    if (f.dueFrom) period.push(sql`o.due_on >= ${f.dueFrom}::date`);
    if (f.dueTo) period.push(sql`o.due_on <= ${f.dueTo}::date`);
    const inPeriod = sql`(${sql.join(period, sql` AND `)})`;
    parts.push(f.includeOverdue ? sql`(${statusIs('overdue', d)} OR ${inPeriod})` : inPeriod);
  }
  if (f.readable) parts.push(sql`(o.child_id IS NULL OR o.child_id IN (SELECT child.id FROM child WHERE ${f.readable}))`);
  return parts;
}

/**
 * The rows a filter can concern, as the FROM item `o`: for a person or a team, only the obligations
 * of the children they work with (as social worker or IRO) and the households they supervise, looked
 * up by the child and household indexes in a subquery of their own (OFFSET 0 keeps the planner from
 * folding it into the rest), with the filter's conditions on the rows' own columns tested there too, so that the planner can narrow them with the indexes of open rows and due
 * dates (obligation_open_order_idx, obligation_due_idx) before reading them; otherwise the whole table.
 */
function rowsOf(f: ObligationWhere, d: StatusDay): SQL {
  const people = f.responsibleUserId ? sql`SELECT ${f.responsibleUserId}::uuid AS id` : f.teamId ? sql`SELECT id FROM app_user WHERE team_id = ${f.teamId}::uuid` : null;
  if (!people) return sql`obligation o`;
  const own = rowConditions(f, d);
  return sql`(SELECT * FROM obligation o
      WHERE (o.child_id = ANY (ARRAY(SELECT c.id FROM child c WHERE c.social_worker_id IN (${people}) UNION SELECT c.id FROM child c WHERE c.iro_id IN (${people})))
        OR o.household_id = ANY (ARRAY(SELECT h.id FROM household h WHERE h.supervising_social_worker_id IN (${people}))))
        ${own.length ? sql`AND ${sql.join(own, sql` AND `)}` : sql``}
      OFFSET 0) o`;
}

const whereOf = (parts: SQL[]) => (parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``);

/**
 * The stored obligations matching `where`, in the order lists show them: overdue first (oldest
 * first), then due soon and not yet due (soonest first), then the closed ones (latest first); ties
 * by id, so the order is total and pages neither repeat nor skip a row. `limit` rows at most, after
 * skipping `offset` (a page).
 */
export async function findObligations(tx: DbOrTx, where: ObligationWhere, d: StatusDay, limit?: number, offset = 0): Promise<StoredObligationRow[]> {
  const rank = rankOf(d);
  // Open obligations only (an overdue list, My work): their order is by due date alone, which the
  // index obligation_open_order_idx gives, so that a page reads only its own rows.
  const openOnly = where.status?.length && where.status.every((s) => OPEN_STATUSES.includes(s)) && !where.dueFrom && !where.dueTo;
  const order = openOnly
    ? sql`o.due_on, o.id COLLATE "C"`
    : sql`${rank}, CASE WHEN ${rank} < 3 THEN o.due_on END ASC, CASE WHEN ${rank} >= 3 THEN o.due_on END DESC, o.id COLLATE "C"`;
  // The page is chosen first, joining the names only where the filter needs them (who is
  // responsible, their team); then only its rows are joined to the names.
  const needsNames = Boolean(where.responsibleUserId || where.teamId);
  return queryRows<StoredObligationRow>(
    tx,
    sql`WITH page AS (
        SELECT o.* FROM ${rowsOf(where, d)} ${needsNames ? namesFor(where) : sql``}
        ${whereOf(conditions(where, d))}
        ORDER BY ${order}
        ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}
        ${offset > 0 ? sql`OFFSET ${offset}` : sql``}
      )
      SELECT o.id, o.obligation_id, o.subject_type, o.subject_id, o.sequence, o.child_id, o.household_id,
        o.started_on::text AS started_on, o.due_on::text AS due_on, o.completed_on::text AS completed_on,
        o.not_applicable_reason, o.missed_reason, o.explanation, o.responsible_role,
        c.reference AS child_reference, c.first_name || ' ' || c.last_name AS child_name, h.reference AS household_reference, h.not_known AS household_not_known,
        u.id AS responsible_user_id, u.full_name AS responsible_name, t.id AS team_id, t.name AS team_name,
        CASE WHEN x.id IS NULL THEN NULL ELSE x.full_name || ' (' || x.organisation_name || ')' END AS external_name
      FROM page o ${NAMES}
      ORDER BY ${order}`,
  );
}

/** How many stored obligations match `where`. */
export async function countObligations(tx: DbOrTx, where: ObligationWhere, d: StatusDay): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${rowsOf(where, d)} ${namesFor(where)} ${whereOf(conditions(where, d))}`);
  return row?.n ?? 0;
}

export type ComplianceGrouping = 'all' | 'team' | 'worker' | 'obligation';

export type GroupedComplianceRow = ComplianceRow & { grouping: ComplianceGrouping };

/**
 * Compliance counts over the period from..to (due dates in it): open obligations by where they stand
 * today, and those that fell due in the period by whether they were done on time, late, or not
 * (overdue now, or missed). Grouped at once by the responsible person's team ('none' when not
 * allocated), by the person ('external' for another authority's social worker, 'none' when nobody),
 * by obligation, and in all ('all', one row with no key).
 *
 * In two steps: the rows are counted by responsible person and obligation in one pass (a hash
 * aggregate of a few thousand groups, even over a national authority's millions of rows), and only
 * those counts are then named and rolled up by team, person, obligation and in all. Grouping the rows
 * themselves by the names (text keys) sorted the million rows of a 100,000-children authority on disk.
 */
export async function complianceCounts(
  tx: DbOrTx,
  where: Pick<ObligationWhere, 'teamId' | 'obligationId'>,
  period: { from: string; to: string },
  d: StatusDay,
  groupings: readonly ComplianceGrouping[] = ['all', 'team', 'worker', 'obligation'],
): Promise<GroupedComplianceRow[]> {
  const inPeriod = sql`o.due_on >= ${period.from}::date AND o.due_on <= ${period.to}::date`;
  const relevant = sql`(${OPEN} OR (${inPeriod}))`;
  const columns = { team: { key: sql`tk`, label: sql`min(tn)` }, worker: { key: sql`wk`, label: sql`min(wn)` }, obligation: { key: sql`ok`, label: sql`NULL` } };
  const grouped = groupings.filter((g): g is Exclude<ComplianceGrouping, 'all'> => g !== 'all');
  // GROUPING(x) = 0 on the rows grouped by x; the grand total ('all') is grouped by nothing.
  const which = (part: (g: (typeof grouped)[number]) => SQL, otherwise: SQL) =>
    grouped.length ? sql`CASE ${sql.join(grouped.map((g) => sql`WHEN GROUPING(${columns[g].key}) = 0 THEN ${part(g)}`), sql` `)} ELSE ${otherwise} END` : otherwise;
  const sets = groupings.map((g) => (g === 'all' ? sql`()` : sql`(${columns[g].key})`));
  return queryRows<GroupedComplianceRow>(
    tx,
    sql`WITH counted AS (
        SELECT uid, ext, ok,
          count(*) FILTER (WHERE rank = 0) AS overdue,
          count(*) FILTER (WHERE rank = 1) AS due_soon,
          count(*) FILTER (WHERE rank = 2) AS not_yet_due,
          count(*) FILTER (WHERE in_period AND rank = 5) AS on_time,
          count(*) FILTER (WHERE in_period AND rank = 4) AS late,
          count(*) FILTER (WHERE in_period AND rank IN (0, 3)) AS missed
        FROM (
          SELECT u.id AS uid, x.id IS NOT NULL AS ext, o.obligation_id AS ok, ${rankOf(d)} AS rank, (${inPeriod}) AS in_period
          FROM ${rowsOf(where, d)} ${namesFor(where)}
          ${whereOf([...conditions(where, d), relevant])}
        ) r
        GROUP BY uid, ext, ok
      )
      SELECT ${which((g) => sql.raw(`'${g}'`), sql`'all'`)} AS grouping,
        ${which((g) => sql`${columns[g].key}`, sql`NULL`)} AS key,
        ${which((g) => columns[g].label, sql`NULL`)} AS label,
        sum(overdue)::int AS overdue, sum(due_soon)::int AS due_soon, sum(not_yet_due)::int AS not_yet_due,
        sum(on_time)::int AS on_time, sum(late)::int AS late, sum(missed)::int AS missed
      FROM (
        SELECT coalesce(t.id::text, 'none') AS tk, t.name AS tn,
          coalesce(u.id::text, CASE WHEN s.ext THEN 'external' ELSE 'none' END) AS wk, u.full_name AS wn,
          s.ok, s.overdue, s.due_soon, s.not_yet_due, s.on_time, s.late, s.missed
        FROM counted s LEFT JOIN app_user u ON u.id = s.uid LEFT JOIN team t ON t.id = u.team_id
      ) s
      GROUP BY GROUPING SETS (${sql.join(sets, sql`, `)})`,
  );
}

/** The children and households (all, or those named) whose obligations could not be worked out, and why. */
export async function findNotComputed(tx: DbOrTx, scope: { childIds: readonly string[] | 'all'; householdIds: readonly string[] | 'all' }): Promise<NotComputedRow[]> {
  const of = (type: 'child' | 'household', ids: readonly string[] | 'all') =>
    ids === 'all' ? sql`n.source_type = ${type}` : sql`(n.source_type = ${type} AND ${anyOf(sql`n.source_id`, ids)})`;
  return queryRows<NotComputedRow>(
    tx,
    sql`SELECT n.source_type, n.source_id, coalesce(c.reference, h.reference) AS reference, n.reason
      FROM obligation_not_computed n
      LEFT JOIN child c ON n.source_type = 'child' AND c.id = n.source_id
      LEFT JOIN household h ON n.source_type = 'household' AND h.id = n.source_id
      WHERE ${of('child', scope.childIds)} OR ${of('household', scope.householdIds)}
      ORDER BY coalesce(c.reference, h.reference) COLLATE "C", n.source_id`,
  );
}
