import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { headersFor, parseHeadersFile } from '../src/sandbox/static-headers'
import { expect, test } from './fixtures'
import { SharePage } from './share-page'

/** start → a code node with the starter coroutine (it passes items on) → sink. */
const CODE_MESH = {
  format: 'mesh-playground',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'code', kind: 'code', position: { x: 280, y: 0 } },
    { id: 'sink', kind: 'sink', position: { x: 560, y: 0 } },
  ],
  edges: [
    { source: 'start', port: 'target', target: 'code' },
    { source: 'code', port: 'out', target: 'sink' },
  ],
  inputs: [{ node: 'start', values: [1, 2] }],
}

declare global {
  interface Window {
    cspViolations?: string[]
    inlineRan?: boolean
  }
}

test.describe('Content-Security-Policy', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      window.cspViolations = []
      document.addEventListener('securitypolicyviolation', (event) => window.cspViolations!.push(`${event.violatedDirective} ${event.blockedURI}`))
    })
  })

  test('the built app sets a policy that keeps inline and foreign script out', async ({ app, page }) => {
    await app.goto()
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(policy).toContain("default-src 'self'")
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("base-uri 'none'")
    expect(policy).not.toContain('unsafe-eval')
    await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.head.append(script)
    })
    expect(await page.evaluate(() => window.inlineRan)).toBeUndefined()
    await expect.poll(() => page.evaluate(() => window.cspViolations)).toEqual([expect.stringMatching(/^script-src(-elem)? inline$/)])
  })

  test('runs with no violation and no error: demos, lessons, sharing, exports, layout and the embed view', async ({ app, page }) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    const share = new SharePage(app)

    await app.goto()
    await share.demosButton.click()
    await share.gallery.getByRole('link', { name: 'The Part 3 mesh' }).click()
    await share.next(2, 5)
    await share.next(3, 5)
    await share.shareButton.click()
    const link = await share.shareDialog.getByLabel('Link', { exact: true }).inputValue()
    await page.keyboard.press('Escape')
    await share.download('Export PNG')
    await share.download('Export SVG')
    await share.download('Export as Python')
    await app.button('Auto layout').click()
    await expect(app.button('Auto layout')).toBeEnabled()
    await app.goto(`/?embed${link.slice(link.indexOf('#'))}`)
    await expect(app.nodes).toHaveCount(6)
    await app.button('Step').click()
    await expect(app.tick).toHaveText('1')

    expect(await page.evaluate(() => window.cspViolations)).toEqual([])
    expect(errors).toEqual([])
  })

  test('the sandbox worker the build made is served with its own policy, the one dist/_headers gives static hosts, and code runs under it', async ({ app, page }) => {
    const worker = page.waitForResponse((response) => /^\/assets\/worker-[^/]+\.js$/.test(new URL(response.url()).pathname))
    await app.gotoWithDocument(CODE_MESH)
    const response = await worker
    const policy = response.headers()['content-security-policy']
    expect(policy).toBe("default-src 'none'; script-src 'self' 'unsafe-eval'")
    // the build under test: its own folder under `npm run test:e2e` (E2E_DIST), dist/ by hand
    const rules = parseHeadersFile(await readFile(join(process.env.E2E_DIST ?? 'dist', '_headers'), 'utf8'))
    expect(headersFor(rules, new URL(response.url()).pathname)).toEqual([['Content-Security-Policy', policy]])
    await app.button('Run to end').click()
    await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2', '3'])
  })
})
