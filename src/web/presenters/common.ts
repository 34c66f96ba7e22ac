/**
 * The shapes presenters return: GOV.UK macro parameters as data. A table cell or summary value that
 * needs more than text (a link, a tag, a second line) is a list of parts, drawn by the `richTable` and
 * `richSummaryList` macros of views/partials/rich.njk with the GOV.UK macros and Nunjucks escaping, so no
 * presenter writes HTML. Dates are formatted here, one way each, for every page.
 */
import { addDays, formatDate as formatCalendarDate, type IsoDate } from '../../domain/dates.ts';

/** A GOV.UK tag (govukTag's parameters). */
export type Tag = { text: string; classes?: string };

/**
 * One piece of a cell or value; pieces after the first start on a new line, unless `inline` (after a
 * space) or `inline: 'joined'` (straight after the piece before, as in "H00034: Ann Smith"). Text may
 * be `strong`, `secondary`, a `hint`, `code`, or `visuallyHidden` (read by screen readers only).
 */
type Inline = boolean | 'joined';
export type Part =
  | { text: string; href?: undefined; secondary?: boolean; strong?: boolean; hint?: boolean; visuallyHidden?: boolean; code?: boolean; inline?: Inline }
  | { text: string; href: string; hidden?: string; secondary?: boolean; download?: boolean; inline?: Inline }
  | { tag: Tag; inline?: Inline }
  | { list: string[]; inline?: Inline }
  | { button: Button; inline?: Inline };

/** A one-button form (POST to `action`), as a secondary or warning GOV.UK button; `hidden` ends its name for screen readers. */
export type Button = { text: string; action: string; csrf: string; hidden?: string; classes?: 'govuk-button--secondary' | 'govuk-button--warning' };

/** A table cell: text, or parts (never HTML: the template draws the parts). */
type CellOptions = { classes?: string; format?: 'numeric'; colspan?: number; attributes?: Record<string, string> };
export type Cell = ({ text: string } & CellOptions) | ({ parts: Part[] } & CellOptions);

/** A column heading: text, or parts (a heading only screen readers hear is `{ parts: [visuallyHidden('Action')] }`). */
export type TableHead = ({ text: string; classes?: string; format?: 'numeric' } | { parts: Part[]; classes?: string; format?: 'numeric' })[];
export type Table = { head: TableHead; rows: Cell[][] };

/** A summary list row: its value may be parts too. */
export type SummaryRow = {
  key: { text: string };
  value: { text: string } | { parts: Part[] };
  actions?: { items: { href: string; text: string; visuallyHiddenText?: string }[] };
};

export const text = (t: string): Part => ({ text: t });
export const secondary = (t: string): Part => ({ text: t, secondary: true });
export const strong = (t: string): Part => ({ text: t, strong: true });
/** Grey text under the rest, as a form hint looks (a reference under a name). */
export const hint = (t: string): Part => ({ text: t, hint: true });
export const visuallyHidden = (t: string): Part => ({ text: t, visuallyHidden: true });
export const linkTo = (href: string, t: string, hidden?: string): Part => (hidden ? { text: t, href, hidden } : { text: t, href });
export const tagPart = (tag: Tag, inline = false): Part => (inline ? { tag, inline } : { tag });
/** Text set as code (a token's first characters). */
export const codeText = (t: string): Part => ({ text: t, code: true });
/** A link that downloads its file. */
export const downloadLink = (href: string, t: string, hidden?: string): Part => (hidden ? { text: t, href, hidden, download: true } : { text: t, href, download: true });
/** A GOV.UK list, one line each. */
export const listPart = (lines: string[]): Part => ({ list: lines });

/** A calendar date, as every page shows it: "21 December 2023" (empty for none). */
export function formatDate(date: IsoDate | null | undefined): string {
  return formatCalendarDate(date);
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

/** A time of day as GOV.UK writes it: "2:15pm", "9am", "midday", "midnight". */
export function formatTime(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

/** A moment, in England's time, as every page shows it: "21 December 2023 at 2:05pm" (empty for none). */
export function formatDateTime(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  const p = Object.fromEntries(DATE_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} at ${formatTime(Number(p.hour), Number(p.minute))}`;
}

/** govukPagination's parameters for page `page` of `pages` of a list at `path` with its filters (none when one page holds it all). */
export function pagination(path: string, filters: Record<string, string | undefined>, page: number, pages: number) {
  if (pages <= 1) return undefined;
  const href = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, v);
    if (n > 1) q.set('page', String(n));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n.toLocaleString('en-GB'), href: href(n), current: n === page });
  });
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}

/**
 * What a paged list page shows around its rows: the true total ("1,234"), which of them this page
 * holds ("51 to 100 of 1,234", when there is more than one page) and govukPagination's parameters,
 * whose links keep the filters.
 */
export function listPaging(path: string, filters: Record<string, string | undefined>, list: { items: readonly unknown[]; total: number; page: number; pages: number; pageSize: number }) {
  return {
    count: list.total.toLocaleString('en-GB'),
    showing: list.pages > 1 && list.items.length ? pageRange(list.page, list.pageSize, list.items.length, list.total) : undefined,
    pagination: pagination(path, filters, list.page, list.pages),
  };
}

/** "51 to 100 of 1,234" for a page of a list. */
export function pageRange(page: number, pageSize: number, shown: number, total: number): string {
  const first = (page - 1) * pageSize + 1;
  return `${first.toLocaleString('en-GB')} to ${(first + shown - 1).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`;
}

/** What a record's summary needs of an obligation. */
export type GlanceObligation = { title: string; status: string; dueOn: IsoDate; dueText: string };

/** The last rows of a record's summary (a child's, a household's): what is overdue, and what is due in the next 7 days, each counted and listed. */
export function glanceObligationRows(obligations: readonly GlanceObligation[], today: IsoDate): SummaryRow[] {
  const overdue = obligations.filter((o) => o.status === 'overdue');
  const weekEnd = addDays(today, 7);
  const thisWeek = obligations.filter((o) => (o.status === 'due_soon' || o.status === 'not_yet_due') && o.dueOn <= weekEnd);
  const listed = (items: readonly GlanceObligation[], none: string): Cell => (items.length ? { parts: [listPart(items.map((o) => `${o.title}: ${o.dueText}`))] } : { text: none });
  return [
    { key: { text: `Overdue (${overdue.length})` }, value: listed(overdue, 'Nothing overdue') },
    { key: { text: `Due in the next 7 days (${thisWeek.length})` }, value: listed(thisWeek, 'Nothing due') },
  ];
}
