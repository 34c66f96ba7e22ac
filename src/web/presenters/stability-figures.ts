/**
 * The placement stability figures page: its filters, the table of months, the chart drawn from the same
 * numbers (a server-rendered SVG: d3-scale places the points and d3-shape draws the lines; the template
 * writes the elements, so no presenter writes markup), and the CSV.
 */
import { stringify } from 'csv-stringify/sync';
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { Field } from '../forms.ts';
import type { MonthFigures, Ratio } from '../../domain/stability/figures.ts';
import { percent } from '../../domain/stability/figures.ts';
import type { StabilityFiguresView } from '../../services/stability-figures.ts';
import type { Cell, Table } from './common.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "March 2026" for the month ending on that day. */
export const monthName = (monthEnd: string) => `${MONTHS[Number(monthEnd.slice(5, 7)) - 1] ?? ''} ${monthEnd.slice(0, 4)}`;
const shortMonth = (monthEnd: string) => `${(MONTHS[Number(monthEnd.slice(5, 7)) - 1] ?? '').slice(0, 3)} ${monthEnd.slice(2, 4)}`;

export const stabilityFigureFields = (teams: { value: string; text: string }[], workers: { value: string; text: string }[]): Field[] => [
  { name: 'teamId', label: 'Team', type: 'select', items: teams, placeholder: 'All teams', hint: 'The children allocated to the team’s social workers now' },
  { name: 'workerId', label: 'Social worker', type: 'select', items: workers, placeholder: 'Any social worker', hint: 'The children allocated to them now' },
  { name: 'householdReference', label: 'Household reference', hint: 'The children placed with the household, for example H00034', classes: 'govuk-input--width-10' },
];

const ratioText = (r: Ratio) => {
  const p = percent(r);
  return p === null ? 'No children counted' : `${p}% (${r.children} of ${r.of})`;
};
const num = (n: number): Cell => ({ text: String(n), format: 'numeric' });

/** Every month, newest first: the two indicators with the children behind them, and the month's events. */
export function figuresTable(months: readonly MonthFigures[]): Table {
  return {
    head: [
      { text: 'Month' },
      { text: 'Three or more placements in the year', format: 'numeric' },
      { text: 'Same placement for two years', format: 'numeric' },
      { text: 'Unplanned endings', format: 'numeric' },
      { text: 'Moves agreed', format: 'numeric' },
      { text: 'Urgent moves', format: 'numeric' },
      { text: 'Concerns raised', format: 'numeric' },
      { text: 'Working days to the meeting (median)', format: 'numeric' },
    ],
    rows: [...months].reverse().map((m) => [
      { text: monthName(m.monthEnd) },
      { text: ratioText(m.threeOrMorePlacements), format: 'numeric' },
      { text: ratioText(m.samePlacementTwoYears), format: 'numeric' },
      num(m.unplannedEndings),
      num(m.movesAgreed),
      num(m.urgentMoves),
      num(m.concerns),
      {
        text: m.medianWorkingDaysToMeeting === null ? (m.concerns ? 'No meeting yet' : 'No concerns') : `${m.medianWorkingDaysToMeeting} (${m.concernsWithMeeting} of ${m.concerns} met)`,
        format: 'numeric',
      },
    ]),
  };
}

export type ChartSeries = { name: string; path: string; className: string; points: { x: number; y: number; label: string }[] };
export type LineChart = {
  width: number;
  height: number;
  title: string;
  description: string;
  series: ChartSeries[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  plot: { left: number; right: number; top: number; bottom: number };
};

/** The two indicators as percentages by month: a line each, distinguished by pattern and marker as well as colour. */
export function indicatorChart(months: readonly MonthFigures[], scopeLabel: string): LineChart {
  const width = 720;
  const height = 320;
  const plot = { left: 48, right: width - 16, top: 16, bottom: height - 40 };
  const x = scalePoint<string>().domain(months.map((m) => m.monthEnd)).range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, 100]).range([plot.bottom, plot.top]);
  const seriesOf = (name: string, className: string, pick: (m: MonthFigures) => Ratio): ChartSeries => {
    const points = months.flatMap((m) => {
      const p = percent(pick(m));
      return p === null ? [] : [{ x: x(m.monthEnd) ?? plot.left, y: y(p), label: `${monthName(m.monthEnd)}: ${p}%` }];
    });
    const path = line<{ x: number; y: number }>().x((p) => p.x).y((p) => p.y)(points) ?? '';
    return { name, className, path, points };
  };
  const latest = months[months.length - 1];
  const first = months[0];
  return {
    width,
    height,
    plot,
    title: `Placement stability indicators by month: ${scopeLabel}`,
    description:
      first && latest
        ? `From ${monthName(first.monthEnd)} to ${monthName(latest.monthEnd)}. In ${monthName(latest.monthEnd)}: three or more placements in the year, ${ratioText(latest.threeOrMorePlacements)}; same placement for two years, ${ratioText(latest.samePlacementTwoYears)}. The table below has every month's figures.`
        : 'No months to show.',
    series: [seriesOf('Three or more placements in the year', 'hearth-chart__line--a', (m) => m.threeOrMorePlacements), seriesOf('Same placement for two years', 'hearth-chart__line--b', (m) => m.samePlacementTwoYears)],
    // Every third month is labelled, so the labels fit at any width the SVG is scaled to.
    xTicks: months.flatMap((m, i) => (i % 3 === (months.length - 1) % 3 ? [{ x: x(m.monthEnd) ?? plot.left, label: shortMonth(m.monthEnd) }] : [])),
    yTicks: [0, 25, 50, 75, 100].map((v) => ({ y: y(v), label: `${v}%` })),
  };
}

/** The CSV: one row a month, oldest first, with the children behind each percentage. */
export function figuresCsv(view: StabilityFiguresView): string {
  const header = [
    'scope',
    'month_end',
    'three_or_more_placements_children',
    'three_or_more_placements_of',
    'same_placement_two_years_children',
    'same_placement_two_years_of',
    'unplanned_endings',
    'moves_agreed',
    'urgent_moves',
    'concerns',
    'concerns_with_meeting',
    'median_working_days_to_meeting',
  ];
  const rows = view.months.map((m) => [
    view.scope.label,
    m.monthEnd,
    m.threeOrMorePlacements.children,
    m.threeOrMorePlacements.of,
    m.samePlacementTwoYears.children,
    m.samePlacementTwoYears.of,
    m.unplannedEndings,
    m.movesAgreed,
    m.urgentMoves,
    m.concerns,
    m.concernsWithMeeting,
    m.medianWorkingDaysToMeeting ?? '',
  ]);
  const safe = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return stringify([header, ...rows.map((r) => r.map(safe))], { record_delimiter: 'windows' });
}
