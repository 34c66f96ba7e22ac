import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { route } from '../http/route.ts';
import { paths } from '../http/paths.ts';
import { z } from 'zod';
import { fixHref } from '../web/presenters/ssda903.ts';
import { docs } from './helpers.ts';
import { Int, IsoDate, Uuid, describing } from './responses.ts';

const tag = 'Returns';
const validationPath = (year = ':year') => `${paths.api.root}/returns/ssda903/${year}/validation`;
const filePath = (year = ':year', file = ':file') => `${paths.api.root}/returns/ssda903/${year}/files/${file}`;
const YearParams = z.object({ year: z.string().meta({ pattern: '^\\d{4}-\\d{2}$', description: 'Collection year, 1 April to 31 March: 2025-26' }) });
const FileParams = YearParams.extend({ file: z.string().meta({ description: 'The file name, for example episodes.csv' }) });

type Check = Services['returns']['validate'] extends (...args: never[]) => Promise<infer R> ? R : never;

/** A return's check as the API gives it: each failure with where to fix it. */
function presentCheck(check: Check) {
  return {
    year: check.year.label,
    children: check.children,
    episodes: check.episodes,
    previousYear: check.previousYear,
    failures: check.failures.map((f) => ({
      childReference: f.childReference,
      childId: f.childRecordId,
      rule: f.rule,
      severity: f.severity ?? 'error',
      message: f.message,
      howToFix: f.howToFix ?? null,
      dfeMessage: f.dfeMessage ?? null,
      file: f.file ?? null,
      rowIndex: f.rowIndex ?? null,
      fields: f.fields ?? [],
      area: f.area ?? null,
      link: f.fix ? fixHref(f.fix) : null,
    })),
    problems: check.problems.map((p) => ({ childReference: p.childReference, childId: p.childRecordId, date: p.date, message: p.message, link: fixHref(p.fix) })),
  };;
}

const Link = z.string().meta({ description: 'The Hearth page where it is corrected' });

const ReturnCheck = describing<ReturnType<typeof presentCheck>>()(
  z.object({
    year: z.string().meta({ description: 'The collection year, e.g. 2025-26' }),
    children: Int.meta({ description: 'Children in the return' }),
    episodes: Int.meta({ description: 'Episodes in the return' }),
    previousYear: z.boolean().meta({ description: "Whether the previous year's return was compared" }),
    failures: z.array(
      z.object({
        childReference: z.string(),
        childId: Uuid.nullable(),
        rule: z.string().meta({ description: 'The DfE rule number' }),
        severity: z.enum(['error', 'warning']),
        message: z.string().meta({ description: 'In plain English' }),
        howToFix: z.string().nullable(),
        dfeMessage: z.string().nullable().meta({ description: "The DfE's own message" }),
        file: z.enum(['header', 'episodes', 'uasc', 'reviews', 'missing', 'swEpisodes', 'ad1', 'placedAdoption']).nullable(),
        rowIndex: Int.nullable(),
        fields: z.array(z.string()),
        area: z.enum(['child', 'history', 'missing', 'category_of_need', 'placement', 'social_worker', 'legal_status', 'care_ending', 'review', 'adoption']).nullable(),
        link: Link.nullable(),
      }),
    ),
    problems: z
      .array(z.object({ childReference: z.string(), childId: Uuid, date: IsoDate, message: z.string(), link: Link }))
      .meta({ description: 'Records that contradict each other, so that episodes could not be derived as recorded' }),
  }),
);

/** The SSDA903 return: its validation failures and its files. */
export function returnApi(api: FastifyInstance, services: Services) {
  const s = services.returns;

  route(api, {
    method: 'GET',
    url: validationPath(),
    access: 'return:read',
    audit: 'return.validated',
    ...docs({
      tag,
      summary:
        'Check the SSDA903 return for a collection year against the DfE validation rules Hearth holds the fields for. Each failure has the child (reference and record id), ' +
        'the DfE rule number, a plain-English message, how to fix it, its severity, the file and row, and `link`: the Hearth page where it is corrected. ' +
        '`problems` lists records that contradict each other, so that episodes could not be derived as recorded.',
      query: z.object({ previous: z.enum(['yes', 'no']).meta({ description: "yes: also compare with the previous year's return (the checks that compare years)" }).optional() }),
      params: YearParams,
      response: ReturnCheck,
    }),
    handler: async (req) => presentCheck(await s.validate(req.ctx(), req.params.year, req.query.previous === 'yes')),
  });

  route(api, {
    method: 'GET',
    url: filePath(),
    access: 'return:read',
    audit: 'return.exported',
    ...docs({
      tag,
      summary:
        'One file of the SSDA903 return for a collection year: header.csv, episodes.csv, uasc.csv, reviews.csv, missing.csv, sw_episodes.csv (from 2023-24) or ssda903.xml. ' +
        "CSV with the DfE's columns, UTF-8, dates dd/mm/yyyy.",
      params: FileParams,
      produces: ['text/csv', 'application/xml'],
    }),
    handler: async (req, reply) => {
      const { year, file } = req.params;
      const [f] = (await s.export(req.ctx(), year, file)).files;
      if (!f) throw new Error('export returned no file');
      return reply
        .header('content-type', f.name.endsWith('.xml') ? 'application/xml; charset=utf-8' : 'text/csv; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(f.content);
    },
  });
}
