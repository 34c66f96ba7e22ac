// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/data/**', '**/services/**', '**/web/**', '**/api/**', '**/audit/**', '**/cli/**', '../../config*'], message: 'src/domain is the functional core: it imports nothing from other layers.' },
          ],
          paths: ['pg', '@electric-sql/pglite', 'drizzle-orm', 'fastify', 'node:fs', 'node:fs/promises', 'fs'],
        },
      ],
    },
  },
  {
    // Services call repositories (src/data/repositories) and keep the transactions, the domain's
    // decisions and the audit: no query building here. Not yet moved: demo-data.ts (being moved
    // with the demo generator).
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/demo-data.ts'],
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
