/**
 * Proposals, written agreements, in-principle agreements and the secure link page as data: the
 * questions of each form, the status tags, the proposal's summary and tables, the in-principle
 * agreement's summaries, and what the answer column says.
 */
import type { ProposalView } from '../../services/proposals.ts';
import type { CONSIDERATION_ROLES } from '../../domain/concurrency/index.ts';
import { todayInEngland } from '../../domain/dates.ts';
import { FOSTER_PLACEMENT_TYPE_HELP, placementTypeLabel, type FosterPlacementType } from '../../domain/placements/placement-type.ts';
import { REASON_PLACE_CHANGE_CODES } from '../../domain/ssda903/return-codes.ts';
import { codesWithLabels } from '../../domain/records/return-fields.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, linkTo, secondary, strong, tagPart, text, type Cell, type Part, type SummaryRow, type Table, type Tag } from './common.ts';

type Named = { firstName: string; lastName: string };
/** What the proposal's summary reads of the proposal page's view. */
export type ProposalFacts = {
  child: Named & { id: string; reference: string };
  request: { id: string; reference: string };
  household: { id: string; reference: string; sswName: string | null; carers: Named[] };
  p: { id: string; proposedStart: string | null; overrideReason: string | null; overrideAt: Date | null; placementId: string | null; withdrawnReason: string | null };
  today: string;
  evaluation: { eligible: boolean; score: number; reasons: string[] };
  group: (Named & { id: string; reference: string })[];
  moves: { id: string; childId: string; householdReference: string; startDate: string }[];
  placements: { id: string; childId: string }[];
};
/** What the in-principle agreement page's summaries read of its view. */
export type OpenAgreementFacts = {
  requirement: { existingChildLabel: string; socialWorkerName: string | null; placingAuthority: string; noticeSentAt: Date | null };
  existingPlacement: { kind: string | null; startDate: string; endDate: string | null };
  proposalId: string;
  proposedOn: string;
  household: { id: string; reference: string };
  stands: boolean;
  openAgreement: { givenOn: string; givenByName: string; givenByRole: string; onBehalfReason: string | null; recordedAt: Date; recordedByName: string | null; documentId: string | null } | null;
};

