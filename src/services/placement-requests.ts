/**
 * The Placement Request Form: the child's social worker fills it in page by page (kept as a draft),
 * checks the answers and submits it to the placement team, who start matching. Every status change
 * is kept with who, when and why; every view and change is audited (the request is the child's
 * record).
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as requests from '../data/repositories/placement-requests.ts';
import { childIdByReference as findChildIdByReference, childrenByAge, childrenWithBirthDates, childWithSocialWorker, lockChildName, siblingLinksOfChild } from '../data/repositories/children.ts';
import { readPage, type Listed, type Paging } from './paging.ts';
import { writeAudit } from '../audit/writer.ts';
import { readableFor } from './readable.ts';
import { activeEmailsWithRole } from '../data/repositories/users.ts';
import { can, type Permission } from '../domain/access/index.ts';
import { ageOn, formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { MAX_LONG_TEXT } from '../domain/records/fields.ts';
import type { PlacementKind } from '../domain/records/household.ts';
import {
  OPEN_REQUEST_STATUSES,
  REQUEST_DRAFT_SCHEMAS,
  REQUEST_PAGES,
  REQUEST_STATUSES,
  canMoveRequest,
  isEditableRequest,
  missingForSubmission,
  requestPageProblems,
  requestReference,
  type PlacementRequestFacts,
  type RequestBasicsDraftInput,
  type RequestNeedsInput,
  type RequestPage,
  type RequestRisksInput,
  type RequestStatus,
  type RequestViewsInput,
  type Urgency,
} from '../domain/records/placement-request.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';
import { isUuid } from '../domain/ids.ts';


export type RequestFilter = {
  status?: string | undefined;
  childId?: string | undefined;
  /** Requests I started, or for children allocated to me. */
  mine?: boolean | undefined;
  /** The child's name or reference, or the request's reference. */
  q?: string | undefined;
};
export type CleanRequestFilter = { status?: RequestStatus; childId?: string; mine?: true; q?: string };

export type RequestListItem = {
  id: string;
  reference: string;
  status: RequestStatus;
  urgency: Urgency | null;
  kind: PlacementKind | null;
  neededBy: IsoDate | null;
  createdByName: string | null;
  updatedAt: Date;
  child: { id: string; reference: string; firstName: string; lastName: string };
};

export type ChildSummary = {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  age: number;
  socialWorkerId: string | null;
  socialWorkerName: string | null;
};
export type SiblingSummary = { id: string; reference: string; firstName: string; lastName: string; dateOfBirth: IsoDate };
export type StatusHistoryEntry = { status: RequestStatus | string; at: Date; byUserId: string | null; byName: string | null; note: string };
export type OpenRequestSummary = { id: string; reference: string; status: RequestStatus };

export type PlacementRequestView = PlacementRequestFacts & {
  id: string;
  reference: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  child: ChildSummary;
  /** The siblings named on the request, to be placed together with the child. */
  siblings: SiblingSummary[];
  /** Every child linked as a sibling of this child (those who may be named). */
  linkedSiblings: SiblingSummary[];
  /** Status changes and notes, oldest first. */
  history: StatusHistoryEntry[];
  /** What must still be answered before submission (empty once it could be submitted). */
  missing: { field: string; message: string; page: RequestPage }[];
};

/** A child can have only one open request: starting another is refused, naming the open one. */
export class OpenRequestError extends ValidationError {
  constructor(
    public readonly existing: OpenRequestSummary,
    childName: string,
  ) {
    super([
      {
        field: 'child',
        message: `${childName} already has an open placement request, ${existing.reference} (${REQUEST_STATUSES[existing.status].toLowerCase()}). Continue with that request instead of starting another.`,
      },
    ]);
    this.name = 'OpenRequestError';
  }
}

type Row = requests.PlacementRequestRow;

function factsOf(row: Row): PlacementRequestFacts {
  return {
    childId: row.childId,
    status: row.status,
    urgency: row.urgency,
    kind: row.kind,
    neededBy: row.neededBy,
    siblingIds: row.siblingIds,
    needs: row.needs as Partial<RequestNeedsInput>,
    risks: row.risks as Partial<RequestRisksInput>,
    views: row.childViews as Partial<RequestViewsInput>,
  };
}

/** Services check the use case's permission too, so that nothing depends on a route alone. */
function requirePermission(ctx: Ctx, permission: Permission) {
  if (ctx.actor && !can(ctx.actor.role, permission)) throw new ForbiddenError();
}

