/**
 * Work queues: what waits on each person, listed on their My work with the oldest and most urgent
 * first, and counted in the navigation. Each queue is a definition in QUEUES (who sees it, and how
 * its items are read); add a definition to add a queue.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as work from '../data/repositories/work.ts';
import { writeAudit } from '../audit/writer.ts';
import { keepReadableEach } from './readable.ts';
import type { Role } from '../domain/access/index.ts';
import type { Actor, Ctx } from '../domain/access/actor.ts';
import { addDays, formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { CANCELLED_BY } from '../domain/concurrent-planning/contact.ts';
import { sessionsNotHeldOfSocialWorker as contactNotHeld } from '../data/repositories/concurrent-planning.ts';
import { inQueueOrder, proposalWaitingOn, type QueueItem } from '../domain/work/queues.ts';
import { REQUEST_STATUSES } from '../domain/records/placement-request.ts';
import { read, type ObligationRow } from './obligations.ts';
import { childrenWithNameNotRecorded, householdsToLink, unallocatedNamesNotRecorded } from '../data/repositories/imports.ts';

/** At most this many items a queue lists (the count says how many there are up to it). */
export const QUEUE_LIMIT = 200;

const OPEN: ObligationRow['status'][] = ['overdue', 'due_soon', 'not_yet_due'];

/** What a queue's reader is given: the transaction, who is looking, today, and their own open obligations. */
export type QueueQuery = { tx: DbOrTx; actor: Actor; today: IsoDate; mine: readonly ObligationRow[] };

export type QueueDefinition = {
  id: string;
  title: string;
  /** One sentence under the title: what the queue holds and what to do. */
  description: string;
  roles: readonly Role[];
  /** Reads the viewer's own open obligations (`mine`), so counting it needs them read. */
  usesOwnObligations?: true;
  load: (q: QueueQuery) => Promise<QueueItem[]>;
};

export type Queue = { id: string; title: string; description: string; items: QueueItem[] };

const at = (epochSeconds: number) => new Date(epochSeconds * 1000);
const href = {
  request: (id: string) => `/requests/${id}`,
  proposal: (id: string) => `/proposals/${id}`,
  child: (id: string) => `/children/${id}`,
  review: (id: string) => `/children/${id}/reviews/new`,
  editChild: (id: string) => `/children/${id}/edit`,
  importRecords: '/admin/import',
  unlinked: (householdId: string) => `/admin/import/unresolved?household=${householdId}`,
};

/** A queue of the viewer's own obligations of some rules (those open, or of the `statuses` given), from what My work already read. */
const fromObligations = (ids: readonly string[], action: (r: ObligationRow) => string, link: (r: ObligationRow) => string, statuses: readonly ObligationRow['status'][] = OPEN) => async (q: QueueQuery) =>
  q.mine
    .filter((r) => ids.includes(r.obligationId) && statuses.includes(r.status) && r.child)
    .map(
      (r): QueueItem => ({
        action: action(r),
        subject: r.child ? `${r.child.name} (${r.child.reference})` : '',
        childIds: r.child ? [r.child.id] : [],
        href: link(r),
        urgent: r.status === 'overdue' ? 'overdue' : null,
        dueOn: r.dueOn,
        since: new Date(`${r.startedOn}T00:00:00Z`),
        waitingOn: null,
      }),
    );

type WaitingRequest = Awaited<ReturnType<typeof work.requestsWaiting>>[number];

/** A request as a queue item; `waitingOn` says on whom it waits when that is not the viewer. */
const requestItem = (action: string, waitingOn: (r: WaitingRequest) => string | null = () => null) => (r: WaitingRequest): QueueItem => ({
  action: `${action} ${r.reference}`,
  subject: r.childLabel,
  childIds: [r.childId],
  href: href.request(r.id),
  urgent: r.emergency ? 'emergency' : null,
  dueOn: r.neededBy,
  since: at(r.since),
  waitingOn: waitingOn(r),
});

