import crypto from 'node:crypto';
import os from 'node:os';
import nodemailer from 'nodemailer';
import type { Db, DbOrTx } from '../data/db.ts';
import * as queue from '../data/repositories/email-queue.ts';
import { childrenOfRelated } from '../data/repositories/related-children.ts';
import { readPage, type Listed, type Paging } from './paging.ts';
import { writeAudit } from '../audit/writer.ts';
import type { MailConfig } from '../config.ts';
import type { Ctx } from './context.ts';
import { NotFoundError, ValidationError, type FieldError } from './errors.ts';
import { isUuid } from '../domain/ids.ts';
import { loggableError } from '../logging.ts';

/**
 * E-mail that Hearth sends. Every message is first written to `outbound_email` in the caller's
 * transaction (so it exists exactly when the change that caused it does, with an 'email.sent' audit
 * row). With SMTP configured the row waits for `deliverPending`, which sends it over SMTP and marks it
 * sent or failed; without SMTP (the default run) the outbox *is* the delivery: the row is marked sent
 * when it is written and people read it on the outbox page.
 */

export type EmailTransport = 'smtp' | 'outbox';

export type EmailMessage = {
  to: string[];
  subject: string;
  body: string;
  /** What the message is about, e.g. { type: 'agreement', id } (the outbox can be filtered by type). */
  related?: { type: string; id: string };
  /**
   * Parts of the body only its recipients may read (a secure link's token): sent as written, but
   * masked in the copy the outbox shows to anyone else.
   */
  secrets?: string[];
};

/** What a secret is replaced by in the outbox copy. */
export const MASKED_SECRET = '[link hidden: only its recipient can see it]';

export type OutboundEmail = queue.OutboundEmailRow;
export type OutboxItem = Omit<OutboundEmail, 'bodyText' | 'bodySecret'>;
/** One message as the outbox shows it: `bodyText` is the full text only for its recipients (`masked` says when it is not). */
export type OutboxMessage = Omit<OutboundEmail, 'bodySecret'> & { createdByName: string | null; masked: boolean };

export const DEFAULT_MAIL: MailConfig = { from: 'Hearth <no-reply@hearth.test>', smtp: null };

/**
 * How long a process may take to send a message it has claimed before another may take it over: far
 * longer than a send can last with the transport's timeouts below (10 s to connect, 10 s for the
 * greeting, 30 s of silence on the socket).
 */
