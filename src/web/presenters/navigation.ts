/**
 * The service navigation, grouped. The bar keeps the everyday records (My work with its count,
 * requests, children, households, placements, vacancies) and "More", a page (no script needed) that
 * lists everything else the person's role may open in groups: records, reports and figures, panels and
 * planning, administration, and their own account. Each link appears only for a role that may open it.
 */
import { can, type Permission, type Role } from '../../domain/access/index.ts';
import { paths } from '../../http/paths.ts';

export type NavLink = {
  href: string;
  text: string;
  /** What the link opens, on the More page. */
  description?: string;
  /** Paths under which this link is the current one (its own href if not given). */
  under?: string[];
  /** Shown only to a role with this permission (every signed-in person if not given). */
  permission?: Permission;
  /** Shown only to a role without this permission (an alternative to another link). */
  unless?: Permission;
};

export type NavGroup = { heading: string; links: NavLink[] };

/** The links on the bar itself, after My work. */
export const PRIMARY_LINKS: readonly NavLink[] = [
  { href: paths.requests.list, text: 'Requests' },
  { href: paths.children.list, text: 'Children' },
  { href: paths.households.list, text: 'Households' },
  { href: paths.placements.list, text: 'Placements' },
  { href: paths.vacancies, text: 'Vacancies' },
];

/** Everything else, on the More page. */
export const MORE_GROUPS: readonly NavGroup[] = [
  {
    heading: 'Records',
    links: [
      { href: paths.contacts.list, text: 'Contacts', description: 'Family time and other contact arrangements' },
      { href: paths.users.list, text: 'Staff', description: 'Social workers, managers and their teams' },
      { href: paths.organisations.list, text: 'Organisations', description: 'Agencies, providers and other authorities' },
    ],
  },
  {
    heading: 'Reports and figures',
    links: [
      { href: paths.obligations.dashboard, text: 'Compliance', description: 'Overdue and due-soon obligations by team and worker', under: ['/obligations'], permission: 'obligation:dashboard' },
      { href: paths.reports.stability, text: 'Placement stability figures', description: 'Moves, lengths of placement and stability measures', permission: 'obligation:dashboard' },
      { href: paths.returns.ssda903, text: 'Returns', description: 'The SSDA903 return', permission: 'return:read' },
      { href: paths.money.finance, text: 'Finance', description: 'Fees, allowances and payments', under: ['/finance'], permission: 'finance:read' },
      { href: paths.sufficiency.report, text: 'Sufficiency', description: 'Places needed and places available', under: ['/sufficiency'], permission: 'sufficiency:report' },
      { href: paths.concurrentPlanning.figures, text: 'Concurrent planning figures', description: 'The service figures for concurrent planning', under: ['/concurrent-planning'], permission: 'service-figures:read' },
    ],
  },
  {
    heading: 'Panels and planning',
    links: [
      { href: paths.earlyPermanence.referrals, text: 'Concurrent planning referrals', description: 'Children referred for early permanence', permission: 'permanence:record' },
      { href: paths.panel.home, text: 'Stability Panel', description: 'Referrals to the placement stability panel', permission: 'panel:refer' },
    ],
  },
  {
    heading: 'Administration',
    links: [
      { href: paths.money.rateCard, text: 'Rate card', description: 'Fees and allowances by age and tier', permission: 'rates:manage' },
      { href: paths.outbox.list, text: 'Outbox', description: 'E-mails sent, or kept when no mail server is set', permission: 'email:read' },
      { href: paths.tokens.list, text: 'API tokens', description: 'Personal access tokens for the API', permission: 'token:manage' },
      { href: paths.imports.new, text: 'Import records', description: 'Read an SSDA903 return into Hearth', permission: 'records:import' },
      { href: paths.imports.unresolved, text: 'Placements to link', description: 'Imported placements whose carers were not found', permission: 'import:resolve', unless: 'records:import' },
    ],
  },
  {
    heading: 'Tools',
    links: [
      { href: paths.calendar.workingDays, text: 'Working-day calculator', description: 'Add working days to a date, skipping bank holidays' },
      { href: paths.obligations.rules, text: 'Statutory obligations', description: 'Each obligation, its timescale and its source' },
    ],
  },
  {
    heading: 'Your account',
    links: [
      { href: paths.account.password, text: 'Change password' },
      { href: paths.account.twoFactor, text: 'Two-factor sign-in' },
    ],
  },
];

const mayOpen = (role: Role, l: NavLink) => (!l.permission || can(role, l.permission)) && (!l.unless || !can(role, l.unless));
const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
const isCurrent = (path: string, l: NavLink) => (l.under ?? [l.href]).some((p) => isUnder(path, p));

/** The groups of the More page the role may open (empty groups left out). */
export function moreGroups(role: Role): NavGroup[] {
  return MORE_GROUPS.map((g) => ({ heading: g.heading, links: g.links.filter((l) => mayOpen(role, l)) })).filter((g) => g.links.length > 0);
}

/** The items of govukServiceNavigation for a signed-in person on `currentPath`. */
export type NavItem = { href: string; text?: string; html?: string; active: boolean };

export function navigationItems(role: Role, currentPath: string, myWorkHtml: string | undefined): NavItem[] {
  const more = moreGroups(role).flatMap((g) => g.links);
  const moreActive = isUnder(currentPath, paths.more) || more.some((l) => isCurrent(currentPath, l));
  return [
    { href: paths.obligations.myWork, html: myWorkHtml || 'My work', active: isUnder(currentPath, paths.obligations.myWork) },
    ...PRIMARY_LINKS.map((l) => ({ href: l.href, text: l.text, active: isCurrent(currentPath, l) })),
    { href: paths.more, text: 'More', active: moreActive },
  ];
}
