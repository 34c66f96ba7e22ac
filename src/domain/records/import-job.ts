/**
 * An import job (a dry run or the import of uploaded SSDA903 files) runs in the background on one of
 * the service's processes. Every process can be asked how it is going, so the job's row holds its
 * progress, and the process running it refreshes the row at least every HEARTBEAT_SECONDS. A row still
 * marked running whose last refresh is older than STALE_AFTER_SECONDS belongs to a process that stopped:
 * the job was interrupted, and its files may be checked or imported again.
 */

/** How often the process running a job refreshes its row, at the least. */
export const HEARTBEAT_SECONDS = 15;

/** A running job not refreshed for this long has stopped with the process that ran it. */
export const STALE_AFTER_SECONDS = 120;

export type JobStatus = 'running' | 'done' | 'failed';

/** The status to show: a running job whose row has not been refreshed recently was interrupted. */
export function jobStatus(row: { status: JobStatus; updatedAt: Date }, now: Date): JobStatus | 'interrupted' {
  if (row.status !== 'running') return row.status;
  return now.getTime() - row.updatedAt.getTime() > STALE_AFTER_SECONDS * 1000 ? 'interrupted' : 'running';
}
