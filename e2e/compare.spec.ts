import { expect, test, type AppPage } from './fixtures'

/** Opens the Part 3 demo's Compare panel with the four lanes: the taskmaster in both modes, the priority scheduler and the longest-queue-first template. */
async function fourLanes(app: AppPage) {
  await app.goto('/?demo=part3-mesh')
  await app.dockTab('Compare').click()
  const panel = app.dockPanel
  await panel.getByRole('button', { name: 'Add a lane' }).click()
  await panel.getByRole('button', { name: 'Add a lane' }).click()
  await panel.getByRole('combobox', { name: 'Lane 2' }).selectOption({ label: 'taskmaster, next' })
  await panel.getByRole('combobox', { name: 'Lane 3' }).selectOption({ label: 'priority, flush' })
  await panel.getByRole('combobox', { name: 'Lane 4' }).selectOption({ label: 'Longest queue first (template)' })
  await expect(panel.getByRole('button', { name: 'Add a lane' })).toBeDisabled()
  return panel
}

test.describe('Compare', () => {
  test.describe('four schedulers side by side', () => {
    test('races a written policy against the seed’s schedulers, marks the best of each figure, and jumps to where the outputs first differ', async ({
      app,
      page,
      axe,
      saveScreenshot,
    }) => {
      await page.setViewportSize({ width: 1280, height: 720 })
      const panel = await fourLanes(app)
      for (const name of ['Lane 1: taskmaster, flush', 'Lane 2: taskmaster, next', 'Lane 3: priority, flush', 'Lane 4: Longest queue first (written policy)']) {
        await expect(panel.getByRole('region', { name })).toBeVisible()
      }
      await panel.getByRole('button', { name: 'Run all to end' }).click()
      // The written policy runs in the sandbox, as code nodes do; every lane drains the mesh in 16 activations.
      for (let lane = 1; lane <= 4; lane++) await expect(panel.getByRole('region', { name: new RegExp(`^Lane ${lane}:`) })).toContainText('no work left')
      await expect(panel.getByRole('status')).toHaveText('Same outputs, in another order from #1.')

      // The figures, a column per lane; the best of a row is said in words as well as marked.
      const table = panel.getByRole('table')
      await expect(table.getByRole('columnheader')).toHaveText([
        'Figure',
        'Lane 1: taskmaster, flush',
        'Lane 2: taskmaster, next',
        'Lane 3: priority, flush',
        'Lane 4: Longest queue first (written policy)',
      ])
      const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) })
      await expect(row('Mean wait').getByRole('cell')).toHaveText(['3.63', '3.00', '3.63', '2.75 ★best'])
      await expect(row('Mean wait').getByRole('cell', { name: '2.75 best' })).toBeVisible()
      // A tie: both lanes with the shortest longest wait are the best; a row every lane ties on has none.
      await expect(row('Longest wait').getByRole('cell', { name: /best$/ })).toHaveCount(2)
      await expect(row('Activations to drain')).toContainText('the same in every lane')
      await expect(row('Activations to drain').getByRole('cell', { name: /best/ })).toHaveCount(0)
      await saveScreenshot('compare-four-lanes-1280')

      // Where the outputs first differ: output #1, and the tick each lane printed it at.
      const divergence = panel.locator('.compare-divergence')
      await expect(divergence).toContainText('Lane 1 printed 2x2 at tick 13; lane 2 printed 3x1 at tick 7; lane 3 printed 2x2 at tick 13; lane 4 printed 2x2 at tick 7.')
      await panel.getByRole('button', { name: 'Jump to the divergence' }).click()
      const stack = panel.getByRole('region', { name: 'The lanes, one above the other' })
      await expect(stack).toBeFocused()
      await expect(stack).toBeInViewport()
      // Each lane's chart marks the tick it printed that output at, and its outputs are highlighted from there.
      const chart = (lane: number) => stack.getByRole('application', { name: new RegExp(`^Lane ${lane}: .*who ran at each tick$`) })
      for (const [lane, tick] of [
        [1, 13],
        [2, 7],
        [3, 13],
        [4, 7],
      ] as const) {
        await expect(chart(lane)).toHaveAccessibleDescription(new RegExp(`Marked: tick ${tick}, where it printed the first output that differs\\.`))
        await expect(panel.getByRole('region', { name: new RegExp(`^Lane ${lane}:`) }).locator('.compare-outputs li[data-divergence]')).toHaveCount(1)
      }
      await expect(panel.getByRole('region', { name: 'Lane 2: taskmaster, next' }).locator('.compare-outputs li[data-divergence]')).toHaveText('3x1')
      await axe.expectNoSeriousViolations('.run-dock')
      await saveScreenshot('compare-divergence-1280')
    })

    test('shows four lanes side by side in a wide window', async ({ app, page, saveScreenshot }) => {
      await page.setViewportSize({ width: 1920, height: 1080 })
      const panel = await fourLanes(app)
      await panel.getByRole('button', { name: 'Run all to end' }).click()
      await expect(panel.getByRole('region', { name: /^Lane 4:/ })).toContainText('no work left')
      const tops = await panel.locator('.compare-lane').evaluateAll((cards) => cards.map((card) => Math.round(card.getBoundingClientRect().top)))
      expect(new Set(tops).size).toBe(1)
      await expect(panel.getByRole('region', { name: 'The lanes, one above the other' }).getByRole('application')).toHaveCount(4)
      await saveScreenshot('compare-four-lanes-1920')
    })

    test('stacks the lanes on one scroll: zooming or dragging one chart moves them all, and pointing names the cell in its lane', async ({ app, page }) => {
      // Ping-pong runs to its budget, 20,000 ticks, in every lane.
      await app.goto('/?demo=ping-pong')
      await app.dockTab('Compare').click()
      const panel = app.dockPanel
      await panel.getByRole('button', { name: 'Add a lane' }).click()
      await panel.getByRole('button', { name: 'Run all to end' }).click()
      for (let lane = 1; lane <= 3; lane++) await expect(panel.getByRole('region', { name: new RegExp(`^Lane ${lane}:`) })).toContainText('budget spent')
      const stack = panel.getByRole('region', { name: 'The lanes, one above the other' })
      const charts = stack.getByRole('application')
      await expect(charts).toHaveCount(3)
      /** What each chart says is in view ("Ticks 1–2,500 of 20,000: …"), up to the colon. */
      const inView = async () => {
        await page.waitForTimeout(400)
        return charts.evaluateAll((all) => all.map((chart) => document.getElementById(chart.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent?.split(':')[0]))
      }
      expect(await inView()).toEqual(['The whole run, 20,000 ticks', 'The whole run, 20,000 ticks', 'The whole run, 20,000 ticks'])
      for (let i = 0; i < 3; i++) await stack.getByRole('button', { name: 'Zoom the lanes in' }).click()
      await expect(stack.getByRole('button', { name: 'Whole run' })).toHaveAttribute('aria-pressed', 'false')
      const zoomed = await inView()
      expect(zoomed[0]).toMatch(/^Ticks [\d,]+–[\d,]+ of 20,000$/)
      expect(new Set(zoomed).size).toBe(1)
      // A drag along the third chart scrolls the first two with it.
      await charts.nth(2).scrollIntoViewIfNeeded()
      const box = (await charts.nth(2).boundingBox())!
      await page.mouse.move(box.x + box.width * 0.3, box.y + 30)
      await expect(stack.locator('.lanes-details')).toHaveText(/^Lane 3: [^:]+: Ticks? [\d,–]+/)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width * 0.6, box.y + 30, { steps: 5 })
      await page.mouse.up()
      const dragged = await inView()
      expect(dragged[2]).not.toBe(zoomed[2])
      expect(new Set(dragged).size).toBe(1)
    })

    test('removes a lane by its name, keeping at least two', async ({ app }) => {
      const panel = await fourLanes(app)
      await panel.getByRole('button', { name: 'Remove lane 3 (priority, flush)' }).click()
      await expect(panel.getByRole('combobox')).toHaveCount(3)
      await expect(panel.getByRole('combobox', { name: 'Lane 3' })).toHaveValue('policy:longest-queue')
      await panel.getByRole('button', { name: /^Remove lane 1/ }).click()
      await expect(panel.getByRole('combobox')).toHaveCount(2)
      await expect(panel.getByRole('button', { name: /^Remove lane/ })).toHaveCount(0)
      await expect(panel.getByRole('button', { name: 'Step both', exact: true })).toBeVisible()
    })
  })
})
