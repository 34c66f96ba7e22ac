import { loadConfig } from './config.ts';
import { setLocalTimescales } from './domain/deadlines/local-settings.ts';
import { openMigratedDatabase } from './data/migrate.ts';
import { createServices } from './services/index.ts';
import { buildApp } from './app.ts';
import { loadDemoDataIfEmpty } from './demo/load-if-empty.ts';
import { loggerOptions, loggableError } from './logging.ts';
import { ensureRulesCurrent } from './services/obligations.ts';
import { restoreObligationIndexes } from './services/obligation-rebuild.ts';
import { auditIsAlterable } from './data/audit-chain.ts';

const config = loadConfig();
setLocalTimescales(config.localTimescales);
const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm start (server)' });
const services = createServices(database, {
  allowDemoAccounts: config.allowDemoAccounts,
  mail: config.mail,
  publicUrl: config.publicUrl,
  apiTokenDays: config.apiTokenDays,
  secretKey: config.sessionSecret,
  oidc: config.oidc,
  adminTwoFactor: config.adminTwoFactor,
});
const app = await buildApp({ config, services, logger: loggerOptions(config) });

// Under the migration lock: a second instance starting at the same moment waits, then finds the demo loaded.
const seeded = await database.withMigrationLock(() => loadDemoDataIfEmpty(database, { children: config.seedChildren, env: config.env }));
if (seeded) app.log.info({ children: seeded.children, leftCare: seeded.leftCare, households: seeded.households }, 'loaded synthetic demo data');
// Before the first page: indexes a stopped `npm run obligations:rebuild` left dropped are created
// again, and obligations derived with other rules, or lost in a crash, are marked for a rebuild.
const restoredIndexes = await restoreObligationIndexes(database);
if (restoredIndexes) app.log.info({ indexes: restoredIndexes }, 'created again the obligation indexes a stopped rebuild had dropped');
if (await database.db.transaction((tx) => ensureRulesCurrent(tx))) app.log.info('stored obligations marked for a rebuild');
// Said at every start, so that a deployment cannot miss them.
if (config.usingDevelopmentSecret) app.log.warn('SESSION_SECRET is not set: sessions are signed with the development secret, which anyone can read in the source. Set SESSION_SECRET before real use.');
if (database.kind === 'postgres' && (await auditIsAlterable(database.db))) {
  app.log.warn('the database role in DATABASE_URL can change or remove audit rows (it owns the tables or is a superuser): give the service a role of its own and run migrations as the owner with MIGRATION_DATABASE_URL (README, Security)');
}
if (config.oidc) app.log.info({ issuer: config.oidc.issuerUrl, redirectUrl: config.oidc.redirectUrl, localSignIn: config.localSignIn }, 'single sign-on through OpenID Connect');
else if (config.adminTwoFactor === 'optional') app.log.warn('ADMIN_TWO_FACTOR=optional and no single sign-on: administrators may sign in with a password alone');
const demoAccounts = await services.auth.usableDemoAccounts();
if (demoAccounts > 0) app.log.warn({ demoAccounts }, 'demo accounts can sign in with the password in the README (refused only when NODE_ENV=production)');

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });

// Background work. Every process on the same database runs these timers; the work itself is claimed
// in the database so that it happens once however many run it at the same moment: each e-mail is
// claimed with a lease before it is sent (services/email.ts deliverPending) and each unanswered
// agreement request is locked while it is chased (services/proposals.ts chaseAgreements).
services.email.startDeliveryLoop({ everyMs: config.background.emailDeliveryEveryMs, log: app.log });
// Stored obligations (ADR 0007): rebuilt when the rules or bank holidays changed, and refreshed in
// batches for whatever a change marked (readers refresh what they read themselves).
services.obligations.startRefreshLoop({ log: app.log });
// Chase unanswered requests for concurrent placement agreements every hour by default (Concurrent placement agreement procedure: delay can lose the placement).
let chasing = false;
const chase = setInterval(() => {
  if (chasing) return;
  chasing = true;
  services.proposals
    .chaseAgreements({ actor: null, correlationId: 'agreement-chase' })
    .catch((err: unknown) => app.log.error({ error: loggableError(err) }, 'chasing agreements failed'))
    .finally(() => {
      chasing = false;
    });
}, config.background.agreementChaseEveryMs);
chase.unref();
app.log.info(`Hearth is running at http://localhost:${config.port} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
