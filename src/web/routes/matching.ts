/**
 * The vacancy register (/vacancies) and the matching page for a placement request
 * (/requests/:id/matching): eligible households ranked with each factor's contribution, and the
 * excluded ones with every reason. Presenters only: the rules are in src/domain/matching.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { HouseholdMatch, MatchResult } from '../../services/matching.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../../domain/records/household.ts';
import { NEED_TAGS, REQUEST_STATUSES, URGENCIES, type NeedTag } from '../../domain/records/placement-request.ts';
import { signed, WEIGHTS } from '../../domain/matching/index.ts';
import { formatDate } from '../../domain/dates.ts';
import { ValidationError } from '../../services/errors.ts';
import { route } from '../../http/route.ts';
import { IdParams } from '../../http/schemas.ts';
import { vacancyFilterFrom } from '../presenters/matching.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { errorList, itemsFrom, type Field } from '../forms.ts';

const kindLabels = (kinds: readonly string[]) => (kinds.length ? kinds.map((k) => PLACEMENT_KINDS[k as PlacementKind] ?? k).join(', ') : 'None recorded');
const ages = (min: number, max: number) => (min === max ? `${min}` : `${min} to ${max}`);
const hint = (text: string) => `<br><span class="govuk-hint govuk-!-margin-bottom-0">${escapeHtml(text)}</span>`;

const vacancyFields: Field[] = [
  { name: 'placementKind', label: 'Kind of placement', type: 'select', placeholder: 'Any kind', items: itemsFrom(PLACEMENT_KINDS, false) },
  { name: 'age', label: "Child's age", hint: 'In years', classes: 'govuk-input--width-3', inputmode: 'numeric' },
  { name: 'minPlaces', label: 'At least this many places', hint: 'For a sibling group', classes: 'govuk-input--width-3', inputmode: 'numeric' },
  { name: 'includeFull', label: 'Full households', type: 'checkboxes', items: [{ value: 'true', text: 'Also show households with no place free' }] },
];

function weightsTable() {
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

function requestRows(m: MatchResult) {
  const r = m.request;
  const n = r.needs;
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  const yes = (v: boolean | undefined) => (v ? 'Yes' : 'No');
  const cannot = [n.noOtherChildren ? 'other children' : null, n.noYoungerChildren ? 'younger children' : null, n.noPets ? 'pets' : null].filter((x): x is string => !!x);
  return [
    row('Child', { html: `${link(paths.children.show(r.child.id), r.child.name)} (${escapeHtml(r.child.reference)}), ${r.child.ageOnPlacementDate} on ${escapeHtml(formatDate(r.placementDate))}` }),
    row('Siblings to be placed together', {
      html: r.siblings.length ? r.siblings.map((s) => `${link(paths.children.show(s.id), s.name)} (${escapeHtml(s.reference)}), ${s.ageOnPlacementDate}`).join('<br>') : 'None',
    }),
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

function eligibleView(h: HouseholdMatch, index: number, considerAction: string | null) {
  const s = h.household;
  return {
    rank: index + 1,
    householdId: s.householdId,
    reference: s.reference,
    href: paths.households.show(s.householdId),
    carers: s.carers,
    scoreText: signed(h.score),
    scoreClass: h.score > 0 ? 'govuk-tag--green' : h.score < 0 ? 'govuk-tag--orange' : 'govuk-tag--grey',
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

function excludedView(h: HouseholdMatch) {
  const s = h.household;
  const n = h.reasons.length;
  return {
    summary: `${s.reference} ${s.carers}: ${n} ${n === 1 ? 'reason' : 'reasons'}`,
    reasonsHtml:
      `<p class="govuk-body">${link(paths.households.show(s.householdId), `Household ${s.reference}`)}</p>` +
      `<ul class="govuk-list govuk-list--bullet">${h.reasons.map((r) => `<li>${escapeHtml(r.message)}</li>`).join('')}</ul>`,
  };
}

export function matchingRoutes(app: FastifyInstance, services: Services) {
  route(app, {
    method: 'GET',
    url: paths.vacancies,
    access: 'household:read',
    audit: 'vacancy.listed',
    handler: async (req, reply) => {
      const { filter, errors, values } = vacancyFilterFrom(req.query);
      const { today, items } = await services.matching.vacancies(req.ctx(), filter);
      return reply.code(errors.length ? 400 : 200).view('matching/vacancies.njk', {
        title: 'Vacancies',
        today,
        filters: vacancyFields,
        filterValues: values,
        errors,
        errorList: errorList(errors, vacancyFields),
        count: items.length,
        head: [
          { text: 'Household' },
          { text: 'Places free', format: 'numeric' },
          { text: 'Kinds of placement' },
          { text: 'Ages' },
          { text: 'Skill level', format: 'numeric' },
          { text: 'Supervising social worker' },
        ],
        rows: items.map((v) => [
          { html: `${link(paths.households.show(v.householdId), v.reference)}${hint(`${v.carers}, ${v.town} ${v.postcode}`)}` },
          { text: `${v.placesFree} of ${v.approvedChildren}`, format: 'numeric' },
          { text: kindLabels(v.placementKinds) },
          { text: ages(v.ageMin, v.ageMax) },
          { text: String(v.skillLevel), format: 'numeric' },
          { text: v.supervisingSocialWorker?.name ?? 'Not allocated' },
        ]),
      });
    },
  });

  route(app, {
    method: 'GET',
    url: paths.requests.matching(),
    access: 'matching:run',
    audit: 'matching.viewed',
    params: IdParams,
    handler: async (req, reply) => {
      const { id } = req.params;
      let m: MatchResult;
      try {
        m = await services.matching.matchRequest(req.ctx(), id);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.code(409).view('errors/error.njk', {
          title: 'This request cannot be matched yet',
          detail: err.errors.map((e) => e.message).join('. '),
          backLink: paths.requests.show(id),
        });
      }
      const considering = m.request.status === 'matching';
      const notice = considering
        ? null
        : m.request.status === 'submitted'
          ? 'Start matching on the request before considering a household.'
          : `This request is ${REQUEST_STATUSES[m.request.status].toLowerCase()}: households cannot be considered for it now.`;
      return reply.view('matching/request.njk', {
        title: `Matching for ${m.request.child.name}`,
        caption: `Placement request ${m.request.reference}`,
        backLink: paths.requests.show(id),
        placementDate: m.request.placementDate,
        neededBy: m.request.neededBy,
        requestRows: requestRows(m),
        weights: weightsTable(),
        notice,
        eligible: m.eligible.map((h, i) => eligibleView(h, i, considering ? paths.proposals.create(id) : null)),
        excluded: m.excluded.map(excludedView),
      });
    },
  });
}
