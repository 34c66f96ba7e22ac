/** Placements: the list, adding one (starting now or already begun), a placement's page, and changing it. */
import { mayRecordEventKind } from '../../domain/access/recording.ts';
import type { Services } from '../../services/index.ts';
import { PLACEMENT_FLAG_NAMES, PLACEMENT_STATUSES, type PlacementStatus } from '../../domain/records/placement.ts';
import { PLACEMENT_TYPES } from '../../domain/ssda903/codes.ts';
import { ValidationError } from '../../services/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { queryPage, queryString } from '../../http/query.ts';
import { PAGE_SIZE } from '../../domain/paging.ts';
import { listPaging } from '../presenters/common.ts';
import { handleFormPost, renderForm, versionFrom } from '../forms.ts';
import { obligationsSection } from '../presenters/obligations.ts';
import { placementTaskList } from '../presenters/planning.ts';
import { planningSections } from '../presenters/planning.ts';
import { consultationsSection, stabilitySection } from '../presenters/stability.ts';
import { REASON_PLACE_CHANGE_CODES } from '../../domain/ssda903/return-codes.ts';
import { endingMeetingsSection, movesSection } from '../presenters/moves.ts';
import { panelSection } from '../presenters/stability-panel.ts';
import { placementTaskObligations } from '../../domain/planning/task-list.ts';
import {
  detailFields,
  newPlacementFields,
  pastPlacementFields,
  placementFilters,
  placementListHead,
  placementListRow,
  placementStatusTag,
  placementSummary,
  startedWithoutAgreement,
} from '../presenters/placements.ts';

/**
 * The "About this placement" boxes post as one list (about=emergency&about=…); the record keeps
 * one yes/no per box, sent as 'true' when ticked. A problem with one of them is shown on the group.
 */
async function withFlags(input: Record<string, unknown>, save: (input: Record<string, unknown>) => Promise<string>): Promise<string> {
  const { about, ...rest } = input;
  const ticked = Array.isArray(about) ? about : [];
  for (const f of PLACEMENT_FLAG_NAMES) if (ticked.includes(f)) rest[f] = 'true';
  try {
    return await save(rest);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new ValidationError(err.errors.map((e) => ((PLACEMENT_FLAG_NAMES as string[]).includes(e.field) ? { ...e, field: 'about' } : e)));
  }
}

