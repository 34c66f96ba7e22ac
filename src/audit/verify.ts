/**
 * Checks the audit log's hash chain (ADR 0011): every row is in it, `seq` runs 1, 2, 3 … without a
 * gap, each row's `prev_hash` is the hash of the row before, and each row's content still hashes to
 * the hash written with it. Reports the first broken link.
 */
import type { DbOrTx } from '../data/db.ts';
import { GENESIS_HASH, chainCounts, chainedRowHash, chainedRows, unchainedRow } from '../data/audit-chain.ts';

export type ChainBreak = {
  /** The row where the chain first breaks (or the first row outside it). */
  rowId: number;
  seq: number | null;
  /** What differs, in a sentence. */
  problem: string;
};

export type ChainReport =
  | { intact: true; rows: number; headSeq: number; headHash: string }
  | { intact: false; rows: number; checked: number; broken: ChainBreak };

export async function verifyAuditChain(db: DbOrTx, opts: { batch?: number } = {}): Promise<ChainReport> {
  const batch = opts.batch ?? 2000;
  const counts = await chainCounts(db);
  const rows = counts.chained + counts.unchained;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let prevId: number | null = null;
  let checked = 0;
  for (let after = 0; ; ) {
    const page = await chainedRows(db, after, batch);
    if (page.length === 0) break;
    for (const row of page) {
      const fail = (problem: string): ChainReport => ({ intact: false, rows, checked, broken: { rowId: row.id, seq: row.seq, problem } });
      if (row.seq !== expectedSeq) {
        return fail(
          row.seq > expectedSeq
            ? `row ${row.id} is link ${row.seq} of the chain, but link ${expectedSeq}${row.seq - expectedSeq > 1 ? ` to ${row.seq - 1} are` : ' is'} missing (removed)`
            : `row ${row.id} repeats link ${row.seq} of the chain`,
        );
      }
      if (row.prevHash !== prevHash) {
        return fail(
          prevId === null
            ? `row ${row.id} is the first link, but its previous hash is ${row.prevHash}, not the chain's start (${GENESIS_HASH})`
            : `row ${row.id}'s previous hash is ${row.prevHash}, but row ${prevId} before it has the hash ${prevHash}: a row between them was removed or row ${prevId}'s hash was rewritten`,
        );
      }
      const recomputed = chainedRowHash(row);
      if (row.hash !== recomputed) {
        return fail(`row ${row.id} (link ${row.seq}) was changed after it was written: its content now hashes to ${recomputed}, but the hash written with it is ${row.hash ?? '(none)'}`);
      }
      prevHash = row.hash;
      prevId = row.id;
      expectedSeq++;
      checked++;
    }
    after = page[page.length - 1]!.seq;
  }
  if (counts.unchained > 0) {
    const outside = await unchainedRow(db);
    return { intact: false, rows, checked, broken: { rowId: outside ?? 0, seq: null, problem: `row ${outside ?? '?'} is outside the chain (no link number or hash): ${counts.unchained} row(s) in all` } };
  }
  return { intact: true, rows: checked, headSeq: expectedSeq - 1, headHash: prevHash };
}

/** The report in a line, as `npm run audit:verify` prints it. */
export function describeChainReport(report: ChainReport): string {
  if (report.intact) {
    return report.rows === 0 ? 'chain intact, 0 rows' : `chain intact, ${report.rows} rows (last link ${report.headSeq}, hash ${report.headHash})`;
  }
  return `chain broken at row ${report.broken.rowId}${report.broken.seq === null ? '' : ` (link ${report.broken.seq})`}: ${report.broken.problem}. ${report.checked} of ${report.rows} rows checked before it.`;
}
