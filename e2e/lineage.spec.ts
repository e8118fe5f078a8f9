import part3 from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { lineageOfOutput, pyStr, recordRun, Timeline } from '../src/engine'
import { encodeLink } from '../src/formats/link'
import { expect, test } from './fixtures'
import { timesTen, timesTenMesh } from './times-ten'

const SHARED = timesTenMesh('Where an item of a code node came from', [1, 2, 3])

test.describe('Asking the history', () => {
  test.describe('where an item came from, on the canvas', () => {
    test("clicking a sink output of the Part 3 mesh lights its path: its wires and its cards numbered in order, start's twice round the recycler", async ({
      app,
      page,
      saveScreenshot,
    }) => {
      // At seed 2 the last output went round through the recycler back to start: a long chain.
      await app.gotoWithDocument({ ...part3, seed: 2 })
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('19')
      await app.dockTab('Output').click()
      await app.dockPanel.getByRole('button', { name: /^19\s*Sink got:/ }).click()
      const story = page.getByRole('region', { name: 'Where it came from' })
      await expect(story.getByRole('heading')).toHaveText('Where sink’s output at tick 19 came from')
      const lit = page.locator('[data-lit-edge]')
      // start → branch twice, branch → recycler, recycler → start, branch → doubler or tripler, and on to the sink.
      await expect(lit.first()).toBeVisible()
      expect(await lit.count()).toBeGreaterThanOrEqual(4)
      for (const wire of await lit.all()) await expect(wire).toHaveAttribute('aria-label', /^On the story's path: steps? \d+/)
      await expect(page.locator(`[data-lit-edge] >> nth=0`)).toHaveAttribute('data-steps', /\d/)
      // The wire recycler → start carried the chain on, and start shows both its numbers.
      await expect(app.wire('recycler.beginning', 'start').locator('[data-lit-edge]')).toHaveAttribute('aria-label', /^On the story's path: step \d+$/)
      await expect(app.node('start').getByRole('img', { name: /^Steps \d+ and \d+ of the story$/ })).toBeVisible()
      await expect(app.node('sink').getByRole('img', { name: /^Step \d+ of the story$/ })).toBeVisible()
      // The cards' numbers are the story's: step 1 is start's, the last the sink's.
      await expect(app.node('start').locator('.lineage-badge')).toHaveText(/^1, \d+$/)
      const last = await story.locator('.lineage-number').last().innerText()
      await expect(app.node('sink').locator('.lineage-badge')).toHaveText(last)
      await saveScreenshot('lineage-path')
      // Closing the story puts the canvas back.
      await story.getByRole('button', { name: 'Close the story' }).click()
      await expect(lit).toHaveCount(0)
      await expect(page.locator('.lineage-badge')).toHaveCount(0)
    })
  })

  test.describe('where an item of a mesh whose code runs in the sandbox came from', () => {
    test("clicking a sink output tells its story from the sandbox's replay, as the engine tells it, and lights its path", async ({ app, page, saveScreenshot }) => {
      await app.gotoEmpty()
      await page.goto(`/${encodeLink(SHARED)}`)
      const consent = page.getByRole('dialog', { name: 'Run the code in this mesh?' })
      await consent.getByRole('button', { name: 'Run the code' }).click()
      await expect(consent).toBeHidden()
      await app.button('Run to end').click()
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['20', '30', '40'])
      // The engine's story of the second output, on a Timeline of the same history with the same code.
      const timeline = new Timeline(SHARED, { compile: timesTen })
      timeline.run()
      await expect(app.tick).toHaveText(String(timeline.tick))
      const { ledger } = recordRun(timeline.history(), { compile: timesTen })
      const lineage = lineageOfOutput(timeline, ledger, 1)!
      expect(lineage.steps.map((s) => s.node)).toEqual(['start', 'code', 'sink'])
      const printed = lineage.printed!

      await app.dockTab('Output').click()
      await app.dockPanel.getByRole('button', { name: new RegExp(`^${printed.tick}\\s*Sink got: ${pyStr(printed.value)}`) }).click()
      const story = page.getByRole('region', { name: 'Where it came from' })
      await expect(story.getByRole('heading')).toHaveText(`Where sink’s output at tick ${printed.tick} came from`)
      const items = story.getByRole('listitem')
      await expect(items).toHaveCount(lineage.steps.length + 2)
      const [first, times] = lineage.steps
      await expect(items.first()).toHaveText(new RegExp(`^0\\s*${pyStr(first!.value)} was an initial input of start$`))
      await expect(items.nth(2)).toHaveText(new RegExp(`^2\\s*${times!.tick}\\s*times ten took ${pyStr(times!.value)}, sent ${pyStr(times!.emit!.value)} on out to sink$`))
      await expect(items.last()).toHaveText(new RegExp(`^${printed.tick}\\s*sink printed Sink got: ${pyStr(printed.value)}$`))
      await expect(story).not.toContainText('not told yet')
      // Its path lit: the two wires, and the cards numbered in order.
      await expect(app.wire('start.target', 'times ten').locator('[data-lit-edge]')).toHaveAttribute('aria-label', "On the story's path: step 1")
      await expect(app.wire('times ten.out', 'sink').locator('[data-lit-edge]')).toHaveAttribute('aria-label', "On the story's path: step 2")
      await expect(app.node('start').locator('.lineage-badge')).toHaveText('1')
      await expect(app.node('times ten').locator('.lineage-badge')).toHaveText('2')
      await expect(app.node('sink').locator('.lineage-badge')).toHaveText('3')
      await saveScreenshot('lineage-sandbox')
      await story.getByRole('button', { name: 'Close the story' }).click()
      await expect(page.locator('[data-lit-edge]')).toHaveCount(0)
    })
  })

  test.describe('a story in a window 1280 × 720', () => {
    test.use({ viewport: { width: 1280, height: 720 } })

    test('the dock grows for an output’s story, as for the lanes, and the canvas keeps half the window', async ({ app, page, saveScreenshot }) => {
      await app.goto('/?demo=part3-mesh')
      await app.button('Run to end').click()
      await app.dockTab('Output').click()
      const dock = page.locator('.run-dock')
      const before = (await dock.boundingBox())!.height
      await app.dockPanel
        .getByRole('button', { name: /Sink got:/ })
        .last()
        .click()
      const story = page.getByRole('region', { name: 'Where it came from' })
      await expect(story.getByRole('listitem').first()).toBeVisible()
      await expect.poll(async () => (await dock.boundingBox())!.height).toBeGreaterThan(before)
      expect((await page.locator('.react-flow').boundingBox())!.height).toBeGreaterThanOrEqual(360)
      // Its first steps read without scrolling.
      const box = (await story.boundingBox())!
      for (const line of (await story.getByRole('listitem').all()).slice(0, 3)) expect((await line.boundingBox())!.y + 4).toBeLessThan(box.y + box.height)
      await saveScreenshot('lineage-story-1280')
      // Closed, the dock is as it was.
      await story.getByRole('button', { name: 'Close the story' }).click()
      await expect.poll(async () => (await dock.boundingBox())!.height).toBe(before)
    })
  })

  test.describe('where a queued item came from', () => {
    test("the inspector tells a queued item's story, ending with it waiting in its queue, and lights its path", async ({ app, page, saveScreenshot }) => {
      await app.goto('/?demo=part3-mesh')
      for (let i = 0; i < 3; i++) await app.button('Step').click()
      await expect(app.tick).toHaveText('3')
      await app.select('branch')
      const item = app.inspector.getByLabel('Queued item')
      const value = (await item.locator('option').first().innerText()).replace(/^1: /, '')
      await app.inspector.getByRole('button', { name: 'Where did this come from?' }).click()
      const story = app.inspector.getByRole('region', { name: 'Where it came from' })
      await expect(story.getByRole('heading')).toHaveText(`Where branch’s queued item ${value} came from`)
      await expect(story.getByRole('listitem').first()).toHaveText(/was an initial input of start$/)
      await expect(story.getByRole('listitem').last()).toHaveText(new RegExp(`^\\d+\\s*3\\s*${value} waiting in branch’s queue at position 1$`))
      await expect(app.node('branch').locator('.lineage-badge')).toHaveText(/^\d+$/)
      await expect(app.wire('start.target', 'branch').locator('[data-lit-edge]')).toHaveCount(1)
      await saveScreenshot('lineage-queued')
      await story.getByRole('button', { name: 'Close the story' }).click()
      await expect(page.locator('[data-lit-edge]')).toHaveCount(0)
    })
  })

  test.describe('where a trace line came from', () => {
    test("clicking an activation in the trace's events tells the story of the item it took", async ({ app, page, saveScreenshot }) => {
      await app.goto('/?demo=part3-mesh')
      // Stepped, so the trace has every event (a fast run's ticks are untraced).
      for (let i = 0; i < 12; i++) await app.button('Step').click()
      await expect(app.tick).toHaveText('12')
      await app.dockTab('Trace').click()
      await app.dockPanel.getByRole('button', { name: 'Events' }).click()
      const line = app.dockPanel.getByRole('button', { name: /^\d+\s*doubler takes / }).first()
      const tick = (await line.locator('.row-tick').innerText()).trim()
      await line.click()
      const story = page.getByRole('region', { name: 'Where it came from' })
      await expect(story.getByRole('heading')).toHaveText(`Where the item doubler took at tick ${tick} came from`)
      await expect(story.getByRole('listitem').last()).toHaveText(new RegExp(`^\\d+\\s*${tick}\\s*doubler took `))
      await expect(app.wire('branch.left', 'doubler').locator('[data-lit-edge]')).toHaveCount(1)
      await saveScreenshot('lineage-trace')
      await line.click()
      await expect(story).toHaveCount(0)
      await expect(page.locator('[data-lit-edge]')).toHaveCount(0)
    })
  })
})
