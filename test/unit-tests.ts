/**
 * Every test file under src/ (the pure domain's tests, and the few beside presenters and the demo
 * generator), run in this one process: they share no state, and starting Node, the TypeScript loader
 * and the modules once instead of once per file saves about half their time. `npm test` runs this
 * beside the database and route tests in test/, each of which has a process of its own.
 *
 * A single file still runs on its own: `node --import tsx --test src/domain/calendar/calendar.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
const files = (fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.test.ts')).sort();
if (files.length === 0) throw new Error(`no test files under ${SRC}`);
for (const file of files) await import(pathToFileURL(path.join(SRC, file)).href);
