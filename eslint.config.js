import { builtinModules } from 'node:module'

import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Packages the engine must never import: it is pure TypeScript, with no UI. */
const UI_PACKAGES = {
  paths: [
    { name: 'react', message: 'src/engine is pure TypeScript: no React.' },
    { name: 'react-dom', message: 'src/engine is pure TypeScript: no React.' },
    { name: 'zustand', message: 'src/engine is pure TypeScript: state stores belong to the UI.' },
  ],
  patterns: [
    { group: ['react/*', 'react-dom/*'], message: 'src/engine is pure TypeScript: no React.' },
    { group: ['zustand/*'], message: 'src/engine is pure TypeScript: state stores belong to the UI.' },
    { group: ['@xyflow/*'], message: 'src/engine is pure TypeScript: no canvas or UI libraries.' },
  ],
}

const ENGINE_SCOPE_MESSAGE =
  'src/engine may import only from src/engine: UI code (store, components, ui, App) and the CLI depend on the engine, not the other way round.'

/**
 * `no-restricted-imports` options for engine files `depth` folders below src/engine.
 * A relative import that climbs exactly to src/ and then goes anywhere but
 * engine/ leaves the engine (`../store`, `../../components/x`, `../App`).
 * Tests run in Node only, so they may also use Node built-ins and read JSON
 * data from elsewhere in src/ (e.g. `../demos/x.mesh.json` fixtures).
 *
 * @param {number} depth
 * @param {{ tests: boolean }} options
 * @returns {import('eslint').Linter.RulesRecord}
 */
function engineImportRules(depth, { tests }) {
  const up = '(?:\\.\\./)'.repeat(depth)
  const dataOk = tests ? '(?!.*\\.json$)' : ''
  const leavesEngine = `^${dataOk}(?:\\./)?${up}\\.\\.(?:/(?!engine(?:/|$)|\\.\\.(?:/|$))|$)`
  const paths = [...UI_PACKAGES.paths]
  const patterns = [...UI_PACKAGES.patterns, { regex: leavesEngine, message: ENGINE_SCOPE_MESSAGE }]
  if (!tests) {
    const message = 'src/engine runs in the browser too: no Node built-in modules (tests may use them).'
    paths.push(...builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message })))
    patterns.push({ regex: '^node:', message })
  }
  return { 'no-restricted-imports': ['error', { paths, patterns }] }
}

const ENGINE_TESTS = ['src/engine/**/*.test.ts', 'src/engine/**/*.test.tsx']

/** One config block per folder depth under src/engine (relative paths depend on it). */
const enginePurity = [0, 1, 2, 3, 4, 5].flatMap((depth) => {
  const dir = `src/engine/${'*/'.repeat(depth)}`
  return [
    {
      name: `mesh/engine-purity/depth-${depth}`,
      files: [`${dir}*.ts`, `${dir}*.tsx`],
      ignores: ENGINE_TESTS,
      rules: engineImportRules(depth, { tests: false }),
    },
    {
      name: `mesh/engine-purity/depth-${depth}-tests`,
      files: [`${dir}*.test.ts`, `${dir}*.test.tsx`],
      rules: engineImportRules(depth, { tests: true }),
    },
  ]
})

const BROWSER_ONLY_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'requestAnimationFrame']

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/']),

  {
    name: 'mesh/base',
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  {
    name: 'mesh/browser',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**'],
    languageOptions: { globals: globals.browser },
  },

  {
    name: 'mesh/node',
    files: ['src/cli/**', 'src/**/*.test.{ts,tsx}', 'bench/**', 'e2e/**', 'scripts/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },

  {
    name: 'mesh/react-hooks',
    files: ['**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },

  ...enginePurity,

  {
    name: 'mesh/engine-no-dom',
    files: ['src/engine/**/*.{ts,tsx}'],
    ignores: ENGINE_TESTS,
    rules: {
      'no-restricted-globals': [
        'error',
        ...BROWSER_ONLY_GLOBALS.map((name) => ({ name, message: 'src/engine is pure TypeScript: no DOM.' })),
        { name: 'process', message: 'src/engine runs in the browser too: take options as arguments, not from process.' },
        { name: 'Buffer', message: 'src/engine runs in the browser too: use Uint8Array.' },
      ],
    },
  },
])
