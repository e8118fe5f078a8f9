#!/usr/bin/env node
/**
 * `npm run test:e2e`: finds (or installs) Chromium, builds the app with
 * `vite build`, then runs `playwright test` against `vite preview`.
 * Extra arguments go to Playwright, e.g. `npm run test:e2e -- --grep heading`.
 * Exits with Playwright's exit code.
 */
import { findChromium } from './find-chromium.mjs'
import { binPath, runNode } from './run-bin.mjs'

let chromium
try {
  chromium = await findChromium()
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
const env = { ...process.env, CHROMIUM_PATH: chromium }
console.log(`Chromium: ${chromium}`)

console.log('\n$ vite build')
const buildCode = await runNode(binPath('vite'), ['build'], env)
if (buildCode !== 0) {
  console.error(`vite build failed (exit code ${buildCode}).`)
  process.exit(buildCode)
}

const args = process.argv.slice(2)
console.log(`\n$ playwright test${args.length ? ` ${args.join(' ')}` : ''}`)
process.exit(await runNode(binPath('@playwright/test', 'playwright'), ['test', ...args], env))
