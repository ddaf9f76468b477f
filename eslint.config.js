// Type-aware linting: floating promises and misused promises are errors (DEVELOPERS.md, convention 7).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', '.sst/', '.kafka-plus/', 'sst-env.d.ts', 'eslint.config.js', 'web/vite.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The infra code is type-checked against SST's generated platform types (stacks/tsconfig.json).
    files: ['sst.config.ts', 'stacks/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: ['./stacks/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    // The plain-Node scripts and the bench are JavaScript type-checked from their JSDoc
    // (scripts/tsconfig.json); TypeScript reports undefined names there, so no-undef is redundant.
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { parserOptions: { projectService: false, project: ['./scripts/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: { 'no-undef': 'off' },
  },
)
