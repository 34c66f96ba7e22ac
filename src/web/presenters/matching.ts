/**
 * Matching as data: the vacancy register's filters and rows, and the matching page for a placement
 * request (the request, the scoring weights, eligible households with each factor's contribution,
 * excluded ones with every reason). The rules are in src/domain/matching.
 */
import type { HouseholdMatch, MatchResult, Vacancy, VacancyFilter } from '../../services/matching.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../../domain/records/household.ts';
import { NEED_TAGS, REQUEST_STATUSES, URGENCIES, type NeedTag } from '../../domain/records/placement-request.ts';
import { firstConstraint, PARENT_AND_CHILD_SKILL_LEVEL, signed, WEIGHTS, type ConstraintCode, type PrefilterCode } from '../../domain/matching/index.ts';
import { groupBy } from '../../domain/collections.ts';
import type { FieldError } from '../../services/errors.ts';
import { queryString } from '../../http/query.ts';
import { paths } from '../../http/paths.ts';
import { itemsFrom, type Field } from '../forms.ts';
import { formatDate, hint, linkTo, type Cell, type Part, type SummaryRow, type Table, type TableHead, type Tag } from './common.ts';

/** The register's filters from the query string; a bad number is an error, not silently ignored. */
export function vacancyFilterFrom(query: unknown): { filter: VacancyFilter; errors: FieldError[]; values: Record<string, unknown> } {
  const errors: FieldError[] = [];
  const kind = queryString(query, 'placementKind');
  const age = queryString(query, 'age');
  const minPlaces = queryString(query, 'minPlaces');
  const includeFullRaw = (query as Record<string, unknown> | undefined)?.includeFull;
  const includeFull = includeFullRaw === 'true' || (Array.isArray(includeFullRaw) && includeFullRaw.includes('true'));
  const whole = (v: string | undefined, field: string, min: number, max: number, message: string) => {
    if (v === undefined) return undefined;
    if (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max) return Number(v);
    errors.push({ field, message });
    return undefined;
  };
  const filter: VacancyFilter = {
    placementKind: kind && kind in PLACEMENT_KINDS ? (kind as PlacementKind) : undefined,
    age: whole(age, 'age', 0, 25, "Enter the child's age as a whole number from 0 to 25"),
    minPlaces: whole(minPlaces, 'minPlaces', 1, 10, 'Enter the number of places as a whole number from 1 to 10'),
    includeFull,
  };
  return { filter, errors, values: { placementKind: kind, age, minPlaces, includeFull: includeFull ? ['true'] : [] } };
}

const kindLabels = (kinds: readonly string[]) => (kinds.length ? kinds.map((k) => PLACEMENT_KINDS[k as PlacementKind] ?? k).join(', ') : 'None recorded');
const ages = (min: number, max: number) => (min === max ? `${min}` : `${min} to ${max}`);

export const vacancyFields: Field[] = [
  { name: 'placementKind', label: 'Kind of placement', type: 'select', placeholder: 'Any kind', items: itemsFrom(PLACEMENT_KINDS, false) },
  { name: 'age', label: "Child's age", hint: 'In years', classes: 'govuk-input--width-3', inputmode: 'numeric' },
  { name: 'minPlaces', label: 'At least this many places', hint: 'For a sibling group', classes: 'govuk-input--width-3', inputmode: 'numeric' },
  { name: 'includeFull', label: 'Full households', type: 'checkboxes', items: [{ value: 'true', text: 'Also show households with no place free' }] },
];

