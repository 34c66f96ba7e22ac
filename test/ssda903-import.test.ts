/**
 * Importing an authority's SSDA903 return and carers' register into a database (services/ssda903-import.ts):
 * the demo authority's own export, imported into an empty database, is exported again file for file;
 * a dry run changes nothing; a second run changes nothing; placements whose carers are not in the
 * register are listed and can be linked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../src/data/db.ts';
import { appUser, child, household, householdMember, organisation, placement } from '../src/data/schema.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { createServices } from '../src/services/index.ts';
import type { ImportFiles } from '../src/services/ssda903-import.ts';
import { REGISTER_COLUMNS } from '../src/domain/records/carers-register.ts';
import { stringify } from 'csv-stringify/sync';
import { freshDatabase } from './helpers.ts';

const TODAY = '2026-11-20';
const ctx = { actor: null, correlationId: 'test-import' };
const RETURN_CSVS = ['header.csv', 'episodes.csv', 'uasc.csv', 'reviews.csv', 'missing.csv', 'sw_episodes.csv'];
const dfe = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

test('the demo authority’s return, imported into an empty database, is exported again file for file; a second run changes nothing', async () => {
  const source = await freshDatabase();
  const target = await freshDatabase();
  try {
    await loadDemoData(source.db, { children: 40, today: TODAY, seed: 3 });
    const from = createServices(source, { allowDemoAccounts: false, today: () => TODAY });
    const exported = async (s: typeof from, year: string) => (await s.returns.export(ctx, year)).files.filter((f) => RETURN_CSVS.includes(f.name));
    const current = await exported(from, '2025-26');
    const previous = await exported(from, '2024-25');

    // The carers' register of the demo authority, as the template asks for it.
    const rows = await queryRows<Record<string, string | number | null>>(
      source.db,
      sql`select h.reference, h.address_line1, h.address_line2, h.town, h.postcode, h.approval_status, h.approval_date::text as approval_date,
                 h.placement_kinds, h.age_min, h.age_max, h.approved_children, h.skill_level,
                 o.id as service_id, o.name as service, o.kind as service_kind, o.la_code, o.ofsted_urn, o.provider_code,
                 (select string_agg(m.first_name || '|' || m.last_name, ';' order by m.position) from household_member m where m.household_id = h.id and m.kind = 'carer') as carers
          from household h join organisation o on o.id = h.fostering_service_id order by h.reference`,
    );
    const [home] = await queryRows<{ id: string }>(source.db, sql`select responsible_authority_id as id from child group by 1 order by count(*) desc limit 1`);
    const register = stringify(
      rows.map((r) => {
        const carers = String(r.carers ?? 'Not|Known')
          .split(';')
          .map((c) => c.split('|'));
        const provider = r.service_kind === 'local_authority' ? (r.service_id === home?.id ? 'PR1' : 'PR2') : String(r.provider_code ?? 'PR4');
        return {
          HOUSEHOLD_REF: r.reference,
          CARER1_FIRST_NAME: carers[0]?.[0],
          CARER1_LAST_NAME: carers[0]?.[1],
          CARER2_FIRST_NAME: carers[1]?.[0] ?? '',
          CARER2_LAST_NAME: carers[1]?.[1] ?? '',
          ADDRESS_LINE1: r.address_line1,
          ADDRESS_LINE2: r.address_line2 ?? '',
          TOWN: r.town,
          POSTCODE: r.postcode,
          APPROVAL_STATUS: r.approval_status,
          APPROVAL_DATE: dfe(r.approval_date as string | null),
          PLACEMENT_KINDS: String(r.placement_kinds ?? '').replace(/[{}]/g, '').replace(/,/g, ';'),
          AGE_MIN: r.age_min,
          AGE_MAX: r.age_max,
          APPROVED_CHILDREN: r.approved_children,
          SKILL_LEVEL: r.skill_level,
          PROVIDER: provider,
          FOSTERING_SERVICE: provider === 'PR1' ? '' : r.service,
          URN: r.ofsted_urn ?? '',
          LA_CODE: provider === 'PR2' ? r.la_code : '',
        };
      }),
      { header: true, columns: [...REGISTER_COLUMNS] },
    );
    const files: ImportFiles = {
      current: current.map((f) => ({ name: f.name, content: f.content })),
      previous: previous.map((f) => ({ name: `prev/${f.name}`, content: f.content })),
      register: { name: 'carers.csv', content: register },
    };

    const to = createServices(target, { allowDemoAccounts: false, today: () => TODAY });
    const authority = { name: 'South Gloucestershire Council (imported)', code: '803' };
    const dry = await to.imports.run(ctx, files, { dryRun: true, authority });
    assert.ok(dry.children.created > 20, 'the dry run would create the children');
    assert.equal(dry.errors.length, 0, JSON.stringify(dry.errors.slice(0, 3)));
    const [after] = await queryRows<{ children: number; households: number; users: number }>(
      target.db,
      sql`select (select count(*) from child)::int as children, (select count(*) from household)::int as households, (select count(*) from app_user)::int as users`,
    );
    assert.deepEqual(after, { children: 0, households: 0, users: 0 }, 'a dry run changes nothing');

    const real = await to.imports.run(ctx, files, { dryRun: false, authority });
    assert.deepEqual(real.children, dry.children, 'the real run does what the dry run said');
    assert.deepEqual(real.placements, dry.placements);
    assert.ok(real.placements.linkedToRegister > 0, 'placements are linked to households from the register');
    assert.ok(real.households.created > 0 && real.socialWorkers.created > 0);
    const inactive = await target.db.select().from(appUser).where(eq(appUser.active, false));
    assert.equal(inactive.length, real.socialWorkers.created, 'social workers not in Hearth are created as inactive staff');

    for (const year of ['2025-26', '2024-25']) {
      const before = year === '2025-26' ? current : previous;
      const again = await exported(to, year);
      for (const f of before) assert.equal(again.find((g) => g.name === f.name)?.content, f.content, `${year} ${f.name} round trips`);
    }

    const audits = await queryRows<{ action: string; n: number }>(target.db, sql`select action, count(*)::int as n from audit_event group by action order by action`);
    const n = (a: string) => audits.find((x) => x.action === a)?.n ?? 0;
    assert.equal(n('import.child-created'), real.children.created, 'one audit row per child created');
    assert.equal(n('import.household-created'), real.households.created);
    assert.equal(n('import.previewed'), 1);
    assert.equal(n('import.run'), 1);

    const second = await to.imports.run(ctx, files, { dryRun: false });
    assert.deepEqual(second.children, { created: 0, updated: 0, unchanged: real.children.created, leftOut: 0, failed: 0, namesNotRecorded: real.children.created }, 'running it again changes nothing');
    assert.deepEqual(second.households, { created: 0, updated: 0, unchanged: real.households.created });

    // Imported placements: history without the gate; the current one is active and nothing falls due before the import.
    const imported = await target.db.select().from(placement);
    assert.ok(imported.every((p) => p.importedOn === TODAY && p.entryBreaches.length === 0));
    assert.ok(imported.some((p) => p.status === 'active') && imported.some((p) => p.status === 'ended'));
    const kids = await target.db.select({ importedOn: child.importedOn, firstName: child.firstName }).from(child);
    assert.ok(kids.every((k) => k.importedOn === TODAY));
  } finally {
    await source.close();
    await target.close();
  }
});

test('row errors are reported with file, line and column and leave the child out; placements not in the register are listed and linked', async () => {
  const database = await freshDatabase();
  try {
    const s = createServices(database, { allowDemoAccounts: false, today: () => TODAY });
    const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/02/2015,WBRI,UN1,,\nA2,F,01/02/2014,WBRI,UN1,0,\n';
    const episodes =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      'A1,01/05/2025,S,C2,N1,U4,PR1,,,,BS1 1AA,BS7 8AB,SC000001\n' +
      'A2,01/05/2025,S,C2,N1,U4,PR1,31/02/2026,,,BS1 1AA,BS7 8AB,SC000001\n';
    const report = await s.imports.run(ctx, { current: [{ name: 'h.csv', content: header }, { name: 'e.csv', content: episodes }] }, { dryRun: false, authority: { name: 'Testborough (test)', code: '999' } });
    assert.equal(report.children.created, 1);
    assert.equal(report.children.leftOut, 1);
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.column, e.child]),
      [['e.csv', 3, 'DEC', 'A2']],
    );
    assert.equal(report.placements.householdNotKnown, 1);
    const listed = await s.imports.unresolved(ctx);
    assert.equal(listed.total, 1);
    assert.equal(listed.items[0]?.childReference, 'A1');
    assert.equal(listed.items[0]?.plPost, 'BS7 8AB');

    const [la] = await database.db.select().from(organisation);
    const [real] = await database.db
      .insert(household)
      .values({ reference: 'H00001', addressLine1: '1 Test Road', town: 'Testbury', postcode: 'BS7 8AB', fosteringServiceId: la!.id, approvalStatus: 'approved', approvalDate: '2020-01-01' })
      .returning();
    await database.db.insert(householdMember).values({ householdId: real!.id, kind: 'carer', firstName: 'Test', lastName: 'Carer' });
    await assert.rejects(s.imports.linkHousehold(ctx, listed.items[0]!.householdId, 'H99999'), /Enter the reference of a foster household/);
    const linked = await s.imports.linkHousehold(ctx, listed.items[0]!.householdId, 'h00001');
    assert.deepEqual(linked, { moved: 1, householdId: real!.id });
    assert.equal((await s.imports.unresolved(ctx)).total, 0);
    const [p] = await database.db.select().from(placement);
    assert.equal(p?.householdId, real!.id);
    assert.equal(p?.plPost, 'BS7 8AB', 'the return fields stay as returned');
  } finally {
    await database.close();
  }
});
