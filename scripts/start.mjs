/**
 * `npm start`: runs the server compiled to dist/ at install (`npm run build`, scripts/build.mjs), which
 * starts in well under half the time of compiling src/ with tsx on every start. If src/ has changed since
 * that build it builds again first, so what runs is always what is in src/; without TypeScript
 * (`npm ci --omit=dev`) it runs src/ with tsx instead. `npm run dev` always runs src/ with tsx.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isBuildCurrent, typescriptCompiler } from './build.mjs';

let entry = '../dist/server.js';
if (!isBuildCurrent()) {
  if (typescriptCompiler()) {
    console.log('dist/ is missing or was built from other sources than src/: building it first (npm run build)');
    const built = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url)), '--if-stale'], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    entry = '../src/server.ts';
  }
}
await import(entry);
