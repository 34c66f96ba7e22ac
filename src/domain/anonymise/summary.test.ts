import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestNeedsInput, RequestRisksInput, RequestViewsInput } from '../records/placement-request.ts';
import { anonymisedSummary, type AnonymiseInput } from './summary.ts';

const TODAY = '2025-06-15';

// ---------------------------------------------------------------------------------------------
// A child with identifiers planted in every free-text field
// ---------------------------------------------------------------------------------------------

const CHILD = {
  firstName: 'Tallulah',
  lastName: 'Okonkwo-Brennan',
  otherNames: ['Lulu', 'Tally Rose'],
  dateOfBirth: '2015-04-03',
  sex: 'F' as const,
  ethnicity: 'MWBA' as const,
  upn: 'K812345678901',
  homePostcode: 'NE6 1AB',
  addressLines: ['14 Larkspur Crescent', 'Heatonvale'],
};
const SIBLING = { firstName: 'Jadeyn', lastName: 'Okonkwo-Brennan', otherNames: ['Jadz'], dateOfBirth: '2017-09-12' };
const SCHOOL = 'Hollybrook Primary School';
const SCHOOL_POSTCODE = 'NE7 9ZZ';
const FAMILY = ['Marguerite Fairweather', "Desmond O'Shaughnessy"];
const OTHER_NAMES = ['Priya Ramasamy'];
const OTHER_IDENTIFIERS = ['CASE-77812'];

/** The date of birth as people write it. */
const DOB_FORMS = ['03/04/2015', '3/4/2015', '03-04-2015', '2015-04-03', '3.4.15', '3 April 2015', 'April 3rd 2015', 'April 3rd, 2015', '3rd of April', 'the third of April', 'Apr 2015', '20150403'];

/** Everything planted: names in several cases and forms, the date of birth in every format, contact details, addresses. */
const PLANTED = [
  'Tallulah',
  'OKONKWO-BRENNAN',
  'okonkwo brennan',
  "Lulu's",
  'Tally',
  // half with a cue word, half bare: the date itself must be found, not only the word before it
  ...DOB_FORMS.map((d, i) => (i % 2 === 0 ? `born ${d}` : d)),
  'NE6 1AB',
  'ne61ab',
  'another postcode SW1A 2AA',
  SCHOOL,
  'hollybrook',
  `school postcode ${SCHOOL_POSTCODE}`,
  'UPN K812345678901',
  'Mum Marguerite Fairweather',
  'Dad Desmond O’Shaughnessy',
  'tel 07700 900461',
  'email tallulah.ob@example.com',
  '14 Larkspur Crescent, Heatonvale',
  'sister Jadeyn (Jadz), DOB 12/09/2017',
  'SW Priya Ramasamy',
  'ref CASE-77812',
];

/** What must never be in the summary, checked case-insensitively as substrings. */
const NEVER = [
  'Tallulah', 'Okonkwo', 'Brennan', 'Lulu', 'Tally', 'Rose',
  ...DOB_FORMS, '2015', '2017', '12/09', '03/04', '3/4', 'April',
  'NE6', '1AB', 'NE61AB', 'SW1A', '2AA', 'NE7', '9ZZ',
  'Hollybrook', 'K812345678901', '812345678901',
  'Marguerite', 'Fairweather', 'Desmond', 'Shaughnessy',
  '07700', '900461', 'example.com', '@',
  'Larkspur', 'Heatonvale', 'Jadeyn', 'Jadz', 'Priya', 'Ramasamy', '77812',
];

/** The free-text fields of a request page: those whose schema accepts a sentence. */
function textFields(schema: { shape: Record<string, { safeParse: (v: unknown) => { success: boolean } }> }): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => field.safeParse('A sentence, with words.').success)
    .map(([key]) => key);
}

const NEEDS_FIELDS = textFields(RequestNeedsInput);
const RISK_FIELDS = textFields(RequestRisksInput);
const VIEW_FIELDS = textFields(RequestViewsInput);

/** Each field's text: a marker naming the field (to prove the field is shown) and every identifier, in an order that differs per field. */
function plantedText(field: string, index: number): string {
  const rotated = [...PLANTED.slice(index % PLANTED.length), ...PLANTED.slice(0, index % PLANTED.length)];
  const separators = [' ', ', ', '\n', '  ', '; ', '\n\n'];
  return [`field-${field}`, ...rotated].map((p, i) => `${p}${separators[i % separators.length]}`).join('') + 'end';
}

