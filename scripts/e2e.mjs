#!/usr/bin/env node
/**
 * `npm run test:e2e`: finds (or installs) Chromium, builds the app with
 * `vite build`, then runs `playwright test` against `vite preview`.
 * Extra arguments go to Playwright, e.g. `npm run test:e2e -- --grep heading`.
 * Exits with Playwright's exit code.
 *
 * Each run builds into a folder of its own and serves it on a free port
 * (E2E_DIST, E2E_PORT, and E2E_STATIC_PORT for the plain static server;
 * see playwright.config.ts), so two runs at once do not
 * test each other's build.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findChromium } from './find-chromium.mjs'
import { binPath, runNode } from './run-bin.mjs'

/** A TCP port nobody listens on now, as the system hands one out. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

let chromium
try {
  chromium = await findChromium()
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
const outDir = mkdtempSync(join(tmpdir(), 'mesh-playground-e2e-'))
const env = { ...process.env, CHROMIUM_PATH: chromium, E2E_DIST: outDir, E2E_PORT: String(await freePort()), E2E_STATIC_PORT: String(await freePort()) }
console.log(`Chromium: ${chromium}`)

let code
try {
  console.log(`\n$ vite build --outDir ${outDir}`)
  code = await runNode(binPath('vite'), ['build', '--outDir', outDir, '--emptyOutDir'], env)
  if (code !== 0) console.error(`vite build failed (exit code ${code}).`)
  else {
    const args = process.argv.slice(2)
    console.log(`\n$ playwright test${args.length ? ` ${args.join(' ')}` : ''}   (serving ${outDir} on ports ${env.E2E_PORT} and ${env.E2E_STATIC_PORT})`)
    code = await runNode(binPath('@playwright/test', 'playwright'), ['test', ...args], env)
  }
} finally {
  rmSync(outDir, { recursive: true, force: true })
  // Traces and screenshots of failures stay in test-results/port-<port>; a passing run leaves nothing.
  if (code === 0) rmSync(join('test-results', `port-${env.E2E_PORT}`), { recursive: true, force: true })
}
process.exit(code)
