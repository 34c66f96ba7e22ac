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
);
