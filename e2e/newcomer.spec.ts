import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'

import part3Json from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { expect, test, type AppPage } from './fixtures'
import { SharePage } from './share-page'

/** start → doubler → sink, with 1 and 2 queued on start. */
const CHAIN = {
  format: 'mesh-playground',
  version: 1,
  title: 'Chain',
  nodes: [
    { id: 'a', kind: 'start', label: 'start', position: { x: 0, y: 0 } },
    { id: 'd', kind: 'doubler', label: 'doubler', position: { x: 300, y: 0 } },
    { id: 's', kind: 'sink', label: 'sink', position: { x: 600, y: 0 } },
  ],
  edges: [
    { source: 'a', port: 'target', target: 'd' },
    { source: 'd', port: 'target', target: 's' },
  ],
  inputs: [{ node: 'a', values: [1, 2] }],
}

/** start → a code node with the starter code (it passes items on) → sink: run in the sandbox worker. */
const CODE_CHAIN = {
  format: 'mesh-playground',
  version: 1,
  title: 'Code chain',
  nodes: [
    { id: 'a', kind: 'start', label: 'start', position: { x: 0, y: 0 } },
    { id: 'c', kind: 'code', label: 'passer', position: { x: 300, y: 0 } },
    { id: 's', kind: 'sink', label: 'sink', position: { x: 600, y: 0 } },
  ],
  edges: [
    { source: 'a', port: 'target', target: 'c' },
    { source: 'c', port: 'out', target: 's' },
  ],
  inputs: [{ node: 'a', values: [1, 2] }],
}

const sinkValues = (app: AppPage) => app.node('sink').locator('.mesh-sink-values li')
const hasPython = spawnSync('python3', ['--version']).status === 0