/**
 * Move a request to another status: checks REQUEST_TRANSITIONS, bumps the version, keeps the
 * change in the status history (who, when, note) and writes 'request.status-changed'. Call it
 * inside your own transaction (proposals and matching do); who may make the change is the caller's
 * to check.
 */
export async function setRequestStatus(tx: DbOrTx, ctx: Ctx, requestId: string, to: RequestStatus, note: string): Promise<void> {
  const current = await requests.lockPlacementRequestStatus(tx, requestId);
  if (!current) throw new NotFoundError('Placement request');
  if (!canMoveRequest(current.status, to)) {
    throw new ValidationError([
      {
        field: 'status',
        message:
          current.status === to
            ? `This request is already ${REQUEST_STATUSES[to].toLowerCase()}`
            : `A request that is ${REQUEST_STATUSES[current.status].toLowerCase()} cannot be made ${REQUEST_STATUSES[to].toLowerCase()}`,
      },
    ]);
  }
  await requests.setPlacementRequestStatus(tx, requestId, to);
  await requests.insertStatusHistory(tx, { requestId, status: to, byUserId: ctx.actor?.userId ?? null, note });
  await writeAudit(tx, ctx, {
    action: 'request.status-changed',
    subjectType: 'request',
    subjectId: requestId,
    details: { childId: current.childId, from: current.status, to },
  });
}

/** The e-mail service, as this service uses it. */
type Mailer = {
  enqueue(tx: DbOrTx, ctx: Ctx, msg: { to: string[]; subject: string; body: string; related?: { type: string; id: string } }): Promise<string>;
  deliverPending(): Promise<number>;
};

export type PlacementRequestServiceOptions = {
  /** Today's date in England; the service reads the clock here, never the domain. */
  today?: () => IsoDate;
  /** Tells the placement team of a submitted request (the e-mail service); without it, nobody is e-mailed. */
  mailer?: Mailer;
  publicUrl?: string;
};

