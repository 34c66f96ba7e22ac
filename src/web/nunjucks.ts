import type nunjucks from 'nunjucks';
import { formatDate } from '../domain/dates.ts';
import { ROLE_LABELS, can, type Permission, type Role } from '../domain/access/index.ts';
import { paths } from '../http/paths.ts';

/** Filters and globals for every template. */
export function configureNunjucks(env: nunjucks.Environment): void {
  env.addGlobal('paths', paths);
  env.addGlobal('serviceName', 'Hearth');
  env.addGlobal('can', (user: { role: Role } | null | undefined, permission: Permission) => (user ? can(user.role, permission) : false));
  env.addFilter('date', (d: string | null | undefined) => formatDate(d));
  env.addFilter('dateTime', (d: Date | string | null | undefined) => {
    if (!d) return '';
    const date = typeof d === 'string' ? new Date(d) : d;
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(date);
  });
  env.addFilter('roleLabel', (r: Role) => ROLE_LABELS[r] ?? r);
  env.addFilter('errorFor', (errors: { field: string; message: string }[] | undefined, field: string) => {
    const e = errors?.find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return e ? { text: e.message } : undefined;
  });
}
