/**
 * Benchmark: importing an authority's SSDA903 return into an empty database.
 *
 *   npm run bench:import                 # 2,000 children
 *   npm run bench:import -- 20000        # another size
 *
 * The authority comes from the demo-data generator; its 2025-26 and 2024-25 returns are assembled
 * and written as CSV in memory (as Hearth exports them), then imported (services/ssda903-import.ts)
 * into a fresh embedded database, or a throwaway database on DATABASE_URL's server. Prints the time of
 * each step, then imports again to time a run that changes nothing.
 */
import { performance } from 'node:perf_hooks';
import { generateDemoData } from '../src/demo/generate.ts';
import { returnRecordsFrom } from '../src/demo/return-records.ts';
import { assembleReturn } from '../src/domain/ssda903/assemble.ts';
import { collectionYear, type CollectionYear } from '../src/domain/ssda903/return-types.ts';
import { returnFiles } from '../src/domain/ssda903/write.ts';
import { createServices } from '../src/services/index.ts';
import { freshDatabase } from '../test/helpers.ts';

const children = Number(process.argv[2] ?? 2000);
const today = '2026-11-20';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const data = generateDemoData({ children, seed: 2026, today });
const records = returnRecordsFrom(data);
const files = (label: string, prefix: string) =>
  returnFiles(assembleReturn(records, collectionYear(label) as CollectionYear, data.homeAuthorityId).ret).map((f) => ({ name: `${prefix}${f.name}`, content: f.content }));
const current = files('2025-26', '');
const previous = files('2024-25', 'prev/');
const database = await freshDatabase();
try {
  const services = createServices(database, { allowDemoAccounts: false, today: () => today });
  const ctx = { actor: null, correlationId: 'bench-import' };
  const authority = { name: 'Benchmark authority', code: '999' };
  let t = performance.now();
  const dry = await services.imports.run(ctx, { current, previous }, { dryRun: true, authority });
  const tDry = performance.now() - t;
  t = performance.now();
  const real = await services.imports.run(ctx, { current, previous }, { dryRun: false, authority });
  const tReal = performance.now() - t;
  t = performance.now();
  const again = await services.imports.run(ctx, { current, previous }, { dryRun: false, authority });
  const tAgain = performance.now() - t;
  console.log(`Import of a synthetic authority's SSDA903 return (2025-26 and 2024-25; ${database.kind}):`);
  console.log(`  dry run        ${seconds(tDry)}   ${dry.children.created} children would be created`);
  console.log(`  import         ${seconds(tReal)}   ${real.children.created} children, ${real.placements.created} placements created`);
  console.log(`  import again   ${seconds(tAgain)}   ${again.children.unchanged} children unchanged`);
} finally {
  await database.close();
}
