/**
 * npm run token:create -- --user EMAIL --name NAME
 *
 * Creates a personal API token for an active user and prints it once (only its hash is stored).
 * Works on DATABASE_URL or, without it, on the embedded database in DATA_DIR; refuses (exit 1)
 * while another process such as the server holds that DATA_DIR. Bad arguments exit 2.
 */
import crypto from 'node:crypto';
import { loadConfig } from '../config.ts';
import { openMigratedDatabase } from '../data/migrate.ts';
import { createServices } from '../services/index.ts';
import { ValidationError } from '../services/errors.ts';
import { EXIT_FAILED, EXIT_OK, describeDatabase, parseOptions, requiredText, runCommand } from './args.ts';

const USAGE = `Usage: npm run token:create -- --user EMAIL --name NAME

Creates an API token for the user with that e-mail address and prints it once. Send it as
"Authorization: Bearer <token>". Uses DATABASE_URL or, without it, the embedded database in
DATA_DIR (stop the server first when it uses the same DATA_DIR).

  --user EMAIL   e-mail address of an active user
  --name NAME    what the token is for, up to 100 characters (for example "Nightly export")
  --help         show this help`;

await runCommand(USAGE, async () => {
  const args = parseOptions(process.argv.slice(2), {
    user: { type: 'string', short: 'u' },
    name: { type: 'string', short: 'n' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.help) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const email = requiredText(args.user, '--user EMAIL');
  const name = requiredText(args.name, '--name NAME');
  const config = loadConfig();
  const database = await openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, holder: 'npm run token:create' });
  try {
    const services = createServices(database, { allowDemoAccounts: config.allowDemoAccounts });
    // The command line acts as the system: the audit row says so and names the user and token.
    const ctx = { actor: null, correlationId: `cli-${crypto.randomUUID()}` };
    try {
      const { id, token } = await services.auth.createToken(ctx, email, name);
      console.error(`Created the API token "${name}" for ${email} in ${describeDatabase(config)} (id ${id}).`);
      console.error('Copy it now: it is shown only this once.');
      console.log(token);
      return EXIT_OK;
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) {
        console.error(
          e.field === 'user'
            ? `No active user has the e-mail address "${email}" in ${describeDatabase(config)}. Nothing was created.`
            : `${e.message}. Nothing was created.`,
        );
      }
      return EXIT_FAILED;
    }
  } finally {
    await database.close();
  }
});
