/**
 * The anonymised summary of a child proposed for a household where other fostered children already
 * live, sent by the supervising social worker to each of those children's social workers to ask for
 * their written agreement (the Concurrent Placement Agreement procedure: "the agency should share
 * all information about the child or children we propose to place, ensuring that every detail is
 * fully anonymised").
 *
 * What is shared: age in years (and the siblings' ages), sex, ethnicity, the kind of placement, how
 * urgent it is and the month it is needed by, the needs, the risks and the child's views, each free-text
 * field passed through `redact`. What is never shared: any name, the date of birth, address, postcode,
 * school, UPN, family members' names. The summary is a preview: the sender reads it and confirms before
 * anything is sent (docs/rules/anonymised-summary.md).
 *
 * Every line, including the ones Hearth writes itself, goes through the same redaction at the end, so
 * nothing listed as an identifier can appear anywhere in the summary.
 */
import { addDays, ageOn, compareDates, formatDate, type IsoDate } from '../dates.ts';
import { NEED_TAGS, URGENCIES, type PlacementRequestFacts } from '../records/placement-request.ts';
import { PLACEMENT_KINDS } from '../records/household.ts';
import { ETHNICITY_CODES, type EthnicityCode, type SexCode } from '../ssda903/codes.ts';
import { redactor, type Identifiers } from './redact.ts';

/** A child (the one proposed, or a sibling to be placed with them) as far as anonymising needs. */
export type PersonToAnonymise = {
  firstName: string;
  lastName: string;
  /** Middle names, preferred names, nicknames, former names. */
  otherNames?: readonly (string | null | undefined)[];
  dateOfBirth: IsoDate;
};

export type AnonymiseInput = {
  child: PersonToAnonymise & {
    sex: SexCode;
    /** An SSDA903 ethnicity code; REFU, NOBT and anything not in the list are left out. */
    ethnicity: EthnicityCode | string | null;
    upn?: string | null;
    homePostcode?: string | null;
    addressLines?: readonly (string | null | undefined)[];
  };
  /** The placement request (its status, child and sibling ids are not used). */
  request: Pick<PlacementRequestFacts, 'urgency' | 'kind' | 'neededBy' | 'needs' | 'risks' | 'views'>;
  /** Brothers and sisters to be placed together with the child. */
  siblings?: readonly PersonToAnonymise[];
  /** Names of parents, carers and other family members, as written on the record ("Marguerite Fairweather"). */
  familyNames?: readonly (string | null | undefined)[];
  /** Other people's names that could appear in the text: social workers, previous carers, teachers. */
  otherNames?: readonly (string | null | undefined)[];
  /** Any other identifier: previous schools or addresses, case references, hospital numbers. */
  otherIdentifiers?: readonly (string | null | undefined)[];
};

export type SummarySection = { heading: string; lines: string[] };
export type AnonymisedSummary = { sections: SummarySection[]; text: string };

/** A placement needed by a date this close (or already past) is "within the next week" rather than a month. */
export const SOON_DAYS = 7;

/** Everything the summary removes from the text, besides the general patterns. */
export function summaryIdentifiers(input: AnonymiseInput): Identifiers {
  const people = [input.child, ...(input.siblings ?? [])];
  return {
    names: [
      ...people.flatMap((p) => [p.firstName, p.lastName, `${p.firstName} ${p.lastName}`, ...(p.otherNames ?? [])]),
      ...(input.familyNames ?? []),
      ...(input.otherNames ?? []),
    ],
    dates: people.map((p) => p.dateOfBirth),
    phrases: [
      input.child.upn,
      input.child.homePostcode,
      ...(input.child.addressLines ?? []),
      input.request.needs.school,
      input.request.needs.schoolPostcode,
      ...(input.otherIdentifiers ?? []),
    ],
  };
}

