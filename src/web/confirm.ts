/**
 * The confirmation step before an action that cannot be undone from the page (unlinking, removing,
 * revoking, withdrawing): a GET page asking "Are you sure…", with a warning text and a button pair, that
 * posts `confirm=yes` to the same address. Works without JavaScript. A post without that answer
 * changes nothing and shows the question again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { noFlash } from './flash.ts';
import type { SummaryRow } from './presenters/common.ts';

export type ConfirmPage = {
  /** The question, as the page's heading: "Are you sure you want to unlink …?" */
  title: string;
  caption?: string;
  /** What it does, in a GOV.UK warning text. */
  warning: string;
  /** The record it acts on, as summary list rows. */
  rows?: SummaryRow[];
  /** Where the answer is posted (the page's own address). */
  action: string;
  /** The primary (warning) button: "Yes, unlink". */
  confirmText: string;
  /** Where "No, go back" goes. */
  cancelHref: string;
  /** The version of the record as the page showed it: the action is refused if it has changed since (someone else's edit). */
  version?: number;
};

/** The field and value a confirmation posts. */
const CONFIRM_FIELD = 'confirm';
const CONFIRM_VALUE = 'yes';

export function renderConfirm(reply: FastifyReply, page: ConfirmPage) {
  return reply.view('pages/confirm.njk', { ...page, backLink: page.cancelHref, confirmField: CONFIRM_FIELD, confirmValue: CONFIRM_VALUE });
}

/** Whether the post carries the answer "yes" from the confirmation page. */
export function confirmed(body: unknown): boolean {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[CONFIRM_FIELD] : undefined;
  return [v].flat()[0] === CONFIRM_VALUE;
}

/** A post that did not come from the confirmation page: nothing changes; the question is asked (no banner). */
export function askFirst(req: FastifyRequest, reply: FastifyReply, confirmPage: string) {
  noFlash(req);
  return reply.redirect(confirmPage, 303);
}
