import test from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, can } from '../../domain/access/index.ts';
import { paths } from '../../http/paths.ts';
import { MORE_GROUPS, PRIMARY_LINKS, moreGroups, navigationItems } from './navigation.ts';

test('the bar stays short for every role: My work, five records and More', () => {
  for (const role of ROLES) {
    const items = navigationItems(role, '/', 'My work <span>3</span>');
    assert.equal(items.length, 7, role);
    assert.equal(items[0]!.href, paths.obligations.myWork);
    assert.equal(items[0]!.html, 'My work <span>3</span>', 'the work count stays beside My work');
    assert.equal(items.at(-1)!.href, paths.more);
  }
});

test('every page the navigation used to list is still reachable, for exactly the roles that may open it', () => {
  const everywhere = [paths.contacts.list, paths.users.list, paths.organisations.list, paths.account.password, paths.account.twoFactor];
  const byPermission = {
    [paths.obligations.dashboard]: 'obligation:dashboard',
    [paths.earlyPermanence.referrals]: 'permanence:record',
    [paths.panel.home]: 'panel:refer',
    [paths.concurrentPlanning.figures]: 'service-figures:read',
    [paths.outbox.list]: 'email:read',
    [paths.returns.ssda903]: 'return:read',
    [paths.money.finance]: 'finance:read',
    [paths.sufficiency.report]: 'sufficiency:report',
    [paths.money.rateCard]: 'rates:manage',
    [paths.tokens.list]: 'token:manage',
    [paths.imports.new]: 'records:import',
  } as const;
  for (const role of ROLES) {
    const reachable = new Set([...navigationItems(role, '/', undefined).map((i) => i.href), ...moreGroups(role).flatMap((g) => g.links.map((l) => l.href))]);
    for (const href of [...PRIMARY_LINKS.map((l) => l.href), ...everywhere]) assert.ok(reachable.has(href), `${role}: ${href}`);
    for (const [href, permission] of Object.entries(byPermission)) assert.equal(reachable.has(href), can(role, permission), `${role}: ${href}`);
    const toLink = can(role, 'import:resolve') && !can(role, 'records:import');
    assert.equal(reachable.has(paths.imports.unresolved), toLink, `${role}: placements to link`);
  }
});

test('More is the current item on a page it lists (and on itself); a record on the bar is current under its own path', () => {
  const role = ROLES.find((r) => can(r, 'finance:read'))!;
  const active = (path: string) => navigationItems(role, path, undefined).find((i) => i.active)?.text;
  assert.equal(active(`${paths.money.finance}`), 'More');
  assert.equal(active(paths.more), 'More');
  assert.equal(active(paths.children.show('abc')), 'Children');
  assert.equal(active(paths.obligations.myWork), undefined, 'My work is given as html');
  assert.ok(navigationItems(role, paths.obligations.myWork, undefined)[0]!.active);
});

test('no group on the More page is shown empty, and every link has a unique address', () => {
  for (const role of ROLES) for (const g of moreGroups(role)) assert.ok(g.links.length > 0, `${role}: ${g.heading}`);
  const hrefs = MORE_GROUPS.flatMap((g) => g.links.map((l) => l.href));
  assert.equal(new Set(hrefs).size, hrefs.length);
});
