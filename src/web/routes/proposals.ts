/**
 * Proposals, the consideration of children already placed, written agreements, in-principle
 * agreements, the secure link page for another authority's social worker, and confirmation
 * (Concurrent placement agreement procedure). What the pages show is in ../presenters/proposals.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { Permission } from '../../domain/access/index.ts';
import type { RouteAudit } from '../../audit/events.ts';
import { collectionYearOn } from '../../domain/records/return-fields.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm, IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { saveBanner, setFlash, setWarning, warnings } from '../flash.ts';
import { errorList, formToInput, handleFormPost, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import {
  OVERRIDE_REASON,
  WITHDRAW_REASON,
  agreementRequestFields,
  answerText,
  confirmingFields,
  considerationFields,
  existingTable,
  linkExpires,
  linkFields,
  noticeSentOn,
  openAgreementRows,
  openPlacementSummary,
  openRecordFields,
  openUseFields,
  openWithdrawFields,
  proposalStatusTag,
  proposalSummary,
  proposeFields,
  reasonField,
  recordFields,
  requirementStatusTag,
  requirementsTable,
} from '../presenters/proposals.ts';

type Forms = Partial<Record<'consider' | 'propose' | 'override' | 'withdraw' | 'confirm', { values: Record<string, unknown>; errors: FieldError[] }>>;
type OpenForm = 'record' | 'use' | 'notice' | 'withdraw';

const linkRateLimit = { max: 20, timeWindow: '15 minutes', hook: 'preHandler' as const, keyGenerator: (req: FastifyRequest) => req.ip };
const TokenParams = z.object({ token: z.string() });

export const proposalRoutes = (services: Services) => {
  const s = services.proposals;
  const may = (req: FastifyRequest, p: Permission) => !!req.actor && services.can(req.actor, p);

  // ---- The proposal page ----

  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, forms: Forms = {}) {
    const v = await s.get(req.ctx(), id);
    const canConsider = v.may.consider;
    const canAgree = v.may.recordAgreements && may(req, 'agreement:record');
    const errors = Object.values(forms).flatMap((f) => f?.errors ?? []);
    const confirming = confirmingFields(v, collectionYearOn(v.today));
    return reply.code(errors.length ? (errors.some((e) => e.field === 'form') ? 409 : 400) : 200).view('proposals/show.njk', {
      title: `${v.child.firstName} ${v.child.lastName} with household ${v.household.reference}`,
      caption: 'Proposed placement',
      tag: proposalStatusTag(v.p.status),
      backLink: paths.requests.show(v.request.id),
      errors,
      // A refused confirmation lists conditions, not fields: link them to the section that repeats them.
      errorList: errorList(errors, [...considerationFields([]), ...proposeFields, ...reasonField(''), ...confirming]).map((e, i) => (errors[i]?.field === 'confirm' ? { ...e, href: '#confirm' } : e)),
      version: v.p.version,
      summary: proposalSummary(v, { canSeeHistory: may(req, 'audit:read') }),
      existing: existingTable(v),
      considerForm:
        canConsider && v.there.length
          ? { action: paths.proposals.consider(id), fields: considerationFields(v.existing), values: forms.consider?.values ?? {}, errors: forms.consider?.errors ?? [] }
          : null,
      proposeForm:
        v.p.status === 'considering' && may(req, 'matching:run')
          ? { action: paths.proposals.propose(id), fields: proposeFields, values: forms.propose?.values ?? { proposedStart: v.request.neededBy ?? '' }, errors: forms.propose?.errors ?? [], blockers: v.blockers.propose }
          : null,
      requirements: v.p.status === 'considering' ? null : requirementsTable(v, canAgree),
      chaseAction: v.p.status === 'proposed' && v.requirements.some((r) => r.status === 'requested') && may(req, 'proposal:consider') ? paths.proposals.chase(id) : null,
      // Only for an emergency, and never against a written refusal.
      overrideForm:
        v.p.status === 'proposed' && v.emergency && !v.p.overrideReason && may(req, 'agreement:override') && v.requirements.some((r) => r.status !== 'agreed') && !v.requirements.some((r) => r.status === 'declined')
          ? { action: paths.proposals.override(id), fields: OVERRIDE_REASON, values: forms.override?.values ?? {}, errors: forms.override?.errors ?? [] }
          : null,
      confirmForm:
        v.p.status === 'proposed' && may(req, 'placement:confirm')
          ? { action: paths.proposals.confirm(id), fields: confirming, values: forms.confirm?.values ?? {}, errors: forms.confirm?.errors ?? [], blockers: v.blockers.confirm }
          : null,
      withdrawForm:
        (v.p.status === 'considering' || v.p.status === 'proposed') && may(req, 'matching:run')
          ? { action: paths.proposals.withdraw(id), fields: WITHDRAW_REASON, values: forms.withdraw?.values ?? {}, errors: forms.withdraw?.errors ?? [] }
          : null,
    });
  }

  /** A form on the proposal page: run the action, or show the page again with the errors and the input kept. */
  const pageAction = (opts: { url: string; access: Permission; audit: RouteAudit; form: keyof Forms; run: (req: FastifyRequest, id: string) => Promise<unknown> }) =>
    defineRoute({
      method: 'POST',
      url: opts.url,
      access: opts.access,
      audit: opts.audit,
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        try {
          await opts.run(req, id);
          return reply.redirect(paths.proposals.show(id), 303);
        } catch (err) {
          if (err instanceof ValidationError) return showPage(req, reply, id, { [opts.form]: { values: redisplayValues(req.body), errors: err.errors } });
          if (err instanceof StaleRecordError) return showPage(req, reply, id, { [opts.form]: { values: redisplayValues(req.body), errors: [{ field: 'form', message: err.message }] } });
          throw err;
        }
      },
    });

  // ---- Written agreements ----

  const agreementRequestPage = async (req: FastifyRequest, id: string) => {
    const preview = await s.agreementPreview(req.ctx(), id);
    return {
      proposalId: preview.proposalId,
      page: {
        title: 'Ask for written agreement',
        caption: `About ${preview.requirement.existingChildLabel}`,
        backLink: paths.proposals.show(preview.proposalId),
        recipient: `${preview.requirement.socialWorkerName ?? 'Not recorded'}, ${preview.requirement.placingAuthority}`,
        email: preview.requirement.socialWorkerEmail,
        summary: preview.summary,
        action: paths.agreements.request(id),
        version: preview.requirement.version,
        fields: agreementRequestFields,
      },
    };
  };

  const recordPage = async (req: FastifyRequest, id: string) => {
    const preview = await s.agreementPreview(req.ctx(), id);
    return {
      title: 'Record an answer received in writing',
      caption: `Agreement about ${preview.requirement.existingChildLabel}`,
      action: paths.agreements.record(id),
      backLink: paths.proposals.show(preview.proposalId),
      fields: recordFields(preview.requirement.socialWorkerName),
      version: preview.requirement.version,
      proposalId: preview.proposalId,
    };
  };

  // ---- In-principle ("open") agreements ----

  async function openAgreementPage(req: FastifyRequest, reply: FastifyReply, id: string, form?: { name: OpenForm; values: Record<string, unknown>; errors: FieldError[] }) {
    const v = await s.openAgreementView(req.ctx(), id);
    const oa = v.openAgreement;
    const errors = form?.errors ?? [];
    const formOf = (name: OpenForm) => (form?.name === name ? { values: form.values, errors: form.errors } : { values: {}, errors: [] as FieldError[] });
    const fieldsOf: Record<OpenForm, Field[]> = {
      record: openRecordFields(v.requirement.socialWorkerName),
      use: openUseFields(v.proposedOn),
      notice: [],
      withdraw: openWithdrawFields,
    };
    return reply.code(errors.length ? (errors.some((e) => e.field === 'form') ? 409 : 400) : 200).view('proposals/open-agreement.njk', {
      title: 'In-principle agreement',
      caption: `Agreement about ${v.requirement.existingChildLabel}`,
      backLink: paths.proposals.show(v.proposalId),
      errors,
      errorList: errorList(errors, form ? fieldsOf[form.name] : []).map((e) => (e.href === '#main-content' && form ? { ...e, href: `#${form.name}` } : e)),
      placement: openPlacementSummary(v),
      longTerm: v.existingPlacement.kind === 'long_term',
      agreement: oa ? { stands: v.stands, rows: openAgreementRows(v) } : null,
      requirementStatus: requirementStatusTag(v.requirement.status),
      answer: answerText(v.requirement),
      noticeSentAt: noticeSentOn(v),
      requirementVersion: v.requirement.version,
      forms: {
        record: v.may.record ? { action: paths.agreements.openRecord(id), fields: fieldsOf.record, ...formOf('record') } : null,
        use: v.may.use ? { action: paths.agreements.openUse(id), fields: fieldsOf.use, ...formOf('use') } : null,
        notice: v.may.notice ? { action: paths.agreements.openNotice(id), fields: [], email: v.requirement.socialWorkerEmail, ...formOf('notice') } : null,
        withdraw: v.may.withdraw && oa ? { action: paths.agreements.openWithdraw(id), fields: fieldsOf.withdraw, version: oa.version, ...formOf('withdraw') } : null,
      },
    });
  }

  /** A form on the in-principle agreement page: run it and go back to the page, or show the page again with the errors and the input kept. */
  const openAction = (opts: { url: string; audit: RouteAudit; form: OpenForm; run: (req: FastifyRequest, id: string) => Promise<unknown> }) =>
    defineRoute({
      method: 'POST',
      url: opts.url,
      access: 'agreement:record',
      audit: opts.audit,
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        try {
          await opts.run(req, id);
          return reply.redirect(paths.agreements.open(id), 303);
        } catch (err) {
          if (err instanceof ValidationError) return openAgreementPage(req, reply, id, { name: opts.form, values: redisplayValues(req.body), errors: err.errors });
          if (err instanceof StaleRecordError) return openAgreementPage(req, reply, id, { name: opts.form, values: redisplayValues(req.body), errors: [{ field: 'form', message: err.message }] });
          throw err;
        }
      },
    });

  // ---- The secure link: a page without an account, for another authority's social worker ----

  const linkPage = async (req: FastifyRequest, reply: FastifyReply, token: string, form?: { values: Record<string, unknown>; errors: FieldError[] }) => {
    const link = await s.viewLink(req.ctx(), token);
    if (!link) throw new NotFoundError('Agreement link');
    if (!link.summary) {
      return reply.code(410).view('proposals/agreement-link.njk', {
        title: link.answered ? 'This request has been answered' : 'This link has expired',
        closed: true,
        answered: link.answered,
      });
    }
    const errors = form?.errors ?? [];
    const fields = linkFields(link.socialWorkerName);
    return reply.code(errors.length ? 400 : 200).view('proposals/agreement-link.njk', {
      title: 'A proposed placement: your agreement is needed',
      summary: link.summary,
      expires: linkExpires(link.expiresAt),
      action: paths.agreementLink(token),
      fields,
      values: form?.values ?? {},
      errors,
      errorList: errorList(errors, fields),
    });
  };

  return [
    defineRoute({
      method: 'POST',
      url: paths.proposals.create(),
      access: 'matching:run',
      audit: 'proposal.created',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const body = formToInput(req.body, [{ name: 'householdId', label: 'Household' }]);
        try {
          const p = await s.createProposal(req.ctx(), id, String(body.householdId ?? ''));
          return reply.redirect(paths.proposals.show(p.id), 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          return reply.code(400).view('errors/error.njk', {
            title: 'This household cannot be considered',
            detail: err.errors.map((e) => e.message).join(' '),
            backLink: paths.requests.matching(id),
          });
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.proposals.show(),
      access: 'request:read',
      audit: 'proposal.viewed',
      params: IdParams,
      handler: async (req, reply) => showPage(req, reply, req.params.id),
    }),

    pageAction({ url: paths.proposals.consider(), access: 'proposal:consider', audit: 'proposal.considered', form: 'consider', run: (req, id) => s.consider(req.ctx(), id, formToInput(req.body, considerationFields([]))) }),
    pageAction({ url: paths.proposals.propose(), access: 'matching:run', audit: 'proposal.proposed', form: 'propose', run: (req, id) => s.propose(req.ctx(), id, versionFrom(req.body), formToInput(req.body, proposeFields)) }),
    pageAction({ url: paths.proposals.override(), access: 'agreement:override', audit: 'agreement.overridden', form: 'override', run: (req, id) => s.override(req.ctx(), id, versionFrom(req.body), formToInput(req.body, reasonField(''))) }),
    pageAction({ url: paths.proposals.withdraw(), access: 'matching:run', audit: 'proposal.withdrawn', form: 'withdraw', run: (req, id) => s.withdraw(req.ctx(), id, versionFrom(req.body), formToInput(req.body, reasonField(''))) }),
    // The end reasons are named by the current placements' ids (reasonEnded-<id>): the service reads them from the body.
    pageAction({ url: paths.proposals.confirm(), access: 'placement:confirm', audit: 'proposal.confirmed', form: 'confirm', run: (req, id) => s.confirm(req.ctx(), id, versionFrom(req.body), req.body) }),
    pageAction({ url: paths.proposals.chase(), access: 'proposal:consider', audit: 'agreement.reminded', form: 'withdraw',
      run: async (req, id) => {
        const r = await s.chaseAgreements(req.ctx(), { proposalId: id });
        if (!r.reminded && !r.escalated) setWarning(req, warnings.nothingToChase);
        else if (r.escalated) setWarning(req, warnings.someEscalated(r));
        else setFlash(req, saveBanner.remindersSent(r));
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.agreements.request(),
      access: 'agreement:record',
      audit: 'proposal.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { page } = await agreementRequestPage(req, req.params.id);
        return reply.view('proposals/agreement-request.njk', { ...page, values: {}, errors: [] });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.agreements.request(),
      access: 'agreement:record',
      audit: 'agreement.requested',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const { proposalId, page } = await agreementRequestPage(req, id);
        try {
          const input = formToInput(req.body, agreementRequestFields);
          const confirm = Array.isArray(input.confirm) ? String(input.confirm[0] ?? '') : '';
          await s.requestAgreement(req.ctx(), id, versionFrom(req.body), { confirm });
          setFlash(req, saveBanner.agreementRequested(page.recipient));
          return reply.redirect(paths.proposals.show(proposalId), 303);
        } catch (err) {
          if (!(err instanceof ValidationError || err instanceof StaleRecordError)) throw err;
          const errors = err instanceof ValidationError ? err.errors : [{ field: 'form', message: err.message }];
          return reply
            .code(err instanceof StaleRecordError ? 409 : 400)
            .view('proposals/agreement-request.njk', { ...page, values: redisplayValues(req.body), errors, errorList: errorList(errors, agreementRequestFields) });
        }
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.agreements.record(),
      access: 'agreement:record',
      audit: 'proposal.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const { proposalId: _p, ...page } = await recordPage(req, req.params.id);
        return renderForm(reply, { ...page, submitText: 'Record', values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.agreements.record(),
      access: 'agreement:record',
      audit: 'agreement.recorded',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        const { proposalId, ...page } = await recordPage(req, id);
        return handleFormPost(reply, req.body, { ...page, submitText: 'Record' }, async (input) => {
          await s.recordAgreement(req.ctx(), id, versionFrom(req.body), input);
          setFlash(req, saveBanner.agreementRecorded(String(input.outcome), String(input.responderName)));
          return paths.proposals.show(proposalId);
        });
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.agreements.open(),
      access: 'agreement:record',
      audit: 'proposal.viewed',
      params: IdParams,
      handler: async (req, reply) => openAgreementPage(req, reply, req.params.id),
    }),

    openAction({
      url: paths.agreements.openRecord(),
      audit: 'agreement.open.recorded',
      form: 'record',
      run: (req, id) => s.recordOpenAgreement(req.ctx(), id, versionFrom(req.body), formToInput(req.body, openRecordFields(null))),
    }),
    openAction({ url: paths.agreements.openUse(), audit: 'agreement.recorded', form: 'use', run: (req, id) => s.useOpenAgreement(req.ctx(), id, versionFrom(req.body), formToInput(req.body, openUseFields('2000-01-01'))) }),
    openAction({ url: paths.agreements.openNotice(), audit: 'agreement.notice.sent', form: 'notice', run: (req, id) => s.sendOpenAgreementNotice(req.ctx(), id, versionFrom(req.body)) }),
    openAction({
      url: paths.agreements.openWithdraw(),
      audit: 'agreement.open.withdrawn',
      form: 'withdraw',
      run: async (req, id) => {
        const v = await s.openAgreementView(req.ctx(), id);
        if (!v.openAgreement) throw new NotFoundError('In-principle agreement');
        return s.withdrawOpenAgreement(req.ctx(), v.openAgreement.id, versionFrom(req.body), formToInput(req.body, openWithdrawFields));
      },
    }),

    // The placement team marks an answer seen (My work).
    defineRoute({
      method: 'POST',
      url: paths.agreements.acknowledge(),
      access: 'matching:run',
      audit: 'agreement.answer.acknowledged',
      body: PageForm,
      params: IdParams,
      handler: async (req, reply) => {
        const { id } = req.params;
        try {
          await s.acknowledgeAnswer(req.ctx(), id, versionFrom(req.body));
        } catch (err) {
          // Someone else marked it first (or it changed): My work shows what is still waiting.
          if (!(err instanceof StaleRecordError)) throw err;
        }
        return reply.redirect(`${paths.obligations.myWork}#agreement-answers`, 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.agreementLink(),
      access: 'public',
      audit: 'agreement.link.viewed',
      params: TokenParams,
      rateLimit: linkRateLimit,
      handler: async (req, reply) => {
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        return linkPage(req, reply, req.params.token);
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.agreementLink(),
      access: 'public',
      audit: 'agreement.link.answered',
      body: PageForm,
      params: TokenParams,
      rateLimit: linkRateLimit,
      handler: async (req, reply) => {
        const { token } = req.params;
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        try {
          const outcome = await s.answerLink(req.ctx(), token, formToInput(req.body, linkFields(null)));
          return reply.view('proposals/agreement-link.njk', { title: 'Thank you: your answer has been recorded', closed: true, answered: true, outcome });
        } catch (err) {
          if (err instanceof ValidationError) return linkPage(req, reply, token, { values: redisplayValues(req.body), errors: err.errors });
          throw err;
        }
      },
    }),
  ];
};
