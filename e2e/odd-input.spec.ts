import { encodeLink } from '../src/formats/link'
import { meshDocument } from '../src/engine/testing'
import { expect, STORAGE_KEY, test, type AppPage } from './fixtures'
import { SharePage } from './share-page'

/** Replaces everything in a code node's editor, as a paste would. */
async function typeCode(app: AppPage, label: string, code: string): Promise<void> {
  const editor = app.page.getByRole('textbox', { name: `Code of ${label}` })
  await editor.click()
  await app.page.keyboard.press('ControlOrMeta+a')
  await app.page.keyboard.insertText(code)
  await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
  // The check said the same of the code before: wait until the mesh (as autosaved) has the new code.
  await expect.poll(() => app.page.evaluate((key) => localStorage.getItem(key) ?? '', STORAGE_KEY)).toContain(JSON.stringify(code).slice(1, -1))
}

/** The page answers: a click on a run panel's tab selects it. */
async function expectAnswers(app: AppPage): Promise<void> {
  await app.dockTab('Stats').click()
  await expect(app.dockTab('Stats')).toHaveAttribute('aria-selected', 'true')
  await expect(app.heading).toBeVisible()
}

/** start → mine (a code node) → sink, with 1 2 3 queued on start. */
const CODE_MESH = {
  format: 'mesh-playground',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'code', kind: 'code', label: 'mine', position: { x: 280, y: 0 } },
    { id: 'sink', kind: 'sink', position: { x: 560, y: 0 } },
  ],
  edges: [
    { source: 'start', port: 'target', target: 'code' },
    { source: 'code', port: 'out', target: 'sink' },
  ],
  inputs: [{ node: 'start', values: [1, 2, 3] }],
}

/** A start wired to itself: it never runs out of work. */
function selfLoop(maxActivations: number) {
  return meshDocument({
    nodes: [{ id: 'a', kind: 'start', label: 'loop', position: { x: 0, y: 0 } }],
    edges: [{ source: 'a', port: 'target', target: 'a' }],
    inputs: [{ node: 'a', values: [0] }],
    limits: { maxActivations },
  })
}

/** A start wired to itself twice: its queue grows by one item a tick, for ever. */
function flood(limits: { maxActivations: number; maxQueue: number }) {
  return meshDocument({
    nodes: [{ id: 'a', kind: 'start', label: 'flood', position: { x: 0, y: 0 } }],
    edges: [
      { source: 'a', port: 'target', target: 'a' },
      { source: 'a', port: 'target', target: 'a' },
    ],
    inputs: [{ node: 'a', values: [0] }],
    limits,
  })
}

test.describe('Odd input', () => {
  test.describe('values from code', () => {
    for (const [what, code, said] of [
      ['an object', 'ports.out.send({ n: item })', 'mine sent an object; a code node can send numbers, strings, true/false or null'],
      ['a BigInt', 'ports.out.send(10n)', 'mine sent a BigInt; a code node can send numbers, strings, true/false or null'],
      ['an object whose toString throws', "ports.out.send({ toString() { throw new Error('no') } })", 'mine sent an object'],
      ['a 100 MB string', "ports.out.send('x'.repeat(1e8))", 'mine sent a string of 100,000,000 characters; a value can be at most 5,000 characters long'],
    ]) {
      test(`a code node that sends ${what} is closed with a message that says so, and the page goes on`, async ({ app }) => {
        await app.gotoWithDocument(CODE_MESH)
        await app.select('mine')
        await typeCode(app, 'mine', `function* (ports) {\n  while (true) {\n    const item = yield\n    ${code}\n  }\n}`)
        await app.button('Run to end').click()
        await expect(app.node('mine')).toContainText(`ValueError: ${said}`)
        await expect(app.node('sink')).toContainText('received 0')
        await expectAnswers(app)
      })
    }
  })

  test.describe('a link at a far tick', () => {
    test('opens in slices with its progress and a Cancel, which leaves the mesh where it got to', async ({ app, page, saveScreenshot }) => {
      const link = encodeLink(selfLoop(1_000_000_000), { tick: 1_000_000_000 })
      expect(link.length).toBeLessThan(150)
      await app.goto(`/${link}`)
      const progress = page.getByRole('progressbar', { name: 'Opening at tick 1,000,000,000' })
      await expect(progress).toBeVisible()
      await expect(page.getByText(/^Opening at tick 1,000,000,000: [\d,]+ so far \(\d+%\)\.$/)).toBeVisible()
      await saveScreenshot('opening-at-a-far-tick')
      await page.getByRole('button', { name: 'Cancel opening' }).click()
      await expect(progress).toHaveCount(0)
      await expect(page.getByText(/^Stopped at tick [\d,]+ on the way to tick 1,000,000,000: the mesh is there\./)).toBeVisible()
      await expect(app.node('loop')).toBeVisible()
      const tick = Number(await app.tick.textContent())
      expect(tick).toBeGreaterThan(0)
      expect(tick).toBeLessThan(1_000_000_000)
      await expectAnswers(app)
      await expect(app.tick).toHaveText(String(tick))
    })

    test('refuses a tick past the activation budget, and opens the mesh at tick 0', async ({ app, page }) => {
      await app.goto(`/${encodeLink(selfLoop(1000), { tick: 1_000_000_000 })}`)
      await expect(page.getByText("The link asks for tick 1,000,000,000, past the mesh's activation budget (1,000), so it opened at tick 0.", { exact: false })).toBeVisible()
      await expect(app.tick).toHaveText('0')
      await expect(app.node('loop')).toBeVisible()
    })
  })

  test.describe('a huge string in a file', () => {
    for (const [size, said] of [
      [30_000_000, /^huge\.mesh\.json: This file is too large to be a mesh: 30,000,\d{3} bytes/],
      [5_000_000, /^huge\.mesh\.json: .*inputs\[0\]\.values\[0\]: is longer than 500 characters/],
    ] as const) {
      test(`of ${size.toLocaleString('en-US')} characters is refused with a message, and the mesh stays as it was`, async ({ app, page }) => {
        // Handing the browser a 30 MB file takes a while on a busy machine.
        test.setTimeout(90_000)
        await app.gotoWithDocument(CODE_MESH)
        const json = JSON.stringify({ format: 'mesh-playground', version: 1, nodes: [{ id: 'a', kind: 'sink' }], inputs: [{ node: 'a', values: ['x'.repeat(size)] }] })
        await new SharePage(app).openFile({ name: 'huge.mesh.json', mimeType: 'application/json', buffer: Buffer.from(json) })
        await expect(page.getByRole('status').getByText(said)).toBeVisible()
        await expect(app.node('mine')).toBeVisible()
        await expectAnswers(app)
      })
    }
  })

  test.describe('a huge queue cap', () => {
    test('stops the run with a notice when all queues hold a million items, and the page goes on', async ({ app, page }) => {
      await app.gotoWithDocument(flood({ maxActivations: 1_000_000_000, maxQueue: 10_000_000 }))
      await app.button('Run to end').click()
      await expect(page.getByText('The run stopped: the queues hold 1,000,000 items in all, the most a run may hold; new items are dropped.')).toBeVisible({ timeout: 20_000 })
      await expect(app.runStatus).toHaveText('Stopped: a queue is full')
      await expectAnswers(app)
    })
  })
})
