/**
 * Regenerates src/domain/calendar/bank-holidays.england-and-wales.json, the bank holidays the
 * statutory calendar counts working days against. Nobody types these dates in by hand: see
 * docs/adr/0003-bank-holiday-source.md.
 *
 *   npm run calendar:refresh                       GOV.UK's https://www.gov.uk/bank-holidays.json
 *                                                  (england-and-wales division); needs the internet
 *   npm run calendar:refresh -- --source=package   the `date-holidays` npm package (GB, state ENG),
 *                                                  public holidays only, years --from..--to
 *                                                  (defaults 2015..2028)
 *   npm run calendar:refresh -- --check            compare the two sources where both cover a year and
 *                                                  exit 1 on any difference (needs the internet)
 *
 * Both sources are reduced to the GOV.UK shape: weekdays only (a holiday that falls on a Saturday
 * or Sunday is replaced by its substitute day, which both sources list), whole years of coverage.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { dayOfWeek, isValidIsoDate } from '../src/domain/dates.ts';

const GOV_UK_URL = 'https://www.gov.uk/bank-holidays.json';
const OUT = fileURLToPath(new URL('../src/domain/calendar/bank-holidays.england-and-wales.json', import.meta.url));

export type HolidayEvent = { title: string; date: string };
export type HolidayFile = { division: 'england-and-wales'; source: string; generated: string; coverage: { from: string; to: string }; events: HolidayEvent[] };

type GovUkFeed = Record<string, { division: string; events: { title: string; date: string; notes?: string }[] }>;

const isWeekday = (d: string) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6;
const yearOf = (d: string) => Number(d.slice(0, 4));

function finish(events: HolidayEvent[], source: string, fromYear: number, toYear: number, generated: string): HolidayFile {
  const seen = new Set<string>();
  const out: HolidayEvent[] = [];
  for (const e of [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    if (!isValidIsoDate(e.date)) throw new Error(`Not a calendar date in the source: ${JSON.stringify(e)}`);
    if (yearOf(e.date) < fromYear || yearOf(e.date) > toYear || !isWeekday(e.date) || seen.has(e.date)) continue;
    seen.add(e.date);
    out.push({ title: e.title, date: e.date });
  }
  for (let y = fromYear; y <= toYear; y++) {
    // Every year in England and Wales has at least New Year, Good Friday, Easter Monday, two May
    // days, August, Christmas and Boxing Day on weekdays (with substitutes): 8 at least.
    const n = out.filter((e) => yearOf(e.date) === y).length;
    if (n < 8) throw new Error(`Only ${n} bank holidays in ${y}: the source looks incomplete, not writing it`);
  }
  return { division: 'england-and-wales', source, generated, coverage: { from: `${fromYear}-01-01`, to: `${toYear}-12-31` }, events: out };
}

/** GOV.UK's feed: the division as published, titles with their notes ("Christmas Day (substitute day)"). */
export function fromGovUkFeed(feed: GovUkFeed, generated: string): HolidayFile {
  const division = feed['england-and-wales'];
  if (!division || division.division !== 'england-and-wales' || !Array.isArray(division.events)) throw new Error('The GOV.UK feed has no england-and-wales division');
  const events = division.events.map((e) => ({ title: e.notes ? `${e.title} (${e.notes.toLowerCase()})` : e.title, date: e.date }));
  const years = events.map((e) => yearOf(e.date));
  return finish(events, GOV_UK_URL, Math.min(...years), Math.max(...years), generated);
}

/** The date-holidays package: GB, state ENG, public holidays (no observances such as Mother's Day). */
export function fromPackage(fromYear: number, toYear: number, generated: string): HolidayFile {
  const hd = new Holidays('GB', 'ENG', { types: ['public', 'bank'] });
  const events: HolidayEvent[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    for (const h of hd.getHolidays(y)) events.push({ title: h.name, date: h.date.slice(0, 10) });
  }
  const { version } = createRequire(import.meta.url)('date-holidays/package.json') as { version: string };
  return finish(events, `npm:date-holidays@${version} (country GB, state ENG, public holidays)`, fromYear, toYear, generated);
}

async function fetchFeed(): Promise<GovUkFeed> {
  const res = await fetch(GOV_UK_URL, { signal: AbortSignal.timeout(20_000), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${GOV_UK_URL} answered ${res.status}`);
  return (await res.json()) as GovUkFeed;
}

/** Pretty JSON with one holiday a line, so a refresh reads well as a diff. */
export function serialise(file: HolidayFile): string {
  const { events, ...head } = file;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "events": [\n${events.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;
}

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

async function main() {
  const generated = new Date().toISOString().slice(0, 10);
  const source = arg('source') ?? 'govuk';
  if (process.argv.includes('--check')) {
    const gov = fromGovUkFeed(await fetchFeed(), generated);
    const pkg = fromPackage(yearOf(gov.coverage.from), yearOf(gov.coverage.to), generated);
    const a = new Set(gov.events.map((e) => e.date));
    const b = new Set(pkg.events.map((e) => e.date));
    const onlyGov = [...a].filter((d) => !b.has(d));
    const onlyPkg = [...b].filter((d) => !a.has(d));
    console.log(`Only in GOV.UK: ${onlyGov.join(', ') || 'none'}\nOnly in date-holidays: ${onlyPkg.join(', ') || 'none'}`);
    process.exitCode = onlyGov.length || onlyPkg.length ? 1 : 0;
    return;
  }
  let file: HolidayFile;
  if (source === 'govuk') file = fromGovUkFeed(await fetchFeed(), generated);
  else if (source === 'package') file = fromPackage(Number(arg('from') ?? 2015), Number(arg('to') ?? 2028), generated);
  else throw new Error(`Unknown --source=${source}: use govuk or package`);
  writeFileSync(OUT, serialise(file));
  console.log(`Wrote ${file.events.length} bank holidays (${file.coverage.from} to ${file.coverage.to}) from ${file.source} to ${OUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    if (arg('source') !== 'package') console.error('Without the internet, regenerate from the package: npm run calendar:refresh -- --source=package');
    process.exit(1);
  });
}