export const LEASE_MS = 10 * 60_000;
/** This process, as recorded on the messages it claims (host, process id and a random part). */
const INSTANCE = `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const RELATED_TYPE = /^[a-z][a-z0-9_-]{0,39}$/;

/** A plain address (no display name): local part, @, a domain with at least one dot. */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return local.length <= 64 && LOCAL_PART.test(local) && DOMAIN.test(domain);
}

/** Checks a message and returns it tidied (addresses trimmed and de-duplicated), or throws listing every problem. */
export function checkMessage(msg: EmailMessage): EmailMessage {
  const errors: FieldError[] = [];
  const to: string[] = [];
  const seen = new Set<string>();
  for (const raw of Array.isArray(msg.to) ? msg.to : []) {
    const address = typeof raw === 'string' ? raw.trim() : '';
    if (!isEmailAddress(address)) {
      errors.push({ field: 'to', message: `"${String(raw)}" is not a valid e-mail address, like name@example.org` });
      continue;
    }
    if (seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    to.push(address);
  }
  if (!errors.length && to.length === 0) errors.push({ field: 'to', message: 'Give at least one e-mail address to send to' });
  if (to.length > 50) errors.push({ field: 'to', message: 'Send to at most 50 addresses' });
  const subject = typeof msg.subject === 'string' ? msg.subject.trim() : '';
  if (!subject) errors.push({ field: 'subject', message: 'Give the e-mail a subject' });
  else if (/[\r\n]/.test(subject)) errors.push({ field: 'subject', message: 'The subject must be on one line' });
  else if (subject.length > 300) errors.push({ field: 'subject', message: 'The subject must be 300 characters or fewer' });
  const body = typeof msg.body === 'string' ? msg.body : '';
  if (!body.trim()) errors.push({ field: 'body', message: 'The e-mail has no text' });
  else if (body.length > 200_000) errors.push({ field: 'body', message: 'The e-mail text must be 200,000 characters or fewer' });
  if (msg.related) {
    if (!RELATED_TYPE.test(msg.related.type)) errors.push({ field: 'related.type', message: 'The related record type must be a short lower-case word' });
    if (!isUuid(msg.related.id)) errors.push({ field: 'related.id', message: 'The related record id must be a UUID' });
  }
  const secrets = (msg.secrets ?? []).filter((x) => typeof x === 'string' && x.length >= 8);
  if (errors.length) throw new ValidationError(errors);
  return { to, subject, body, ...(msg.related ? { related: msg.related } : {}), ...(secrets.length ? { secrets } : {}) };
}

/**
 * Writes one e-mail in the caller's transaction, with its 'email.sent' audit row, and returns its id.
 * An 'outbox' message is delivered by being written (sent_at = created_at); an 'smtp' one waits for
 * the e-mail service's `deliverPending`, which runs after the caller's transaction has committed.
 */
export async function enqueueEmail(tx: DbOrTx, ctx: Ctx, msg: EmailMessage, transport: EmailTransport): Promise<string> {
  const m = checkMessage(msg);
  const masked = (m.secrets ?? []).reduce((text, secret) => text.split(secret).join(MASKED_SECRET), m.body);
  const row = await queue.insertEmail(
    tx,
    {
      toAddresses: m.to,
      subject: m.subject,
      // The outbox copy never carries a secret; the text as sent is kept apart for the sender and the recipients.
      bodyText: masked,
      bodySecret: masked === m.body ? null : m.body,
      relatedType: m.related?.type ?? null,
      relatedId: m.related?.id ?? null,
      createdBy: ctx.actor?.userId ?? null,
      transport,
    },
    // now() is the transaction's start time, the same value created_at defaults to.
    transport === 'outbox',
  );
  const id = row.id;
  await writeAudit(tx, ctx, {
    action: 'email.sent',
    subjectType: 'email',
    subjectId: id,
    details: { transport, to: m.to, ...(m.related ? { relatedType: m.related.type, relatedId: m.related.id } : {}) },
  });
  return id;
}

export type DeliveryLog = { error: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void };

export function createEmailService(db: Db, mail: MailConfig = DEFAULT_MAIL) {
  const transport: EmailTransport = mail.smtp ? 'smtp' : 'outbox';
  const smtp = mail.smtp;
  const transporter = smtp
    ? nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user && smtp.password ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;

  /** Writes a message in the caller's transaction with this service's transport. */
  function enqueue(tx: DbOrTx, ctx: Ctx, msg: EmailMessage): Promise<string> {
    return enqueueEmail(tx, ctx, msg, transport);
  }

  /**
   * Sends every SMTP message not yet sent or failed. Several callers may run at once, in this process
   * or in another Hearth process on the same database, and each message is sent once:
   *
   * 1. claim: in a short transaction the oldest unclaimed message is locked (FOR UPDATE SKIP LOCKED, so
   *    two claimers pass each other instead of queueing) and a lease is written to
   *    `outbound_email_claim`, only if no live lease is there (the upsert's condition is the guard:
   *    whoever commits first wins and the other gets no row back);
   * 2. send over SMTP with no transaction open;
   * 3. mark the message sent (or failed, with the server's answer) in another short transaction.
   *
   * Why a lease rather than holding the row lock while sending: a send can take tens of seconds (the
   * transport's timeouts), and an open transaction for that long holds a pooled connection on
   * PostgreSQL and, on the embedded database (one connection), stops every other request until the mail
   * server answers. The lease (LEASE_MS) is far longer than a send can take with those timeouts, so a
   * live sender never loses its message to another process. If a process stops between claiming and
   * marking, the lease runs out and the message is sent again (at least once, never silently lost).
   * Returns how many were sent by this call.
   */
  async function deliverPending(limit = 500): Promise<number> {
    if (!transporter) return 0;
    let sent = 0;
    for (let i = 0; i < limit; i += 1) {
      const claim = await claimNext();
      if (claim === 'none') break;
      if (claim === 'taken') continue;
      const m = claim;
      let outcome: { sentAt: Date | null; error: string | null };
      try {
        const info = await transporter.sendMail({ from: mail.from, to: m.toAddresses, subject: m.subject, text: m.bodySecret ?? m.bodyText });
        const refused = (info.rejected ?? []).map(String);
        outcome = { sentAt: new Date(), error: refused.length ? `Refused by the mail server for: ${refused.join(', ')}` : null };
        sent += 1;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        outcome = { sentAt: null, error: (message || 'The mail server refused the message').slice(0, 2000) };
      }
      // What happened is recorded whoever holds the lease now: the message has been handed over (or refused).
      await queue.recordEmailOutcome(db, m.id, outcome);
    }
    return sent;
  }

  /** Step 1 of deliverPending: the next message this process may send, or why there is none. */
  async function claimNext(): Promise<OutboundEmail | 'none' | 'taken'> {
    return db.transaction(async (tx) => {
      const row = await queue.lockNextUnsentEmail(tx);
      if (!row) return 'none';
      const claimId = crypto.randomUUID();
      const won = await queue.claimEmail(tx, row.id, claimId, INSTANCE, LEASE_MS / 1000);
      return won === claimId ? row : 'taken';
    });
  }

  /**
   * Runs deliverPending every `everyMs` (SMTP only; without SMTP there is nothing to do). Returns a
   * function that stops it. The timer does not keep the process alive.
   */
  function startDeliveryLoop(opts: { everyMs?: number; log?: DeliveryLog } = {}): () => void {
    if (!transporter) return () => undefined;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      deliverPending()
        .then((n) => {
          if (n) opts.log?.info?.({ sent: n }, 'e-mail sent');
        })
        .catch((err: unknown) => opts.log?.error({ error: loggableError(err) }, 'e-mail delivery failed'))
        .finally(() => {
          running = false;
        });
    }, opts.everyMs ?? 15_000);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** A page of the outbox, newest first, optionally only messages about one kind of record, and how many there are in all. */
  async function list(ctx: Ctx, filter: { relatedType?: string | undefined } = {}, paging: Paging = {}): Promise<Listed<OutboxItem> & { relatedTypes: string[] }> {
    return db.transaction(async (tx) => {
      const page = await readPage(
        paging,
        () => queue.countEmails(tx, filter.relatedType),
        (limit, offset) => queue.listEmails(tx, filter.relatedType, limit, offset),
      );
      const relatedTypes = await queue.emailRelatedTypes(tx);
      await writeAudit(tx, ctx, {
        action: 'email.listed',
        subjectType: 'email',
        details: { ...(filter.relatedType ? { relatedType: filter.relatedType } : {}), count: page.items.length, total: page.total, page: page.page },
        // The subjects name children: the children of the agreements and proposals the messages are about.
        childIds: await childrenOfRelated(tx, page.items),
      });
      return { ...page, relatedTypes };
    });
  }

  /**
   * One message: in full for one of its recipients; for anyone else with its secrets (a secure
   * link's token) masked, since a live link lets whoever holds it answer for the recipient.
   */
  async function get(ctx: Ctx, id: string): Promise<OutboxMessage> {
    return db.transaction(async (tx) => {
      const row = await queue.findEmail(tx, id);
      if (!row) throw new NotFoundError('E-mail');
      const { bodySecret, ...m } = row.m;
      const viewer = ctx.actor?.email.trim().toLowerCase();
      const recipient = viewer !== undefined && m.toAddresses.some((a) => a.toLowerCase() === viewer);
      const full = bodySecret !== null && recipient;
      await writeAudit(tx, ctx, {
        action: 'email.viewed',
        subjectType: 'email',
        subjectId: id,
        ...(bodySecret !== null ? { details: { secretShown: full } } : {}),
        childIds: await childrenOfRelated(tx, [m]),
      });
      return { ...m, bodyText: full ? bodySecret : m.bodyText, createdByName: row.createdByName, masked: bodySecret !== null && !full };
    });
  }

  return {
    transport,
    from: mail.from,
    enqueue,
    deliverPending,
    startDeliveryLoop,
    list,
    get,
    /** Closes the SMTP transport (tests; the server simply exits). */
    close: () => transporter?.close(),
  };
}

export type EmailService = ReturnType<typeof createEmailService>;
