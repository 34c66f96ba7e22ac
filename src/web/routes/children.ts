/** A child's record: the list, the add and change forms, the record page and the changes made from its sections. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { childConcernsSection, consultationsSection } from '../presenters/stability.ts';
import { childParentAndChildSections } from '../presenters/parent-and-child.ts';
import { mayRecordEventKind } from '../../domain/access/recording.ts';
import { endingMeetingsSection } from '../presenters/moves.ts';
import type { Services } from '../../services/index.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { defineRoute, type RouteRequest } from '../../http/route.ts';
import { PageForm, IdParams, Uuid } from '../../http/schemas.ts';
import { COMPLETED_OBLIGATIONS_SHOWN, EVENTS_SHOWN, obligationsSection, recordedEventsSection } from '../presenters/obligations.ts';
import { startRequestHref } from './placement-requests.ts';
import { paths } from '../../http/paths.ts';
import { errorList, formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type Field, type FormPage } from '../forms.ts';
import { queryPage, queryString } from '../../http/query.ts';
import { formatDate, listPaging } from '../presenters/common.ts';
import { PAGE_SIZE } from '../../domain/paging.ts';
import { askFirst, confirmed, renderConfirm } from '../confirm.ts';
import { legalStatusLabel } from '../../domain/records/child.ts';
import {
  ROW_KEY,
  childDocumentsTable,
  childFields,
  childFormValues,
  childListFilters,
  childListHead,
  childListRow,
  childRowLists,
  childSummary,
  childAtAGlance,
  childListViews,
  editMissingPath,
  endLegalStatusFields,
  legalStatusFields,
  legalStatusTable,
  missingFields,
  missingPath,
  missingTable,
  placementsTable,
  returnCheckTable,
  rowListViews,
  siblingFields,
  siblingsTable,
  socialWorkerChangeFields,
  socialWorkersTable,
  unlinkSiblingPath,
  type RowListName,
} from '../presenters/children.ts';

/** Which children the list holds, by caseload access (docs/rules/caseload-access.md). */
function caseloadHint(role: string | undefined): string {
  if (role === 'head_of_service' || role === 'placement_officer') return 'Restricted records are left out unless you are named on them.';
  if (role === 'iro') return 'Only the children you review are listed.';
  if (role === 'supervising_social_worker') return 'Only the children placed with the carers your team supervises are listed.';
  if (role === 'administrator') return 'Administrators see no children here.';
  return "Only your team's caseload (and your reports') is listed.";
}

type SectionForm = { name: 'legalStatus' | 'endLegalStatus' | 'siblings' | 'missing'; values: Record<string, unknown>; errors: FieldError[] };

/** The lists as the child schema takes them, from every `list.index.field` posted, in row order. */
export function rowListsFromForm(body: unknown): Record<RowListName, Record<string, string>[]> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const rows: Record<RowListName, Map<number, Record<string, string>>> = { otherNames: new Map(), familyMembers: new Map() };
  for (const [key, raw] of Object.entries(b)) {
    const m = ROW_KEY.exec(key);
    const list = childRowLists.find((l) => l.name === m?.[1]);
    if (!m || !list || !list.fields.some((f) => f.name === m[3])) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    const row = rows[list.name].get(Number(m[2])) ?? {};
    row[m[3]!] = typeof value === 'string' ? value : '';
    rows[list.name].set(Number(m[2]), row);
  }
  const inOrder = (byIndex: Map<number, Record<string, string>>) => [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return { otherNames: inOrder(rows.otherNames), familyMembers: inOrder(rows.familyMembers) };
}

/** The child's add or change page: record/form.njk's page, with the lists of rows. */
function renderChildForm(reply: FastifyReply, page: FormPage, errors: FieldError[] = [], status = errors.length ? 400 : 200) {
  const groups = rowListViews(page.values, errors);
  const rowFields = groups.flatMap((g) => g.rows.flatMap((r) => r.fields));
  const links = errorList(errors, [...page.fields, ...rowFields]);
  // A problem with a whole list (too many rows) is linked to the list's heading.
  const list = errors.map((e, i) => (groups.some((g) => g.name === e.field) ? { text: e.message, href: `#${e.field}` } : links[i]!));
  return reply.code(status).view('children/form.njk', { ...page, groups, errors, errorList: list });
}

