// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import hearth from './eslint/no-import-cycle.js';

/**
 * The layers (docs/architecture.md): a file in one of them may not import the folders named.
 * @param {string} why
 * @param {string[]} folders
 */
const mayNotImport = (why, folders) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: folders.map((f) => `**/${f}/**`), message: why }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'dist.*/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { hearth },
    rules: { 'hearth/no-import-cycle': 'error' },
  },
  {
    // The JSON API shares HTTP helpers (src/http) and presenters with the pages, never page routes,
    // forms or templates: changing a page cannot break the API.
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/web/*', '!**/web/presenters'], message: 'The API imports no page code: put what both need in src/http or src/web/presenters.' }] },
      ],
    },
  },
  {
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api/**'], message: 'Pages do not import the JSON API: put what both need in src/http.' }] }],
    },
  },
  {
    // Shared by pages and API, so it imports neither.
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**', '**/api/**'], message: 'src/http is shared by pages and API: it imports neither.' }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/data/**', '**/services/**', '**/web/**', '**/api/**', '**/audit/**', '**/cli/**', '**/demo/**', '../../config*'], message: 'src/domain is the functional core: it imports nothing from other layers.' },
          ],
          paths: ['pg', '@electric-sql/pglite', 'drizzle-orm', 'fastify', 'node:fs', 'node:fs/promises', 'fs'],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: mayNotImport('Services are below the pages, the API, the commands and the demo generator: they call services, never the other way.', ['web', 'api', 'cli', 'demo']),
  },
  {
    files: ['src/data/**/*.ts'],
    rules: mayNotImport('src/data is the storage layer: services call it; it knows nothing of them, of pages or of the API.', ['services', 'web', 'api', 'cli', 'demo']),
  },
  {
    files: ['src/audit/**/*.ts'],
    rules: mayNotImport('src/audit writes rows for the services; it imports only data and domain.', ['services', 'web', 'api', 'cli', 'demo']),
  },
  {
    files: ['src/demo/**/*.ts'],
    rules: mayNotImport('The demo generator loads records through data and services; the pages, the API and the commands are above it.', ['web', 'api', 'cli']),
  },
  {
    // Services call repositories (src/data/repositories) and keep the transactions, the domain's
    // decisions and the audit: no query building here.
    files: ['src/services/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: 'Services do not build queries: add a function to src/data/repositories/.', allowTypeImports: true },
            { name: 'drizzle-orm/pg-core', message: 'Services do not build queries: add a function to src/data/repositories/.', allowTypeImports: true },
          ],
          patterns: [
            { group: ['**/data/schema.ts', '**/data/any-of.ts', '**/data/repositories/versioned.ts'], message: 'Services do not build queries: add a function to src/data/repositories/ (row types may be imported as types).', allowTypeImports: true },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute)$/][callee.object.name=/^(db|tx)$/]", message: 'Services do not build queries: call a function in src/data/repositories/.' },
      ],
    },
  },
);