export function weightsTable(): Table {
  const distance = (w: typeof WEIGHTS.schoolDistance | typeof WEIGHTS.homeDistance) => {
    let lower = 0;
    const bands = w.bands.map((b) => {
      const text = `${lower === 0 ? `up to ${b.upTo}` : `${lower} to ${b.upTo}`} miles ${signed(b.points)}`;
      lower = b.upTo;
      return text;
    });
    return `${bands.join('; ')}; further ${signed(w.beyond)}. Where no distance is known: same postcode district ${signed(w.sameDistrict)}, same area ${signed(w.sameArea)}, another area ${signed(w.differentArea)}`;
  };
  return {
    head: [{ text: 'Factor' }, { text: 'When it applies' }, { text: 'Points' }],
    rows: [
      ['Distance from school', 'The child is to keep their school and its postcode is known', distance(WEIGHTS.schoolDistance)],
      ['Distance from home', "The child's home postcode is known", distance(WEIGHTS.homeDistance)],
      ['Language', "The child's first language is given", `A carer speaks it ${signed(WEIGHTS.language)}`],
      ['Religion', "The child's religion is given", `The carers' faith is the same ${signed(WEIGHTS.faith)}`],
      ['Experience', "Each of the child's needs", `The carers have experience of it ${signed(WEIGHTS.experiencePerNeed)}`],
      ["Carers' preference", 'No under-5s or no teenagers, against a child of that age', `${signed(WEIGHTS.agePreferenceAgainst)} each`],
      ["Carers' preference", 'Girls only or boys only, against a child of the other sex', `${signed(WEIGHTS.sexPreferenceAgainst)} each`],
      ['Accessible home', 'The child needs one', `Accessible ${signed(WEIGHTS.accessibleHome)}, not ${signed(WEIGHTS.notAccessibleHome)}`],
      ['Younger children', 'The child should not live with younger children', `Younger children live there ${signed(WEIGHTS.youngerChildren)}`],
    ].map((r) => r.map((text) => ({ text }))),
  };
}

export function requestRows(m: Pick<MatchResult, 'request'>): SummaryRow[] {
  const r = m.request;
  const n = r.needs;
  const row = (key: string, value: SummaryRow['value']): SummaryRow => ({ key: { text: key }, value });
  const yes = (v: boolean | undefined) => (v ? 'Yes' : 'No');
  const cannot = [n.noOtherChildren ? 'other children' : null, n.noYoungerChildren ? 'younger children' : null, n.noPets ? 'pets' : null].filter((x): x is string => !!x);
  return [
    row('Child', { parts: [linkTo(paths.children.show(r.child.id), r.child.name), { text: `(${r.child.reference}), ${r.child.ageOnPlacementDate} on ${formatDate(r.placementDate)}`, inline: true }] }),
    row(
      'Siblings to be placed together',
      r.siblings.length
        ? { parts: r.siblings.flatMap((s): Part[] => [linkTo(paths.children.show(s.id), s.name), { text: `(${s.reference}), ${s.ageOnPlacementDate}`, inline: true }]) }
        : { text: 'None' },
    ),
    row('Kind of placement', { text: PLACEMENT_KINDS[r.kind] }),
    row('Urgency', { text: r.urgency ? URGENCIES[r.urgency] : 'Not given' }),
    row('Needed by', { text: formatDate(r.neededBy) }),
    row('Status', { text: REQUEST_STATUSES[r.status] }),
    row('Needs', { text: n.needTags?.length ? n.needTags.map((t) => NEED_TAGS[t as NeedTag] ?? t).join(', ') : 'None given' }),
    row('School', { text: n.keepSchool ? `To be kept${n.schoolPostcode ? `: postcode ${n.schoolPostcode}` : ' (no postcode given)'}` : 'Not to be kept, or not given' }),
    row('Home postcode', { text: r.child.homePostcode ?? 'Not recorded' }),
    row('First language', { text: n.firstLanguage ?? 'Not given' }),
    row('Religion', { text: n.religion ?? 'Not given' }),
    row('Needs an accessible home', { text: yes(n.needsAccessibleHome) }),
    row('Cannot live with', { text: cannot.length ? cannot.join(', ') : 'Nothing given' }),
  ];
}

export function eligibleView(h: HouseholdMatch, index: number, considerAction: string | null) {
  const s = h.household;
  return {
    rank: index + 1,
    householdId: s.householdId,
    reference: s.reference,
    href: paths.households.show(s.householdId),
    carers: s.carers,
    score: { text: `Score ${signed(h.score)}`, classes: h.score > 0 ? 'govuk-tag--green' : h.score < 0 ? 'govuk-tag--orange' : 'govuk-tag--grey' } satisfies Tag,
    rows: [
      { key: { text: 'Places free' }, value: { text: `${s.placesFree} of ${s.approvedChildren}` } },
      { key: { text: 'Where' }, value: { text: `${s.town}, ${s.postcode}` } },
      { key: { text: 'Approved for' }, value: { text: `${kindLabels(s.placementKinds)}; ages ${ages(s.ageMin, s.ageMax)}; skill level ${s.skillLevel}` } },
      { key: { text: 'Supervising social worker' }, value: { text: s.supervisingSocialWorker?.name ?? 'Not allocated' } },
    ],
    factors: {
      head: [{ text: 'Factor' }, { text: 'Points', format: 'numeric' }, { text: 'Why' }],
      rows: h.factors.map((f) => [{ text: f.name }, { text: signed(f.points), format: 'numeric' }, { text: f.explanation }]),
    },
    considerAction,
  };
}

