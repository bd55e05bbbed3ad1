import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sdkImports = ['@slack/*', 'botbuilder', 'botbuilder-*', 'botframework-*', '@azure/*', '@microsoft/*', 'ioredis'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-checked rules where the product's code lives (tests and benches keep the syntactic ones: they are checked by
    // tsc and assert through vitest).
    files: ['src/**/*.ts', 'adapters/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Off on purpose: the in-memory store and fakes implement promise-returning ports with async methods, so that
      // a throw becomes a rejection like the real stores' (a synchronous throw would skip the callers' catch paths).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is platform-neutral: no vendor SDK may reach it (DESIGN.md, "Architecture").
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: sdkImports, message: 'src/ is the platform-neutral core: SDKs belong in adapters/.' }, { group: ['**/adapters/**'], message: 'src/ must not depend on adapters/.' }] }],
    },
  },
);
