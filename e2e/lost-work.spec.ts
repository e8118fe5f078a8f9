import { readFile } from 'node:fs/promises'

import { expect, STORAGE_KEY, test } from './fixtures'
import { meshOnCanvas, runOnCanvas, SharePage } from './share-page'

const PANELS = ['Scheduler', 'Output', 'Trace', 'Stats', 'Queues', 'Breakpoints', 'Compare']
/** The Part 3 mesh's ids, each renamed to something every plain object answers to. */
const RENAMED: Record<string, string> = { s: 'constructor', d: '__proto__', t: 'toString', b: 'hasOwnProperty', a: 'valueOf', r: 'isPrototypeOf' }

async function part3WithPrototypeIds(): Promise<string> {
  const doc = JSON.parse(await readFile(new URL('../src/demos/part3-mesh.mesh.json', import.meta.url), 'utf8')) as {
    nodes: { id: string }[]
    edges: { source: string; target: string }[]
    inputs: { node: string }[]
  }
  const name = (id: string) => RENAMED[id] ?? id
  for (const node of doc.nodes) node.id = name(node.id)
  for (const edge of doc.edges) Object.assign(edge, { source: name(edge.source), target: name(edge.target) })
  for (const input of doc.inputs) input.node = name(input.node)
  return JSON.stringify(doc)
}

test.describe('No lost work', () => {
  test.describe('ids named like Object.prototype', () => {
    test('a mesh whose ids are constructor, __proto__, toString, hasOwnProperty and valueOf opens from a file and a link, runs, and shows every panel', async ({
      app,
      page,
      context,
    }) => {
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      const share = new SharePage(app)
      await app.gotoEmpty()
      await share.openFile({ name: 'prototype.mesh.json', mimeType: 'application/json', buffer: Buffer.from(await part3WithPrototypeIds()) })
      await expect(page.getByRole('status').getByText('Opened the mesh from the file.')).toBeVisible()
      await expect(app.nodes).toHaveCount(6)
      const mesh = await meshOnCanvas(page)
      const link = await share.shareLink()

      await app.button('Step').click()
      await app.button('Run to end').click()
      await expect(app.runStatus).toContainText(/no work left|finished|idle/i)
      for (const panel of PANELS) {
        await app.dockTab(panel).click()
        await expect(app.dockPanel).toBeVisible()
      }
      await app.dockTab('Output').click()
      await expect(app.dockPanel.getByRole('listitem').first()).toContainText('Sink got:')
      for (const label of ['sink', 'doubler', 'tripler', 'branch', 'start', 'recycler']) {
        await app.select(label)
        await expect(app.inspector).toContainText(label)
      }
      await expect(page.getByRole('alert').filter({ hasText: 'hit a problem' })).toHaveCount(0)
      const run = await runOnCanvas(page)
      // The mesh is the page's work now, and it is saved as such.
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain('"hasOwnProperty"')

      const other = await context.newPage()
      await other.goto(link)
      await expect(other.locator('.react-flow__node')).toHaveCount(6)
      expect(await meshOnCanvas(other)).toEqual(mesh)
      await other.getByRole('button', { name: 'Run to end', exact: true }).click()
      await expect.poll(() => runOnCanvas(other)).toEqual(run)
      await expect(other.getByRole('alert').filter({ hasText: 'hit a problem' })).toHaveCount(0)
      expect(errors).toEqual([])
    })
  })

  test.describe('two tabs', () => {
    test('a tab never overwrites the other tab’s newer save silently: it offers to load it, or keep its own', async ({ app, page, context, saveScreenshot }) => {
      await app.goto()
      const other = await context.newPage()
      await other.goto('/')
      await expect(other.locator('.react-flow__node')).toHaveCount(6)

      // The other tab renames the doubler; its save reaches this tab.
      await other
        .getByRole('group', { name: /^doubler, / })
        .locator('.mesh-node-label')
        .click()
      await other.getByRole('complementary').getByLabel('Label', { exact: true }).fill('their doubler')
      await other.getByRole('complementary').getByLabel('Label', { exact: true }).press('Enter')
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain('their doubler')
      const notice = page.getByRole('status').locator('.notice', { hasText: 'Another tab saved a different mesh' })
      await expect(notice).toBeVisible()

      // This tab's own edit is held, not saved over theirs.
      await app.select('tripler')
      await app.inspector.getByLabel('Label', { exact: true }).fill('my tripler')
      await app.inspector.getByLabel('Label', { exact: true }).press('Enter')
      await page.waitForTimeout(800)
      expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).not.toContain('my tripler')
      await saveScreenshot('two-tabs-notice')

      await notice.getByRole('button', { name: 'Load the other tab’s mesh' }).click()
      await expect(app.node('their doubler')).toBeVisible()
      await expect(app.node('tripler')).toBeVisible()

      // Now this tab edits again; the other tab is asked in its turn and keeps its own when told so.
      await app.select('their doubler')
      await app.inspector.getByLabel('Label', { exact: true }).fill('my doubler')
      await app.inspector.getByLabel('Label', { exact: true }).press('Enter')
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain('my doubler')
      const theirNotice = other.getByRole('status').locator('.notice', { hasText: 'Another tab saved a different mesh' })
      await theirNotice.getByRole('button', { name: 'Keep this tab’s mesh' }).click()
      await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toContain('their doubler')
      await expect(notice).toBeVisible()
    })
  })
})