const REQUIREMENT_STATUS: Record<string, Tag> = {
  not_requested: { text: 'Not requested', classes: 'govuk-tag--grey' },
  requested: { text: 'Requested', classes: 'govuk-tag--orange' },
  agreed: { text: 'Agreed in writing', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
};
const PROPOSAL_STATUS: Record<string, Tag> = {
  considering: { text: 'Being considered', classes: 'govuk-tag--blue' },
  proposed: { text: 'Proposed', classes: 'govuk-tag--orange' },
  confirmed: { text: 'Confirmed', classes: 'govuk-tag--green' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};
const METHOD: Record<string, string> = { letter_or_email: 'Letter or e-mail', secure_link: 'Secure link', open_agreement: 'In-principle agreement' };

/** A proposal's status as a GOV.UK tag. */
export const proposalStatusTag = (status: string): Tag | undefined => PROPOSAL_STATUS[status];
/** A written agreement's status as a GOV.UK tag. */
export const requirementStatusTag = (status: string): Tag | undefined => REQUIREMENT_STATUS[status];

/** A moment as the calendar day it fell on in England. */
const dayOf = (at: Date) => formatDate(todayInEngland(at));
const tagParts = (t: Tag | undefined): Part[] => (t ? [tagPart(t)] : []);
const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;

// ---------------------------------------------------------------------------------------------
// The questions
// ---------------------------------------------------------------------------------------------

/** Considering whether another placement serves the well-being of a child already living there. */
export const considerationFields = (existing: { id: string; label: string }[]): Field[] => [
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
export const proposeFields: Field[] = [{ name: 'proposedStart', label: 'Date the placement would start', type: 'date', hint: 'For example, 1 12 2026' }];
export const reasonField = (label: string, hint?: string): Field[] => [{ name: 'reason', label, type: 'textarea', ...(hint ? { hint } : {}) }];
export const OVERRIDE_REASON = reasonField('Why must this emergency placement start before every written agreement is in?', 'Recorded, audited and shown on the placement and the child’s record. Each missing agreement stays overdue until it is recorded');
export const WITHDRAW_REASON = reasonField('Why is this proposal withdrawn?');

/**
 * Confirming: whether the carers are connected to the child (the SSDA903 placement type follows
 * from it and the kind of placement, explained beside each answer), and for each child who lives
 * somewhere else until the start, why that placement ends.
 */
export const confirmFields = (
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

/** Asking for written agreement: the sender confirms the summary is anonymised. */
export const agreementRequestFields: Field[] = [
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

/** Recording an answer received in writing. */
export const recordFields = (socialWorkerName: string | null): Field[] => [
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
export const openRecordFields = (socialWorkerName: string | null): Field[] => [
  { name: 'givenOn', label: 'Date the in-principle agreement was given', type: 'date' },
  { name: 'givenByName', label: 'Name of the person who gave it', autocomplete: 'off', hint: recordedHint(socialWorkerName) },
  { name: 'givenByRole', label: 'Their role and authority', autocomplete: 'off' },
  onBehalfField('If they are not the recorded social worker: why did they give it? (optional)', 'For example, "their team manager, on their behalf"'),
  { name: 'correspondence', label: 'Text of the letter or e-mail giving it', type: 'textarea', hint: 'It is filed on the carers’ file' },
];
export const openUseFields = (proposedOn: string): Field[] => [
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
export const openWithdrawFields: Field[] = [
  { name: 'withdrawnOn', label: 'Date it was withdrawn (optional)', type: 'date', hint: 'Leave blank for today' },
  { name: 'reason', label: 'Why is the in-principle agreement withdrawn?', type: 'textarea', hint: 'For example, "the social worker withdrew it by e-mail" or "recorded in error"' },
];

/** The secure link page's questions, for another authority's social worker. */
export const linkFields = (socialWorkerName: string | null): Field[] => [
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
  { name: 'responderEmail', label: 'Your email address', inputType: 'email', autocomplete: 'email', hint: 'The address this request was sent to, if it was sent to you' },
  { name: 'responderRole', label: 'Your role and local authority', autocomplete: 'organization-title' },
  {
    name: 'onBehalfReason',
    label: socialWorkerName ? `If you are not ${socialWorkerName}: why are you answering? (optional)` : 'Who are you, and why are you answering?',
    type: 'textarea',
    hint: 'For example, "their team manager, on their behalf, while they are on leave"',
  },
  { name: 'comments', label: 'Comments (optional)', type: 'textarea', hint: 'For example, conditions or what the carers should know' },
];

// ---------------------------------------------------------------------------------------------
// The proposal page
// ---------------------------------------------------------------------------------------------

/** What the answer column says: how, when, who, and on whose behalf. */
export function answerText(r: {
  method: string | null;
  respondedOn: string | null;
  responderName: string | null;
  responderEmail?: string | null;
  onBehalfReason: string | null;
  socialWorkerName: string | null;
  informedOn: string | null;
  specificConsentAsked: boolean | null;
}): string {
  if (!r.method) return '';
  const parts = [METHOD[r.method] ?? r.method];
  if (r.respondedOn) parts.push(formatDate(r.respondedOn));
  const who = r.responderName && r.responderEmail ? `${r.responderName} (${r.responderEmail})` : r.responderName;
  if (who) parts.push(r.onBehalfReason ? `${who} for ${r.socialWorkerName ?? 'the social worker'} (${r.onBehalfReason})` : who);
  if (r.method === 'open_agreement' && r.informedOn) parts.push(`told of this placement on ${formatDate(r.informedOn)}`);
  if (r.method === 'open_agreement' && r.specificConsentAsked) parts.push('specific consent asked for: written agreement still needed');
  return parts.join(', ');
}

/** The day the proposed placement starts (today until a start date is set). */
export const startOf = (v: Pick<ProposalFacts, 'p' | 'today'>) => v.p.proposedStart ?? v.today;

/** The confirmation's questions: the placement type's answers, and why each current placement ends. */
export function confirmingFields(v: Pick<ProposalFacts, 'p' | 'today' | 'moves' | 'group'> & Pick<ProposalView, 'placementTypes'>, year: string): Field[] {
  const start = formatDate(startOf(v));
  return confirmFields(
    v.placementTypes,
    v.moves.map((m) => {
      const c = v.group.find((g) => g.id === m.childId);
      return { id: m.id, childName: c ? fullName(c) : 'the child', householdReference: m.householdReference, start };
    }),
    year,
  );
}

/** The proposal's summary: the child, request, household, dates, matching, and what has happened to it. */
export function proposalSummary(v: ProposalFacts, opts: { canSeeHistory: boolean }): SummaryRow[] {
  const start = startOf(v);
  const childOf = (childId: string) => v.group.find((g) => g.id === childId);
  return [
    { key: { text: 'Child' }, value: { parts: [linkTo(paths.children.show(v.child.id), fullName(v.child)), { text: `(${v.child.reference})`, inline: true }] } },
    { key: { text: 'Placement request' }, value: { parts: [linkTo(paths.requests.show(v.request.id), v.request.reference)] } },
    {
      key: { text: 'Household' },
      value: { parts: [linkTo(paths.households.show(v.household.id), v.household.reference), { text: `: ${v.household.carers.map(fullName).join(' and ')}`, inline: 'joined' }] },
    },
    { key: { text: 'Supervising social worker' }, value: { text: v.household.sswName ?? 'Not allocated' } },
    { key: { text: 'Start date' }, value: { text: v.p.proposedStart ? formatDate(v.p.proposedStart) : 'Not set yet' } },
    { key: { text: 'Matching' }, value: { text: v.evaluation.eligible ? `Meets the conditions (score ${v.evaluation.score})` : `No longer meets the conditions: ${v.evaluation.reasons.join('; ')}` } },
    ...(v.group.length > 1 ? [{ key: { text: 'Placed together' }, value: { text: v.group.map((c) => `${fullName(c)} (${c.reference})`).join(', ') } }] : []),
    ...v.moves.map((m): SummaryRow => {
      const c = childOf(m.childId);
      return {
        key: { text: 'Current placement that will end' },
        value: {
          parts: [
            text(`${c ? fullName(c) : 'The child'} lives with household`),
            { ...linkTo(paths.placements.show(m.id), m.householdReference), inline: true },
            { text: `since ${formatDate(m.startDate)}; that placement ends on ${formatDate(start)}, the day this one starts`, inline: true },
          ],
        },
      };
    }),
    ...(v.p.overrideReason ? [{ key: { text: 'Emergency placement authorised' }, value: { text: `By a head of service on ${formatDate(todayInEngland(v.p.overrideAt ?? new Date()))}: ${v.p.overrideReason}` } }] : []),
    ...(v.placements.length > 1
      ? [
          {
            key: { text: 'Placements' },
            value: {
              parts: v.placements.map((pl) => {
                const c = childOf(pl.childId);
                return linkTo(paths.placements.show(pl.id), `View ${c ? fullName(c) : 'the child'}'s placement`);
              }),
            },
          },
        ]
      : v.p.placementId
        ? [{ key: { text: 'Placement' }, value: { parts: [linkTo(paths.placements.show(v.p.placementId), 'View the placement')] } }]
        : []),
    ...(v.p.withdrawnReason ? [{ key: { text: 'Withdrawn because' }, value: { text: v.p.withdrawnReason } }] : []),
    ...(opts.canSeeHistory ? [{ key: { text: 'History' }, value: { parts: [linkTo(paths.audit.subject('proposal', v.p.id), 'Who has seen or changed this proposal')] } }] : []),
  ];
}

/** What one role decided about a child already living there. */
function consideredCell(v: { considerations: readonly Consideration[] }, childId: string, role: keyof typeof CONSIDERATION_ROLES): Cell {
  const c = v.considerations.find((x) => x.c.existingChildId === childId && x.c.role === role);
  if (!c) return { text: 'Not recorded' };
  const decision = c.c.servesWellbeing ? text(`Serves their well-being: ${c.c.reasoning}`) : strong('Does not serve their well-being:');
  return { parts: c.c.servesWellbeing ? [decision, secondary(c.userName)] : [decision, { text: c.c.reasoning, inline: true }, secondary(c.userName)] };
}

/** The children already living with the carers, and what the placement officer and supervising social worker decided about each. */
export function existingTable(v: { there: readonly ChildThere[]; considerations: readonly Consideration[] }): Table {
  return {
    head: [{ text: 'Child already living there' }, { text: 'Placement officer' }, { text: 'Supervising social worker' }],
    rows: v.there.map((t) => [
      { parts: [linkTo(paths.children.show(t.childId), fullName(t)), secondary(`${t.reference}, since ${formatDate(t.startDate)}`)] },
      consideredCell(v, t.childId, 'placement_officer'),
      consideredCell(v, t.childId, 'supervising_social_worker'),
    ]),
  };
}

/** A written agreement as the proposal page's table reads it. */
export type Requirement = Parameters<typeof answerText>[0] & {
  id: string;
  existingChildLabel: string;
  placingAuthority: string;
  socialWorkerEmail: string | null;
  status: string;
  requestedAt: Date | null;
  remindersSent: number;
  escalatedAt: Date | null;
};
/** A consideration of a child already living there, and who recorded it. */
export type Consideration = { c: { existingChildId: string; role: string; servesWellbeing: boolean; reasoning: string }; userName: string };
/** A child already living with the carers. */
export type ChildThere = Named & { childId: string; reference: string; startDate: string };

/** The status of a written agreement, and when it was asked for, how often chased, whether escalated. */
function requirementStatusCell(r: Requirement): Cell {
  const asked = r.requestedAt ? [secondary(`Requested ${dayOf(r.requestedAt)}${r.remindersSent ? `, ${r.remindersSent} reminder${r.remindersSent === 1 ? '' : 's'}` : ''}${r.escalatedAt ? ', escalated' : ''}`)] : [];
  return { parts: [...tagParts(requirementStatusTag(r.status)), ...asked] };
}

/** The written agreements needed from the social workers of the children already placed (with actions for those who may record them). */
export function requirementsTable(v: { requirements: readonly Requirement[] }, canAgree: boolean): Table {
  return {
    head: [{ text: 'Child already placed' }, { text: 'Their social worker' }, { text: 'Status' }, { text: 'Answer' }, ...(canAgree ? [{ parts: [{ text: 'Actions', visuallyHidden: true }] }] : [])],
    rows: v.requirements.map((r) => [
      { text: r.existingChildLabel },
      { text: `${r.socialWorkerName ?? 'Not recorded'}, ${r.placingAuthority}${r.socialWorkerEmail ? ` (${r.socialWorkerEmail})` : ''}` },
      requirementStatusCell(r),
      { text: answerText(r) },
      ...(canAgree
        ? [
            r.status === 'agreed' || r.status === 'declined'
              ? { text: '' }
              : {
                  parts: [
                    linkTo(paths.agreements.request(r.id), r.status === 'requested' ? 'Send the request again' : 'Send request'),
                    linkTo(paths.agreements.record(r.id), 'Record an answer received'),
                    linkTo(paths.agreements.open(r.id), 'In-principle agreement'),
                  ],
                },
          ]
        : []),
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// The in-principle agreement page
// ---------------------------------------------------------------------------------------------

/** The child already placed, their social worker, their placement, and this proposal. */
export function openPlacementSummary(v: OpenAgreementFacts): SummaryRow[] {
  const kindText = v.existingPlacement.kind ? v.existingPlacement.kind.replace(/_/g, '-') : 'not recorded';
  return [
    { key: { text: 'Child already placed' }, value: { text: v.requirement.existingChildLabel } },
    { key: { text: 'Their social worker' }, value: { text: `${v.requirement.socialWorkerName ?? 'Not recorded'}, ${v.requirement.placingAuthority}` } },
    {
      key: { text: 'Their placement with these carers' },
      value: { text: `${kindText === 'long-term' ? 'Long-term' : `Not long-term (${kindText})`}, since ${formatDate(v.existingPlacement.startDate)}${v.existingPlacement.endDate ? `, ending ${formatDate(v.existingPlacement.endDate)}` : ''}` },
    },
    {
      key: { text: 'This proposal' },
      value: { parts: [linkTo(paths.proposals.show(v.proposalId), `Household ${v.household.reference}`), { text: `, proposed on ${formatDate(v.proposedOn)}`, inline: 'joined' }] },
    },
  ];
}

/** Whether an in-principle agreement stands. */
export const openAgreementTag = (stands: boolean): Tag => (stands ? { text: 'Stands', classes: 'govuk-tag--green' } : { text: 'No longer stands: the placement has ended', classes: 'govuk-tag--grey' });

/** The in-principle agreement recorded on the child's placement. */
export function openAgreementRows(v: OpenAgreementFacts): SummaryRow[] {
  const oa = v.openAgreement;
  if (!oa) return [];
  return [
    { key: { text: 'Given on' }, value: { text: formatDate(oa.givenOn) } },
    { key: { text: 'Given by' }, value: { text: `${oa.givenByName}, ${oa.givenByRole}` } },
    ...(oa.onBehalfReason ? [{ key: { text: `On behalf of ${v.requirement.socialWorkerName ?? 'the social worker'}` }, value: { text: oa.onBehalfReason } }] : []),
    { key: { text: 'Recorded' }, value: { text: `${dayOf(oa.recordedAt)}${oa.recordedByName ? ` by ${oa.recordedByName}` : ''}` } },
    ...(oa.documentId ? [{ key: { text: 'Correspondence' }, value: { parts: [linkTo(paths.documents.download(v.household.id, oa.documentId), 'On the carers’ file')] } }] : []),
    { key: { text: 'Status' }, value: { parts: [tagPart(openAgreementTag(v.stands))] } },
  ];
}

/** When the notice of this placement was e-mailed, if it was. */
export const noticeSentOn = (v: Pick<OpenAgreementFacts, 'requirement'>): string | null => (v.requirement.noticeSentAt ? dayOf(v.requirement.noticeSentAt) : null);

/** Until when the secure link works. */
export const linkExpires = (expiresAt: Date): string => dayOf(expiresAt);
