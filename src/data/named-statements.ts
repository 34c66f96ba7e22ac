/**
 * Prepared statements on PostgreSQL, kept per connection (ADR 0019). Drizzle sends every query
 * unnamed, so PostgreSQL parses and plans it again each time: in the statement log of a user's pages
 * on the demo authority, the parse and the planning (the "bind" step of an unnamed statement) took
 * more of the database's time than running the statements did. A query sent with a name is parsed once on each connection, and
 * after five runs PostgreSQL keeps a generic plan if it costs no more than planning each time would.
 *
 * `namingClient` makes the pool's client: a parameterised query without a name gets one, made from
 * its text (the same text, the same name, on every connection). The number of statements one
 * connection keeps is bounded: a text is named only from its second use, at most `MAX_NAMED` texts
 * are named for the pool (later ones run unnamed, as before), and the pool replaces a connection
 * after `MAX_USES` queries, which frees what its server process kept.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Texts named for one pool at most: each of its connections then keeps at most this many statements. */
export const MAX_NAMED = 500;
/** Queries a connection serves before the pool replaces it. */
export const MAX_USES = 20_000;
/** Texts seen once, waiting for a second use (forgotten all together when there are this many). */
const MAX_SEEN_ONCE = 5_000;

/** Names texts for one pool: undefined for a text to send unnamed (above). */
export type StatementNamer = (text: string) => string | undefined;

/** A namer with its own record of the texts seen and named; `maxNamed` texts at most. */
export function statementNamer(maxNamed: number = MAX_NAMED): StatementNamer {
  const named = new Map<string, string>();
  const seenOnce = new Set<string>();
  return (text) => {
    const name = named.get(text);
    if (name !== undefined) return name;
    if (named.size >= maxNamed) return undefined;
    if (!seenOnce.has(text)) {
      if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce.clear();
      seenOnce.add(text);
      return undefined;
    }
    seenOnce.delete(text);
    const made = `h_${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 40)}`;
    named.set(text, made);
    return made;
  };
}

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown };

function isParameterised(config: unknown, values: unknown): config is QueryConfigLike & { text: string } {
  if (typeof config !== 'object' || config === null) return false;
  const c = config as QueryConfigLike & { submit?: unknown };
  if (typeof c.submit === 'function') return false; // a Query or a COPY stream: pass it on as it is
  if (typeof c.text !== 'string' || c.name !== undefined) return false;
  return Array.isArray(values) || Array.isArray(c.values);
}

/** pg's Client for one pool, naming parameterised queries with that pool's namer (above). */
export function namingClient(nameFor: StatementNamer): typeof pg.Client {
  return class NamingClient extends pg.Client {
    override query(...args: unknown[]): never {
      const [config, values] = args;
      if (isParameterised(config, values)) {
        const name = nameFor(config.text);
        if (name !== undefined) args[0] = { ...config, name };
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}