function plantedInput(views: 'given' | 'not sought'): AnonymiseInput {
  let i = 0;
  const fill = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, plantedText(f, i++)]));
  const viewsFields = fill(VIEW_FIELDS);
  if (views === 'not sought') viewsFields.childViews = '';
  return {
    child: CHILD,
    request: {
      urgency: 'planned',
      kind: 'long_term',
      neededBy: '2025-09-01',
      needs: {
        ...fill(NEEDS_FIELDS),
        school: SCHOOL,
        schoolPostcode: SCHOOL_POSTCODE,
        needTags: ['trauma', 'education_support'],
        keepSchool: true,
      },
      risks: fill(RISK_FIELDS),
      views: viewsFields,
    },
    siblings: [SIBLING],
    familyNames: FAMILY,
    otherNames: OTHER_NAMES,
    otherIdentifiers: OTHER_IDENTIFIERS,
  };
}

test('the free-text fields found in the request schemas include every field the brief lists', () => {
  for (const f of ['health', 'disability', 'adaptations', 'school', 'education', 'firstLanguage', 'communication', 'religion', 'culture', 'canLiveWith', 'cannotLiveWith', 'pets', 'extraSupport']) {
    assert.ok(NEEDS_FIELDS.includes(f), f);
  }
  assert.deepEqual(RISK_FIELDS.sort(), ['riskFromOthers', 'riskToOthers', 'riskToSelf']);
  assert.deepEqual(VIEW_FIELDS.sort(), ['childViews', 'viewsNotSoughtReason']);
});

for (const views of ['given', 'not sought'] as const) {
  test(`identifiers planted in every free-text field never reach the summary (views ${views})`, () => {
    const summary = anonymisedSummary(plantedInput(views), TODAY);
    const everything = [summary.text, ...summary.sections.flatMap((s) => [s.heading, ...s.lines])];
    for (const piece of everything) {
      for (const identifier of NEVER) {
        assert.ok(!piece.toLowerCase().includes(identifier.toLowerCase()), `"${identifier}" leaked in: ${piece}`);
      }
      // The digits of the date of birth, in every format, are gone: the only numbers left are the ages and the year needed.
      for (const n of piece.match(/\d+/g) ?? []) assert.ok(['10', '7', '2025'].includes(n), `unexpected number ${n} in: ${piece}`);
    }
  });

  test(`every free-text field is still shown, redacted, so nothing passes by being dropped (views ${views})`, () => {
    const { text } = anonymisedSummary(plantedInput(views), TODAY);
    const shown = [...NEEDS_FIELDS.filter((f) => f !== 'school'), ...RISK_FIELDS, views === 'given' ? 'childViews' : 'viewsNotSoughtReason'];
    for (const f of shown) assert.ok(text.includes(`field-${f}`), `field ${f} is missing from the summary`);
    assert.ok(!/^School/m.test(text), 'the school is never shown');
    assert.ok(text.includes('[removed]'));
  });
}

// ---------------------------------------------------------------------------------------------
// What the summary says
// ---------------------------------------------------------------------------------------------

function input(overrides: Partial<AnonymiseInput> = {}, request: Partial<AnonymiseInput['request']> = {}): AnonymiseInput {
  return {
    child: { firstName: 'Nadia', lastName: 'Kowalczyk', dateOfBirth: '2016-02-29', sex: 'F', ethnicity: 'WOTH', upn: 'A123456789012', homePostcode: 'NE6 1AB' },
    request: {
      urgency: 'planned',
      kind: 'short_term',
      neededBy: '2025-08-20',
      needs: {
        needTags: ['emotional_behavioural', 'trauma'],
        health: 'Asthma; uses an inhaler.',
        school: 'Moorside Academy',
        keepSchool: true,
        firstLanguage: 'Polish',
        interpreter: true,
        noPets: true,
        noYoungerChildren: true,
      },
      risks: { riskToSelf: 'None known', riskFromOthers: 'None known', riskToOthers: '' },
      views: { childViews: 'Nadia would like to live with a family who has a garden.' },
      ...request,
    },
    ...overrides,
  };
}

