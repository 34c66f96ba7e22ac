import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { Permission } from '../../domain/access/index.ts';
import { formatDate } from '../../domain/dates.ts';
import { PLACEMENT_TYPES } from '../../domain/ssda903/codes.ts';
import type { CONSIDERATION_ROLES } from '../../domain/concurrency/index.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { route } from '../route.ts';
import { paths } from '../paths.ts';
import { errorList, formToInput, handleFormPost, itemsFrom, redisplayValues, renderForm, versionFrom, type Field } from '../forms.ts';
import { escapeHtml, link } from '../html.ts';

const REQUIREMENT_STATUS: Record<string, { text: string; classes: string }> = {
  not_requested: { text: 'Not requested', classes: 'govuk-tag--grey' },
  requested: { text: 'Requested', classes: 'govuk-tag--orange' },
  agreed: { text: 'Agreed in writing', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
};
const PROPOSAL_STATUS: Record<string, { text: string; classes: string }> = {
  considering: { text: 'Being considered', classes: 'govuk-tag--blue' },
  proposed: { text: 'Proposed', classes: 'govuk-tag--orange' },
  confirmed: { text: 'Confirmed', classes: 'govuk-tag--green' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};
const METHOD: Record<string, string> = { letter_or_email: 'Letter or e-mail', secure_link: 'Secure link', open_agreement: 'In-principle agreement' };

const tag = (t: { text: string; classes: string } | undefined) => (t ? `<strong class="govuk-tag ${t.classes}">${escapeHtml(t.text)}</strong>` : '');

const considerationFields = (existing: { id: string; label: string }[]): Field[] => [
  { name: 'existingChildId', label: 'Child already living with the carers', type: 'select', items: existing.map((e) => ({ value: e.id, text: e.label })) },
  {
    name: 'servesWellbeing',
    label: 'Does another placement serve the well-being and best interests of this child?',
    type: 'radios',
    items: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
  },
  { name: 'reasoning', label: 'Your reasoning', type: 'textarea', hint: 'What you considered: the child’s needs, routines, relationships with the carers and the other children, and the impact of a new arrival' },
];
const proposeFields: Field[] = [{ name: 'proposedStart', label: 'Date the placement would start', type: 'date', hint: 'For example, 1 12 2026' }];
const reasonField = (label: string, hint?: string): Field[] => [{ name: 'reason', label, type: 'textarea', ...(hint ? { hint } : {}) }];
const confirmFields: Field[] = [
  {
    name: 'placementType',
    label: 'SSDA903 placement type',
    type: 'select',
    items: itemsFrom(Object.fromEntries(Object.entries(PLACEMENT_TYPES).filter(([k]) => k.startsWith('U'))) as Record<string, string>),
  },
];
const requestFields: Field[] = [
  {
    name: 'confirm',
    label: 'Confirm',
    type: 'checkboxes',
    items: [{ value: 'yes', text: 'I have read the summary: it identifies neither the child nor their family' }],
  },
];
const recordFields: Field[] = [
  {
    name: 'method',
    label: 'How was it given?',
    type: 'radios',
    items: [
      { value: 'letter_or_email', text: 'A letter or e-mail received' },
      { value: 'open_agreement', text: 'An in-principle ("open") agreement already given, and the social worker told about this placement' },
    ],
  },
  {
    name: 'outcome',
    label: 'Did the social worker agree?',
    type: 'radios',
    items: [
      { value: 'agreed', text: 'Agreed' },
      { value: 'declined', text: 'Declined' },
    ],
  },
  { name: 'respondedOn', label: 'Date of the letter, e-mail or in-principle agreement', type: 'date' },
  { name: 'responderName', label: "Social worker's name", autocomplete: 'off' },
  { name: 'responderRole', label: 'Their role and authority', autocomplete: 'off' },
  { name: 'correspondence', label: 'Text of the letter or e-mail (or a note of the in-principle agreement)', type: 'textarea', hint: 'It is filed on the carers’ file' },
  { name: 'informedOn', label: 'For an in-principle agreement: date the social worker was told about this placement', type: 'date' },
  {
    name: 'specificConsentRequired',
    label: 'For an in-principle agreement: did the social worker ask to give specific consent to this placement?',
    type: 'radios',
    items: [
      { value: 'yes', text: 'Yes: their written consent is still needed' },
      { value: 'no', text: 'No' },
    ],
  },
  { name: 'comments', label: 'Comments (optional)', type: 'textarea' },
];

type Forms = Partial<Record<'consider' | 'propose' | 'override' | 'withdraw' | 'confirm', { values: Record<string, unknown>; errors: FieldError[] }>>;

/** Proposals, the consideration of children already placed, agreements, and confirmation (seed 000). */
export function proposalRoutes(app: FastifyInstance, services: Services) {
  const s = services.proposals;
  const may = (req: FastifyRequest, p: Permission) => !!req.actor && services.can(req.actor, p);

  route(app, {
    method: 'POST',
    url: paths.proposals.create(),
    access: 'matching:run',
    audit: 'proposal.created',
    handler: async (req, reply) => {
      const { id } = req.params as { id: string };
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
  });

  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, forms: Forms = {}) {
    const v = await s.get(req.ctx(), id);
    const canConsider = v.may.consider;
    const canAgree = v.may.recordAgreements && may(req, 'agreement:record');
    const errors = Object.values(forms).flatMap((f) => f?.errors ?? []);
    const considered = (childId: string, role: keyof typeof CONSIDERATION_ROLES) => {
      const c = v.considerations.find((x) => x.c.existingChildId === childId && x.c.role === role);
      return c ? `${c.c.servesWellbeing ? 'Serves their well-being' : '<strong>Does not serve their well-being</strong>'}: ${escapeHtml(c.c.reasoning)}<br><span class="govuk-body-s">${escapeHtml(c.userName)}</span>` : 'Not recorded';
    };
    return reply.code(errors.length ? (errors.some((e) => e.field === 'form') ? 409 : 400) : 200).view('proposals/show.njk', {
      title: `${v.child.firstName} ${v.child.lastName} with household ${v.household.reference}`,
      caption: 'Proposed placement',
      tag: PROPOSAL_STATUS[v.p.status],
      backLink: paths.requests.show(v.request.id),
      errors,
      // A refused confirmation lists conditions, not fields: link them to the section that repeats them.
      errorList: errorList(errors, [...considerationFields([]), ...proposeFields, ...reasonField(''), ...confirmFields]).map((e, i) =>
        errors[i]?.field === 'confirm' ? { ...e, href: '#confirm' } : e,
      ),
      version: v.p.version,
      summary: [
        { key: { text: 'Child' }, value: { html: `${link(paths.children.show(v.child.id), `${v.child.firstName} ${v.child.lastName}`)} (${escapeHtml(v.child.reference)})` } },
        { key: { text: 'Placement request' }, value: { html: link(paths.requests.show(v.request.id), v.request.reference) } },
        { key: { text: 'Household' }, value: { html: `${link(paths.households.show(v.household.id), v.household.reference)}: ${escapeHtml(v.household.carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and '))}` } },
        { key: { text: 'Supervising social worker' }, value: { text: v.household.sswName ?? 'Not allocated' } },
        { key: { text: 'Start date' }, value: { text: v.p.proposedStart ? formatDate(v.p.proposedStart) : 'Not set yet' } },
        { key: { text: 'Matching' }, value: { text: v.evaluation.eligible ? `Meets the conditions (score ${v.evaluation.score})` : `No longer meets the conditions: ${v.evaluation.reasons.join('; ')}` } },
        ...(v.p.overrideReason ? [{ key: { text: 'Agreements overridden' }, value: { text: `By a head of service on ${v.p.overrideAt?.toISOString().slice(0, 10)}: ${v.p.overrideReason}` } }] : []),
        ...(v.p.placementId ? [{ key: { text: 'Placement' }, value: { html: link(paths.placements.show(v.p.placementId), 'View the placement') } }] : []),
        ...(v.p.withdrawnReason ? [{ key: { text: 'Withdrawn because' }, value: { text: v.p.withdrawnReason } }] : []),
        ...(may(req, 'audit:read') ? [{ key: { text: 'History' }, value: { html: link(paths.audit.subject('proposal', id), 'Who has seen or changed this proposal') } }] : []),
      ],
      existing: {
        head: [{ text: 'Child already living there' }, { text: 'Placement officer' }, { text: 'Supervising social worker' }],
        rows: v.there.map((t) => [
          { html: `${link(paths.children.show(t.childId), `${t.firstName} ${t.lastName}`)}<br><span class="govuk-body-s">${escapeHtml(t.reference)}, since ${escapeHtml(formatDate(t.startDate))}</span>` },
          { html: considered(t.childId, 'placement_officer') },
          { html: considered(t.childId, 'supervising_social_worker') },
        ]),
      },
      considerForm: canConsider && v.there.length
        ? { action: paths.proposals.consider(id), fields: considerationFields(v.existing), values: forms.consider?.values ?? {}, errors: forms.consider?.errors ?? [] }
        : null,
      proposeForm: v.p.status === 'considering' && may(req, 'matching:run')
        ? { action: paths.proposals.propose(id), fields: proposeFields, values: forms.propose?.values ?? { proposedStart: v.request.neededBy ?? '' }, errors: forms.propose?.errors ?? [], blockers: v.blockers.propose }
        : null,
      requirements: v.p.status === 'considering'
        ? null
        : {
            head: [{ text: 'Child already placed' }, { text: 'Their social worker' }, { text: 'Status' }, { text: 'Answer' }, ...(canAgree ? [{ html: '<span class="govuk-visually-hidden">Actions</span>' }] : [])],
            rows: v.requirements.map((r) => [
              { text: r.existingChildLabel },
              { text: `${r.socialWorkerName ?? 'Not recorded'}, ${r.placingAuthority}${r.socialWorkerEmail ? ` (${r.socialWorkerEmail})` : ''}` },
              { html: `${tag(REQUIREMENT_STATUS[r.status])}${r.requestedAt ? `<br><span class="govuk-body-s">Requested ${escapeHtml(r.requestedAt.toISOString().slice(0, 10))}${r.remindersSent ? `, ${r.remindersSent} reminder${r.remindersSent === 1 ? '' : 's'}` : ''}${r.escalatedAt ? ', escalated' : ''}</span>` : ''}` },
              { text: r.method ? `${METHOD[r.method] ?? r.method}${r.respondedOn ? `, ${formatDate(r.respondedOn)}` : ''}${r.responderName ? `, ${r.responderName}` : ''}` : '' },
              ...(canAgree
                ? [
                    {
                      html:
                        r.status === 'agreed' || r.status === 'declined'
                          ? ''
                          : `${link(paths.agreements.request(r.id), 'Send request')}<br>${link(paths.agreements.record(r.id), 'Record an answer received')}`,
                    },
                  ]
                : []),
            ]),
          },
      chaseAction: v.p.status === 'proposed' && v.requirements.some((r) => r.status === 'requested') && may(req, 'proposal:consider') ? paths.proposals.chase(id) : null,
      overrideForm: v.p.status === 'proposed' && !v.p.overrideReason && may(req, 'agreement:override') && v.requirements.some((r) => r.status !== 'agreed')
        ? { action: paths.proposals.override(id), fields: reasonField('Reason for confirming without every written agreement', 'This is recorded, audited and shown on the placement'), values: forms.override?.values ?? {}, errors: forms.override?.errors ?? [] }
        : null,
      confirmForm: v.p.status === 'proposed' && may(req, 'placement:confirm')
        ? { action: paths.proposals.confirm(id), fields: confirmFields, values: forms.confirm?.values ?? { placementType: 'U3' }, errors: forms.confirm?.errors ?? [], blockers: v.blockers.confirm }
        : null,
      withdrawForm: (v.p.status === 'considering' || v.p.status === 'proposed') && may(req, 'matching:run')
        ? { action: paths.proposals.withdraw(id), fields: reasonField('Why is this proposal withdrawn?'), values: forms.withdraw?.values ?? {}, errors: forms.withdraw?.errors ?? [] }
        : null,
    });
  }

  route(app, {
    method: 'GET',
    url: paths.proposals.show(),
    access: 'request:read',
    audit: 'proposal.viewed',
    handler: async (req, reply) => showPage(req, reply, (req.params as { id: string }).id),
  });

  /** A form on the proposal page: run the action, or show the page again with the errors and the input kept. */
  function pageAction(opts: { url: string; access: Permission; audit: Parameters<typeof route>[1]['audit']; form: keyof Forms; run: (req: FastifyRequest, id: string) => Promise<unknown> }) {
    route(app, {
      method: 'POST',
      url: opts.url,
      access: opts.access,
      audit: opts.audit,
      handler: async (req, reply) => {
        const { id } = req.params as { id: string };
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
  }

  pageAction({ url: paths.proposals.consider(), access: 'proposal:consider', audit: 'proposal.considered', form: 'consider', run: (req, id) => s.consider(req.ctx(), id, formToInput(req.body, considerationFields([]))) });
  pageAction({ url: paths.proposals.propose(), access: 'matching:run', audit: 'proposal.proposed', form: 'propose', run: (req, id) => s.propose(req.ctx(), id, versionFrom(req.body), formToInput(req.body, proposeFields)) });
  pageAction({ url: paths.proposals.override(), access: 'agreement:override', audit: 'agreement.overridden', form: 'override', run: (req, id) => s.override(req.ctx(), id, versionFrom(req.body), formToInput(req.body, reasonField(''))) });
  pageAction({ url: paths.proposals.withdraw(), access: 'matching:run', audit: 'proposal.withdrawn', form: 'withdraw', run: (req, id) => s.withdraw(req.ctx(), id, versionFrom(req.body), formToInput(req.body, reasonField(''))) });
  pageAction({ url: paths.proposals.confirm(), access: 'placement:confirm', audit: 'proposal.confirmed', form: 'confirm', run: (req, id) => s.confirm(req.ctx(), id, versionFrom(req.body), formToInput(req.body, confirmFields)) });
  pageAction({ url: paths.proposals.chase(), access: 'proposal:consider', audit: 'agreement.reminded', form: 'withdraw', run: (req) => s.chaseAgreements(req.ctx()) });

  // Agreements ----------------------------------------------------------------------------------

  route(app, {
    method: 'GET',
    url: paths.agreements.request(),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    handler: async (req, reply) => {
      const { id } = req.params as { id: string };
      const preview = await s.agreementPreview(req.ctx(), id);
      return reply.view('proposals/agreement-request.njk', {
        title: 'Ask for written agreement',
        caption: `About ${preview.requirement.existingChildLabel}`,
        backLink: paths.proposals.show(preview.proposalId),
        recipient: `${preview.requirement.socialWorkerName ?? 'Not recorded'}, ${preview.requirement.placingAuthority}`,
        email: preview.requirement.socialWorkerEmail,
        summary: preview.summary,
        action: paths.agreements.request(id),
        version: preview.requirement.version,
        fields: requestFields,
        values: {},
        errors: [],
      });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.agreements.request(),
    access: 'agreement:record',
    audit: 'agreement.requested',
    handler: async (req, reply) => {
      const { id } = req.params as { id: string };
      const preview = await s.agreementPreview(req.ctx(), id);
      const page = {
        title: 'Ask for written agreement',
        caption: `About ${preview.requirement.existingChildLabel}`,
        backLink: paths.proposals.show(preview.proposalId),
        recipient: `${preview.requirement.socialWorkerName ?? 'Not recorded'}, ${preview.requirement.placingAuthority}`,
        email: preview.requirement.socialWorkerEmail,
        summary: preview.summary,
        action: paths.agreements.request(id),
        version: preview.requirement.version,
        fields: requestFields,
      };
      try {
        const input = formToInput(req.body, requestFields) as { confirm: string[] };
        await s.requestAgreement(req.ctx(), id, versionFrom(req.body), { confirm: input.confirm[0] ?? '' });
        return reply.redirect(paths.proposals.show(preview.proposalId), 303);
      } catch (err) {
        if (!(err instanceof ValidationError || err instanceof StaleRecordError)) throw err;
        const errors = err instanceof ValidationError ? err.errors : [{ field: 'form', message: err.message }];
        return reply.code(err instanceof StaleRecordError ? 409 : 400).view('proposals/agreement-request.njk', { ...page, values: redisplayValues(req.body), errors, errorList: errorList(errors, requestFields) });
      }
    },
  });

  const recordPage = async (req: FastifyRequest, id: string) => {
    const preview = await s.agreementPreview(req.ctx(), id);
    return {
      title: 'Record an answer received in writing',
      caption: `Agreement about ${preview.requirement.existingChildLabel}`,
      action: paths.agreements.record(id),
      backLink: paths.proposals.show(preview.proposalId),
      fields: recordFields,
      version: preview.requirement.version,
      proposalId: preview.proposalId,
    };
  };

  route(app, {
    method: 'GET',
    url: paths.agreements.record(),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    handler: async (req, reply) => {
      const { proposalId: _p, ...page } = await recordPage(req, (req.params as { id: string }).id);
      return renderForm(reply, { ...page, submitText: 'Record', values: {} });
    },
  });

  route(app, {
    method: 'POST',
    url: paths.agreements.record(),
    access: 'agreement:record',
    audit: 'agreement.recorded',
    handler: async (req, reply) => {
      const { id } = req.params as { id: string };
      const { proposalId, ...page } = await recordPage(req, id);
      return handleFormPost(reply, req.body, { ...page, submitText: 'Record' }, async (input) => {
        await s.recordAgreement(req.ctx(), id, versionFrom(req.body), input);
        return paths.proposals.show(proposalId);
      });
    },
  });

  // The secure link: a page without an account, for another authority's social worker -----------

  const linkFields: Field[] = [
    {
      name: 'outcome',
      label: 'Do you agree to this child being placed with the carers of the child you are responsible for?',
      type: 'radios',
      items: [
        { value: 'agreed', text: 'Yes, I agree' },
        { value: 'declined', text: 'No, I do not agree' },
      ],
    },
    { name: 'responderName', label: 'Your name', autocomplete: 'name' },
    { name: 'responderRole', label: 'Your role and local authority', autocomplete: 'organization-title' },
    { name: 'comments', label: 'Comments (optional)', type: 'textarea', hint: 'For example, conditions or what the carers should know' },
  ];
  const linkRateLimit = { max: 20, timeWindow: '15 minutes', hook: 'preHandler' as const, keyGenerator: (req: FastifyRequest) => req.ip };

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
    return reply.code(errors.length ? 400 : 200).view('proposals/agreement-link.njk', {
      title: 'A proposed placement: your agreement is needed',
      summary: link.summary,
      expires: formatDate(link.expiresAt.toISOString().slice(0, 10)),
      action: paths.agreementLink(token),
      fields: linkFields,
      values: form?.values ?? {},
      errors,
      errorList: errorList(errors, linkFields),
    });
  };

  route(app, {
    method: 'GET',
    url: paths.agreementLink(),
    access: 'public',
    audit: 'agreement.link.viewed',
    rateLimit: linkRateLimit,
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return linkPage(req, reply, (req.params as { token: string }).token);
    },
  });

  route(app, {
    method: 'POST',
    url: paths.agreementLink(),
    access: 'public',
    audit: 'agreement.link.answered',
    rateLimit: linkRateLimit,
    handler: async (req, reply) => {
      const { token } = req.params as { token: string };
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      try {
        const outcome = await s.answerLink(req.ctx(), token, formToInput(req.body, linkFields));
        return reply.view('proposals/agreement-link.njk', { title: 'Thank you: your answer has been recorded', closed: true, answered: true, outcome });
      } catch (err) {
        if (err instanceof ValidationError) return linkPage(req, reply, token, { values: redisplayValues(req.body), errors: err.errors });
        throw err;
      }
    },
  });
}
