/** Which children a record related to an e-mail or a document is about (for the audit of what they show). */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db.ts';

/**
 * The children that e-mails and filed documents are about, from the records they relate to: for an
 * agreement, the child already placed and the proposed child; for a proposal, the request's child.
 * For the audit of the outbox and the carers' file, whose subjects, titles and bodies name children.
 */
export async function childrenOfRelated(db: DbOrTx, related: readonly { relatedType: string | null; relatedId: string | null }[]): Promise<string[]> {
  const agreements = [...new Set(related.filter((r) => r.relatedType === 'agreement' && r.relatedId).map((r) => r.relatedId!))];
  const proposals = [...new Set(related.filter((r) => r.relatedType === 'proposal' && r.relatedId).map((r) => r.relatedId!))];
  if (agreements.length === 0 && proposals.length === 0) return [];
  const list = (ids: string[]) => (ids.length ? sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `) : sql`null::uuid`);
  const rows = (await db.execute(
    sql`select a.existing_child_id as child_id from agreement_requirement a where a.id in (${list(agreements)})
        union
        select r.child_id from agreement_requirement a join placement_proposal p on p.id = a.proposal_id join placement_request r on r.id = p.request_id where a.id in (${list(agreements)})
        union
        select r.child_id from placement_proposal p join placement_request r on r.id = p.request_id where p.id in (${list(proposals)})`,
  )) as unknown as { rows: { child_id: string }[] };
  return rows.rows.map((r) => r.child_id);
}
