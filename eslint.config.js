// Type-aware linting: floating promises and misused promises are errors (DEVELOPERS.md, convention 7).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const kafkaLibrary = {
  // By name, or by file (wire/client.ts imports the package's parts by path: see there).
  regex: '(^|/)@platformatic/kafka(/|$)',
  message: 'Only the Kafka wire layer (functions/core/kafka/wire/) uses the client library; import from functions/core/kafka/index.ts.',
}
// import('@platformatic/kafka') is an expression, which no-restricted-imports does not see.
const kafkaLibraryLoaded = {
  selector: 'ImportExpression[source.value=/(^|\\u002F)@platformatic\\u002Fkafka/]',
  message: kafkaLibrary.message,
}
/** Anything under core/kafka/ but the allowed modules (by path below kafka/). */
const kafkaInternals = (allowed) => ({
  regex: `(^|/)kafka/(?!(${allowed})$)`,
  message: 'Import Kafka through functions/core/kafka/index.ts; its other modules are internal.',
})

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
  // One Kafka boundary: only the wire layer (functions/core/kafka/wire/) imports the client
  // library; the rest of the product goes through functions/core/kafka/index.ts.
  {
    files: ['functions/**/*.ts'],
    ignores: ['functions/core/kafka/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [kafkaLibrary, kafkaInternals('index\\.ts')] }],
      'no-restricted-syntax': ['error', kafkaLibraryLoaded],
    },
  },
  {
    // Test fixtures set up topics and records with the library itself, taken from the wire layer.
    files: ['functions/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [kafkaLibrary, kafkaInternals('index\\.ts|wire/testing\\.ts')] }],
      'no-restricted-syntax': ['error', kafkaLibraryLoaded],
    },
  },
  {
    // Browser tests set up topics through functions/testing like the other tests.
    files: ['web/e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [kafkaLibrary] }], 'no-restricted-syntax': ['error', kafkaLibraryLoaded] },
  },
  {
    // The HTTP API contract, which the web type-checks against: types only, importing nothing but
    // itself and core/errors.ts (which imports nothing), so no server code reaches the browser.
    files: ['functions/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '^(?!\\./[\\w-]+\\.ts$|\\.\\./core/errors\\.ts$)',
        message: 'The contract imports only its own files and core/errors.ts: the web type-checks everything it reaches.',
      }] }],
      'no-restricted-syntax': ['error', {
        selector: ':matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, TSEnumDeclaration)',
        message: 'The contract holds types only.',
      }],
    },
  },
  {
    // The web takes the server's API types through web/src/api/contract.ts, and nothing else of the server.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    ignores: ['web/src/api/contract.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{
        regex: '(^|/)functions/',
        message: 'Import API types from web/src/api/contract.ts (or the data module of the domain).',
      }] }],
    },
  },
  {
    files: ['functions/core/kafka/**/*.ts'],
    ignores: ['functions/core/kafka/wire/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [kafkaLibrary] }], 'no-restricted-syntax': ['error', kafkaLibraryLoaded] },
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