/** "7", "7 and 9", "4, 7 and 9". */
function listAnd(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Age in whole years; a baby is "under 1" (months would narrow the date of birth). */
function ageWords(dateOfBirth: IsoDate, today: IsoDate): string {
  const age = ageOn(dateOfBirth, today);
  return age < 1 ? 'under 1' : String(age);
}

function childLine(input: AnonymiseInput, today: IsoDate): string {
  const who = { F: 'Girl', M: 'Boy', U: 'Child' }[input.child.sex];
  const line = `${who} aged ${ageWords(input.child.dateOfBirth, today)}`;
  const siblings = input.siblings ?? [];
  if (siblings.length === 0) return line;
  const ages = siblings.map((s) => ageOn(s.dateOfBirth, today)).sort((a, b) => a - b).map((a) => (a < 1 ? 'under 1' : String(a)));
  return `${line}, and ${siblings.length === 1 ? 'a sibling' : 'siblings'} aged ${listAnd(ages)}, to be placed together`;
}

/**
 * When the placement is needed: the month and year, not the day. The day adds nothing the other social
 * worker needs to decide (the urgency says whether it is an emergency), and an exact day can be tied
 * to a court hearing, a hospital discharge or an incident that someone could recognise. A date within
 * the next week is said as such, so that the urgency is not lost.
 */
function neededLine(neededBy: IsoDate | null, today: IsoDate): string {
  if (!neededBy) return 'Needed by: not given';
  if (compareDates(neededBy, today) <= 0) return 'Needed: now';
  if (compareDates(neededBy, addDays(today, SOON_DAYS)) <= 0) return 'Needed: within the next week';
  return `Needed by: ${formatDate(neededBy).replace(/^\d+ /, '')}`;
}

const labelled = (label: string, value: string | null | undefined): string[] => (value && value.trim() !== '' ? [`${label}: ${value}`] : []);

function needsLines(needs: AnonymiseInput['request']['needs']): string[] {
  const tags = Object.entries(NEED_TAGS)
    .filter(([code]) => (needs.needTags ?? []).includes(code as keyof typeof NEED_TAGS))
    .map(([, label]) => label);
  const language = needs.firstLanguage ? `${needs.firstLanguage}${needs.interpreter ? ' (an interpreter is needed)' : ''}` : needs.interpreter ? 'an interpreter is needed' : null;
  const lines = [
    ...(tags.length > 0 ? [`Kinds of need: ${tags.join('; ')}`] : []),
    ...labelled('Health', needs.health),
    ...labelled('Disability', needs.disability),
    ...(needs.needsAccessibleHome ? ['Needs an accessible home'] : []),
    ...labelled('Adaptations', needs.adaptations),
    ...(needs.keepSchool ? ['Will stay at their current school, so the home must be within reach of it'] : []),
    ...labelled('Education', needs.education),
    ...labelled('First language', language),
    ...labelled('Communication', needs.communication),
    ...labelled('Religion', needs.religion),
    ...labelled('Culture', needs.culture),
    ...labelled('Can live with', needs.canLiveWith),
    ...labelled('Cannot live with', needs.cannotLiveWith),
    ...(needs.noYoungerChildren ? ['Should not live with younger children'] : []),
    ...(needs.noOtherChildren ? ['Should be the only child placed in the home'] : []),
    ...(needs.noPets ? ['Cannot live with pets'] : []),
    ...labelled('Pets', needs.pets),
    ...labelled('Extra support', needs.extraSupport),
  ];
  return lines.length > 0 ? lines : ['No needs recorded'];
}

/**
 * The anonymised summary of the child in `input`, as on `today` (for the ages and whether the
 * placement is needed within the week). Pure: the caller gathers the records.
 */
export function anonymisedSummary(input: AnonymiseInput, today: IsoDate): AnonymisedSummary {
  const clean = redactor(summaryIdentifiers(input));
  const { request } = input;
  const code = input.child.ethnicity;
  const ethnicity = code && code !== 'REFU' && code !== 'NOBT' && Object.hasOwn(ETHNICITY_CODES, code) ? ETHNICITY_CODES[code as EthnicityCode] : null;
  const risks = request.risks;
  const views = request.views;
  const raw: SummarySection[] = [
    { heading: 'The child', lines: [childLine(input, today), ...labelled('Ethnicity', ethnicity)] },
    {
      heading: 'The placement needed',
      lines: [
        `Kind of placement: ${request.kind ? PLACEMENT_KINDS[request.kind] : 'not given'}`,
        `Urgency: ${request.urgency ? URGENCIES[request.urgency] : 'not given'}`,
        neededLine(request.neededBy, today),
      ],
    },
    { heading: 'Needs', lines: needsLines(request.needs) },
    {
      heading: 'Risks',
      lines: [
        `Risk to the child themself: ${risks.riskToSelf || 'not recorded'}`,
        `Risk to the child from others: ${risks.riskFromOthers || 'not recorded'}`,
        `Risk the child may pose to others: ${risks.riskToOthers || 'not recorded'}`,
      ],
    },
    {
      heading: "The child's views",
      lines: views.childViews
        ? [`Views: ${views.childViews}`]
        : views.viewsNotSoughtReason
          ? [`Views not sought, because: ${views.viewsNotSoughtReason}`]
          : ['Not recorded'],
    },
  ];
  const sections = raw.map((s) => ({ heading: s.heading, lines: s.lines.map((l) => clean(l).replace(/\s+/gu, ' ').trim()) }));
  const text = sections.map((s) => [s.heading, ...s.lines].join('\n')).join('\n\n');
  return { sections, text };
}
