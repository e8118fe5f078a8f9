#!/usr/bin/env node
/**
 * `npm test`: type check, lint, the formatting check, unit tests, then the
 * end-to-end tests, in that order. Output streams as it comes; the first
 * failing stage stops the run and sets a non-zero exit code. Extra
 * arguments go to Playwright.
 */
import { fileURLToPath } from 'node:url'

import { binPath, runNode } from './run-bin.mjs'

const e2eArgs = process.argv.slice(2)

/** @type {{ name: string, script: string, args: string[] }[]} */
const stages = [
  { name: 'typecheck (tsc -b)', script: binPath('typescript', 'tsc'), args: ['-b'] },
  { name: 'lint (eslint .)', script: binPath('eslint'), args: ['.'] },
  { name: 'format (prettier --check .)', script: binPath('prettier'), args: ['--check', '.'] },
  { name: 'unit tests (vitest run)', script: binPath('vitest'), args: ['run'] },
  { name: 'e2e tests (scripts/e2e.mjs)', script: fileURLToPath(new URL('./e2e.mjs', import.meta.url)), args: e2eArgs },
]

const color = Boolean(process.env.FORCE_COLOR) || (process.stdout.isTTY && !process.env.NO_COLOR)
/** @param {number} code ANSI style @param {string} text */
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
/** @param {string} text */
const banner = (text) => console.log(`\n${paint(1, `━━ ${text}`)}`)

/** @type {{ name: string, ok: boolean, seconds: string }[]} */
const results = []
let exitCode = 0
for (const stage of stages) {
  banner(stage.name)
  const started = performance.now()
  const code = await runNode(stage.script, stage.args)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  results.push({ name: stage.name, ok: code === 0, seconds })
  if (code !== 0) {
    exitCode = code
    break
  }
}

banner('summary')
for (const stage of stages) {
  const result = results.find((r) => r.name === stage.name)
  const mark = !result ? paint(2, '- skipped') : result.ok ? paint(32, '✔ passed ') : paint(31, '✘ failed ')
  console.log(`${mark}  ${stage.name}${result ? ` (${result.seconds}s)` : ''}`)
}
console.log(exitCode === 0 ? '\nAll stages passed.' : `\nStopped at the first failure (exit code ${exitCode}).`)
process.exit(exitCode)
