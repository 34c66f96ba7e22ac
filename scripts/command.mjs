/**
 * `npm run seed`, `npm run token:create` and the other commands: `node scripts/command.mjs <name> [args]`
 * runs src/cli/<name>.ts. When dist/ was built from src/ as it is now (`npm run build`, run at install),
 * it runs the compiled dist/cli/<name>.js, which starts in half the CPU time of compiling with tsx;
 * otherwise it runs src/ with tsx. It never builds first (a build takes most of a minute): what runs is
 * always what is in src/ either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, isBuildCurrent } from './build.mjs';

const [name, ...args] = process.argv.slice(2);
const source = name && /^[a-z0-9-]+$/.test(name) ? path.join(ROOT, 'src', 'cli', `${name}.ts`) : null;
if (!source || !fs.existsSync(source)) {
  console.error(`Usage: node scripts/command.mjs <command> [arguments]: no command "${name ?? ''}" in src/cli/`);
  process.exit(2);
}
let entry = source;
if (isBuildCurrent()) {
  entry = path.join(DIST, 'cli', `${name}.js`);
} else {
  const { register } = await import('tsx/esm/api');
  register();
}
// The command reads its arguments from process.argv.slice(2), as if started directly.
process.argv = [process.argv[0] ?? 'node', entry, ...args];
await import(pathToFileURL(entry).href);
