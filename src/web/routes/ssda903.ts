import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services/index.ts';
import { XML_FILE_NAME, type FixTarget, type ReturnCheck } from '../../services/ssda903.ts';
import { ValidationError } from '../../services/errors.ts';
import { formatDate } from '../../domain/dates.ts';
import { RETURN_FILE_NAMES, hasSwEpisodesFile } from '../../domain/ssda903/write.ts';
import { z } from 'zod';
import { route } from '../../http/route.ts';
import { fixHref } from '../presenters/ssda903.ts';
import { paths } from '../../http/paths.ts';
import { escapeHtml, link } from '../html.ts';
import { queryString } from '../../http/query.ts';
import { attachmentHeader } from '../../http/files.ts';


const FIX_TEXT = { placement: 'Correct the placement', child: "Correct the child's record" } as const;

/** The files of a year's return, in the order they are offered for download. */
export function returnFileNames(year: string): string[] {
  return [...Object.values(RETURN_FILE_NAMES).filter((n) => n !== RETURN_FILE_NAMES.swEpisodes || hasSwEpisodesFile(year)), XML_FILE_NAME];
}

/** What a failure says without its "how to fix", which has a column of its own. */
function detailOf(message: string, howToFix: string | undefined): string {
  return howToFix && message.endsWith(howToFix) ? message.slice(0, message.length - howToFix.length).trim() : message;
}

function childCell(reference: string, childRecordId: string | null) {
  return childRecordId ? { html: link(paths.children.show(childRecordId), reference) } : { text: reference };
}

function fixCell(text: string, fix: FixTarget | undefined) {
  const html = escapeHtml(text) + (fix ? `<br>${link(fixHref(fix), FIX_TEXT[fix.kind])}` : '');
  return { html };
}

function presentCheck(check: ReturnCheck) {
  const errors = check.failures.filter((f) => f.severity !== 'warning').length;
  return {
    summary: { children: check.children, episodes: check.episodes, errors, warnings: check.failures.length - errors, problems: check.problems.length },
    failureRows: check.failures.map((f) => [
      childCell(f.childReference, f.childRecordId),
      { text: f.rule },
      { text: detailOf(f.message, f.howToFix) },
      fixCell(f.howToFix ?? '', f.fix),
      { html: f.severity === 'warning' ? '<strong class="govuk-tag govuk-tag--yellow">Warning</strong>' : '<strong class="govuk-tag govuk-tag--red">Error</strong>' },
    ]),
    problemRows: check.problems.map((p) => [childCell(p.childReference, p.childRecordId), { text: formatDate(p.date) }, fixCell(p.message, p.fix)]),
  };
}

/** The SSDA903 return: choose a year, check the data, download the files. */
export function returnRoutes(app: FastifyInstance, services: Services) {
  const s = services.returns;

  route(app, {
    method: 'GET',
    url: paths.returns.ssda903,
    access: 'return:read',
    // Written only when the data is checked; choosing a year shows no one's records.
    audit: 'return.validated',
    handler: async (req, reply: FastifyReply) => {
      const { labels, defaultLabel, current } = s.years();
      const year = queryString(req.query, 'year') ?? defaultLabel;
      const checking = queryString(req.query, 'check') === 'yes';
      const previous = queryString(req.query, 'previous') === 'yes';
      const page = {
        title: 'SSDA903 return',
        yearItems: labels.map((l) => ({ value: l, text: `${l}${l === current ? ' (current year, so far)' : ''}`, selected: l === year })),
        year,
        previous,
      };
      let check: ReturnCheck | null = null;
      try {
        s.parseYear(year);
        if (checking) check = await s.validate(req.ctx(), year, previous);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.code(400).view('reports/ssda903.njk', { ...page, errors: err.errors, errorList: err.errors.map((e) => ({ text: e.message, href: '#year' })), yearError: err.errors[0]?.message });
      }
      return reply.view('reports/ssda903.njk', {
        ...page,
        files: returnFileNames(year).map((name) => ({ name, href: paths.returns.ssda903File(year, name) })),
        check: check ? presentCheck(check) : null,
      });
    },
  });

  route(app, {
    method: 'GET',
    url: paths.returns.ssda903File(),
    access: 'return:read',
    audit: 'return.exported',
    params: z.object({ year: z.string(), file: z.string() }),
    handler: async (req, reply) => {
      const { year, file } = req.params;
      const { files } = await s.export(req.ctx(), year, file);
      const [f] = files;
      if (!f) throw new Error('export returned no file');
      return reply
        .header('content-type', f.name.endsWith('.xml') ? 'application/xml; charset=utf-8' : 'text/csv; charset=utf-8')
        .header('content-disposition', attachmentHeader(`ssda903-${year}-${f.name}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(f.content);
    },
  });
}
