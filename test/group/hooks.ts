/**
 * Module hooks for the test workers (./queue.ts): each test file a worker loads runs as one suite of its
 * own, as if the file's code after its imports were written inside `describe('<file>', () => { … })`.
 * A file's `before` and `after` hooks then belong to that file, so its world opens when its tests start
 * and closes when they end, even though many files share one process. The suite's promise (settled
 * when the file's tests and hooks have all run) is left in `globalThis.__hearthLastSuite` for the
 * worker to wait on before it takes the next file.
 *
 * The wrapping is done on the JavaScript the TypeScript loader (tsx) gives back, on the lines the file
 * already has (the opening after the last import, the closing on the last line), so line numbers in
 * stack traces stay right. A test file must register its tests synchronously (no top-level await),
 * which node:test requires of a suite anyway.
 */
import { init, parse } from 'es-module-lexer';

type LoadContext = { format?: string | null | undefined; conditions?: string[]; importAttributes?: Record<string, string> };
type LoadResult = { format?: string | null | undefined; source?: string | ArrayBuffer | Uint8Array | null | undefined; shortCircuit?: boolean };
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

const SUITE = '__hearthFileSuite';

/** The source with everything after its static imports wrapped in a suite named after the file. */
export function wrapInSuite(source: string, name: string): string {
  const [imports] = parse(source);
  // The wrapper opens after the last static import (dynamic ones stay where they are).
  let end = imports.filter((i) => i.type === 'static').reduce((at, i) => Math.max(at, i.importEnd), 0);
  while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  if (source[end] === ';') end++;
  const mapAt = source.lastIndexOf('\n//# sourceMappingURL=');
  const bodyEnd = mapAt === -1 ? source.length : mapAt;
  const opening = `import { describe as ${SUITE} } from 'node:test';`;
  return `${opening}${source.slice(0, end)}globalThis.__hearthLastSuite = ${SUITE}(${JSON.stringify(name)}, () => {${source.slice(end, bodyEnd)}\n});${source.slice(bodyEnd)}`;
}

/** The project's root, as a file: URL ending in a slash. */
const ROOT = new URL('../../', import.meta.url).href;

/** The file's path from the root if it is one of the project's test files (test/*.test.ts, src/**\/*.test.ts). */
export function testFileName(url: string, root: string = ROOT): string | null {
  if (!url.startsWith(root)) return null;
  const name = decodeURIComponent(url.slice(root.length));
  return /^(test\/[^/]+|src\/.+)\.test\.ts$/.test(name) ? name : null;
}

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<LoadResult> {
  const result = await nextLoad(url, context);
  const name = testFileName(url);
  if (name === null || result.format !== 'module' || result.source == null) return result;
  await init;
  const source = typeof result.source === 'string' ? result.source : new TextDecoder().decode(result.source);
  return { ...result, source: wrapInSuite(source, name) };
}
