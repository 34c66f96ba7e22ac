/**
 * The Placement Request Form: what the child's social worker tells the placement team (brokerage)
 * so that a home can be found (seed 004: "Placement Requests and Risk Assessments … as accurate as
 * possible to inform Brokerage when matching"). Its fields follow the needs in the SocialCareData
 * placements standard: health, disability and adaptations, education, communication and language,
 * culture and religion, who the child can and cannot live alongside, pets, extra support; then the
 * risks and the child's own views.
 *
 * The form is filled in page by page and saved as a draft; each page has its own schema, and
 * `missingForSubmission` says what must still be answered before it can be submitted.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { compareDates } from '../dates.ts';
import { PLACEMENT_KINDS, type PlacementKind } from './household.ts';
import { MAX_LONG_TEXT, isoDate, oneOf, optionalText, postcode } from './fields.ts';

export const REQUEST_STATUSES = {
  draft: 'Draft',
  submitted: 'Submitted',
  matching: 'Matching',
  proposed: 'Proposed',
  confirmed: 'Confirmed',
  withdrawn: 'Withdrawn',
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

export const URGENCIES = { emergency: 'Emergency (needed today or out of hours)', planned: 'Planned' } as const;
export type Urgency = keyof typeof URGENCIES;

/**
 * Needs a household can say it has experience of (household.experience) and a request can name
 * (needs.needTags). Matching scores the overlap.
 */
export const NEED_TAGS = {
  disability: 'Physical disability',
  learning_disability: 'Learning disability or autism',
  complex_health: 'Complex health needs',
  emotional_behavioural: 'Emotional and behavioural needs',
  trauma: 'Trauma, abuse or neglect',
  self_harm: 'Self-harm',
  exploitation: 'Risk of exploitation',
  missing_episodes: 'Going missing',
  substance_misuse: 'Substance misuse',
  unaccompanied: 'Unaccompanied asylum-seeking child',
  parent_and_child: 'Parent and baby',
  sibling_group: 'Sibling group',
  education_support: 'Special educational needs (EHC plan)',
} as const;
export type NeedTag = keyof typeof NEED_TAGS;
const NEED_TAG_CODES = Object.keys(NEED_TAGS) as [NeedTag, ...NeedTag[]];

/** What the carers prefer or cannot offer (household.preferences); a request's needs are checked against them. */
export const CARER_PREFERENCES = {
  no_under_5s: 'Prefer not to care for children under 5',
  no_teenagers: 'Prefer not to care for teenagers',
  girls_only: 'Girls only',
  boys_only: 'Boys only',
  no_smoking_household: 'Smoke-free household',
} as const;
export type CarerPreference = keyof typeof CARER_PREFERENCES;

const checkbox = z
  .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal(''), z.undefined(), z.null()])
  .transform((v) => v === true || v === 'true');

const text = (label: string) => optionalText(label, MAX_LONG_TEXT);

// ---------------------------------------------------------------------------------------------
// The pages of the form
// ---------------------------------------------------------------------------------------------

/** Page 1: what is needed and by when. */
export const RequestBasicsInput = z.object({
  urgency: oneOf(Object.keys(URGENCIES) as [Urgency, ...Urgency[]], 'whether this is an emergency or planned'),
  kind: oneOf(Object.keys(PLACEMENT_KINDS) as [PlacementKind, ...PlacementKind[]], 'the kind of placement needed'),
  neededBy: isoDate('the date the placement is needed by'),
  /** Brothers and sisters to be placed together with the child (their child ids). */
  siblingIds: z.array(z.uuid({ error: 'Select siblings from the list' })).max(10, { error: 'Select at most 10 siblings' }).default([]),
});
export type RequestBasicsInput = z.infer<typeof RequestBasicsInput>;