export function createPlacementRequestService(db: Db, opts: PlacementRequestServiceOptions = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  function cleanFilter(ctx: Ctx, f: RequestFilter): CleanRequestFilter {
    const out: CleanRequestFilter = {};
    if (f.status && Object.hasOwn(REQUEST_STATUSES, f.status)) out.status = f.status as RequestStatus;
    if (f.childId && isUuid(f.childId)) out.childId = f.childId.toLowerCase();
    if (f.mine && ctx.actor) out.mine = true;
    const q = f.q?.trim().slice(0, 100);
    if (q) out.q = q;
    return out;
  }

  /** One page of the requests matching a filter, most recently changed first, and how many match in all. */
  async function list(ctx: Ctx, rawFilter: RequestFilter = {}, paging: Paging = {}): Promise<Listed<RequestListItem> & { filter: CleanRequestFilter }> {
    const filter = cleanFilter(ctx, rawFilter);
    return db.transaction(async (tx) => {
      // Only the requests of children the person may read (caseload access).
      const readable = await readableFor(tx, ctx);
      const where = { status: filter.status, childId: filter.childId, mineOf: filter.mine && ctx.actor ? ctx.actor.userId : undefined, q: filter.q, readable };
      const page = await readPage(
        paging,
        () => requests.countPlacementRequests(tx, where),
        (limit, offset) => requests.listPlacementRequests(tx, where, limit, offset),
      );
      await writeAudit(tx, ctx, {
        action: 'request.listed',
        subjectType: 'request',
        details: { filter, count: page.items.length, total: page.total, page: page.page },
        childIds: page.items.map((r) => r.child.id),
      });
      return { ...page, filter };
    });
  }

  async function childSummary(tx: DbOrTx, childId: string): Promise<ChildSummary | null> {
    const row = await childWithSocialWorker(tx, childId);
    return row ? { ...row, age: ageOn(row.dateOfBirth, today()) } : null;
  }

  async function linkedSiblings(tx: DbOrTx, childId: string): Promise<SiblingSummary[]> {
    const links = await siblingLinksOfChild(tx, childId);
    const ids = links.map((l) => (l.childId === childId ? l.siblingId : l.childId));
    if (!ids.length) return [];
    return childrenByAge(tx, ids);
  }

  async function openRequestOf(tx: DbOrTx, childId: string): Promise<OpenRequestSummary | null> {
    const row = await requests.latestRequestOfChildIn(tx, childId, OPEN_REQUEST_STATUSES);
    return row ?? null;
  }

  async function load(tx: DbOrTx, id: string): Promise<PlacementRequestView> {
    const found = await requests.findPlacementRequestWithCreator(tx, id);
    if (!found) throw new NotFoundError('Placement request');
    const { r } = found;
    const summary = await childSummary(tx, r.childId);
    if (!summary) throw new NotFoundError('Child');
    const linked = await linkedSiblings(tx, r.childId);
    const chosen = new Set(r.siblingIds);
    const named = linked.filter((s) => chosen.has(s.id));
    // A sibling named earlier whose link has since been removed is still shown, by name.
    const unlinked = r.siblingIds.filter((sid) => !linked.some((s) => s.id === sid));
    if (unlinked.length) {
      named.push(...(await childrenWithBirthDates(tx, unlinked)));
    }
    const history = await requests.statusHistory(tx, id);
    const facts = factsOf(r);
    return {
      id: r.id,
      reference: r.reference,
      childId: r.childId,
      status: r.status,
      urgency: r.urgency,
      kind: r.kind,
      neededBy: r.neededBy,
      siblingIds: r.siblingIds,
      needs: facts.needs,
      risks: facts.risks,
      views: facts.views,
      createdBy: r.createdBy,
      createdByName: found.createdByName,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: r.version,
      child: summary,
      siblings: named,
      linkedSiblings: linked,
      history,
      missing: r.status === 'draft' ? missingForSubmission(facts, today()) : [],
    };
  }

  /** A request with its child, siblings and history. Every view is audited: it is the child's record. */
  async function get(ctx: Ctx, id: string, purpose: 'view' | 'edit' | 'check' = 'view'): Promise<PlacementRequestView> {
    return db.transaction(async (tx) => {
      const view = await load(tx, id);
      await writeAudit(tx, ctx, {
        action: 'request.viewed',
        subjectType: 'request',
        subjectId: id,
        details: { childId: view.childId, ...(purpose === 'view' ? {} : { purpose }) },
        childIds: view.siblings.map((s) => s.id),
      });
      return view;
    });
  }

  /** Before starting a request: the child, and their open request if they have one. The view of the child is audited. */
  async function startContext(ctx: Ctx, childId: string): Promise<{ child: ChildSummary; openRequest: OpenRequestSummary | null }> {
    requirePermission(ctx, 'request:write');
    return db.transaction(async (tx) => {
      const summary = await childSummary(tx, childId);
      if (!summary) throw new NotFoundError('Child');
      const openRequest = await openRequestOf(tx, childId);
      await writeAudit(tx, ctx, { action: 'child.viewed', subjectType: 'child', subjectId: childId, details: { purpose: 'start placement request' } });
      return { child: summary, openRequest };
    });
  }

  /** The id of the child with this reference (C…), to start a request from a reference typed in. */
  async function childIdByReference(reference: string): Promise<string | null> {
    const ref = reference.trim();
    if (!ref || ref.length > 50) return null;
    return (await findChildIdByReference(db, ref)) ?? null;
  }

  /** Start a draft for a child who exists and has no open request. */
  async function create(ctx: Ctx, childId: string): Promise<{ id: string; reference: string; version: number }> {
    requirePermission(ctx, 'request:write');
    if (typeof childId !== 'string' || !isUuid(childId)) throw new ValidationError([{ field: 'childId', message: 'Select the child the request is for' }]);
    return db.transaction(async (tx) => {
      // Lock the child so that two requests cannot be started for them at the same moment.
      const c = await lockChildName(tx, childId.toLowerCase());
      if (!c) throw new ValidationError([{ field: 'childId', message: 'There is no child with this id' }]);
      const open = await openRequestOf(tx, c.id);
      if (open) throw new OpenRequestError(open, `${c.firstName} ${c.lastName}`);
      const reference = await nextReference(tx);
      const row = await requests.insertPlacementRequest(tx, { reference, childId: c.id, status: 'draft', createdBy: ctx.actor?.userId ?? null });
      await requests.insertStatusHistory(tx, { requestId: row.id, status: 'draft', byUserId: ctx.actor?.userId ?? null, note: 'Request started' });
      await writeAudit(tx, ctx, { action: 'request.created', subjectType: 'request', subjectId: row.id, details: { childId: c.id, reference } });
      return row;
    });
  }

  /**
   * Save one page of the form. Only while the request is a draft or submitted; after submission
   * the change is noted in the status history and the page must stay complete. With
   * `{ draft: true }` ("Save as draft and return later") the page's questions may be left blank.
   */
  async function savePage(ctx: Ctx, id: string, page: RequestPage, version: number, raw: unknown, opts: { draft?: boolean } = {}): Promise<{ version: number; status: RequestStatus }> {
    requirePermission(ctx, 'request:write');
    if (!Object.hasOwn(REQUEST_PAGES, page)) throw new NotFoundError('Page');
    const day = today();
    return db.transaction(async (tx) => {
      const current = await requests.lockPlacementRequest(tx, id);
      if (!current) throw new NotFoundError('Placement request');
      if (current.version !== version) throw new StaleRecordError('Placement request');
      if (!isEditableRequest(current.status)) {
        throw new ValidationError([{ field: 'form', message: `This request is ${REQUEST_STATUSES[current.status].toLowerCase()} and can no longer be changed` }]);
      }
      const submitted = current.status === 'submitted';
      // A submitted request must stay complete: its pages are saved with every question answered.
      const schema = submitted || !opts.draft ? REQUEST_PAGES[page].schema : REQUEST_DRAFT_SCHEMAS[page];
      const input = parseInput(schema, raw) as Record<string, unknown>;
      const errors: FieldError[] = [...requestPageProblems(page, input as { neededBy?: IsoDate | null }, day)];
      let values: Partial<requests.NewPlacementRequestRow>;
      const after = factsOf(current);
      if (page === 'basics') {
        const b = input as RequestBasicsDraftInput;
        const siblingIds = [...new Set(b.siblingIds.map((s) => s.toLowerCase()))];
        if (siblingIds.length) {
          const linked = new Set((await linkedSiblings(tx, current.childId)).map((s) => s.id));
          if (siblingIds.some((s) => !linked.has(s))) {
            errors.push({ field: 'siblingIds', message: "Select only children linked as this child's siblings" });
          }
        }
        values = { urgency: b.urgency, kind: b.kind, neededBy: b.neededBy, siblingIds };
        Object.assign(after, { urgency: b.urgency, kind: b.kind, neededBy: b.neededBy, siblingIds });
      } else if (page === 'needs') {
        values = { needs: input };
        after.needs = input;
      } else if (page === 'risks') {
        values = { risks: input };
        after.risks = input;
      } else {
        values = { childViews: input };
        after.views = input;
      }
      if (submitted) {
        errors.push(...missingForSubmission(after, day).filter((m) => m.page === page && !errors.some((e) => e.field === m.field)));
      }
      if (errors.length) throw new ValidationError(errors);
      const result = await requests.updatePlacementRequest(tx, id, version, values);
      if (result === 'missing') throw new NotFoundError('Placement request');
      if (result === 'stale') throw new StaleRecordError('Placement request');
      if (submitted) {
        await requests.insertStatusHistory(tx, { requestId: id, status: current.status, byUserId: ctx.actor?.userId ?? null, note: `Changed after submission: ${REQUEST_PAGES[page].title.toLowerCase()}` });
      }
      await writeAudit(tx, ctx, {
        action: 'request.updated',
        subjectType: 'request',
        subjectId: id,
        details: { childId: current.childId, page, fields: Object.keys(input), ...(submitted ? { afterSubmission: true } : {}) },
      });
      return { version: version + 1, status: current.status };
    });
  }

  /** Lock the request and check the version the user read. */
  async function lockAt(tx: DbOrTx, id: string, version: number): Promise<Row> {
    const current = await requests.lockPlacementRequest(tx, id);
    if (!current) throw new NotFoundError('Placement request');
    if (current.version !== version) throw new StaleRecordError('Placement request');
    return current;
  }

  /** Submit a draft to the placement team: refused, listing every missing answer, until it is complete. */
  async function submit(ctx: Ctx, id: string, version: number): Promise<void> {
    requirePermission(ctx, 'request:write');
    await db.transaction(async (tx) => {
      const current = await lockAt(tx, id, version);
      if (current.status !== 'draft') {
        throw new ValidationError([{ field: 'form', message: `This request is already ${REQUEST_STATUSES[current.status].toLowerCase()}` }]);
      }
      const missing = missingForSubmission(factsOf(current), today());
      // Each error also names its page, so that pages and API clients can point to the question.
      if (missing.length) throw new ValidationError(missing);
      await setRequestStatus(tx, ctx, id, 'submitted', 'Submitted to the placement team');
      await tellPlacementTeam(tx, ctx, current);
    });
    await opts.mailer?.deliverPending();
  }

  /**
   * A submitted request is e-mailed to the placement officers (the Referral Response Team), an
   * emergency saying so first; it is on their My work at once.
   */
  async function tellPlacementTeam(tx: DbOrTx, ctx: Ctx, r: Row): Promise<void> {
    if (!opts.mailer) return;
    const to = [...new Set((await activeEmailsWithRole(tx, 'placement_officer')).map((m) => m.email))];
    if (!to.length) return;
    const c = await childSummary(tx, r.childId);
    const emergency = r.urgency === 'emergency' || r.kind === 'emergency';
    const who = c ? `${c.firstName} ${c.lastName} (${c.reference})` : 'a child';
    await opts.mailer.enqueue(tx, ctx, {
      to,
      subject: `${emergency ? 'EMERGENCY placement request' : 'Placement request'} submitted: ${r.reference}`,
      body:
        `${ctx.actor?.name ?? 'A social worker'} submitted placement request ${r.reference} for ${who} to the placement team` +
        `${r.neededBy ? `; a home is needed by ${formatDate(r.neededBy)}` : ''}.\n\n` +
        `The request: ${opts.publicUrl ?? ''}/requests/${r.id}\nYour work queue: ${opts.publicUrl ?? ''}/my-work`,
      related: { type: 'request', id: r.id },
    });
  }

  /** Withdraw a request that is still open, with the reason. */
  async function withdraw(ctx: Ctx, id: string, version: number, reason: unknown): Promise<void> {
    requirePermission(ctx, 'request:write');
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (!text) throw new ValidationError([{ field: 'reason', message: 'Enter why the request is being withdrawn' }]);
    if (text.length > MAX_LONG_TEXT) throw new ValidationError([{ field: 'reason', message: `The reason must be ${MAX_LONG_TEXT} characters or fewer` }]);
    await db.transaction(async (tx) => {
      await lockAt(tx, id, version);
      await setRequestStatus(tx, ctx, id, 'withdrawn', text);
    });
  }

  /** The placement team takes a submitted request and starts looking for a household. */
  async function startMatching(ctx: Ctx, id: string, version: number): Promise<void> {
    requirePermission(ctx, 'matching:run');
    await db.transaction(async (tx) => {
      await lockAt(tx, id, version);
      await setRequestStatus(tx, ctx, id, 'matching', 'Matching started by the placement team');
    });
  }

  return { list, get, startContext, childIdByReference, create, savePage, submit, withdraw, startMatching };
}

