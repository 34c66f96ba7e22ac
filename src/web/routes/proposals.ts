import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { Permission } from '../../domain/access/index.ts';
import { formatDate, todayInEngland } from '../../domain/dates.ts';
import { FOSTER_PLACEMENT_TYPE_HELP, placementTypeLabel, type FosterPlacementType } from '../../domain/placements/placement-type.ts';
import { REASON_PLACE_CHANGE_CODES } from '../../domain/ssda903/return-codes.ts';
import { codesWithLabels, collectionYearOn } from '../../domain/records/return-fields.ts';
import type { CONSIDERATION_ROLES } from '../../domain/concurrency/index.ts';
import { NotFoundError, StaleRecordError, ValidationError, type FieldError } from '../../services/errors.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { PageForm, IdParams } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
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
/**
 * Confirming: whether the carers are connected to the child (the SSDA903 placement type follows
 * from it and the kind of placement, explained beside each answer), and for each child who lives
 * somewhere else until the start, why that placement ends.
 */
const confirmFields = (
  types: { yes: FosterPlacementType | null; no: FosterPlacementType | null } = { yes: null, no: null },
  moves: readonly { id: string; childName: string; householdReference: string; start: string }[] = [],
  year = '',
): Field[] => [
  {
    name: 'connectedPerson',
    label: 'Are the carers a relative, friend or other connected person of the child?',
    hint: 'The SSDA903 placement type follows from this and the kind of placement',
    type: 'radios',
    items: (['no', 'yes'] as const).map((answer) => {
      const code = types[answer];
      const text = answer === 'yes' ? 'Yes: a relative, friend or other connected person' : 'No: foster carers not connected to the child';
      return { value: answer, text, ...(code ? { hint: { text: `Placement type ${placementTypeLabel(code)}. ${FOSTER_PLACEMENT_TYPE_HELP[code]}` } } : {}) };
    }),
  },
  ...moves.map(
    (m): Field => ({
      name: `reasonEnded-${m.id}`,
      label: `Why ${m.childName}'s placement with household ${m.householdReference} ends`,
      hint: `It ends on ${m.start}, the day this placement starts. SSDA903 reason for placement change, ${year} codes`,
      type: 'select',
      placeholder: 'Select the reason',
      items: year ? itemsFrom(codesWithLabels(REASON_PLACE_CHANGE_CODES, year)) : [],
    }),
  ),
];
const requestFields: Field[] = [
  {
    name: 'confirm',
    label: 'Confirm',
    type: 'checkboxes',
    items: [{ value: 'yes', text: 'I have read the summary: it identifies neither the child nor their family' }],
  },
];
/** Who the recorded social worker is, for the hint under the name of the person who answered. */
const recordedHint = (socialWorkerName: string | null) =>
  socialWorkerName
    ? `The social worker recorded for the child is ${socialWorkerName}. If someone else answered, say why below`
    : 'No social worker is recorded for the child: say below who they are and why they can answer';
const onBehalfField = (label: string, hint: string): Field => ({ name: 'onBehalfReason', label, type: 'textarea', hint });

const recordFields = (socialWorkerName: string | null): Field[] => [
  {
    name: 'outcome',
    label: 'Did they agree?',
    type: 'radios',
    items: [
      { value: 'agreed', text: 'Agreed' },
      { value: 'declined', text: 'Declined' },
    ],
  },
  { name: 'respondedOn', label: 'Date of the letter or e-mail', type: 'date' },
  { name: 'responderName', label: 'Name of the person who answered', autocomplete: 'off', hint: recordedHint(socialWorkerName) },
  { name: 'responderRole', label: 'Their role and authority', autocomplete: 'off' },
  onBehalfField('If they are not the recorded social worker: why did they answer? (optional)', 'For example, "their team manager, on their behalf, while the social worker is on leave"'),
  { name: 'correspondence', label: 'Text of the letter or e-mail', type: 'textarea', hint: 'It is filed on the carers’ file' },
  { name: 'comments', label: 'Comments (optional)', type: 'textarea' },
];

