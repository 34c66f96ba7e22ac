import nunjucks from 'nunjucks';
import { ROLE_LABELS, can, type Permission, type Role } from '../domain/access/index.ts';
import { paths } from '../http/paths.ts';
import { formatDate, formatDateTime, type Part } from './presenters/common.ts';
import { navigationItems } from './presenters/navigation.ts';
import { withMeaning, type CodeKind } from '../domain/ssda903/meanings.ts';

type PartsMacro = (parts: Part[]) => unknown;
type WithParts = { parts?: Part[] } & Record<string, unknown>;

/** A cell or value given as parts becomes govuk's `html`, drawn by the `parts` macro (escaped). */
function richValue(value: WithParts | undefined, draw: PartsMacro): unknown {
  if (!value || !Array.isArray(value.parts)) return value;
  const { parts, ...rest } = value;
  return { ...rest, html: draw(parts) };
}

/** Filters and globals for every template. */
export function configureNunjucks(env: nunjucks.Environment): void {
  // Nunjucks' own trim (`str.replace(/^\s*|\s*$/g, '')`) takes time quadratic in a run of
  // whitespace, and the GOV.UK macros trim what they wrap: on a page of a few hundred table rows it
  // was most of the rendering time. String.prototype.trim removes the same characters (\s is
  // ECMAScript's WhiteSpace and LineTerminator, which trim removes), in linear time; a safe string stays safe.
  env.addFilter('trim', (str: unknown) => {
    const trimmed = String(str).trim();
    return str instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addGlobal('paths', paths);
  env.addGlobal('serviceName', 'Hearth');
  env.addGlobal('navigationItems', navigationItems);
  env.addGlobal('can', (user: { role: Role } | null | undefined, permission: Permission) => (user ? can(user.role, permission) : false));
  env.addFilter('date', (d: string | null | undefined) => formatDate(d));
  env.addFilter('dateTime', (d: Date | string | null | undefined) => formatDateTime(d));
  // A code with its meaning: {{ p.placementType | withMeaning('placementType') }} → "U6: Foster placement …".
  env.addFilter('withMeaning', (code: string | null | undefined, kind: CodeKind) => withMeaning(kind, code));
  env.addFilter('roleLabel', (r: Role) => ROLE_LABELS[r] ?? r);
  env.addFilter('errorFor', (errors: { field: string; message: string }[] | undefined, field: string) => {
    const e = errors?.find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return e ? { text: e.message } : undefined;
  });
  // For views/partials/rich.njk.
  env.addFilter('richCell', (cell: WithParts, draw: PartsMacro) => richValue(cell, draw));
  env.addFilter('richSummaryRow', (row: { value?: WithParts } & Record<string, unknown>, draw: PartsMacro) => ({ ...row, value: richValue(row.value, draw) }));
  env.addFilter('withRows', (params: Record<string, unknown>, rows: unknown[]) => ({ ...params, rows }));
  env.addFilter('withHead', (params: Record<string, unknown>, head: unknown[]) => (Array.isArray(params.head) ? { ...params, head } : params));
}