/** Every queue, in the order My work shows them. */
export const QUEUES: readonly QueueDefinition[] = [
  {
    id: 'submitted-requests',
    title: 'Placement requests to take',
    description: 'Requests submitted to the placement team: emergencies first, then by the day the child needs a home. Open one and start matching.',
    roles: ['placement_officer'],
    load: async ({ tx }) => (await work.requestsWaiting(tx, { statuses: ['submitted'] }, QUEUE_LIMIT)).map(requestItem('Take request')),
  },
  {
    id: 'open-proposals',
    title: 'Proposals waiting on someone',
    description: 'Households being considered or proposed, with on whom each waits.',
    roles: ['placement_officer', 'head_of_service'],
    load: async ({ tx, today }) =>
      (await work.openProposals(tx, { today }, QUEUE_LIMIT)).map((p) => ({
        action: `${p.status === 'considering' ? 'Proposal being considered' : 'Household proposed'}: household ${p.householdReference}, request ${p.requestReference}`,
        subject: p.childLabel,
        childIds: [p.childId],
        href: href.proposal(p.id),
        urgent: p.emergency ? 'emergency' : null,
        dueOn: p.neededBy,
        since: at(p.since),
        waitingOn: proposalWaitingOn({
          status: p.status as 'considering' | 'proposed',
          childrenThere: p.childrenThere,
          consideredByPlacementTeam: p.byPlacementTeam,
          consideredBySupervisingSocialWorker: p.bySupervisor,
          supervisingSocialWorker: p.supervisorName,
          agreementsNotRequested: p.notRequested,
          agreementsRequested: p.requested,
          agreementsDeclined: p.declined,
          awaitedSocialWorkers: p.awaited ? p.awaited.split(', ') : [],
        }).text,
      })),
  },
  {
    id: 'unlinked-placements',
    title: 'Imported placements to link to a household',
    description:
      "Placements imported from the SSDA903 return whose carers were not found in the carers' register: until you link each to the foster household the child lived with, its supervising social worker's obligations fall to the placement team.",
    roles: ['placement_officer'],
    load: async ({ tx }) =>
      (await householdsToLink(tx, QUEUE_LIMIT)).map(
        (h): QueueItem => ({
          action: `Link ${h.placements === 1 ? 'the placement' : `${h.placements} placements`} from ${formatDate(h.firstStart)}${h.current ? ' (current)' : ''}, kept as ${h.householdReference}, to a household`,
          subject: `${h.childName} (${h.childReference})`,
          childIds: [h.childId],
          href: href.unlinked(h.householdId),
          urgent: null,
          dueOn: null,
          since: at(h.since),
          waitingOn: null,
        }),
      ),
  },
  {
    id: 'names-to-record',
    title: "Children's names to record",
    description:
      'Children allocated to you and imported from the SSDA903 return, which holds no names: each is called "Child" and their reference until you change their details to record their name.',
    roles: ['social_worker', 'team_manager'],
    load: async ({ tx, actor }) =>
      (await childrenWithNameNotRecorded(tx, actor.userId, QUEUE_LIMIT)).map(
        (c): QueueItem => ({
          action: 'Record the child’s name',
          subject: `Child ${c.reference} (imported${c.importedOn ? ` on ${formatDate(c.importedOn)}` : ''})`,
          childIds: [c.id],
          href: href.editChild(c.id),
          urgent: null,
          dueOn: null,
          since: at(c.since),
          waitingOn: null,
        }),
      ),
  },
  {
    id: 'unallocated-names',
    title: "Imported children's names to record",
    description:
      "Children imported from the SSDA903 return with no name recorded and no active allocated social worker: import the children's details file (names by CHILD) on Import records, or ask a team manager to allocate each child to a social worker, who records it.",
    roles: ['administrator'],
    load: async ({ tx }) => {
      const { n, since } = await unallocatedNamesNotRecorded(tx);
      if (!n || since === null) return [];
      // One item for them all: it names no child, so it shows no child's data.
      return [{ action: `Record the names of ${n} imported ${n === 1 ? 'child' : 'children'}`, subject: 'No active allocated social worker', childIds: [], href: href.importRecords, urgent: null, dueOn: null, since: at(since), waitingOn: null }];
    },
  },
  {
    id: 'considerations',
    title: 'Considerations to record',
    description: "Households you supervise proposed for a child: record whether the placement serves the wellbeing of each child already living there.",
    roles: ['supervising_social_worker'],
    load: async ({ tx, actor, today }) =>
      (await work.openProposals(tx, { today, supervisingSocialWorkerId: actor.userId }, QUEUE_LIMIT))
        .filter((p) => p.status === 'considering' && p.bySupervisor < p.childrenThere)
        .map((p) => ({
          action: `Record your consideration: household ${p.householdReference}`,
          subject: p.childLabel,
          childIds: [p.childId],
          href: href.proposal(p.id),
          urgent: p.emergency ? 'emergency' : null,
          dueOn: p.neededBy,
          since: at(p.since),
          waitingOn: null,
        })),
  },
  {
    id: 'agreements',
    title: 'Written agreements to request, chase or record',
    description: "For each child already living with carers you supervise: request their social worker's written agreement, chase it, and record the answer.",
    roles: ['supervising_social_worker'],
    load: async ({ tx, actor }) =>
      (await work.agreementsOutstanding(tx, { supervisingSocialWorkerId: actor.userId }, QUEUE_LIMIT)).map((a) => ({
        action: a.status === 'not_requested' ? `Request written agreement: household ${a.householdReference}` : `Chase or record the answer${a.remindersSent ? ` (${a.remindersSent} reminder${a.remindersSent === 1 ? '' : 's'} sent)` : ''}: household ${a.householdReference}`,
        subject: a.existingChildLabel,
        childIds: [a.existingChildId],
        href: href.proposal(a.proposalId),
        urgent: null,
        dueOn: null,
        since: at(a.since),
        waitingOn: a.status === 'requested' ? `the child's social worker${a.socialWorkerName ? `, ${a.socialWorkerName}` : ''}` : null,
      })),
  },
  {
    id: 'meetings',
    title: 'Meetings to arrange',
    description: 'Placement Planning Meetings and Placement Support Meetings you chair that are still to be held.',
    roles: ['supervising_social_worker', 'social_worker'],
    usesOwnObligations: true,
    load: fromObligations(['placement-planning-meeting', 'placement-support-meeting'], (r) => `Arrange and record: ${r.title}`, (r) => (r.placementId ? `/placements/${r.placementId}` : href.child(r.child!.id))),
  },
  {
    id: 'asked-agreements',
    title: 'Written agreements asked of you',
    description: 'A supervising social worker asked for your written agreement to another child joining the carers of a child you are allocated to. Answer through the link in the e-mail, or tell the supervising social worker.',
    roles: ['social_worker', 'team_manager'],
    load: async ({ tx, actor }) =>
      (await work.agreementsOutstanding(tx, { socialWorkerUserId: actor.userId }, QUEUE_LIMIT)).map((a) => ({
        action: `Give or refuse written agreement: household ${a.householdReference}`,
        subject: a.existingChildLabel,
        childIds: [a.existingChildId],
        href: href.child(a.existingChildId),
        urgent: null,
        dueOn: null,
        since: at(a.since),
        waitingOn: null,
      })),
  },
  {
    id: 'contact-not-held',
    title: 'Contact sessions missed or cancelled',
    description: 'Contact sessions with the birth family that did not take place in the last 28 days, for the children you are allocated to: who cancelled and why, so that the plan and the parents\u2019 assessment can take account of them.',
    roles: ['social_worker'],
    load: async ({ tx, actor, today }) =>
      (await contactNotHeld(tx, addDays(today, -28), actor.userId)).map((r) => ({
        action: `Contact session ${r.s.outcome === 'cancelled' ? `cancelled${r.s.cancelledBy ? ` by ${CANCELLED_BY[r.s.cancelledBy].toLowerCase()}` : ''}` : 'missed'} on ${formatDate(r.s.sessionDate)}`,
        subject: `${r.firstName} ${r.lastName} (${r.reference})`,
        childIds: [r.s.childId],
        href: `/children/${r.s.childId}/concurrent-planning#contact`,
        urgent: null,
        dueOn: null,
        since: new Date(`${r.s.sessionDate}T00:00:00Z`),
        waitingOn: null,
      })),
  },
  {
    id: 'draft-requests',
    title: 'Placement requests to finish',
    description: 'Requests you started and have not submitted to the placement team.',
    roles: ['social_worker', 'team_manager', 'head_of_service'],
    load: async ({ tx, actor }) => (await work.requestsWaiting(tx, { statuses: ['draft'], createdBy: actor.userId }, QUEUE_LIMIT)).map(requestItem('Finish and submit request')),
  },
  {
    id: 'reviews',
    title: 'Looked-after reviews to record',
    description: 'Reviews of the children you are the independent reviewing officer for, overdue or due within 3 working days: record each once it is held. Reviews due later are under your statutory steps.',
    roles: ['iro'],
    usesOwnObligations: true,
    // Only what is due now: every child reviewed always has a next review open, so listing those not yet
    // due would make the queue (and the count in the navigation) the whole caseload, never emptied by recording one.
    load: fromObligations(['looked-after-review'], (r) => `Record the review (${r.dueText})`, (r) => href.review(r.child!.id), ['overdue', 'due_soon']),
  },
  {
    id: 'team-overdue',
    title: "Your team's overdue items",
    description: "Statutory steps overdue for the children and households of your team's workers, the longest overdue first.",
    roles: ['team_manager'],
    load: async ({ tx, actor, today }) => {
      if (!actor.teamId) return [];
      const { rows } = await read(tx, { teamId: actor.teamId, status: ['overdue'] }, today, QUEUE_LIMIT);
      return rows.map((r) => ({
        action: `${r.title} (${r.dueText})`,
        subject: r.child ? `${r.child.name} (${r.child.reference})` : r.household ? `Household ${r.household.reference}` : '',
        childIds: r.child ? [r.child.id] : [],
        href: r.child ? href.child(r.child.id) : r.household ? `/households/${r.household.id}` : '/obligations/dashboard',
        urgent: null,
        dueOn: r.dueOn,
        since: new Date(`${r.dueOn}T00:00:00Z`),
        waitingOn: r.responsible.name ?? r.responsible.roleLabel,
      }));
    },
  },
  {
    id: 'team-requests',
    title: "Your team's requests waiting",
    description: "Placement requests for your team's children that the placement team has not yet matched.",
    roles: ['team_manager'],
    load: async ({ tx, actor }) => (actor.teamId ? (await work.requestsWaiting(tx, { statuses: ['submitted', 'matching', 'proposed'], teamId: actor.teamId }, QUEUE_LIMIT)).map(requestItem('Request', (r) => `the placement team (${REQUEST_STATUSES[r.status].toLowerCase()})`)) : []),
  },
];