/** Each constraint checked before ranking, as the page counts the households it left out. */
export const EXCLUDED_FIRST_LABELS: Record<PrefilterCode, string> = {
  'approval-not-current': 'Approval not current (in assessment, on hold or deregistered)',
  'kind-not-approved': 'Not approved for this kind of placement',
  'not-dual-approved': 'No adoption approval recorded (fostering for adoption and concurrent planning need dual approval)',
  'skill-level-too-low': `Below skill level ${PARENT_AND_CHILD_SKILL_LEVEL} (parent-and-child placements)`,
  'age-outside-range': "Not approved for the children's ages on the placement date",
  'no-pets': 'Have pets, and the request says the child cannot live with pets',
  'not-enough-places': 'Not enough places free on the placement date',
};

/** Every hard constraint as the excluded households are grouped under it. */
export const CONSTRAINT_LABELS: Record<ConstraintCode, string> = {
  ...EXCLUDED_FIRST_LABELS,
  'no-full-time-carer': 'No carer at home full-time (fostering for adoption and concurrent planning)',
  'return-agreement-missing': 'No signed agreement to support a return to the birth family (concurrent planning)',
  'fostering-limit': 'Over the usual fostering limit, with no exemption that covers the children',
  'no-other-children': 'Other children live there, and the request says the child cannot live with other children',
};

/**
 * The excluded households grouped by reason, each group with its count (every household excluded is
 * counted once: MatchResult.excludedByReason), and under it the nearest misses shown whose first
 * reason it is, each with every reason.
 */
export function excludedGroups(m: Pick<MatchResult, 'excludedByReason' | 'excluded'>) {
  const shown = groupBy(
    m.excluded.filter((h) => h.reasons.length),
    (h) => firstConstraint(h.reasons)!,
  );
  return m.excludedByReason.map((g) => {
    const households = (shown.get(g.code) ?? []).map(excludedView);
    return {
      title: `${CONSTRAINT_LABELS[g.code]} (${g.households.toLocaleString('en-GB')})`,
      households,
      // Households in the group that are not named: left out before the reasons were worked out, or nearest misses past the first shown.
      unnamed: g.households - households.length,
    };
  });
}

export function excludedView(h: HouseholdMatch) {
  const s = h.household;
  const n = h.reasons.length;
  return {
    summary: `${s.reference} ${s.carers}: ${n} ${n === 1 ? 'reason' : 'reasons'}`,
    household: { href: paths.households.show(s.householdId), text: `Household ${s.reference}` },
    reasons: h.reasons.map((r) => r.message),
  };
}

export const vacancyHead: TableHead = [
  { text: 'Household' },
  { text: 'Places free', format: 'numeric' },
  { text: 'Kinds of placement' },
  { text: 'Ages' },
  { text: 'Skill level', format: 'numeric' },
  { text: 'Supervising social worker' },
];

/** A household in the vacancy register: its reference (a link) with the carers and where under it, places, approval, worker. */
export function vacancyRow(v: Vacancy): Cell[] {
  return [
    { parts: [linkTo(paths.households.show(v.householdId), v.reference), hint(`${v.carers}, ${v.town} ${v.postcode}`)] },
    { text: `${v.placesFree} of ${v.approvedChildren}`, format: 'numeric' },
    { text: kindLabels(v.placementKinds) },
    { text: ages(v.ageMin, v.ageMax) },
    { text: String(v.skillLevel), format: 'numeric' },
    { text: v.supervisingSocialWorker?.name ?? 'Not allocated' },
  ];
}

/** What the page says when households cannot be considered for the request now (null when they can). */
export function matchingNotice(status: MatchResult['request']['status']): string | null {
  if (status === 'matching') return null;
  return status === 'submitted' ? 'Start matching on the request before considering a household.' : `This request is ${REQUEST_STATUSES[status].toLowerCase()}: households cannot be considered for it now.`;
}