/** The in-principle agreement of a child already placed: recorded once on their placement, then used by each proposal. */
const openRecordFields = (socialWorkerName: string | null): Field[] => [
  { name: 'givenOn', label: 'Date the in-principle agreement was given', type: 'date' },
  { name: 'givenByName', label: 'Name of the person who gave it', autocomplete: 'off', hint: recordedHint(socialWorkerName) },
  { name: 'givenByRole', label: 'Their role and authority', autocomplete: 'off' },
  onBehalfField('If they are not the recorded social worker: why did they give it? (optional)', 'For example, "their team manager, on their behalf"'),
  { name: 'correspondence', label: 'Text of the letter or e-mail giving it', type: 'textarea', hint: 'It is filed on the carers’ file' },
];
const openUseFields = (proposedOn: string): Field[] => [
  { name: 'informedOn', label: 'Date the social worker was told about this placement', type: 'date', hint: `On or after ${formatDate(proposedOn)}, the day this household was proposed. For example, ${Number(proposedOn.slice(8, 10))} ${Number(proposedOn.slice(5, 7))} ${proposedOn.slice(0, 4)}` },
  {
    name: 'specificConsentAsked',
    label: 'Did they ask to give specific consent to this placement?',
    type: 'radios',
    items: [
      { value: 'no', text: 'No: the in-principle agreement covers it' },
      { value: 'yes', text: 'Yes: their specific written agreement is still needed' },
    ],
  },
];
const openWithdrawFields: Field[] = [
  { name: 'withdrawnOn', label: 'Date it was withdrawn (optional)', type: 'date', hint: 'Leave blank for today' },
  { name: 'reason', label: 'Why is the in-principle agreement withdrawn?', type: 'textarea', hint: 'For example, "the social worker withdrew it by e-mail" or "recorded in error"' },
];

/** What the answer column says: how, when, who, and on whose behalf. */
function answerText(r: {
  method: string | null;
  respondedOn: string | null;
  responderName: string | null;
  onBehalfReason: string | null;
  socialWorkerName: string | null;
  informedOn: string | null;
  specificConsentAsked: boolean | null;
}): string {
  if (!r.method) return '';
  const parts = [METHOD[r.method] ?? r.method];
  if (r.respondedOn) parts.push(formatDate(r.respondedOn));
  if (r.responderName) parts.push(r.onBehalfReason ? `${r.responderName} for ${r.socialWorkerName ?? 'the social worker'} (${r.onBehalfReason})` : r.responderName);
  if (r.method === 'open_agreement' && r.informedOn) parts.push(`told of this placement on ${formatDate(r.informedOn)}`);
  if (r.method === 'open_agreement' && r.specificConsentAsked) parts.push('specific consent asked for: written agreement still needed');
  return parts.join(', ');
}

type Forms = Partial<Record<'consider' | 'propose' | 'override' | 'withdraw' | 'confirm', { values: Record<string, unknown>; errors: FieldError[] }>>;

