/**
 * The Placement Request Form: what the child's social worker tells the placement team (brokerage)
 * so that a home can be found (Placement stability guidance: "Placement Requests and Risk Assessments … as accurate as
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

/** Blank answers ('' or missing) are stored as null. */
const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v);

/** A tick box: true, or 'true' from a form; anything else allowed here (missing, false, '', null) is no. */
const checkbox = z
  .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal(''), z.null()], { error: 'Answer yes or no (true or false)' })
  .optional()
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
  schoolPostcode: z.preprocess(blankToNull, postcode('the school').nullable()).optional(),
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

// ---------------------------------------------------------------------------------------------
// Added with the request service and pages (additive: the names above are unchanged)
// ---------------------------------------------------------------------------------------------

/** The order the pages are filled in. */
export const REQUEST_PAGE_ORDER = Object.keys(REQUEST_PAGES) as RequestPage[];

export function isRequestPage(value: string): value is RequestPage {
  return Object.hasOwn(REQUEST_PAGES, value);
}

/** The page after this one, or null after the last (then the answers are checked). */
export function nextRequestPage(page: RequestPage): RequestPage | null {
  return REQUEST_PAGE_ORDER[REQUEST_PAGE_ORDER.indexOf(page) + 1] ?? null;
}

/** A request still looking for a home: a child has at most one at a time. */
export const OPEN_REQUEST_STATUSES = ['draft', 'submitted', 'matching', 'proposed'] as const satisfies readonly RequestStatus[];

export function isOpenRequest(status: RequestStatus): boolean {
  return (OPEN_REQUEST_STATUSES as readonly RequestStatus[]).includes(status);
}

/** The form may be changed while it is a draft, and after submission until matching starts. */
export const EDITABLE_REQUEST_STATUSES = ['draft', 'submitted'] as const satisfies readonly RequestStatus[];

export function isEditableRequest(status: RequestStatus): boolean {
  return (EDITABLE_REQUEST_STATUSES as readonly RequestStatus[]).includes(status);
}

export function canMoveRequest(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_TRANSITIONS[from].includes(to);
}

/** "PR00001": the request's reference from its sequence number. */
export function requestReference(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Not a request number: ${n}`);
  return `PR${String(n).padStart(5, '0')}`;
}

/**
 * Page 1 saved as a draft ("Save as draft and return later"): its questions may be left blank for
 * now (missingForSubmission lists them at submission), but what is given must still be valid.
 */
export const RequestBasicsDraftInput = RequestBasicsInput.extend({
  urgency: z.preprocess(blankToNull, RequestBasicsInput.shape.urgency.nullable()),
  kind: z.preprocess(blankToNull, RequestBasicsInput.shape.kind.nullable()),
  neededBy: z.preprocess(blankToNull, RequestBasicsInput.shape.neededBy.nullable()),
});
export type RequestBasicsDraftInput = z.infer<typeof RequestBasicsDraftInput>;

/** Each page's schema when saved as a draft (only page 1 has questions that must be answered). */
export const REQUEST_DRAFT_SCHEMAS = {
  basics: RequestBasicsDraftInput,
  needs: RequestNeedsInput,
  risks: RequestRisksInput,
  views: RequestViewsInput,
} as const satisfies Record<RequestPage, z.ZodType>;

/** Rules a saved page must meet beyond its schema: the needed-by date cannot be in the past. */
export function requestPageProblems(page: RequestPage, input: { neededBy?: IsoDate | null }, today: IsoDate): { field: string; message: string }[] {
  if (page === 'basics' && input.neededBy && compareDates(input.neededBy, today) < 0) {
    return [{ field: 'neededBy', message: 'The date the placement is needed by must be today or in the future' }];
  }
  return [];
}
