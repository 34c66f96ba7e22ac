/** The SSDA903 return: choose a year, check the data, download the files. */
import type { Services } from '../../services/index.ts';
import type { ReturnCheck } from '../../services/ssda903.ts';
import { ValidationError } from '../../services/errors.ts';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import { paths } from '../../http/paths.ts';
import { queryString } from '../../http/query.ts';
import { attachmentHeader } from '../../http/files.ts';
import { presentCheck, returnFiles, yearItems } from '../presenters/ssda903.ts';

export const returnRoutes = ({ returns: s }: Services) => [
  defineRoute({
    method: 'GET',
    url: paths.returns.ssda903,
    access: 'return:read',
    // Written only when the data is checked; choosing a year shows no one's records.
    audit: 'return.validated',
    handler: async (req, reply) => {
      const { labels, defaultLabel, current } = s.years();
      const year = queryString(req.query, 'year') ?? defaultLabel;
      const checking = queryString(req.query, 'check') === 'yes';
      const previous = queryString(req.query, 'previous') === 'yes';
      const page = { title: 'SSDA903 return', yearItems: yearItems(labels, year, current), year, previous };
      let check: ReturnCheck | null = null;
      try {
        s.parseYear(year);
        if (checking) check = await s.validate(req.ctx(), year, previous);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.code(400).view('reports/ssda903.njk', { ...page, errors: err.errors, errorList: err.errors.map((e) => ({ text: e.message, href: '#year' })), yearError: err.errors[0]?.message });
      }
      return reply.view('reports/ssda903.njk', { ...page, files: returnFiles(year), check: check ? presentCheck(check) : null });
    },
  }),

  defineRoute({
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
  }),
];