/** Page 2: the child's needs. */
export const RequestNeedsInput = z.object({
  needTags: z.array(oneOf(NEED_TAG_CODES, 'needs from the list')).max(NEED_TAG_CODES.length).default([]),
  health: text('health needs'),
  disability: text('disability'),
  needsAccessibleHome: checkbox,
  adaptations: text('adaptations needed'),
  school: optionalText('the school'),
  schoolPostcode: postcode("the school's postcode").optional().nullable().or(z.literal('').transform(() => null)),
  keepSchool: checkbox,
  education: text('education needs'),
  firstLanguage: optionalText('the first language'),
  interpreter: checkbox,
  communication: text('communication needs'),
  religion: optionalText('religion'),
  culture: text('cultural needs'),
  canLiveWith: text('who the child can live alongside'),
  cannotLiveWith: text('who the child cannot live alongside'),
  noYoungerChildren: checkbox,
  noOtherChildren: checkbox,
  noPets: checkbox,
  pets: text('pets'),
  extraSupport: text('extra support needed'),
});
export type RequestNeedsInput = z.infer<typeof RequestNeedsInput>;

/** Page 3: risk information. */
export const RequestRisksInput = z.object({
  riskToSelf: text('the risk to the child themself'),
  riskFromOthers: text('the risk to the child from others'),
  riskToOthers: text('the risk the child may pose to others'),
});
export type RequestRisksInput = z.infer<typeof RequestRisksInput>;

/** Page 4: the child's own views. */
export const RequestViewsInput = z.object({
  childViews: text("the child's views"),
  viewsNotSoughtReason: text("why the child's views were not sought"),
});
export type RequestViewsInput = z.infer<typeof RequestViewsInput>;

export const REQUEST_PAGES = {
  basics: { title: 'What is needed', schema: RequestBasicsInput },
  needs: { title: "The child's needs", schema: RequestNeedsInput },
  risks: { title: 'Risks', schema: RequestRisksInput },
  views: { title: "The child's views", schema: RequestViewsInput },
} as const;
export type RequestPage = keyof typeof REQUEST_PAGES;

/** A request as the domain sees it (the service maps the row's columns and JSON to this). */
export type PlacementRequestFacts = {
  childId: string;
  status: RequestStatus;
  urgency: Urgency | null;
  kind: PlacementKind | null;
  neededBy: IsoDate | null;
  siblingIds: string[];
  needs: Partial<RequestNeedsInput>;
  risks: Partial<RequestRisksInput>;
  views: Partial<RequestViewsInput>;
};

/** What must be answered before a draft can be submitted, as field errors. */
export function missingForSubmission(r: PlacementRequestFacts, today: IsoDate): { field: string; message: string; page: RequestPage }[] {
  const out: { field: string; message: string; page: RequestPage }[] = [];
  if (!r.urgency) out.push({ page: 'basics', field: 'urgency', message: 'Select whether this is an emergency or planned' });
  if (!r.kind) out.push({ page: 'basics', field: 'kind', message: 'Select the kind of placement needed' });
  if (!r.neededBy) out.push({ page: 'basics', field: 'neededBy', message: 'Enter the date the placement is needed by' });
  else if (compareDates(r.neededBy, today) < 0) out.push({ page: 'basics', field: 'neededBy', message: 'The date the placement is needed by must be today or in the future' });
  if (!r.risks.riskToSelf || !r.risks.riskFromOthers || !r.risks.riskToOthers) {
    out.push({ page: 'risks', field: 'riskToSelf', message: 'Describe each of the three risks, or write "none known"' });
  }
  if (!r.views.childViews && !r.views.viewsNotSoughtReason) {
    out.push({ page: 'views', field: 'childViews', message: "Enter the child's views, or why they were not sought" });
  }
  return out;
}

/** Which status a request may move to from another (who may do it is checked by the service). */
export const REQUEST_TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['matching', 'withdrawn'],
  matching: ['proposed', 'withdrawn'],
  proposed: ['matching', 'confirmed', 'withdrawn'],
  confirmed: [],
  withdrawn: [],
};
