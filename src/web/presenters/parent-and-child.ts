/**
 * Parent and child fostering as data: the arrangement page (people, who the regulations apply to,
 * what stops the placement starting, what is recorded) and its forms (Parent and child fostering procedure).
 */
import type { Field } from '../forms.ts';
import { paths } from '../../http/paths.ts';
import { LEGAL_SCENARIOS, NEED_AROSE, REGULATIONS, type LegalScenario, type NeedArose } from '../../domain/parent-and-child/arrangement.ts';
import { CONTINGENCY_OUTCOMES, type ContingencyOutcome } from '../../domain/parent-and-child/before-placing.ts';
import { ADVOCACY_RESPONSES, HEALTH_PROFESSIONALS } from '../../domain/parent-and-child/inputs.ts';
import type { ArrangementView } from '../../services/parent-and-child.ts';
import { formatDate, formatDateTime, hint, linkTo, listPart, tagPart, text, type Cell, type SummaryRow, type Table, type Tag } from './common.ts';

const STATUS_TAG: Record<ArrangementView['status'], Tag> = {
  planned: { text: 'Planned', classes: 'govuk-tag--blue' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  ended: { text: 'Ended', classes: 'govuk-tag--grey' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};
export const arrangementTag = (s: ArrangementView['status']): Tag => STATUS_TAG[s];

const dateHint = 'For example, 27 3 2026';

/** The form to record an arrangement for a child. */
export function arrangementFields(choices: {
  households: readonly { id: string; reference: string; town: string; skillLevel: number }[];
  family: readonly { id: string; name: string; relationship: string }[];
  documents?: readonly { id: string; title: string }[];
}): Field[] {
  return [
    {
      name: 'householdId',
      label: 'Household',
      type: 'select',
      hint: 'Carers approved for parent and child placements (skill level 4 or above: Parent and child fostering procedure, 6.2)',
      placeholder: 'Select the household',
      items: choices.households.map((h) => ({ value: h.id, text: `${h.reference}, ${h.town} (level ${h.skillLevel})` })),
    },
    {
      name: 'parent',
      label: 'The parent placed with the child',
      type: 'select',
      hint: 'One of the child’s family members; if the parent has a child record of their own, give its reference below instead',
      placeholder: 'Not listed',
      items: choices.family.map((m) => ({ value: `member:${m.id}`, text: `${m.name} (${m.relationship})` })),
    },
    { name: 'parentReference', label: 'Or the parent’s child reference', type: 'text', hint: 'When the parent is a child in care with a record in Hearth, for example C123456', classes: 'govuk-input--width-10' },
    {
      name: 'legalScenario',
      label: 'Who is in care',
      type: 'radios',
      hint: 'Checked against each person’s legal status today',
      items: (Object.keys(LEGAL_SCENARIOS) as LegalScenario[]).map((value) => ({ value, text: LEGAL_SCENARIOS[value] })),
    },
    { name: 'scenarioRationale', label: 'Rationale', type: 'textarea', hint: 'Why the parent, the child or both are, or are not, in care (Parent and child fostering procedure, 2.4)' },
    { name: 'parentNotCinAssessedOn', label: 'Date the parent was assessed as not a child in need', type: 'date', hint: 'Only when the parent is not in care and is under 18 (2.3)' },
    {
      name: 'needArose',
      label: 'How the need for the placement arose',
      type: 'radios',
      items: (Object.keys(NEED_AROSE) as NeedArose[]).map((value) => ({ value, text: NEED_AROSE[value] })),
    },
    { name: 'needAroseOn', label: 'Date of the assessment, conference or order', type: 'date', hint: dateHint },
    {
      name: 'needDocumentId',
      label: 'Document',
      type: 'select',
      hint: 'The pre-birth assessment, the conference’s recommendation or the court order, when it is on the child’s file',
      placeholder: 'None on the file',
      items: (choices.documents ?? []).map((d) => ({ value: d.id, text: d.title })),
    },
    { name: 'needReason', label: 'Reason (for an older child)', type: 'textarea', hint: 'For example, the parent’s relationship with their partner has ended and their ability to parent alone must be assessed (3.2)' },
  ];
}

export function sharingAgreementFields(): Field[] {
  return [
    { name: 'whatShared', label: 'What information may be shared', type: 'textarea' },
    { name: 'sharedWith', label: 'With whom', type: 'textarea', hint: 'The professionals and agencies' },
    { name: 'whenShared', label: 'When', type: 'textarea' },
    { name: 'howShared', label: 'How', type: 'textarea' },
    { name: 'agreedWithParentOn', label: 'Date agreed with the parent', type: 'date', hint: dateHint },
    { name: 'childProtectionApplies', label: 'Child protection procedures', type: 'checkboxes', items: [{ value: 'true', text: 'Child protection procedures are in effect' }] },
    { name: 'chairName', label: 'Child Protection Conference Chair who confirmed the arrangements are sufficient', type: 'text' },
    { name: 'chairConfirmedOn', label: 'Date the chair confirmed them', type: 'date', hint: dateHint },
  ];
}

export function healthObservationFields(): Field[] {
  return [
    { name: 'professional', label: 'Health professional', type: 'radios', items: Object.entries(HEALTH_PROFESSIONALS).map(([value, t]) => ({ value, text: t })) },
    { name: 'professionalName', label: 'Their name', type: 'text' },
    { name: 'observedOn', label: 'Date of the observation', type: 'date', hint: dateHint },
    { name: 'observation', label: 'Observation', type: 'textarea', hint: 'What they saw of the child’s wellbeing and any risks to it (Parent and child fostering procedure, 4.2)' },
  ];
}

export function advocacyOfferFields(parents: readonly { id: string; name: string }[]): Field[] {
  return [
    { name: 'personId', label: 'Parent offered advocacy', type: 'radios', items: parents.map((p) => ({ value: p.id, text: p.name })) },
    { name: 'offeredOn', label: 'Date offered', type: 'date', hint: dateHint },
  ];
}

export function advocacyAnswerFields(): Field[] {
  return [
    { name: 'response', label: 'The parent’s answer', type: 'radios', items: Object.entries(ADVOCACY_RESPONSES).map(([value, t]) => ({ value, text: t })) },
    { name: 'respondedOn', label: 'Date of the answer', type: 'date', hint: dateHint },
    { name: 'advocate', label: 'Advocate', type: 'text', hint: 'The person or service, when accepted' },
  ];
}

export function contingencyFields(): Field[] {
  return [{ name: 'plan', label: 'The plan', type: 'textarea', hint: 'What will happen, who does it, and how it is arranged now so that action can be taken promptly (Parent and child fostering procedure, 7.6)' }];
}

export function extraSupportFields(): Field[] {
  return [
    { name: 'consideredOn', label: 'Date considered', type: 'date', hint: dateHint },
    { name: 'socialWorkerName', label: 'The child’s social worker', type: 'text' },
    { name: 'supervisingSocialWorkerName', label: 'The supervising social worker', type: 'text' },
    { name: 'forParent', label: 'Extra support considered for the parent', type: 'textarea', hint: 'In managing potential distress (Parent and child fostering procedure, 7.7)' },
    { name: 'forCarers', label: 'Extra support considered for the foster carers', type: 'textarea' },
  ];
}

export function familyMemberFields(): Field[] {
  return [
    { name: 'name', label: 'Name', type: 'text' },
    { name: 'dateOfBirth', label: 'Date of birth', type: 'date', hint: dateHint },
    { name: 'phone', label: 'Phone', type: 'text', inputType: 'tel', autocomplete: 'off' },
    { name: 'email', label: 'E-mail address', type: 'text', inputType: 'email', autocomplete: 'off' },
    { name: 'address', label: 'Address', type: 'textarea' },
    { name: 'postcode', label: 'Postcode', type: 'text', classes: 'govuk-input--width-10' },
    { name: 'lookedAfterReference', label: 'Their own child reference', type: 'text', hint: 'When they are themselves a child in care with a record in Hearth, for example C123456', classes: 'govuk-input--width-10' },
    { name: 'lookedAfterBy', label: 'Or looked after by', type: 'text', hint: 'When they are looked after by another authority (leave blank otherwise)' },
    { name: 'advocacyNeed', label: 'Need for an advocate', type: 'textarea', hint: 'A learning disability, or another reason they will have significant difficulties taking part in the assessment, placement and reviews (Parent and child fostering procedure, 4.3)' },
  ];
}

/** The summary at the top of the arrangement page. */
export function arrangementSummary(a: ArrangementView): SummaryRow[] {
  return [
    { key: { text: 'Reference' }, value: { text: a.reference } },
    { key: { text: 'Household' }, value: { parts: [linkTo(paths.households.show(a.householdId), a.householdReference ?? 'The household')] } },
    { key: { text: 'Who is in care' }, value: { parts: [text(LEGAL_SCENARIOS[a.legalScenario]), hint(a.scenarioRationale)] } },
    ...(a.parentNotCinAssessedOn ? [{ key: { text: 'Parent assessed as not a child in need' }, value: { text: formatDate(a.parentNotCinAssessedOn) } }] : []),
    {
      key: { text: 'How the need arose' },
      value: {
        parts: [
          text(`${NEED_AROSE[a.needArose]}, ${formatDate(a.needAroseOn)}`),
          ...(a.needReason ? [hint(a.needReason)] : []),
          ...(a.needDocument ? [linkTo(paths.planning.childDocument(a.needDocument.childId, a.needDocument.id), a.needDocument.title)] : []),
        ],
      },
    },
  ];
}

/** Each person: their role, whether in care, the regulations that apply, fostered or part of the household. */
export function peopleTable(a: ArrangementView): Table {
  return {
    head: [{ text: 'Person' }, { text: 'In care today' }, { text: 'Regulations that apply' }, { text: 'In the household' }],
    rows: a.people.map((p, i): Cell[] => {
      const o = a.obligations[i];
      const who = p.childId ? linkTo(paths.children.show(p.childId), p.name) : p.familyMemberId ? linkTo(paths.parentAndChild.familyMember(p.familyMemberId), p.name) : text(p.name);
      return [
        { parts: [who, hint(`${p.role === 'parent' ? 'Parent' : 'Child'}${p.dateOfBirth ? `, born ${formatDate(p.dateOfBirth)}` : ''}`)] },
        { text: p.inCare ? 'Yes' : 'No' },
        { parts: o && o.regulations.length ? [listPart(o.regulations.map((r) => REGULATIONS[r])), hint(o.source)] : [text('None: not in care'), ...(o ? [hint(o.source)] : [])] },
        { text: o?.fostered ? 'Foster child' : o?.householdMember ? 'Member of the fostering household while placed' : 'Placed with their parent, not fostered' },
      ];
    }),
  };
}

/** Where the arrangement stands before placing: ready, or every reason. */
export function beforePlacingRows(a: ArrangementView, canRecord: boolean): SummaryRow[] {
  const ready = a.beforePlacing.length === 0;
  const rows: SummaryRow[] = [
    {
      key: { text: 'Ready to place' },
      value: ready
        ? { parts: [tagPart({ text: 'Ready', classes: 'govuk-tag--green' }), hint('The information-sharing agreement and a contingency plan for each possible outcome are in place')] }
        : { parts: [tagPart({ text: 'Not ready', classes: 'govuk-tag--red' }), listPart(a.beforePlacing.map((r) => r.message))] },
    },
  ];
  if (a.notices.length) rows.push({ key: { text: 'Advocacy' }, value: { parts: [tagPart({ text: 'Needs attention', classes: 'govuk-tag--yellow' }), listPart(a.notices.map((n) => n.message))] } });
  const latest = a.records.agreements[0];
  rows.push({
    key: { text: 'Information-sharing agreement' },
    value: latest
      ? {
          parts: [
            text(`Agreed with the parent on ${formatDate(latest.agreedWithParentOn)}`),
            listPart([`What: ${latest.whatShared}`, `With whom: ${latest.sharedWith}`, `When: ${latest.whenShared}`, `How: ${latest.howShared}`]),
            hint(latest.childProtectionApplies ? `Child protection procedures in effect: confirmed as sufficient by ${latest.chairName ?? ''} on ${formatDate(latest.chairConfirmedOn)}` : 'Child protection procedures are not in effect'),
          ],
        }
      : { text: 'None recorded' },
    ...(canRecord ? { actions: { items: [{ href: paths.parentAndChild.sharingAgreement(a.id), text: latest ? 'Record a new version' : 'Record', visuallyHiddenText: 'the information-sharing agreement' }] } } : {}),
  });
  return rows;
}

export function contingencyRows(a: ArrangementView, canRecord: boolean): SummaryRow[] {
  const needed = new Set(a.contingenciesNeeded);
  return (Object.keys(CONTINGENCY_OUTCOMES) as ContingencyOutcome[]).map((o) => {
    const plan = a.records.contingencies.find((c) => c.outcome === o);
    return {
      key: { text: CONTINGENCY_OUTCOMES[o] },
      value: plan ? { parts: [text(plan.plan), hint(`${plan.recordedByName}, ${formatDateTime(plan.recordedAt)}`)] } : { text: needed.has(o) ? 'None recorded: needed before placing' : 'None recorded (not a possible outcome for these people)' },
      ...(canRecord ? { actions: { items: [{ href: paths.parentAndChild.contingency(a.id, o), text: plan ? 'Change' : 'Record', visuallyHiddenText: `the plan: ${CONTINGENCY_OUTCOMES[o]}` }] } } : {}),
    };
  });
}

export function observationsTable(a: ArrangementView): Table {
  return {
    head: [{ text: 'Date' }, { text: 'Who' }, { text: 'Observation' }, { text: 'Recorded by' }],
    rows: a.records.observations.map((o): Cell[] => [
      { text: formatDate(o.observedOn) },
      { parts: [text(o.professionalName), hint(HEALTH_PROFESSIONALS[o.professional])] },
      { text: o.observation },
      { parts: [text(o.recordedByName), hint(formatDateTime(o.recordedAt))] },
    ]),
  };
}

export function advocacyTable(a: ArrangementView, canRecord: boolean): Table {
  const name = (personId: string) => a.people.find((p) => p.id === personId)?.name ?? '';
  return {
    head: [{ text: 'Parent' }, { text: 'Offered' }, { text: 'Answer' }, { text: 'Advocate' }],
    rows: a.records.advocacy.map((o): Cell[] => [
      { text: name(o.personId) },
      { text: formatDate(o.offeredOn) },
      o.response
        ? { text: `${ADVOCACY_RESPONSES[o.response]} on ${formatDate(o.respondedOn)}` }
        : { parts: [tagPart({ text: 'Not answered', classes: 'govuk-tag--yellow' }), ...(canRecord ? [linkTo(paths.parentAndChild.advocacyAnswer(a.id, o.id), 'Record the answer', `of ${name(o.personId)}`)] : [])] },
      { text: o.advocate ?? '' },
    ]),
  };
}

export function extraSupportTable(a: ArrangementView): Table {
  return {
    head: [{ text: 'Considered' }, { text: 'By' }, { text: 'For the parent' }, { text: 'For the carers' }],
    rows: a.records.extraSupport.map((x): Cell[] => [
      { text: formatDate(x.consideredOn) },
      { parts: [text(x.socialWorkerName), hint(`with ${x.supervisingSocialWorkerName}`)] },
      { text: x.forParent },
      { text: x.forCarers },
    ]),
  };
}

/** Each placement of the arrangement (one per person in care placed by it), linking its assessment: the plan, the carers' reports, the reviews and the outcome. */
export function assessmentTable(a: ArrangementView): Table {
  return {
    head: [{ text: 'Placement of' }, { text: 'Assessment' }],
    rows: a.people.flatMap((p): Cell[][] =>
      p.placementId
        ? [[{ parts: [text(p.name), hint(p.role === 'parent' ? 'Parent' : 'Child')] }, { parts: [linkTo(paths.parentAndChildAssessment.show(p.placementId), 'Plan, carers’ reports, reviews and outcome', `of the placement of ${p.name}`)] }]]
        : [],
    ),
  };
}

/** The arrangement page's sections. */
export function arrangementSections(a: ArrangementView, canRecord: boolean) {
  const parentsWithNeed = a.people.filter((p) => p.role === 'parent');
  return [
    { id: 'people', title: 'People placed', table: peopleTable(a), text: 'Each person keeps their own legal status and obligations (Parent and child fostering procedure, 2).' },
    {
      id: 'assessment',
      title: 'The assessment',
      table: assessmentTable(a),
      empty: a.status === 'planned' ? 'Not started: the assessment begins when the placement is confirmed.' : 'No placement of this arrangement is recorded.',
      text: 'The placement plan, the carers’ reports, the placement reviews and the outcome are recorded on each placement’s assessment page (Parent and child fostering procedure, 5 and 7).',
    },
    { id: 'before-placing', title: 'Before placing', summary: beforePlacingRows(a, canRecord), text: 'A parent and child placement cannot be confirmed until these are in place (Parent and child fostering procedure, 4.1 and 7.6).' },
    { id: 'contingency', title: 'Contingency plans', summary: contingencyRows(a, canRecord) },
    {
      id: 'health',
      title: 'Health professionals’ observations',
      table: observationsTable(a),
      empty: 'None recorded.',
      ...(canRecord ? { more: { href: paths.parentAndChild.healthObservation(a.id), text: 'Record an observation' } } : {}),
    },
    {
      id: 'advocacy',
      title: 'Advocacy',
      table: advocacyTable(a, canRecord),
      empty: parentsWithNeed.some((p) => p.advocacyNeed) ? 'Not offered yet.' : 'No parent has a recorded need for an advocate.',
      ...(canRecord ? { more: { href: paths.parentAndChild.advocacyOffer(a.id), text: 'Record an offer of advocacy' } } : {}),
    },
    {
      id: 'extra-support',
      title: 'Extra support when the placement may not succeed',
      table: extraSupportTable(a),
      empty: 'None recorded.',
      ...(canRecord ? { more: { href: paths.parentAndChild.extraSupport(a.id), text: 'Record the extra support considered' } } : {}),
    },
  ];
}

/** The list of arrangements. */
export function arrangementsTable(rows: readonly { id: string; reference: string; householdReference?: string; status: ArrangementView['status']; legalScenario: LegalScenario; people: readonly { role: string; name: string }[] }[]): Table {
  return {
    head: [{ text: 'Reference' }, { text: 'Parent and child' }, { text: 'Who is in care' }, { text: 'Status' }],
    rows: rows.map((r): Cell[] => [
      { parts: [linkTo(paths.parentAndChild.show(r.id), r.reference), ...(r.householdReference ? [hint(`Household ${r.householdReference}`)] : [])] },
      { text: r.people.map((p) => p.name).join(', ') },
      { text: LEGAL_SCENARIOS[r.legalScenario] },
      { parts: [tagPart(arrangementTag(r.status))] },
    ]),
  };
}

/** The child's page: their family members (people of their own) and the parent and child arrangements they are part of. */
export function childParentAndChildSections(
  childId: string,
  family: readonly { id: string; name: string; relationship: string }[],
  arrangements: Parameters<typeof arrangementsTable>[0],
  o: { canRecord: boolean },
) {
  return [
    {
      id: 'family-members',
      title: 'Family members',
      table: {
        head: [{ text: 'Name' }, { text: 'Relationship' }],
        rows: family.map((m): Cell[] => [{ parts: [linkTo(paths.parentAndChild.familyMember(m.id), m.name)] }, { text: m.relationship }]),
      },
      empty: 'None recorded.',
      text: 'Each is a person of their own, shared with the child’s brothers and sisters: their date of birth, contact details, whether they are looked after and any need for an advocate are on their page.',
    },
    {
      id: 'parent-and-child',
      title: 'Parent and child arrangements',
      table: arrangementsTable(arrangements),
      empty: 'Not part of a parent and child arrangement.',
      ...(o.canRecord ? { more: { href: paths.parentAndChild.newForChild(childId), text: 'Record a parent and child arrangement with this child' } } : {}),
    },
  ];
}

/** The household's page: who is placed or to be placed with the carers in a parent and child arrangement, and as what. */
export function householdParentAndChildSection(arrangements: readonly { id: string; reference: string; status: ArrangementView['status']; people: readonly { name: string; role: string }[]; obligations: readonly { fostered: boolean; householdMember: boolean }[] }[]) {
  return {
    id: 'parent-and-child',
    title: 'Parent and child arrangements',
    text: 'A parent not in care is a member of the fostering household while placed, not a foster child; a child placed with their parent who is in care is not fostered by the carers (Parent and child fostering procedure, 2.2 and 2.3).',
    empty: 'None.',
    table: {
      head: [{ text: 'Person' }, { text: 'In the household' }, { text: 'Arrangement' }],
      rows: arrangements.flatMap((a) =>
        a.people.map((p, i): Cell[] => {
          const o = a.obligations[i];
          return [
            { parts: [text(p.name), hint(p.role === 'parent' ? 'Parent' : 'Child')] },
            { text: o?.fostered ? 'Foster child' : o?.householdMember ? 'Member of the fostering household while placed' : 'Placed with their parent, not fostered' },
            { parts: [linkTo(paths.parentAndChild.show(a.id), a.reference), tagPart(arrangementTag(a.status), true)] },
          ];
        }),
      ),
    },
  };
}