/** forms.ts handleFormPost for the child's form: the fields and the lists, one round trip. */
async function handleChildFormPost(reply: FastifyReply, body: unknown, page: Omit<FormPage, 'values'>, run: (input: Record<string, unknown>) => Promise<string>) {
  try {
    return reply.redirect(await run({ ...formToInput(body, page.fields), ...rowListsFromForm(body) }), 303);
  } catch (err) {
    const values = redisplayValues(body);
    if (err instanceof ValidationError) return renderChildForm(reply, { ...page, values }, err.errors);
    if (err instanceof StaleRecordError) return renderChildForm(reply, { ...page, values }, [{ field: 'form', message: err.message }], 409);
    throw err;
  }
}

const MissingParams = z.object({ id: Uuid, missingId: Uuid });


export const childRoutes = (services: Services) => {
  const s = services.children;

  const fieldOptions = async () => {
    const [organisations, workers, iros] = await Promise.all([services.organisations.options(), s.socialWorkerOptions(), s.iroOptions()]);
    return { organisations, workers, iros };
  };

  const newPage = (fields: Field[]) => ({ title: 'Add a child', action: paths.children.new, backLink: paths.children.list, fields });

  const editPage = (id: string, fields: Field[]) => ({
    title: 'Change child details',
    action: paths.children.edit(id),
    backLink: paths.children.show(id),
    fields: fields.flatMap((f) => (f.name === 'socialWorkerId' ? [f, ...socialWorkerChangeFields(s.today())] : [f])),
  });

  const editMissingPage = (id: string, missingId: string) => ({
    title: 'Change a missing or away period',
    action: editMissingPath(id, missingId),
    backLink: `${paths.children.show(id)}#missing`,
    fields: missingFields(s.today()),
  });

  /** The child's record, with a section's form open and its errors when a change from it failed. */
  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, form?: SectionForm) {
    const c = await s.get(req.ctx(), id);
    const actor = req.actor;
    const may = (p: Parameters<Services['can']>[1]) => (actor ? services.can(actor, p) : false);
    const canLegal = may('child:legal-status:write');
    const canWrite = may('child:write');
    const canRecord = may('obligation:record');
    // What the viewer may record or correct, kind by kind (an IRO: reviews only).
    const mayRecord = (kind: string) => (actor ? mayRecordEventKind(actor.role, kind) : false);
    const open = c.legalStatuses.find((p) => p.endDate === null);
    const formState = (name: SectionForm['name']) =>
      form?.name === name ? { values: form.values, errors: form.errors, open: true } : { values: {}, errors: [], open: false };
    const sections: Record<string, unknown>[] = [
      {
        id: 'legal-status',
        title: 'Legal status history',
        table: legalStatusTable(c),
        empty: 'No legal status recorded.',
        ...(canLegal ? { form: { summary: 'Add a legal status', action: paths.children.legalStatus(id), fields: legalStatusFields, submitText: 'Add legal status', ...formState('legalStatus') } } : {}),
      },
    ];
    if (canLegal && open) {
      sections.push({
        id: 'end-legal-status',
        title: 'End the current legal status',
        text: `${legalStatusLabel(open.code)}, from ${formatDate(open.startDate)}, has no end date.`,
        form: { summary: 'End this legal status', action: paths.children.endLegalStatus(id, open.id), fields: endLegalStatusFields(s.today()), submitText: 'End legal status', ...formState('endLegalStatus') },
      });
    }
    sections.push(
      {
        id: 'siblings',
        title: 'Siblings',
        table: siblingsTable(id, c.siblings, canWrite),
        empty: 'No siblings linked.',
        ...(canWrite ? { form: { summary: 'Link a sibling', action: paths.children.siblings(id), fields: siblingFields, submitText: 'Link sibling', ...formState('siblings') } } : {}),
      },
      { id: 'placements', title: 'Placements', table: placementsTable(c.placements), empty: 'No placements.' },
      ...childParentAndChildSections(id, c.familyMembers, await services.parentAndChild.ofChild(req.ctx(), id), { canRecord: may('parent-and-child:record') }),
      childConcernsSection(await services.stability.ofChild(req.ctx(), id)),
      consultationsSection(id, await services.stability.consultationsOf(req.ctx(), id), { canRecord: may('consultation:record') }),
      endingMeetingsSection(await services.moves.endingMeetings(req.ctx(), { childId: id }), 'child'),
      {
        id: 'missing',
        title: 'Missing or away without authorisation',
        table: missingTable(id, c.missingPeriods, canWrite),
        empty: 'No missing or away periods recorded.',
        ...(canWrite ? { form: { summary: 'Record a missing or away period', action: missingPath(id), fields: missingFields(s.today()), submitText: 'Record period', ...formState('missing') } } : {}),
      },
      { id: 'social-workers', title: 'Social workers', table: socialWorkersTable(c.socialWorkerEpisodes), empty: 'No social worker episodes recorded.' },
    );
    // A child long in care has a long history: the page shows what is open, the latest completed
    // obligations and the latest events, and links to all of them (?all=obligations, ?all=events).
    const all = queryString(req.query, 'all');
    const obligations = await services.obligations.list(req.ctx(), { childId: id });
    const events = await services.obligations.latestChildEvents(req.ctx(), id, all === 'events' ? undefined : EVENTS_SHOWN);
    sections.push(
      obligationsSection(obligations.items, obligations.notComputed, {
        canRecord: mayRecord,
        canClose: !!req.actor && services.can(req.actor, 'obligation:close'),
        ...(all === 'obligations' ? {} : { completedShown: COMPLETED_OBLIGATIONS_SHOWN, showAll: `${paths.children.show(id)}?all=obligations#obligations` }),
      }),
    );
    sections.push(
      recordedEventsSection(events.events, {
        canCorrect: mayRecord,
        correctHref: (e) => paths.obligations.correctEvent(id, e.id),
        total: events.total,
        showAll: `${paths.children.show(id)}?all=events#recorded-events`,
      }),
    );
    if (may('document:read')) {
      sections.push({
        id: 'documents',
        title: "Documents on the child's record",
        empty: 'No documents filed yet. Completed meeting minutes, placement plans, risk assessments and delegated authority records are filed here as PDFs.',
        table: childDocumentsTable(id, await services.planning.childDocuments(id)),
      });
    }
    // The SSDA903 checks run on every view, so errors are put right as they arise, not at year end.
    const returnCheck = await services.returns.forChild(req.ctx(), id);
    sections.push({
      id: 'ssda903',
      title: `SSDA903 return checks, ${returnCheck.year.label}`,
      ...(returnCheck.applies
        ? { table: returnCheckTable(returnCheck), empty: 'No problems found for this year’s return.' }
        : { text: 'This child is not in this year’s return (not looked after by this authority this year).' }),
    });
    const actions = [
      ...(canWrite ? [{ text: 'Change details', href: paths.children.edit(id) }] : []),
      ...(canRecord ? [{ text: 'Record what happened', href: paths.obligations.newChildEvent(id) }] : []),
      ...(may('request:write') ? [{ text: 'Start a placement request', href: startRequestHref(id) }] : []),
      { text: 'Contact, court and adoption', href: paths.concurrentPlanning.child(id) },
      { text: 'Early permanence', href: paths.earlyPermanence.child(id) },
      ...(may('audit:read') ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('child', id) }] : []),
    ];
    const fieldsFor = { legalStatus: legalStatusFields, endLegalStatus: endLegalStatusFields(s.today()), siblings: siblingFields, missing: missingFields(s.today()) };
    const errors = form?.errors ?? [];
    return reply.code(errors.length ? 400 : 200).view('record/show.njk', {
      title: `${c.firstName} ${c.lastName}`,
      caption: `Child ${c.reference}`,
      backLink: paths.children.list,
      actions,
      // The page opens with the summary, then "on this page" links to the details and each section.
      glance: childAtAGlance(c, obligations.items, obligations.today),
      contents: [{ id: 'details', title: 'Details' }, ...sections.map((x) => ({ id: String(x.id), title: String(x.title) }))],
      summary: childSummary(c),
      sections,
      errors,
      errorList: form ? errorList(errors, fieldsFor[form.name]) : [],
    });
  }

  /** A change from a form on the show page: redirect back on success, or show the page again with the errors. */
  async function sectionPost(req: RouteRequest<z.ZodType<{ id: string }>, undefined, typeof PageForm>, reply: FastifyReply, name: SectionForm['name'], anchor: string, run: () => Promise<unknown>) {
    const { id } = req.params;
    try {
      await run();
      return reply.redirect(`${paths.children.show(id)}#${anchor}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const errors = name === 'endLegalStatus' ? err.errors.map((e) => (e.field === 'endDate' ? { ...e, field: 'endOn' } : e)) : err.errors;
      return showPage(req, reply, id, { name, values: redisplayValues(req.body), errors });
    }
  }

  return [
    defineRoute({
      method: 'GET',
      url: paths.children.list,
      access: 'child:read',
      audit: 'child.listed',
      handler: async (req, reply) => {
        const [q, responsibleAuthorityId, socialWorker, categoryOfNeed, legalStatus, iro, view] = (['q', 'responsibleAuthorityId', 'socialWorker', 'categoryOfNeed', 'legalStatus', 'iro', 'view'] as const).map((k) =>
          queryString(req.query, k),
        );
        const socialWorkerId = socialWorker === 'mine' ? req.actor?.userId : socialWorker;
        const iroId = iro === 'mine' ? req.actor?.userId : iro;
        // Two views: the children in care today (the default) and every child, those who have left care too.
        const everyone = view === 'all';
        const list = await s.list(req.ctx(), { q, responsibleAuthorityId, socialWorkerId, iroId, categoryOfNeed, legalStatus, inCare: !everyone }, { page: queryPage(req.query), size: PAGE_SIZE });
        const [organisations, people] = await Promise.all([services.organisations.options(), s.listFilterPeople(req.actor?.teamId ?? null, [socialWorker, iro])]);
        const filterValues = { q, responsibleAuthorityId, socialWorker, iro, categoryOfNeed, legalStatus };
        const kept = { ...filterValues, view: everyone ? 'all' : undefined };
        return reply.view('record/list.njk', {
          title: everyone ? 'All children' : 'Children in care',
          noun: 'child',
          nounPlural: 'children',
          newLink: req.actor && services.can(req.actor, 'child:write') ? { text: 'Add a child', href: paths.children.new } : undefined,
          views: childListViews(paths.children.list, filterValues, everyone),
          viewHint: `${everyone ? 'Every child, those who have left care too.' : 'Children who have left care are under All children.'} ${caseloadHint(req.actor?.role)}`,
          hidden: everyone ? [{ name: 'view', value: 'all' }] : [],
          filters: childListFilters({ organisations, ...people }, { inTeam: true }),
          filterValues,
          clearHref: everyone ? `${paths.children.list}?view=all` : paths.children.list,
          ...listPaging(paths.children.list, kept, list),
          head: childListHead,
          rows: list.items.map(childListRow),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.children.new,
      access: 'child:write',
      audit: 'none',
      handler: async (_req, reply) => renderChildForm(reply, { ...newPage(childFields(await fieldOptions())), values: { uasc: 'no', isMother: 'no' } }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.children.new,
      access: 'child:write',
      audit: 'child.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleChildFormPost(reply, req.body, newPage(childFields(await fieldOptions())), async (input) => {
          const c = await s.create(req.ctx(), input);
          return paths.children.show(c.id);
        }),
    }),

    defineRoute({
      method: 'GET',
      url: paths.children.show(),
      access: 'child:read',
      audit: 'child.viewed',
      params: IdParams,
      handler: async (req, reply) => showPage(req, reply, req.params.id),
    }),

    defineRoute({
      method: 'GET',
      url: paths.children.edit(),
      access: 'child:write',
      audit: 'child.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const c = await s.get(req.ctx(), id, 'edit');
        return renderChildForm(reply, { ...editPage(id, childFields(await fieldOptions())), caption: `Child ${c.reference}`, version: c.version, values: childFormValues(c) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.children.edit(),
      access: 'child:write',
      audit: 'child.updated',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const version = versionFrom(req.body);
        return handleChildFormPost(reply, req.body, { ...editPage(id, childFields(await fieldOptions())), version }, async (input) => {
          await s.update(req.ctx(), id, version, input);
          return paths.children.show(id);
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.children.legalStatus(),
      access: 'child:legal-status:write',
      audit: 'child.legal-status.added',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) =>
        sectionPost(req, reply, 'legalStatus', 'legal-status', () => s.addLegalStatus(req.ctx(), req.params.id, formToInput(req.body, legalStatusFields))),
    }),

    defineRoute({
      method: 'POST',
      url: paths.children.endLegalStatus(),
      access: 'child:legal-status:write',
      audit: 'child.legal-status.ended',
      body: PageForm,
      params: z.object({ id: Uuid, statusId: Uuid }),
      handler: async (req, reply) => {
        const { id, statusId } = req.params;
        const { endOn, careEndedReason } = formToInput(req.body, endLegalStatusFields(s.today()));
        return sectionPost(req, reply, 'endLegalStatus', 'legal-status', () => s.endLegalStatus(req.ctx(), id, statusId, { endDate: endOn, careEndedReason }));
      },
    }),

    defineRoute({
      method: 'POST',
      url: missingPath(),
      access: 'child:write',
      audit: 'missing.recorded',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => sectionPost(req, reply, 'missing', 'missing', () => s.addMissing(req.ctx(), req.params.id, formToInput(req.body, missingFields(s.today())))),
    }),

    defineRoute({
      method: 'GET',
      url: editMissingPath(),
      access: 'child:write',
      audit: 'child.viewed',
      params: MissingParams,
      handler: async (req, reply) => {
        const { id, missingId } = req.params;
        const m = (await s.listMissing(req.ctx(), id)).find((p) => p.id === missingId);
        if (!m) throw new NotFoundError('Missing period');
        return renderForm(reply, { ...editMissingPage(id, missingId), version: m.version, values: { kind: m.kind, startedOn: m.startedOn, endedOn: m.endedOn } });
      },
    }),

    defineRoute({
      method: 'POST',
      url: editMissingPath(),
      access: 'child:write',
      audit: 'missing.updated',
      body: PageForm,
      params: MissingParams,
      handler: async (req, reply) => {
        const { id, missingId } = req.params;
        const version = versionFrom(req.body);
        return handleFormPost(reply, req.body, { ...editMissingPage(id, missingId), version }, async (input) => {
          await s.updateMissing(req.ctx(), id, missingId, version, input);
          return `${paths.children.show(id)}#missing`;
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.children.siblings(),
      access: 'child:write',
      audit: 'child.sibling.linked',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => sectionPost(req, reply, 'siblings', 'siblings', () => s.linkSibling(req.ctx(), req.params.id, formToInput(req.body, siblingFields), 'reference')),
    }),

    defineRoute({
      method: 'GET',
      url: unlinkSiblingPath(),
      access: 'child:write',
      audit: 'child.viewed',
      params: z.object({ id: Uuid, siblingId: Uuid }),
      handler: async (req, reply) => {
        const { id, siblingId } = req.params;
        const c = await s.get(req.ctx(), id);
        const sib = c.siblings.find((x) => x.id === siblingId);
        if (!sib) throw new NotFoundError('Sibling link');
        const [name, sibName] = [`${c.firstName} ${c.lastName}`, `${sib.firstName} ${sib.lastName}`];
        return renderConfirm(reply, {
          title: `Are you sure you want to unlink ${sibName} from ${name}?`,
          caption: `${name} (${c.reference})`,
          rows: [
            { key: { text: 'Sibling' }, value: { text: `${sibName} (${sib.reference})` } },
            { key: { text: 'Date of birth' }, value: { text: formatDate(sib.dateOfBirth) } },
          ],
          warning: 'Neither child’s record will list the other as a sibling any more. You can link them again from either record.',
          action: unlinkSiblingPath(id, siblingId),
          confirmText: 'Yes, unlink',
          cancelHref: `${paths.children.show(id)}#siblings`,
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: unlinkSiblingPath(),
      access: 'child:write',
      audit: 'child.sibling.unlinked',
      params: z.object({ id: Uuid, siblingId: Uuid }),
      body: PageForm,
      handler: async (req, reply) => {
        const { id, siblingId } = req.params;
        if (!confirmed(req.body)) return askFirst(req, reply, unlinkSiblingPath(id, siblingId));
        await s.unlinkSibling(req.ctx(), id, siblingId);
        return reply.redirect(`${paths.children.show(id)}#siblings`, 303);
      },
    }),
  ];
};
