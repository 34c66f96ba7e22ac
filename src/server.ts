import { loadConfig } from './config.ts';
import { openMigratedDatabase } from './data/db.ts';
import { createServices } from './services/index.ts';
import { buildApp } from './app.ts';
import { loadDemoDataIfEmpty } from './services/demo-data.ts';
import { loggerOptions } from './logging.ts';

const config = loadConfig();
const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: 'npm start (server)' });
const services = createServices(database, { allowDemoAccounts: config.allowDemoAccounts, mail: config.mail, publicUrl: config.publicUrl });
const app = await buildApp({ config, services, logger: loggerOptions(config) });

const seeded = await loadDemoDataIfEmpty(database, { children: config.seedChildren, env: config.env });
if (seeded) app.log.info({ children: seeded.children, leftCare: seeded.leftCare, households: seeded.households }, 'loaded synthetic demo data');

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
services.email.startDeliveryLoop({ log: app.log });
// Chase unanswered requests for concurrent placement agreements every hour (seed 000: delay can lose the placement).
const chase = setInterval(() => {
  services.proposals.chaseAgreements({ actor: null, correlationId: 'agreement-chase' }).catch((err: unknown) => app.log.error({ err }, 'chasing agreements failed'));
}, 3_600_000);
chase.unref();
app.log.info(`Hearth is running at http://localhost:${config.port} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