test.describe('What a newcomer trips on', () => {
  test.describe('building after a finished run', () => {
    for (const [name, mesh, made] of [
      ['on the page', CHAIN, ['2x2', '2x3', '2x4', '2x8']],
      ['for a code-node mesh, in the sandbox', CODE_CHAIN, ['2', '3', '4', '8']],
    ] as const) {
      test(`new initial inputs start a fresh run at once, which Run to end runs (${name})`, async ({ app }) => {
        await app.gotoWithDocument(mesh)
        await app.button('Run to end').click()
        await expect(sinkValues(app)).toHaveCount(2)
        await expect(app.dockTab('Output')).toHaveText(/Output\s*2/)
        await app.select('start')
        await app.inspector.getByLabel('Initial inputs').fill('1 2 3 7')
        await app.inspector.getByLabel('Initial inputs').press('Enter')
        // Nothing of the old run stays: tick 0, no printout, no count on the Output tab, and Run to end can run.
        await expect(app.tick).toHaveText('0')
        await expect(sinkValues(app)).toHaveCount(0)
        await expect(app.dockTab('Output')).toHaveText(/^Output$/)
        await expect(app.button('Run to end')).toBeEnabled()
        await app.button('Run to end').click()
        await expect(sinkValues(app)).toHaveText(made)
      })
    }

    test('deleting the whole mesh after a run leaves no output of it on screen', async ({ app }) => {
      await app.gotoWithDocument(CHAIN)
      await app.button('Run to end').click()
      await expect(app.dockTab('Output')).toHaveText(/Output\s*2/)
      await app.dockTab('Output').click()
      await app.canvas.click({ position: { x: 20, y: 20 } })
      await app.page.keyboard.press('ControlOrMeta+a')
      await app.page.keyboard.press('Delete')
      await expect(app.nodes).toHaveCount(0)
      await expect(app.dockTab('Output')).toHaveText(/^Output$/)
      await expect(app.dockPanel).toContainText('This mesh has no sink.')
      await expect(app.tick).toHaveText('0')
    })
  })

  test("cards added with the palette's buttons land in free space near the centre, none over another", async ({ app, page, saveScreenshot }) => {
    await app.gotoEmpty()
    for (const kind of ['start', 'doubler', 'tripler', 'branch', 'sink']) await app.paletteItem(kind).click()
    await expect(app.nodes).toHaveCount(5)
    await app.waitForStillView()
    const boxes = await app.nodes.evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect))
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!]
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
        expect(overlap, `cards ${i} and ${j} overlap`).toBe(false)
      }
    }
    // Each lands in the view while it has room, else the view takes in the whole mesh: every card is in view, and no card hides another's name.
    const pane = (await app.canvas.boundingBox())!
    for (const box of boxes) {
      expect(box.top).toBeGreaterThanOrEqual(pane.y - 1)
      expect(box.bottom).toBeLessThanOrEqual(pane.y + pane.height + 1)
    }
    for (const label of ['start', 'doubler', 'tripler', 'branch', 'sink']) {
      const name = (await app.node(label).locator('.mesh-node-label').boundingBox())!
      const under = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.react-flow__node')?.getAttribute('aria-label') ?? null,
        [name.x + 4, name.y + name.height / 2],
      )
      if (under !== null) expect(under).toMatch(new RegExp(`^${label}, `))
    }
    await saveScreenshot('newcomer-palette-placement')
  })

  test.describe('selecting and starting over', () => {
    test("Ctrl+A selects the nodes and wires, counted apart, not the page's text", async ({ app, page }) => {
      await app.gotoWithDocument(CHAIN)
      await expect(app.inspector).toContainText('Shift-drag on the canvas to select several')
      await app.canvas.click({ position: { x: 20, y: 20 } })
      await page.keyboard.press('ControlOrMeta+a')
      await expect(app.inspector.getByRole('heading', { level: 2 })).toHaveText('3 nodes and 2 wires selected')
      expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('')
    })

    test('New mesh empties the canvas, and Undo brings the mesh back', async ({ app }) => {
      await app.gotoWithDocument(CHAIN)
      await app.button('Run to end').click()
      await new SharePage(app).fileMenu('New mesh')
      await expect(app.nodes).toHaveCount(0)
      await expect(app.tick).toHaveText('0')
      await expect(app.inspector).toContainText('Add a node from the palette to begin.')
      await app.button('Undo').click()
      await expect(app.nodes).toHaveCount(3)
    })
  })

  test.describe('stepping back', () => {
    for (const [name, mesh] of [
      ['on the page', CHAIN],
      ['for a code-node mesh, in the sandbox', CODE_CHAIN],
    ] as const) {
      test(`shows the "took" chip of the tick it goes back to, as stepping forward did (${name})`, async ({ app }) => {
        await app.gotoWithDocument(mesh)
        const chip = app.page.locator('.mesh-took')
        for (let i = 0; i < 3; i++) {
          await app.button('Step').click()
          await expect(app.tick).toHaveText(String(i + 1))
        }
        await expect(chip).toHaveCount(1)
        const at3 = { node: await chip.evaluate((el) => el.closest('.react-flow__node')?.getAttribute('aria-label')), text: await chip.textContent() }
        await app.button('Step').click()
        await expect(app.tick).toHaveText('4')
        await app.button('Step back').click()
        await expect(app.tick).toHaveText('3')
        await expect(chip).toHaveCount(1)
        await expect(chip).toHaveText(at3.text!)
        expect(await chip.evaluate((el) => el.closest('.react-flow__node')?.getAttribute('aria-label'))).toBe(at3.node)
      })
    }
  })

  test('scheduler, mode and seed are the same controls in the toolbar and the inspector', async ({ app, page, saveScreenshot }) => {
    await app.gotoWithDocument(CHAIN)
    const toolbar = page.locator('.run-toolbar')
    for (const place of [toolbar, app.inspector]) {
      await expect(place.getByRole('combobox', { name: 'Scheduler' })).toBeVisible()
      await expect(place.getByRole('combobox', { name: 'Mode' })).toBeVisible()
      await expect(place.getByRole('textbox', { name: 'Seed' })).toBeVisible()
    }
    await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveCount(0)
    await toolbar.getByRole('textbox', { name: 'Seed' }).fill('8')
    await toolbar.getByRole('textbox', { name: 'Seed' }).press('Enter')
    await expect(app.inspector.getByRole('textbox', { name: 'Seed' })).toHaveValue('8')
    await app.inspector.getByRole('combobox', { name: 'Scheduler' }).selectOption('priority')
    await expect(toolbar.getByRole('combobox', { name: 'Mode' }).locator('option')).toHaveText(['flush', 'incremental'])
    await expect(app.inspector.getByRole('combobox', { name: 'Mode' }).locator('option')).toHaveText(['flush', 'incremental'])
    // A seed that is not a whole number is refused in words, in either place, and what was typed stays to be mended.
    for (const place of [toolbar, app.inspector]) {
      const seed = place.getByRole('textbox', { name: 'Seed' })
      await seed.fill('seven')
      await seed.press('Enter')
      await expect(place.getByRole('alert')).toHaveText('Seed: type a whole number from 0 to 4294967295.')
      await expect(seed).toHaveValue('seven')
      if (place === toolbar) await saveScreenshot('newcomer-seed-refused')
      await seed.press('Escape')
      await expect(seed).toHaveValue('8')
    }
  })

  test.describe('what the canvas and panels show', () => {
    test("a breakpoint is marked on its node's card", async ({ app, page, saveScreenshot }) => {
      await app.gotoWithDocument(CHAIN)
      await app.dockTab('Breakpoints').click()
      await app.dockPanel.getByLabel('Node').selectOption({ label: 'doubler' })
      await app.dockPanel.getByRole('button', { name: 'Add breakpoint' }).click()
      await expect(app.node('doubler').getByRole('img', { name: 'A breakpoint on this node' })).toBeVisible()
      await expect(app.node('start').getByRole('img')).toHaveCount(0)
      await app.button('Run to end').click()
      await expect(app.node('doubler').getByRole('img', { name: 'A breakpoint on this node; one stopped the run here' })).toBeVisible()
      await saveScreenshot('newcomer-breakpoint-mark')
      await app.dockPanel.getByRole('checkbox').uncheck()
      await expect(app.node('doubler').getByRole('img')).toHaveCount(0)
      void page
    })

    test('the lesson step "Side by side" opens the compare view', async ({ app, page, saveScreenshot }) => {
      await app.goto('/?demo=flush-vs-next')
      const lesson = page.locator('.lesson')
      for (let i = 0; i < 10 && !(await lesson.getByRole('heading', { name: 'Side by side' }).isVisible()); i++) await lesson.getByRole('button', { name: 'Next' }).click()
      await expect(lesson.getByRole('heading', { name: 'Side by side' })).toBeVisible()
      await expect(app.dockTab('Compare')).toHaveAttribute('aria-selected', 'true')
      // The lesson's two modes, side by side.
      await expect(app.dockPanel.getByRole('region', { name: 'taskmaster, flush' })).toBeVisible()
      await expect(app.dockPanel.getByRole('region', { name: 'taskmaster, next' })).toBeVisible()
      await saveScreenshot('newcomer-side-by-side')
    })

    test("the queue chart draws each node in its card's colour", async ({ app, page }) => {
      await app.gotoWithDocument(CHAIN)
      await app.button('Run to end').click()
      await app.dockTab('Queues').click()
      const legend = app.dockPanel.locator('.chart-legend li')
      await expect(legend).toHaveCount(3)
      for (const label of ['start', 'doubler', 'sink']) {
        const card = await app
          .node(label)
          .locator('.mesh-node')
          .evaluate((el) => getComputedStyle(el).borderLeftColor)
        const line = await legend
          .filter({ hasText: label })
          .locator('line')
          .evaluate((el) => getComputedStyle(el).stroke)
        expect(line, label).toBe(card)
      }
      void page
    })
  })

  test('the exported Python prints what the app printed, at seed 8 of the Part 3 mesh', async ({ app }) => {
    test.skip(!hasPython, 'python3 is not on this machine, so the exported script cannot be run')
    await app.gotoWithDocument({ ...part3Json, seed: 8 })
    await app.button('Run to end').click()
    await expect(app.node('sink').locator('.mesh-sink-count')).toHaveText('received 4')
    // What the app printed, in order: the sink card shows its latest four.
    const printed = await sinkValues(app).allTextContents()
    expect(printed).toEqual(['2x2', '2x4', '3x3', '2x2'])
    const download = await new SharePage(app).download('Export as Python')
    const script = await readFile((await download.path())!, 'utf8')
    const run = spawnSync('python3', ['-'], { input: script, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.replace(/^Sink got: /, ''))
    expect(lines).toEqual(printed)
  })
})
