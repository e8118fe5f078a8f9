import part3 from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { expect, test } from './fixtures'

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