test('a summary for a plain case, section by section', () => {
  const summary = anonymisedSummary(input(), TODAY);
  assert.deepEqual(summary.sections, [
    { heading: 'The child', lines: ['Girl aged 9', 'Ethnicity: Any other White background'] },
    { heading: 'The placement needed', lines: ['Kind of placement: Short-term', 'Urgency: Planned', 'Needed by: August 2025'] },
    {
      heading: 'Needs',
      lines: [
        'Kinds of need: Emotional and behavioural needs; Trauma, abuse or neglect',
        'Health: Asthma; uses an inhaler.',
        'Will stay at their current school, so the home must be within reach of it',
        'First language: Polish (an interpreter is needed)',
        'Should not live with younger children',
        'Cannot live with pets',
      ],
    },
    {
      heading: 'Risks',
      lines: ['Risk to the child themself: None known', 'Risk to the child from others: None known', 'Risk the child may pose to others: not recorded'],
    },
    { heading: "The child's views", lines: ['Views: [removed] would like to live with a family who has a garden.'] },
  ]);
  assert.equal(
    summary.text,
    [
      'The child\nGirl aged 9\nEthnicity: Any other White background',
      'The placement needed\nKind of placement: Short-term\nUrgency: Planned\nNeeded by: August 2025',
      'Needs\nKinds of need: Emotional and behavioural needs; Trauma, abuse or neglect\nHealth: Asthma; uses an inhaler.\nWill stay at their current school, so the home must be within reach of it\nFirst language: Polish (an interpreter is needed)\nShould not live with younger children\nCannot live with pets',
      'Risks\nRisk to the child themself: None known\nRisk to the child from others: None known\nRisk the child may pose to others: not recorded',
      "The child's views\nViews: [removed] would like to live with a family who has a garden.",
    ].join('\n\n'),
  );
  assert.ok(!summary.text.includes('Moorside'));
});

test('siblings to be placed together are given by age only, youngest first', () => {
  const siblings = [
    { firstName: 'Piotr', lastName: 'Kowalczyk', dateOfBirth: '2018-01-10' },
    { firstName: 'Ola', lastName: 'Kowalczyk', dateOfBirth: '2023-12-01' },
    { firstName: 'Marek', lastName: 'Kowalczyk', dateOfBirth: '2012-06-16' },
  ];
  const one = anonymisedSummary(input({ siblings: siblings.slice(0, 1) }), TODAY);
  assert.equal(one.sections[0]?.lines[0], 'Girl aged 9, and a sibling aged 7, to be placed together');
  const three = anonymisedSummary(input({ siblings }), TODAY);
  assert.equal(three.sections[0]?.lines[0], 'Girl aged 9, and siblings aged 1, 7 and 12, to be placed together');
  for (const name of ['Piotr', 'Ola', 'Marek', 'Kowalczyk', '2018', '2012']) assert.ok(!three.text.includes(name), name);
});

test('age is in whole years, a baby is "under 1", and sex is said as girl, boy or child', () => {
  const baby = anonymisedSummary(input({ child: { firstName: 'Ada', lastName: 'Lin', dateOfBirth: '2025-01-20', sex: 'M', ethnicity: 'CHNE' } }), TODAY);
  assert.equal(baby.sections[0]?.lines[0], 'Boy aged under 1');
  const unknown = anonymisedSummary(input({ child: { firstName: 'Ada', lastName: 'Lin', dateOfBirth: '2009-06-16', sex: 'U', ethnicity: 'REFU' } }), TODAY);
  assert.deepEqual(unknown.sections[0]?.lines, ['Child aged 15']);
  const birthday = anonymisedSummary(input({ child: { firstName: 'Ada', lastName: 'Lin', dateOfBirth: '2009-06-15', sex: 'F', ethnicity: 'NOBT' } }), TODAY);
  assert.deepEqual(birthday.sections[0]?.lines, ['Girl aged 16']);
  const notACode = anonymisedSummary(input({ child: { firstName: 'Ada', lastName: 'Lin', dateOfBirth: '2009-06-15', sex: 'F', ethnicity: 'toString' } }), TODAY);
  assert.deepEqual(notACode.sections[0]?.lines, ['Girl aged 16']);
});

