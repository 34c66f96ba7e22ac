/**
 * npm run token:create -- --user EMAIL --name NAME [--days N] [--scope read|read-write]
 *
 * Creates a personal API token for an active user and prints it once (only its hash is stored).
 * Works on DATABASE_URL or, without it, on the embedded database in DATA_DIR; refuses (exit 1)
 * while another process such as the server holds that DATA_DIR. Bad arguments exit 2.
 */
import crypto from 'node:crypto';
import { loadConfig } from '../config.ts';
import { EXIT_FAILED, EXIT_OK, describeDatabase, runCommand } from './args.ts';
import { TOKEN_USAGE, tokenOptions } from './options.ts';

await runCommand(TOKEN_USAGE, async () => {
  const options = tokenOptions(process.argv.slice(2));
  if (options.help) {
    console.log(TOKEN_USAGE);
    return EXIT_OK;
  }
  const { email, name, days, scope } = options;
  const config = loadConfig();
  // The database and the services load only once the arguments are good: help and usage errors are quick.
  const [{ openMigratedDatabase }, { createServices }, { ValidationError }] = await Promise.all([
    import('../data/migrate.ts'),
    import('../services/index.ts'),
    import('../services/errors.ts'),
  ]);
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, migrationDatabaseUrl: config.migrationDatabaseUrl, dataDir: config.dataDir, holder: 'npm run token:create' });
  try {
    const services = createServices(database, { allowDemoAccounts: config.allowDemoAccounts, apiTokenDays: config.apiTokenDays });
    // The command line acts as the system: the audit row says so and names the user and token.
    const ctx = { actor: null, correlationId: `cli-${crypto.randomUUID()}` };
    try {
      const created = await services.auth.createToken(ctx, email, name, { days, scope });
      const { id, token } = created;
      const may = created.scope === 'read' ? 'reads only' : 'reads and changes records';
      console.error(`Created the API token "${name}" for ${email} in ${describeDatabase(config)} (id ${id}); it ${may} and expires ${created.expiresAt.toISOString().slice(0, 10)}.`);
      console.error('Copy it now: it is shown only this once.');
      console.log(token);
      return EXIT_OK;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) {
        console.error(
          e.field === 'user'
            ? `No active user has the e-mail address "${email}" in ${describeDatabase(config)}. Nothing was created.`
            : e.field === 'scope'
              ? 'Give --scope read or --scope read-write. Nothing was created.'
              : `${e.message}. Nothing was created.`,
        );
      }
      return EXIT_FAILED;
    }
  } finally {
    await database.close();
  }
});
