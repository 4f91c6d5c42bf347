import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noRecordIndex from './eslint/no-record-index.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Ids from people are never looked up in a plain object (R81): typed, so it sees which
    // objects are string-keyed records.
    files: ['shared/**/*.ts', 'server/**/*.ts', 'client/**/*.ts', 'client/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'client/src/test/**'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { local: { rules: { 'no-record-index': noRecordIndex } } },
    rules: { 'local/no-record-index': 'error' },
  },
  {
    // Layering: shared/ is pure and must not reach into server/ or client/.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/client/**', 'node:*', 'fs', 'path', 'crypto'],
              message: 'shared/ is pure: no server, client or Node I/O imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/server/**'], message: 'client/ must not import server code.' }],
        },
      ],
    },
  },
);
