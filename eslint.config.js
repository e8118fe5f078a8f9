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

const ENGINE_SCOPE_MESSAGE = 'src/engine may import only from src/engine: UI code (store, components, ui, App) and the CLI depend on the engine, not the other way round.'

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

/**
 * The layers below the UI, lowest first, with the folders each may import
 * from (besides itself and the engine). A relative import that climbs to
 * src/ and goes to any other folder reaches up a layer: the store, the
 * panels, the canvas, the app.
 */
/** @type {Record<string, { may: string[], what: string }>} */
const LAYERS = {
  formats: { may: [], what: 'codecs (links, files, pictures, Python) with no UI' },
  demos: { may: [], what: 'the built-in meshes and lessons' },
  sandbox: { may: ['demos'], what: 'the code-node sandbox (worker, host and client)' },
  runner: { may: ['sandbox', 'demos'], what: 'the run machinery below the store' },
  store: { may: ['runner', 'sandbox', 'demos', 'formats'], what: 'the state below the UI' },
  ui: { may: [], what: 'shared UI parts (Modal, icons, hooks)' },
}

/**
 * `no-restricted-imports` options for files `depth` folders below src/<layer>.
 *
 * @param {string} layer
 * @param {number} depth
 * @returns {import('eslint').Linter.RulesRecord}
 */
function layerImportRules(layer, depth) {
  const { may, what } = LAYERS[layer]
  const allowed = [layer, 'engine', ...may].join('|')
  const up = '(?:\\.\\./)'.repeat(depth)
  const leaves = `^(?:\\./)?${up}\\.\\.(?:/(?!(?:${allowed})(?:/|$)|\\.\\.(?:/|$))|$)`
  const message = `src/${layer} is ${what}: it may import only from ${['engine', ...may].map((d) => `src/${d}`).join(', ')}, never from a layer above it.`
  /** @type {({ regex: string, message: string } | { group: string[], message: string })[]} */
  const patterns = [{ regex: leaves, message }]
  // The layers under the store are plain TypeScript, run in Node (tests, the CLI) and in workers.
  if (layer !== 'store' && layer !== 'ui') patterns.push(...UI_PACKAGES.patterns.map((p) => ({ ...p, message: `src/${layer} is plain TypeScript: no UI libraries.` })))
  const paths = layer !== 'store' && layer !== 'ui' ? UI_PACKAGES.paths.map((p) => ({ ...p, message: `src/${layer} is plain TypeScript: no UI libraries.` })) : []
  return { 'no-restricted-imports': ['error', { paths, patterns }] }
}

const layerZones = Object.keys(LAYERS).flatMap((layer) =>
  [0, 1, 2, 3].map((depth) => ({
    name: `mesh/layers/${layer}-${depth}`,
    files: [`src/${layer}/${'*/'.repeat(depth)}*.ts`, `src/${layer}/${'*/'.repeat(depth)}*.tsx`],
    // Tests put the layers together (a demo as a fixture, the store's document helpers).
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: layerImportRules(layer, depth),
  })),
)

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

  ...layerZones,

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
