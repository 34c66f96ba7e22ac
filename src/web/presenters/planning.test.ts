import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentFromForm, formSections, planningSections, requestRiskRows, taskSummary, versionSummary, versionsTable, type VersionFacts } from './planning.ts';

const P = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const CHILD = '0d6f2c1a-5b3e-4c7d-9a8b-1e2f3a4b5c6d';
const T = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const version: VersionFacts = {
  number: 2,
  completedOn: '2025-02-05',
  completedByName: 'Sally Supervisor',
  sharedOn: '2025-02-06',
  sharedWith: 'both carers',
  acknowledgedOn: null,
  acknowledgedBy: null,
  acknowledgementNote: null,
};

test('completed versions of the meeting minutes: shared, and links to view each and its PDF', () => {
  const t = versionsTable(P, 'ppm', { versions: [version] });
  assert.deepEqual(t.head, [{ text: 'Version' }, { text: 'Completed' }, { text: 'Shared' }, { text: 'Open' }]);
  assert.deepEqual(t.rows[0], [
    { text: '2' },
    { text: '5 February 2025 by Sally Supervisor' },
    { text: '6 February 2025 with both carers' },
    {
      parts: [
        { text: 'View', href: `/placements/${P}/planning/ppm/versions/2`, hidden: 'version 2' },
        { text: '·', inline: true },
        { text: 'PDF', href: `/placements/${P}/planning/ppm/versions/2/pdf`, hidden: 'of version 2', inline: true },
      ],
    },
  ]);
  assert.deepEqual(versionSummary('ppm', version), [
    { key: { text: 'Completed' }, value: { text: '5 February 2025 by Sally Supervisor' } },
    { key: { text: 'Shared' }, value: { text: '6 February 2025 with both carers' } },
  ]);
  assert.deepEqual(versionsTable(P, 'carer_profile', { versions: [version] }).rows[0]?.at(-1), { parts: [{ text: 'View', href: `/placements/${P}/planning/carer-profile/versions/2`, hidden: 'version 2' }] });
});

test("the placement page's planning sections: agreed actions link to themselves, open ones are tagged", () => {
  const [, actions] = planningSections(P, CHILD, [], [
    { id: T, description: 'Send the plan', ownerName: 'Jo', dueOn: '2025-02-10', completedOn: null },
    { id: T, description: 'Book the visit', ownerName: 'Jo', dueOn: '2025-02-10', completedOn: '2025-02-09' },
  ]);
  assert.deepEqual(actions?.table?.rows, [
    [{ parts: [{ text: 'Send the plan', href: `/tasks/${T}` }] }, { text: 'Jo' }, { text: '10 February 2025' }, { parts: [{ tag: { text: 'Open', classes: 'govuk-tag--blue' } }] }],
    [{ parts: [{ text: 'Book the visit', href: `/tasks/${T}` }] }, { text: 'Jo' }, { text: '10 February 2025' }, { text: '9 February 2025' }],
  ]);
});

test('an agreed action links back to the meeting; risks from the request say when none was described', () => {
  const rows = taskSummary({ description: 'Send the plan', ownerName: 'Jo', dueOn: '2025-02-10', completedOn: '2025-02-09', note: 'by post' }, P);
  assert.deepEqual(rows[3], { key: { text: 'Agreed at' }, value: { parts: [{ text: 'the Placement Planning Meeting', href: `/placements/${P}/planning/ppm` }] } });
  assert.deepEqual(rows[4]?.value, { text: '9 February 2025: by post' });
  assert.deepEqual(requestRiskRows({ riskToSelf: '', riskFromOthers: 'Contact with uncle', riskToOthers: '' }).map((r) => r.value), [
    { text: 'Not described' },
    { text: 'Contact with uncle' },
    { text: 'Not described' },
  ]);
});

test('a posted form becomes content: numbered rows of a group become a list in order', () => {
  const sections = formSections('ppm', {}, []);
  const group = sections.find((s) => s.group)?.group;
  assert.ok(group, 'the minutes have a group of rows');
  const at = group.rows[0]?.fields.findIndex((f) => !f.type || f.type === 'text' || f.type === 'textarea') ?? -1;
  assert.ok(at >= 0, 'a row has a text field');
  const first = group.rows[0]?.fields[at]?.name ?? '';
  const second = group.rows[1]?.fields[at]?.name ?? '';
  const content = contentFromForm('ppm', { [second]: 'b', [first]: 'a' }, sections);
  const rows = content[group.name] as Record<string, unknown>[];
  const field = first.split('.')[2] ?? '';
  assert.deepEqual(rows.slice(0, 2).map((r) => r[field]), ['a', 'b']);
});