test('when the placement is needed: month and year, or "within the next week", or "now"', () => {
  const needed = (neededBy: string | null) => anonymisedSummary(input({}, { neededBy }), TODAY).sections[1]?.lines[2];
  assert.equal(needed('2025-06-23'), 'Needed by: June 2025');
  assert.equal(needed('2025-06-22'), 'Needed: within the next week');
  assert.equal(needed('2025-06-16'), 'Needed: within the next week');
  assert.equal(needed('2025-06-15'), 'Needed: now');
  assert.equal(needed('2025-06-01'), 'Needed: now');
  assert.equal(needed(null), 'Needed by: not given');
});

test('missing answers are said plainly rather than left out, where the other social worker needs them', () => {
  const s = anonymisedSummary(input({}, { urgency: null, kind: null, needs: {}, risks: {}, views: {} }), TODAY);
  assert.deepEqual(s.sections[1]?.lines.slice(0, 2), ['Kind of placement: not given', 'Urgency: not given']);
  assert.deepEqual(s.sections[2]?.lines, ['No needs recorded']);
  assert.deepEqual(s.sections[3]?.lines, ['Risk to the child themself: not recorded', 'Risk to the child from others: not recorded', 'Risk the child may pose to others: not recorded']);
  assert.deepEqual(s.sections[4]?.lines, ['Not recorded']);
  const notSought = anonymisedSummary(input({}, { views: { childViews: '', viewsNotSoughtReason: 'Too young to give views.' } }), TODAY);
  assert.deepEqual(notSought.sections[4]?.lines, ['Views not sought, because: Too young to give views.']);
});

test('line breaks and runs of spaces in free text become single spaces', () => {
  const s = anonymisedSummary(input({}, { risks: { riskToSelf: 'Self-harm\n\nin the past.   Now   settled.', riskFromOthers: 'x', riskToOthers: 'y' } }), TODAY);
  assert.equal(s.sections[3]?.lines[0], 'Risk to the child themself: Self-harm in the past. Now settled.');
});

test('a child named May: the name is removed everywhere, even from the month the placement is needed by (over-redaction, documented)', () => {
  const s = anonymisedSummary(
    input({ child: { firstName: 'May', lastName: 'Harrow', dateOfBirth: '2014-11-02', sex: 'F', ethnicity: 'WBRI' } }, { neededBy: '2026-05-20', views: { childViews: 'May says she may want to stay near Harrow.' } }),
    TODAY,
  );
  assert.equal(s.sections[1]?.lines[2], 'Needed by: [removed] 2026');
  assert.equal(s.sections[4]?.lines[0], 'Views: [removed] says she [removed] want to stay near [removed].');
  assert.ok(!/\bmay\b/i.test(s.text));
});

test('missing identifiers (null, undefined, empty) are accepted as the database gives them, and ignored', () => {
  const s = anonymisedSummary(input({ familyNames: [null, '', 'Irena Nowak'], otherNames: [undefined], otherIdentifiers: [null] }, { views: { childViews: 'Irena visits weekly.' } }), TODAY);
  assert.equal(s.sections[4]?.lines[0], 'Views: [removed] visits weekly.');
});

test('the worked example in docs/rules/anonymised-summary.md', () => {
  const s = anonymisedSummary(
    input(
      { child: { firstName: 'Tallulah', lastName: 'Okonkwo', otherNames: ['Lulu'], dateOfBirth: '2015-04-03', sex: 'F', ethnicity: 'MWBA' }, familyNames: ['Marguerite Fairweather'], otherNames: ['Anil Patel'] },
      { needs: { health: "Lulu's asthma is managed by Dr Patel at Heaton surgery (0191 498 0000); mum Marguerite brings her inhaler" } },
    ),
    TODAY,
  );
  assert.equal(s.sections[0]?.lines[0], 'Girl aged 10');
  assert.equal(s.sections[2]?.lines[0], 'Health: [removed] asthma is managed by Dr [removed] at Heaton surgery ([removed]); mum [removed] brings her inhaler');
});

test('the input is not changed', () => {
  const i = plantedInput('given');
  const before = JSON.stringify(i);
  anonymisedSummary(i, TODAY);
  assert.equal(JSON.stringify(i), before);
});