/**
 * A draft request for a child, started by another use case in its own transaction (a parent-and-child
 * outcome: the child, or the parent, to be placed through the normal request and matching). When the child
 * already has an open request, that one is returned instead (`created: false`). Audited as request.created.
 */
export async function startDraftRequestIn(tx: DbOrTx, ctx: Ctx, childId: string, note: string): Promise<{ id: string; reference: string; created: boolean }> {
  const c = await lockChildName(tx, childId);
  if (!c) throw new NotFoundError('Child');
  const open = await requests.latestRequestOfChildIn(tx, c.id, OPEN_REQUEST_STATUSES);
  if (open) return { id: open.id, reference: open.reference, created: false };
  const reference = await nextReference(tx);
  const row = await requests.insertPlacementRequest(tx, { reference, childId: c.id, status: 'draft', createdBy: ctx.actor?.userId ?? null });
  await requests.insertStatusHistory(tx, { requestId: row.id, status: 'draft', byUserId: ctx.actor?.userId ?? null, note });
  await writeAudit(tx, ctx, { action: 'request.created', subjectType: 'request', subjectId: row.id, details: { childId: c.id, reference } });
  return { id: row.id, reference, created: true };
}

/**
 * The next free "PR00001" reference. Taken under a transaction-scoped advisory lock so that two
 * requests started at the same moment cannot draw the same number.
 */
async function nextReference(tx: DbOrTx): Promise<string> {
  return requestReference((await requests.lockAndReadHighestReference(tx)) + 1);
}

export type PlacementRequestService = ReturnType<typeof createPlacementRequestService>;
