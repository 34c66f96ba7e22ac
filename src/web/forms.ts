import type { FastifyReply } from 'fastify';
import { StaleRecordError, ValidationError, type FieldError } from '../services/errors.ts';

/** A form field as the generic templates (views/partials/field.njk) render it. */
export type Field = {
  name: string;
  label: string;
  type?: 'text' | 'select' | 'radios' | 'checkboxes' | 'textarea' | 'date';
  inputType?: 'text' | 'email' | 'tel' | 'number' | 'password';
  hint?: string;
  items?: { value: string; text: string; hint?: { text: string } }[];
  classes?: string;
  autocomplete?: string;
  inputmode?: string;
  placeholder?: string;
};

export type FormBody = Record<string, string | string[] | undefined>;

export const itemsFrom = (o: Record<string, string>, withCode = true) =>
  Object.entries(o).map(([value, text]) => ({ value, text: withCode ? `${text} (${value})` : text }));

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Turns a posted form into the plain input object the domain schemas expect: GOV.UK date inputs
 * (name-day, name-month, name-year) become one YYYY-MM-DD string, checkboxes become arrays, and
 * fields not on the form are dropped.
 */
export function formToInput(body: unknown, fields: Field[]): Record<string, unknown> {
  const b = (body && typeof body === 'object' ? body : {}) as FormBody;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === 'date') {
      const [d, m, y] = ['day', 'month', 'year'].map((p) => (first(b[`${f.name}-${p}`]) ?? '').trim());
      if (!d && !m && !y) out[f.name] = '';
      else if (/^\d{1,2}$/.test(d ?? '') && /^\d{1,2}$/.test(m ?? '') && /^\d{4}$/.test(y ?? '')) {
        out[f.name] = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
      } else if ([d, m, y].some((p) => !p) && [d, m, y].every((p) => /^\d*$/.test(p ?? ''))) {
        // Some boxes left empty: sent as "year-month-day" with those parts empty, so the domain's
        // message can say which ("Date of birth must include a month").
        out[f.name] = `${y}-${m}-${d}`;
      } else out[f.name] = 'invalid';
    } else if (f.type === 'checkboxes') {
      const v = b[f.name];
      out[f.name] = v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '');
    } else {
      out[f.name] = first(b[f.name]) ?? '';
    }
  }
  return out;
}

/** What the form shows again after a failed post: exactly what the user typed. */
export function redisplayValues(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === 'object' ? body : {}) as FormBody;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) if (k !== '_csrf') out[k] = v;
  return out;
}

export function errorList(errors: FieldError[], fields: Field[] = []) {
  return errors.map((e) => {
    const f = fields.find((x) => x.name === e.field);
    if (!f) return { text: e.message, href: '#main-content' };
    // A date links to its first box, or to the first box left empty ("… must include a month").
    const part = /must include a (day|month|year)/.exec(e.message)?.[1] ?? 'day';
    const anchor = f.type === 'date' ? `${e.field}-${part}` : e.field;
    return { text: e.message, href: `#${anchor}` };
  });
}

/** Values for a date field when showing a record for editing. */
export type FormPage = {
  title: string;
  caption?: string;
  action: string;
  backLink?: string;
  submitText?: string;
  fields: Field[];
  values: Record<string, unknown>;
  version?: number;
  warning?: string;
  /** Something the user should know first, in an "Important" banner (for example why they were signed out). */
  notice?: string;
  /** What the user should read before answering, above the form (for example the carers' feedback before a review). */
  context?: { heading: string; rows: { key: string; value: string }[]; empty: string };
};

export function renderForm(reply: FastifyReply, page: FormPage, errors: FieldError[] = [], status = errors.length ? 400 : 200) {
  return reply.code(status).view('record/form.njk', { ...page, errors, errorList: errorList(errors, page.fields) });
}

/**
 * The one round trip for a posted form: run the service; on invalid input re-render with the
 * error summary and the user's input kept; on a stale version say so and overwrite nothing.
 */
export async function handleFormPost(
  reply: FastifyReply,
  body: unknown,
  page: Omit<FormPage, 'values'>,
  run: (input: Record<string, unknown>) => Promise<string>,
) {
  try {
    const redirectTo = await run(formToInput(body, page.fields));
    return reply.redirect(redirectTo, 303);
  } catch (err) {
    const values = redisplayValues(body);
    if (err instanceof ValidationError) return renderForm(reply, { ...page, values }, err.errors);
    if (err instanceof StaleRecordError) {
      return renderForm(reply, { ...page, values }, [{ field: 'form', message: err.message }], 409);
    }
    throw err;
  }
}

export function versionFrom(body: unknown): number {
  const v = Number(first((body as FormBody | undefined)?.version));
  if (!Number.isInteger(v) || v < 1) throw new ValidationError([{ field: 'form', message: 'The form is missing its record version. Reload the page and try again.' }]);
  return v;
}
