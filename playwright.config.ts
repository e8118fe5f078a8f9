import { defineConfig } from '@playwright/test'

const CI = Boolean(process.env.CI)
/** `npm run test:e2e` builds into a folder of its own and picks a free port (scripts/e2e.mjs); by hand it is dist/ on 4273. */
const OWN_BUILD = Boolean(process.env.E2E_PORT)
const PORT = Number(process.env.E2E_PORT ?? 4273)
const DIST = process.env.E2E_DIST ?? 'dist'
const BASE_URL = `http://localhost:${PORT}`
/** The same build on a plain static server that sends no headers of its own (as GitHub Pages), for the sandbox's attacks. */
const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 4274)
const STATIC_URL = `http://127.0.0.1:${STATIC_PORT}`

const CHROMIUM = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
}

/**
 * End-to-end tests run against the production build served by `vite preview`;
 * the sandbox's attacks run against a plain static server too (no-headers).
 * `npm run test:e2e` builds first and sets CHROMIUM_PATH (see scripts/e2e.mjs).
 */
export default defineConfig({
  testDir: 'e2e',
  // Playwright empties its output folder when a run starts: one per run, so runs at once keep their traces.
  outputDir: OWN_BUILD ? `test-results/port-${PORT}` : 'test-results',
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: CI ? 1 : 2,
  reporter: CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: `npx vite preview --port ${PORT} --strictPort --outDir "${DIST}"`,
      url: BASE_URL,
      reuseExistingServer: !CI && !OWN_BUILD,
      timeout: 60_000,
    },
    {
      command: `node scripts/static-server.mjs "${DIST}" ${STATIC_PORT}`,
      url: STATIC_URL,
      reuseExistingServer: !CI && !OWN_BUILD,
      timeout: 60_000,
    },
  ],
  projects: [
    { name: 'chromium', use: CHROMIUM },
    { name: 'no-headers', testMatch: /sandbox-attacks\.spec\.ts$/, use: { ...CHROMIUM, baseURL: STATIC_URL } },
    // A device with less memory: each JavaScript heap (the sandbox worker's too) gets 1 GB.
    {
      name: 'low-memory',
      testMatch: /sandbox-memory\.spec\.ts$/,
      use: { ...CHROMIUM, launchOptions: { ...CHROMIUM.launchOptions, args: [...CHROMIUM.launchOptions.args, '--js-flags=--max-old-space-size=1024'] } },
    },
  ],
})
