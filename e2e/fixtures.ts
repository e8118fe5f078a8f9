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

/** Where the playground autosaves its document (src/store/autosave.ts). */
export const STORAGE_KEY = 'mesh-playground:document:v1'

const EMPTY_DOCUMENT = { format: 'mesh-playground', version: 1, nodes: [] }

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The Mesh Playground page. */
export class AppPage {
  readonly heading: Locator
  readonly main: Locator
  /** The React Flow pane, where nodes are dropped. */
  readonly canvas: Locator
  readonly inspector: Locator
  readonly tick: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Mesh Playground' })
    this.main = page.getByRole('main')
    this.canvas = page.locator('.react-flow__pane')
    this.inspector = page.getByRole('complementary')
    this.tick = page.locator('.tick-counter strong')
  }

  /** Opens the app and waits until it has rendered. */
  async goto(path = '/'): Promise<void> {
    await this.page.goto(path)
    await expect(this.heading).toBeVisible()
  }

  /** Opens the app with an empty mesh saved, as if the person had cleared the canvas. */
  async gotoEmpty(): Promise<void> {
    await this.goto()
    await this.page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [STORAGE_KEY, JSON.stringify(EMPTY_DOCUMENT)])
    await this.page.reload()
    await expect(this.nodes).toHaveCount(0)
  }

  /** Opens the app with `document` (a mesh document's JSON) saved, as if the person had built it. */
  async gotoWithDocument(document: object): Promise<void> {
    await this.goto()
    await this.page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [STORAGE_KEY, JSON.stringify(document)])
    await this.page.reload()
    await expect(this.heading).toBeVisible()
  }

  /** Where the run stands, in words ("Paused, next up: doubler"). */
  get runStatus(): Locator {
    return this.page.locator('.run-toolbar [role="status"]')
  }

  /** A tab of the run panels under the canvas. */
  dockTab(name: string): Locator {
    return this.page.getByRole('tablist', { name: 'Run panels' }).getByRole('tab', { name: new RegExp(`^${escapeRegExp(name)}\\b`) })
  }

  /** The open run panel. */
  get dockPanel(): Locator {
    return this.page.getByRole('tabpanel')
  }

  /** Every node on the canvas. */
  get nodes(): Locator {
    return this.page.locator('.react-flow__node')
  }

  /** A node on the canvas by its label. */
  node(label: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^${escapeRegExp(label)}, `) })
  }

  /** A wire on the canvas, e.g. wire('start.target', 'doubler'). */
  wire(from: string, to: string): Locator {
    return this.page.locator(`.react-flow__edge[aria-label="Wire from ${from} to ${to}"]`)
  }

  paletteItem(kind: string): Locator {
    return this.page.getByRole('button', { name: `Add ${kind}`, exact: true })
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true })
  }

  /** Drags a kind from the palette and drops it on the canvas at (x, y) within the pane. */
  async dragFromPalette(kind: string, x: number, y: number): Promise<void> {
    const before = await this.nodes.count()
    await this.paletteItem(kind).dragTo(this.canvas, { targetPosition: { x, y } })
    await expect(this.nodes).toHaveCount(before + 1)
  }

  /** Drags from a node's output port to another node's input, as a person wires with the mouse. */
  async connect(source: string, port: string, target: string): Promise<void> {
    const from = this.node(source).locator(`.react-flow__handle[data-handleid="${port}"]`)
    const to = this.node(target).locator('.react-flow__handle[data-handleid="in"]')
    const wire = this.wire(`${source}.${port}`, target)
    const before = await wire.count()
    await this.dragBetween(from, to)
    // A synthetic drag in headless Chromium now and then misses a 14px handle
    // (about one run in ten on a loaded machine); a person would try again.
    if ((await wire.count()) === before) {
      await this.page.waitForTimeout(300)
      if ((await wire.count()) === before) await this.dragBetween(from, to)
    }
  }

  /** Drags one thing to another with the mouse, in small moves as a hand does. */
  async dragBetween(from: Locator, to: Locator): Promise<void> {
    await this.waitForStillView()
    const a = await from.boundingBox()
    const b = await to.boundingBox()
    if (!a || !b) throw new Error('cannot drag: an end is not on screen')
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
    await this.page.mouse.up()
  }

  /** Waits until the canvas's pan and zoom stop changing (a fit view may still be animating), so positions read now hold. */
  async waitForStillView(): Promise<void> {
    const viewport = this.page.locator('.react-flow__viewport').first()
    let last = await viewport.getAttribute('style')
    for (let i = 0; i < 20; i++) {
      await this.page.waitForTimeout(100)
      const now = await viewport.getAttribute('style')
      if (now === last) return
      last = now
    }
  }

  /** Selects a node by clicking its label, so the inspector shows it. */
  async select(label: string): Promise<void> {
    await this.node(label).locator('.mesh-node-label').click()
    await expect(this.inspector.getByRole('heading', { level: 2 })).toContainText(label)
  }

  /** Queues values on the selected node with the inspector's send(). */
  async send(label: string, values: string): Promise<void> {
    await this.select(label)
    await this.inspector.getByLabel(`Send to ${label}`).fill(values)
    await this.inspector.getByRole('button', { name: 'send()' }).click()
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
