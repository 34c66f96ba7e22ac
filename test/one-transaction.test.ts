/**
 * One transaction for a GET (ADR 0017): inOneTransaction (src/data/db.ts) joins every transaction and
 * query on the database into one, and the route wrapper (answerAfterCommit, src/http/route.ts) sends
 * what a handler answered only after that transaction has committed: a commit that refuses (the
 * audit rows' caseload check runs then) means nothing of the page is sent.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import { sql } from 'drizzle-orm';
import { inOneTransaction, queryRows, type Database } from '../src/data/db.ts';
import { route } from '../src/http/route.ts';
import { freshDatabase } from './helpers.ts';

let database: Database;
const db = () => database.db;
const txid = async (): Promise<string> => (await queryRows<{ id: string }>(db(), sql`SELECT txid_current()::text AS id`))[0]!.id;
const joinedTxid = async (): Promise<string> => db().transaction(async (tx) => (await queryRows<{ id: string }>(tx, sql`SELECT txid_current()::text AS id`))[0]!.id);

before(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`CREATE TABLE one_tx_note (id serial PRIMARY KEY, body text NOT NULL UNIQUE)`);
});
after(async () => database.close());

const notes = async () => (await queryRows<{ body: string }>(db(), sql`SELECT body FROM one_tx_note ORDER BY id`)).map((r) => r.body);

test('inside inOneTransaction every transaction and every query on the database is the one transaction', async () => {
  const [a, b] = [await txid(), await txid()];
  assert.notEqual(a, b, 'outside, each statement is its own transaction');
  const seen = await inOneTransaction(db(), async () => {
    await db().transaction(async (tx) => tx.execute(sql`INSERT INTO one_tx_note (body) VALUES ('first')`));
    // A query made on the database itself sees what the joined transaction wrote and not yet committed.
    const inside = await notes();
    return { ids: [await joinedTxid(), await txid(), await joinedTxid()], inside, nested: await inOneTransaction(db(), () => txid()) };
  });
  assert.equal(new Set([...seen.ids, seen.nested]).size, 1, 'one transaction id throughout');
  assert.deepEqual(seen.inside, ['first']);
  assert.deepEqual(await notes(), ['first'], 'committed at the end');
});

test('an error of the code inside, caught, leaves the transaction going; one the database raised refuses the whole of it', async () => {
  await inOneTransaction(db(), async () => {
    await db().transaction(async (tx) => tx.execute(sql`INSERT INTO one_tx_note (body) VALUES ('second')`));
    await assert.rejects(
      db().transaction(async () => {
        throw new Error('not found');
      }),
      /not found/,
    );
  });
  assert.deepEqual(await notes(), ['first', 'second'], 'kept: the error was not the database’s');

  const refused = inOneTransaction(db(), async () => {
    await db().transaction(async (tx) => tx.execute(sql`INSERT INTO one_tx_note (body) VALUES ('third')`));
    // A duplicate: the database refuses it, and the transaction can do nothing more.
    await db()
      .transaction(async (tx) => tx.execute(sql`INSERT INTO one_tx_note (body) VALUES ('first')`))
      .catch(() => 'caught and carried on');
    return 'answered';
  });
  await assert.rejects(refused, (err: unknown) => /one_tx_note|duplicate|unique/i.test(String((err as { cause?: unknown }).cause ?? err)));
  assert.deepEqual(await notes(), ['first', 'second'], 'nothing of it kept');
});

test('work that runs on after the transaction has ended opens its own', async () => {
  let release!: () => void;
  const ended = new Promise<void>((resolve) => (release = resolve));
  let later: Promise<string> | undefined;
  const id = await inOneTransaction(db(), async () => {
    // Started inside (it carries the transaction's context), run only once the transaction has ended.
    later = ended.then(() => joinedTxid());
    return txid();
  });
  release();
  assert.notEqual(await later, id);
});

// ---- The route wrapper ----------------------------------------------------------------------------

/** A bare app with the route wrapper, a template and a stand-in for the transaction that records when it commits. */
async function appWith(commit: () => void): Promise<{ app: FastifyInstance; events: string[] }> {
  const events: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-one-tx-'));
  fs.writeFileSync(path.join(dir, 'page.njk'), '<p>{{ name }}</p>');
  const app = Fastify();
  await app.register(view, { engine: { nunjucks }, templates: [dir] });
  app.decorate('inOneTransaction', async <T>(fn: () => Promise<T>): Promise<T> => {
    events.push('begin');
    const result = await fn();
    commit();
    events.push('commit');
    return result;
  });
  app.addHook('onSend', async (_req, _reply, payload) => {
    events.push(`send ${typeof payload === 'string' ? payload : 'other'}`);
    return payload;
  });
  const get = (url: string, handler: Parameters<typeof route>[1]['handler']) => route(app, { method: 'GET', url, access: 'public', audit: 'none', handler });
  get('/view', async (_req, reply) => reply.view('page.njk', { name: 'Ada Example' }));
  get('/send', async (_req, reply) => reply.header('content-type', 'text/csv').send('name\nAda Example\n'));
  get('/returns-reply', async (_req, reply) => {
    void reply.send('sent, then the reply returned');
    return reply;
  });
  get('/redirect', async (_req, reply) => reply.redirect('/elsewhere', 303));
  get('/json', async () => ({ name: 'Ada Example' }));
  route(app, {
    method: 'POST',
    url: '/post',
    access: 'public',
    audit: 'none',
    handler: async (_req, reply) => {
      events.push('handled');
      return reply.send('posted');
    },
  });
  app.setErrorHandler(async (err, _req, reply) => reply.code(403).send(`refused: ${(err as Error).message}`));
  await app.ready();
  return { app, events };
}

test('a GET answer is drawn inside the transaction and sent only after it commits, however the handler answers', async () => {
  const { app, events } = await appWith(() => undefined);
  const cases: [string, number, RegExp][] = [
    ['/view', 200, /<p>Ada Example<\/p>/],
    ['/send', 200, /Ada Example/],
    ['/returns-reply', 200, /sent, then the reply returned/],
    ['/redirect', 303, /^$/],
    ['/json', 200, /"name":"Ada Example"/],
  ];
  for (const [url, status, body] of cases) {
    events.length = 0;
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, status, url);
    assert.match(res.body, body, url);
    assert.deepEqual(
      events.map((e) => e.split(' ')[0]),
      ['begin', 'commit', 'send'],
      `${url}: ${events.join(', ')}`,
    );
  }
  assert.match(String((await app.inject({ method: 'GET', url: '/view' })).headers['content-type']), /text\/html/);
  // Not a GET: the handler's own transactions, as before.
  events.length = 0;
  assert.equal((await app.inject({ method: 'POST', url: '/post' })).body, 'posted');
  assert.deepEqual(events, ['handled', 'send posted']);
  await app.close();
});

test('when the commit refuses, nothing the handler drew or sent leaves: the refusal is answered instead', async () => {
  const { app, events } = await appWith(() => {
    throw new Error("You cannot see or change this child's record");
  });
  for (const url of ['/view', '/send', '/returns-reply', '/json']) {
    events.length = 0;
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 403, url);
    assert.doesNotMatch(res.body, /Ada Example|sent, then/, url);
    assert.match(res.body, /^refused: You cannot see/, url);
    assert.deepEqual(events.map((e) => e.split(' ')[0]), ['begin', 'send'], url);
  }
  await app.close();
});
