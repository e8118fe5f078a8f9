/**
 * Shared fixtures for the end-to-end specs: import `test` and `expect` from
 * here instead of `@playwright/test`.
 *
 * - `app`: a page object for the Mesh Playground page.
 * - `axe`: accessibility checks with axe-core.
 * - `saveScreenshot`: writes a full-page screenshot to e2e/screenshots/<name>.png.
 */
import path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
type AxeViolation = AxeResults['violations'][number]

/** The impacts that fail a test; minor and moderate ones are only reported. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical'])

/** The Mesh Playground page. */
export class AppPage {
  readonly heading: Locator
  readonly main: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Mesh Playground' })
    this.main = page.getByRole('main')
  }

  /** Opens the app and waits until it has rendered. */
  async goto(path = '/'): Promise<void> {
    await this.page.goto(path)
    await expect(this.heading).toBeVisible()
  }
}

export interface AxeHelper {
  /** Runs axe-core on the page (or on `include`, a CSS selector) against WCAG 2.x A and AA rules. */
  analyze(include?: string): Promise<AxeResults>
  /** Fails the test if axe finds any serious or critical violation; lists them all if so. */
  expectNoSeriousViolations(include?: string): Promise<void>
}

function describeViolation(violation: AxeViolation): string {
  const targets = violation.nodes.map((node) => `    ${node.target.join(' ')}`).join('\n')
  return `[${violation.impact}] ${violation.id}: ${violation.help}\n  ${violation.helpUrl}\n${targets}`
}

type Fixtures = {
  app: AppPage
  axe: AxeHelper
  saveScreenshot: (name: string) => Promise<string>
}

export const test = base.extend<Fixtures>({
  app: async ({ page }, use) => {
    await use(new AppPage(page))
  },

  axe: async ({ page }, use, testInfo) => {
    const analyze = async (include?: string) => {
      let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      if (include) builder = builder.include(include)
      const results = await builder.analyze()
      await testInfo.attach('axe-results.json', { body: JSON.stringify(results, null, 2), contentType: 'application/json' })
      return results
    }
    await use({
      analyze,
      async expectNoSeriousViolations(include) {
        const { violations } = await analyze(include)
        const blocking = violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact))
        for (const v of violations.filter((v) => !blocking.includes(v))) {
          testInfo.annotations.push({ type: 'axe', description: `${v.impact}: ${v.id} (${v.help})` })
        }
        expect(blocking.map(describeViolation), 'serious or critical accessibility violations').toEqual([])
      },
    })
  },

  saveScreenshot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      const file = path.join(testInfo.project.testDir, 'screenshots', `${name}.png`)
      await page.screenshot({ path: file, fullPage: true })
      await testInfo.attach(name, { path: file, contentType: 'image/png' })
      return file
    })
  },
})

export { expect }