export const queuesFor = (role: Role): readonly QueueDefinition[] => QUEUES.filter((q) => q.roles.includes(role));

export function createWorkService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function loadAll(tx: DbOrTx, actor: Actor, day: IsoDate, mine: readonly ObligationRow[]): Promise<Queue[]> {
    const out: Queue[] = [];
    for (const def of queuesFor(actor.role)) {
      out.push({ id: def.id, title: def.title, description: def.description, items: inQueueOrder(await def.load({ tx, actor, today: day, mine })) });
    }
    return out;
  }

  /** The viewer's queues, for My work: `mine` are their own open obligations, already read for the page. Audited as a listing. */
  async function queues(ctx: Ctx, mine: readonly ObligationRow[]): Promise<Queue[]> {
    const actor = ctx.actor;
    if (!actor) return [];
    const day = today();
    return db.transaction(async (tx) => {
      // Each queue shows only the items of children the person may read (caseload access).
      const loaded = await loadAll(tx, actor, day, mine);
      const kept = await keepReadableEach(tx, ctx, loaded.map((q) => q.items), (i) => i.childIds);
      const result = loaded.map((q, i) => ({ ...q, items: kept[i] ?? [] }));
      await writeAudit(tx, ctx, {
        action: 'obligation.listed',
        subjectType: 'system',
        details: { purpose: 'work queues', counts: Object.fromEntries(result.map((q) => [q.id, q.items.length])) },
        childIds: [...new Set(result.flatMap((q) => q.items.flatMap((i) => i.childIds)))],
      });
      return result;
    });
  }

  /** How many items wait in the person's queues: a number for the navigation, showing no record, so not audited. */
  async function count(actor: Actor): Promise<number> {
    const day = today();
    return db.transaction(async (tx) => {
      const needsMine = queuesFor(actor.role).some((q) => q.usesOwnObligations);
      const mine = needsMine ? (await read(tx, { responsibleUserId: actor.userId, status: OPEN }, day)).rows : [];
      const result = await loadAll(tx, actor, day, mine);
      return result.reduce((n, q) => n + q.items.length, 0);
    });
  }

  return { queues, count };
}

export type WorkService = ReturnType<typeof createWorkService>;
