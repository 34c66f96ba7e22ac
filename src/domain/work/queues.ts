/**
 * Work queues: what waits on each person, on their My work. Pure: the facts come from the
 * repositories, and "today" is a parameter wherever it matters.
 */
import { compareDates, type IsoDate } from '../dates.ts';

/** One thing waiting on someone, as a queue lists it. */
export type QueueItem = {
  /** What to do, in words ("Take the request", "Record your consideration"). */
  action: string;
  /** What it is about: the child and, where there is one, the household. */
  subject: string;
  /** The children whose data the item shows (its subject), so the audit row of the list names them. */
  childIds: readonly string[];
  /** Where the work is done. */
  href: string;
  /** Why it is listed before everything else, if it is: an emergency request, or a statutory step already overdue. */
  urgent: 'emergency' | 'overdue' | null;
  /** The day it is needed by, if there is one. */
  dueOn: IsoDate | null;
  /** When it started waiting: the oldest is listed first. */
  since: Date;
  /** On whom it waits, when that is someone other than the viewer ("the child's social worker, Sam Jones"). */
  waitingOn: string | null;
};

/** Most urgent and oldest first: emergencies, then what is needed soonest, then what has waited longest. */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  if ((a.urgent === null) !== (b.urgent === null)) return a.urgent !== null ? -1 : 1;
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return compareDates(a.dueOn, b.dueOn);
  }
  return a.since.getTime() - b.since.getTime();
}

export const inQueueOrder = (items: readonly QueueItem[]): QueueItem[] => [...items].sort(compareQueueItems);

/** What is known of a proposal still open: the household's supervising social worker, the considerations and the written agreements. */
export type ProposalProgress = {
  status: 'considering' | 'proposed';
  /** Fostered children already living with the carers (each needs both considerations and, once proposed, an agreement). */
  childrenThere: number;
  consideredByPlacementTeam: number;
  consideredBySupervisingSocialWorker: number;
  supervisingSocialWorker: string | null;
  agreementsNotRequested: number;
  agreementsRequested: number;
  agreementsDeclined: number;
  /** The social workers asked and not yet answered. */
  awaitedSocialWorkers: readonly string[];
};

/**
 * On whom an open proposal waits (Concurrent placement agreement procedure): the supervising social
 * worker's consideration of the children already there, then the placement team's; once proposed,
 * the SSW to request each written agreement, then the children's social workers to answer, then the
 * placement team to confirm (or, after a refusal, to withdraw).
 */
export function proposalWaitingOn(p: ProposalProgress): { who: 'supervising_social_worker' | 'placement_officer' | 'social_workers'; text: string } {
  const ssw = p.supervisingSocialWorker ? `the supervising social worker, ${p.supervisingSocialWorker}` : 'the supervising social worker (none allocated)';
  if (p.status === 'considering') {
    if (p.consideredBySupervisingSocialWorker < p.childrenThere) return { who: 'supervising_social_worker', text: `${ssw}: consideration of the children already there` };
    return { who: 'placement_officer', text: p.consideredByPlacementTeam < p.childrenThere ? "the placement team: its consideration, then proposing the household" : 'the placement team: proposing the household' };
  }
  if (p.agreementsDeclined > 0) return { who: 'placement_officer', text: 'the placement team: a social worker refused, so withdraw or find another household' };
  if (p.agreementsNotRequested > 0) return { who: 'supervising_social_worker', text: `${ssw}: requesting written agreement` };
  if (p.agreementsRequested > 0) {
    const names = p.awaitedSocialWorkers.length ? p.awaitedSocialWorkers.join(', ') : 'not recorded';
    return { who: 'social_workers', text: `the social workers of the children already there (${names}): their written agreement` };
  }
  return { who: 'placement_officer', text: 'the placement team: confirming the placement' };
}