export const placementRoutes = (services: Services) => {
  const s = services.placements;

  const newPage = () => ({
    title: 'Add a placement',
    caption: 'Starting today or later. For a placement that has already begun, record a past placement',
    action: paths.placements.new,
    backLink: paths.placements.list,
    fields: newPlacementFields(s.today()),
  });
  const pastPage = () => ({
    title: 'Record a past placement',
    caption: 'A placement that began before today',
    action: paths.placements.past,
    backLink: paths.placements.list,
    fields: pastPlacementFields(s.today()),
  });

  const editPage = (id: string) => ({ title: 'Change placement', action: paths.placements.edit(id), backLink: paths.placements.show(id), fields: detailFields(s.today()) });

  return [
    defineRoute({
      method: 'GET',
      url: paths.placements.list,
      access: 'placement:read',
      audit: 'placement.listed',
      handler: async (req, reply) => {
        const q = queryString(req.query, 'q');
        const statusParam = queryString(req.query, 'status');
        const status = statusParam && statusParam in PLACEMENT_STATUSES ? (statusParam as PlacementStatus) : undefined;
        const typeParam = queryString(req.query, 'placementType');
        const placementType = typeParam && typeParam in PLACEMENT_TYPES ? typeParam : undefined;
        const householdParam = queryString(req.query, 'household');
        const householdReference = householdParam && householdParam.length <= 50 ? householdParam : undefined;
        const list = await s.list(req.ctx(), { q, status, placementType, householdReference }, { page: queryPage(req.query), size: PAGE_SIZE });
        const filterValues = { q, status: statusParam, placementType: typeParam, household: householdParam };
        return reply.view('record/list.njk', {
          title: 'Placements',
          noun: 'placement',
          nounPlural: 'placements',
          newLink: req.actor && services.can(req.actor, 'placement:write') ? { text: 'Add a placement', href: paths.placements.new } : undefined,
          secondaryLink: req.actor && services.can(req.actor, 'placement:write') ? { text: 'Record a past placement', href: paths.placements.past } : undefined,
          filters: placementFilters,
          filterValues,
          ...listPaging(paths.placements.list, filterValues, list),
          head: placementListHead,
          rows: list.items.map(placementListRow),
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.placements.past,
      access: 'placement:write',
      audit: 'none',
      handler: async (req, reply) =>
        renderForm(reply, { ...pastPage(), values: { status: 'active', childReference: queryString(req.query, 'child'), householdReference: queryString(req.query, 'household') } }),
    }),

    defineRoute({
      method: 'POST',
      url: paths.placements.past,
      access: 'placement:write',
      audit: 'placement.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, pastPage(), (input) =>
          withFlags(input, async (flagged) => {
            const p = await s.recordPast(req.ctx(), flagged);
            return paths.placements.show(p.id);
          }),
        ),
    }),

    defineRoute({
      method: 'GET',
      url: paths.placements.new,
      access: 'placement:write',
      audit: 'none',
      handler: async (req, reply) => {
        // "Add a placement" from a household page or a child's page can fill in the reference.
        const childReference = queryString(req.query, 'child');
        const householdReference = queryString(req.query, 'household');
        return renderForm(reply, { ...newPage(), values: { childReference, householdReference } });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.placements.new,
      access: 'placement:write',
      audit: 'placement.created',
      body: PageForm,
      handler: async (req, reply) =>
        handleFormPost(reply, req.body, newPage(), (input) =>
          withFlags(input, async (flagged) => {
            const p = await s.create(req.ctx(), flagged);
            return paths.placements.show(p.id);
          }),
        ),
    }),

    defineRoute({
      method: 'GET',
      url: paths.placements.show(),
      access: 'placement:read',
      audit: 'placement.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const p = await s.get(req.ctx(), id);
        const canWrite = !!req.actor && services.can(req.actor, 'placement:write');
        const canAudit = !!req.actor && services.can(req.actor, 'audit:read');
        const actor = req.actor;
        const canRecord = (kind: string) => (actor ? mayRecordEventKind(actor.role, kind) : false);
        const obligations = await services.obligations.list(req.ctx(), { placementId: id });
        const proposal = await services.proposals.forPlacement(id);
        const planning = await services.planning.overview(req.ctx(), id);
        const childObligations = await services.obligations.list(req.ctx(), { childId: p.childId });
        const tasks = placementTaskList(p.startDate, planning.documents, placementTaskObligations(childObligations.items, id));
        const concerns = await services.stability.ofPlacement(req.ctx(), id);
        const meetingsHeld = await services.planning.versions(req.ctx(), id, 'psm');
        const meetings = obligations.items.filter((o) => o.obligationId === 'placement-support-meeting').reverse();
        const canRecordConcern = !!req.actor && services.can(req.actor, 'concern:record');
        return reply.view('record/show.njk', {
          title: `Placement of ${p.child.firstName} ${p.child.lastName}`,
          caption: `Household ${p.household.reference}`,
          tag: placementStatusTag(p.status),
          backLink: paths.placements.list,
          actions: [
            ...(canWrite ? [{ text: 'Change placement', href: paths.placements.edit(p.id) }] : []),
            ...(canAudit ? [{ text: 'Who has seen or changed this record', href: paths.audit.subject('placement', p.id) }] : []),
          ],
          summary: placementSummary(p, { proposalId: proposal?.id ?? null, missingAgreements: startedWithoutAgreement(obligations.items) }),
          sections: [
            ...planningSections(p.id, p.childId, tasks, planning.tasks, planning.writable, planning.writers),
            // Parent and child fostering: the assessment (carers' reports, reviews, outcome) has its own page.
            ...(p.kind === 'parent_and_child' ? [{ id: 'parent-and-child-assessment', title: 'Parent-and-child assessment', text: "The carers' reports, the placement reviews and the outcome (Parent and child fostering procedure, 5 and 7).", more: { href: paths.parentAndChildAssessment.show(p.id), text: 'Open the parent-and-child assessment' } }] : []),
            stabilitySection(p.id, concerns, meetings, meetingsHeld, { canRecordConcern }),
            movesSection(p, await services.moves.ofPlacement(req.ctx(), id), {
              canRequest: !!req.actor && services.can(req.actor, 'move:request'),
              ending: await services.moves.endingOf(req.ctx(), id),
              reasonText: (code) => `${code}: ${REASON_PLACE_CHANGE_CODES[code]?.label ?? 'unknown code'}`,
              canRecordMeeting: !!req.actor && services.can(req.actor, 'planning:write'),
            }),
            panelSection(id, await services.panel.referrals(req.ctx(), { childId: p.childId }), { canRefer: !!req.actor && services.can(req.actor, 'panel:refer') && p.status === 'active' }),
            ...(p.endDate ? [endingMeetingsSection(await services.moves.endingMeetings(req.ctx(), { placementId: id }), 'both')] : []),
            consultationsSection(p.childId, await services.stability.consultationsOf(req.ctx(), p.childId), { canRecord: !!req.actor && services.can(req.actor, 'consultation:record') }),
            obligationsSection(obligations.items, obligations.notComputed, { canRecord, canClose: !!req.actor && services.can(req.actor, 'obligation:close') }),
          ],
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.placements.edit(),
      access: 'placement:write',
      audit: 'placement.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const p = await s.get(req.ctx(), id);
        return renderForm(reply, {
          ...editPage(id),
          caption: `${p.child.firstName} ${p.child.lastName} with household ${p.household.reference}`,
          version: p.version,
          values: {
            startDate: p.startDate,
            endDate: p.endDate,
            placementType: p.placementType,
            status: p.status,
            kind: p.kind ?? '',
            about: PLACEMENT_FLAG_NAMES.filter((f) => p[f]),
            assessmentPeriodEndsOn: p.assessmentPeriodEndsOn,
            reasonEnded: p.reasonEnded ?? '',
            provider: p.provider ?? '',
            urn: p.urn ?? '',
          },
        });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.placements.edit(),
      access: 'placement:write',
      audit: 'placement.updated',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const version = versionFrom(req.body);
        return handleFormPost(reply, req.body, { ...editPage(id), version }, (input) =>
          withFlags(input, async (flagged) => {
            await s.update(req.ctx(), id, version, flagged);
            return paths.placements.show(id);
          }),
        );
      },
    }),
  ];
};
