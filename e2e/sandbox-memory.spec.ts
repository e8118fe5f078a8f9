/**
 * Runaway code nodes on a device with less memory: the spec runs in the
 * low-memory project, whose Chromium gives each JavaScript heap 1 GB
 * (`--max-old-space-size=1024`). A worker that runs out of heap takes the
 * renderer, and so the tab, with it; the activation's budget must stop the
 * code first, name the node with a clear message, and leave Reset working.
 */
import { expect, test, type AppPage } from './fixtures'

/** start → runaway (a code node) → out (a sink). */
const MESH = {
  format: 'mesh-playground',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'code', kind: 'code', label: 'runaway', position: { x: 280, y: 0 } },
    { id: 'out', kind: 'sink', label: 'out', position: { x: 560, y: 0 } },
  ],
  edges: [
    { source: 'start', port: 'target', target: 'code' },
    { source: 'code', port: 'out', target: 'out' },
  ],
  inputs: [{ node: 'start', values: [1, 2, 3] }],
}

const RUNAWAYS = [
  {
    name: 'keeps every array it makes',
    source: `function* (ports) {\n  for (;;) {\n    const i = yield\n    const a = []\n    for (;;) a.push(new Array(1e6).fill(i))\n  }\n}`,
    shows: /asked for over 256 MB of arrays in one activation/,
  },
  {
    name: 'keeps every buffer it makes',
    source: `function* (ports) {\n  for (;;) {\n    yield\n    const kept = []\n    for (;;) kept.push(new Uint8Array(1 << 23))\n  }\n}`,
    shows: /asked for over 256 MB of arrays in one activation/,
  },
  {
    name: 'doubles a string',
    source: `function* (ports) {\n  for (;;) {\n    const i = yield\n    let s = 'x' + i\n    for (;;) s += s\n  }\n}`,
    shows: /RangeError: Invalid string length/,
  },
  {
    name: 'loops for ever',
    source: `function* (ports) {\n  for (;;) {\n    const i = yield\n    for (;;) {}\n  }\n}`,
    shows: /ran over 10,000,000 steps \(loop turns and calls\) in one activation without yielding/,
  },
]

/** Replaces everything in a code node's editor, as a paste would. */
async function typeCode(app: AppPage, label: string, code: string): Promise<void> {
  const editor = app.page.getByRole('textbox', { name: `Code of ${label}` })
  await editor.click()
  await app.page.keyboard.press('ControlOrMeta+a')
  await app.page.keyboard.insertText(code)
}

test.describe('A runaway code node on a device with 1 GB of heap', () => {
  test.describe.configure({ timeout: 120_000 })
  test.beforeEach(({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'low-memory', "needs the low-memory project's browser")
    page.on('crash', () => console.log('[page crashed]'))
  })

  for (const runaway of RUNAWAYS) {
    test(`that ${runaway.name} is stopped and named, the tab lives on and Reset works`, async ({ app, page, saveScreenshot }) => {
      await app.gotoWithDocument(MESH)
      await app.select('runaway')
      await typeCode(app, 'runaway', runaway.source)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.button('Run to end').click()
      await expect(app.node('runaway')).toContainText(runaway.shows, { timeout: 20_000 })
      // Stopped by its budget at that tick, not by the watchdog's clock, and the page answers.
      await expect(page.getByText(/ran for over 1 s/)).toHaveCount(0)
      await expect(page.getByText(/sandbox failed/)).toHaveCount(0)
      expect(await page.evaluate(() => document.title)).toBeTruthy()
      if (runaway.name === 'keeps every array it makes') await saveScreenshot('sandbox-memory-runaway')
      // Reset works, and the run stops the same again.
      await app.button('Reset').click()
      await expect(app.tick).toHaveText('0')
      await app.button('Run to end').click()
      await expect(app.node('runaway')).toContainText(runaway.shows, { timeout: 20_000 })
    })
  }
})