/** Proposals, the consideration of children already placed, agreements, and confirmation (Concurrent placement agreement procedure). */
export function proposalRoutes(app: FastifyInstance, services: Services) {
  const s = services.proposals;
  const may = (req: FastifyRequest, p: Permission) => !!req.actor && services.can(req.actor, p);

  route(app, {
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
  });

  async function showPage(req: FastifyRequest, reply: FastifyReply, id: string, forms: Forms = {}) {
    const v = await s.get(req.ctx(), id);
    const canConsider = v.may.consider;
    const canAgree = v.may.recordAgreements && may(req, 'agreement:record');
    const errors = Object.values(forms).flatMap((f) => f?.errors ?? []);
    const start = v.p.proposedStart ?? v.today;
    const confirming = confirmFields(
      v.placementTypes,
      v.moves.map((m) => {
        const c = v.group.find((g) => g.id === m.childId);
        return { id: m.id, childName: c ? `${c.firstName} ${c.lastName}` : 'the child', householdReference: m.householdReference, start: formatDate(start) };
      }),
      collectionYearOn(v.today),
    );
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
      errorList: errorList(errors, [...considerationFields([]), ...proposeFields, ...reasonField(''), ...confirming]).map((e, i) =>
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
        ...(v.group.length > 1
          ? [{ key: { text: 'Placed together' }, value: { text: v.group.map((c) => `${c.firstName} ${c.lastName} (${c.reference})`).join(', ') } }]
          : []),
        ...v.moves.map((m) => {
          const c = v.group.find((g) => g.id === m.childId);
          return {
            key: { text: 'Current placement that will end' },
            value: { html: `${escapeHtml(c ? `${c.firstName} ${c.lastName}` : 'The child')} lives with household ${link(paths.placements.show(m.id), m.householdReference)} since ${escapeHtml(formatDate(m.startDate))}; that placement ends on ${escapeHtml(formatDate(start))}, the day this one starts` },
          };
        }),
        ...(v.p.overrideReason
          ? [{ key: { text: 'Emergency placement authorised' }, value: { text: `By a head of service on ${formatDate(todayInEngland(v.p.overrideAt ?? new Date()))}: ${v.p.overrideReason}` } }]
          : []),
        ...(v.placements.length > 1
          ? [
              {
                key: { text: 'Placements' },
                value: {
                  html: v.placements
                    .map((pl) => {
                      const c = v.group.find((g) => g.id === pl.childId);
                      return link(paths.placements.show(pl.id), `View ${c ? `${c.firstName} ${c.lastName}` : 'the child'}'s placement`);
                    })
                    .join('<br>'),
                },
              },
            ]
          : v.p.placementId
            ? [{ key: { text: 'Placement' }, value: { html: link(paths.placements.show(v.p.placementId), 'View the placement') } }]
            : []),
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
              { text: answerText(r) },
              ...(canAgree
                ? [
                    {
                      html:
                        r.status === 'agreed' || r.status === 'declined'
                          ? ''
                          : `${link(paths.agreements.request(r.id), 'Send request')}<br>${link(paths.agreements.record(r.id), 'Record an answer received')}<br>${link(paths.agreements.open(r.id), 'In-principle agreement')}`,
                    },
                  ]
                : []),
            ]),
          },
      chaseAction: v.p.status === 'proposed' && v.requirements.some((r) => r.status === 'requested') && may(req, 'proposal:consider') ? paths.proposals.chase(id) : null,
      // Only for an emergency, and never against a written refusal.
      overrideForm:
        v.p.status === 'proposed' && v.emergency && !v.p.overrideReason && may(req, 'agreement:override') && v.requirements.some((r) => r.status !== 'agreed') && !v.requirements.some((r) => r.status === 'declined')
          ? {
              action: paths.proposals.override(id),
              fields: reasonField('Why must this emergency placement start before every written agreement is in?', 'Recorded, audited and shown on the placement and the child’s record. Each missing agreement stays overdue until it is recorded'),
              values: forms.override?.values ?? {},
              errors: forms.override?.errors ?? [],
            }
          : null,
      confirmForm: v.p.status === 'proposed' && may(req, 'placement:confirm')
        ? { action: paths.proposals.confirm(id), fields: confirming, values: forms.confirm?.values ?? {}, errors: forms.confirm?.errors ?? [], blockers: v.blockers.confirm }
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
    params: IdParams,
    handler: async (req, reply) => showPage(req, reply, req.params.id),
  });

  /** A form on the proposal page: run the action, or show the page again with the errors and the input kept. */
  function pageAction(opts: { url: string; access: Permission; audit: Parameters<typeof route>[1]['audit']; form: keyof Forms; run: (req: FastifyRequest, id: string) => Promise<unknown> }) {
    route(app, {
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
  }

  pageAction({ url: paths.proposals.consider(), access: 'proposal:consider', audit: 'proposal.considered', form: 'consider', run: (req, id) => s.consider(req.ctx(), id, formToInput(req.body, considerationFields([]))) });
  pageAction({ url: paths.proposals.propose(), access: 'matching:run', audit: 'proposal.proposed', form: 'propose', run: (req, id) => s.propose(req.ctx(), id, versionFrom(req.body), formToInput(req.body, proposeFields)) });
  pageAction({ url: paths.proposals.override(), access: 'agreement:override', audit: 'agreement.overridden', form: 'override', run: (req, id) => s.override(req.ctx(), id, versionFrom(req.body), formToInput(req.body, reasonField(''))) });
  pageAction({ url: paths.proposals.withdraw(), access: 'matching:run', audit: 'proposal.withdrawn', form: 'withdraw', run: (req, id) => s.withdraw(req.ctx(), id, versionFrom(req.body), formToInput(req.body, reasonField(''))) });
  // The end reasons are named by the current placements' ids (reasonEnded-<id>): the service reads them from the body.
  pageAction({ url: paths.proposals.confirm(), access: 'placement:confirm', audit: 'proposal.confirmed', form: 'confirm', run: (req, id) => s.confirm(req.ctx(), id, versionFrom(req.body), req.body) });
  pageAction({ url: paths.proposals.chase(), access: 'proposal:consider', audit: 'agreement.reminded', form: 'withdraw', run: (req) => s.chaseAgreements(req.ctx()) });

  // Agreements ----------------------------------------------------------------------------------

  route(app, {
    method: 'GET',
    url: paths.agreements.request(),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
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
    body: PageForm,
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
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
      fields: recordFields(preview.requirement.socialWorkerName),
      version: preview.requirement.version,
      proposalId: preview.proposalId,
    };
  };

  route(app, {
    method: 'GET',
    url: paths.agreements.record(),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { proposalId: _p, ...page } = await recordPage(req, req.params.id);
      return renderForm(reply, { ...page, submitText: 'Record', values: {} });
    },
  });

  route(app, {
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
        return paths.proposals.show(proposalId);
      });
    },
  });

  // In-principle ("open") agreements ------------------------------------------------------------

  type OpenForm = 'record' | 'use' | 'notice' | 'withdraw';

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
    const kindText = v.existingPlacement.kind ? v.existingPlacement.kind.replace(/_/g, '-') : 'not recorded';
    return reply.code(errors.length ? (errors.some((e) => e.field === 'form') ? 409 : 400) : 200).view('proposals/open-agreement.njk', {
      title: 'In-principle agreement',
      caption: `Agreement about ${v.requirement.existingChildLabel}`,
      backLink: paths.proposals.show(v.proposalId),
      errors,
      errorList: errorList(errors, form ? fieldsOf[form.name] : []).map((e) => (e.href === '#main-content' && form ? { ...e, href: `#${form.name}` } : e)),
      placement: [
        { key: { text: 'Child already placed' }, value: { text: v.requirement.existingChildLabel } },
        { key: { text: 'Their social worker' }, value: { text: `${v.requirement.socialWorkerName ?? 'Not recorded'}, ${v.requirement.placingAuthority}` } },
        { key: { text: 'Their placement with these carers' }, value: { text: `${kindText === 'long-term' ? 'Long-term' : `Not long-term (${kindText})`}, since ${formatDate(v.existingPlacement.startDate)}${v.existingPlacement.endDate ? `, ending ${formatDate(v.existingPlacement.endDate)}` : ''}` } },
        { key: { text: 'This proposal' }, value: { html: `${link(paths.proposals.show(v.proposalId), `Household ${v.household.reference}`)}, proposed on ${escapeHtml(formatDate(v.proposedOn))}` } },
      ],
      longTerm: v.existingPlacement.kind === 'long_term',
      agreement: oa
        ? {
            stands: v.stands,
            rows: [
              { key: { text: 'Given on' }, value: { text: formatDate(oa.givenOn) } },
              { key: { text: 'Given by' }, value: { text: `${oa.givenByName}, ${oa.givenByRole}` } },
              ...(oa.onBehalfReason ? [{ key: { text: `On behalf of ${v.requirement.socialWorkerName ?? 'the social worker'}` }, value: { text: oa.onBehalfReason } }] : []),
              { key: { text: 'Recorded' }, value: { text: `${oa.recordedAt.toISOString().slice(0, 10)}${oa.recordedByName ? ` by ${oa.recordedByName}` : ''}` } },
              ...(oa.documentId ? [{ key: { text: 'Correspondence' }, value: { html: link(paths.documents.download(v.household.id, oa.documentId), 'On the carers’ file') } }] : []),
              { key: { text: 'Status' }, value: { html: tag(v.stands ? { text: 'Stands', classes: 'govuk-tag--green' } : { text: 'No longer stands: the placement has ended', classes: 'govuk-tag--grey' }) } },
            ],
          }
        : null,
      requirementStatus: tag(REQUIREMENT_STATUS[v.requirement.status]),
      answer: answerText(v.requirement),
      noticeSentAt: v.requirement.noticeSentAt ? v.requirement.noticeSentAt.toISOString().slice(0, 10) : null,
      requirementVersion: v.requirement.version,
      forms: {
        record: v.may.record ? { action: paths.agreements.openRecord(id), fields: fieldsOf.record, ...formOf('record') } : null,
        use: v.may.use ? { action: paths.agreements.openUse(id), fields: fieldsOf.use, ...formOf('use') } : null,
        notice: v.may.notice ? { action: paths.agreements.openNotice(id), fields: [], email: v.requirement.socialWorkerEmail, ...formOf('notice') } : null,
        withdraw: v.may.withdraw && oa ? { action: paths.agreements.openWithdraw(id), fields: fieldsOf.withdraw, version: oa.version, ...formOf('withdraw') } : null,
      },
    });
  }

  route(app, {
    method: 'GET',
    url: paths.agreements.open(),
    access: 'agreement:record',
    audit: 'proposal.viewed',
    params: IdParams,
    handler: async (req, reply) => openAgreementPage(req, reply, req.params.id),
  });

  /** A form on the in-principle agreement page: run it and go back to the page, or show the page again with the errors and the input kept. */
  function openAction(opts: { url: string; audit: Parameters<typeof route>[1]['audit']; form: OpenForm; run: (req: FastifyRequest, id: string) => Promise<unknown> }) {
    route(app, {
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
  }

  openAction({
    url: paths.agreements.openRecord(),
    audit: 'agreement.open.recorded',
    form: 'record',
    run: (req, id) => s.recordOpenAgreement(req.ctx(), id, versionFrom(req.body), formToInput(req.body, openRecordFields(null))),
  });
  openAction({ url: paths.agreements.openUse(), audit: 'agreement.recorded', form: 'use', run: (req, id) => s.useOpenAgreement(req.ctx(), id, versionFrom(req.body), formToInput(req.body, openUseFields('2000-01-01'))) });
  openAction({ url: paths.agreements.openNotice(), audit: 'agreement.notice.sent', form: 'notice', run: (req, id) => s.sendOpenAgreementNotice(req.ctx(), id, versionFrom(req.body)) });
  openAction({
    url: paths.agreements.openWithdraw(),
    audit: 'agreement.open.withdrawn',
    form: 'withdraw',
    run: async (req, id) => {
      const v = await s.openAgreementView(req.ctx(), id);
      if (!v.openAgreement) throw new NotFoundError('In-principle agreement');
      return s.withdrawOpenAgreement(req.ctx(), v.openAgreement.id, versionFrom(req.body), formToInput(req.body, openWithdrawFields));
    },
  });

  // The placement team marks an answer seen (My work) ------------------------------------------

  route(app, {
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
  });

  // The secure link: a page without an account, for another authority's social worker -----------

  const linkFields = (socialWorkerName: string | null): Field[] => [
    {
      name: 'outcome',
      label: 'Do you agree to this child being placed with the carers of the child you are responsible for?',
      type: 'radios',
      items: [
        { value: 'agreed', text: 'Yes, I agree' },
        { value: 'declined', text: 'No, I do not agree' },
      ],
    },
    { name: 'responderName', label: 'Your name', autocomplete: 'name', ...(socialWorkerName ? { hint: `This request was sent to ${socialWorkerName}` } : {}) },
    { name: 'responderRole', label: 'Your role and local authority', autocomplete: 'organization-title' },
    {
      name: 'onBehalfReason',
      label: socialWorkerName ? `If you are not ${socialWorkerName}: why are you answering? (optional)` : 'Who are you, and why are you answering?',
      type: 'textarea',
      hint: 'For example, "their team manager, on their behalf, while they are on leave"',
    },
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
      fields: linkFields(link.socialWorkerName),
      values: form?.values ?? {},
      errors,
      errorList: errorList(errors, linkFields(link.socialWorkerName)),
    });
  };

  route(app, {
    method: 'GET',
    url: paths.agreementLink(),
    access: 'public',
    audit: 'agreement.link.viewed',
    params: z.object({ token: z.string() }),
    rateLimit: linkRateLimit,
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return linkPage(req, reply, req.params.token);
    },
  });

  route(app, {
    method: 'POST',
    url: paths.agreementLink(),
    access: 'public',
    audit: 'agreement.link.answered',
    body: PageForm,
    params: z.object({ token: z.string() }),
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
  });
}
