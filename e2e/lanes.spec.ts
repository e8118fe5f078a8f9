import { expect, test, type AppPage } from './fixtures'

/** Opens the Part 3 demo, runs it to the end (16 ticks in flush mode) and opens the Lanes panel. */
async function runAndOpenLanes(app: AppPage) {
  await app.goto('/?demo=part3-mesh')
  await app.button('Run to end').click()
  await expect(app.tick).toHaveText('16')
  await app.dockTab('Lanes').click()
  const chart = app.dockPanel.getByRole('application', { name: 'Lanes: who ran at each tick' })
  await expect(chart).toBeVisible()
  return { chart, details: app.dockPanel.getByRole('status') }
}

test.describe('Lanes', () => {
  test.describe('a Gantt chart of the run', () => {
    test('shows the whole run, and a click on a cell seeks the run to its tick', async ({ app, axe, saveScreenshot }) => {
      const { chart, details } = await runAndOpenLanes(app)
      await expect(details).toContainText('Ticks 1–16 of 16.')
      await expect(app.button('Whole run')).toHaveAttribute('aria-pressed', 'true')
      const box = (await chart.boundingBox())!
      // Halfway along the run, in the second lane (the scheduler's order: sink, doubler, …).
      const x = box.x + box.width * 0.55
      const y = box.y + 18 + 28 * 1.4
      await app.page.mouse.move(x, y)
      await expect(details).toHaveText(/^Tick \d+: \w+ took an item/)
      const tick = /^Tick (\d+)/.exec((await details.textContent())!)![1]!
      expect(Number(tick)).toBeGreaterThan(1)
      expect(Number(tick)).toBeLessThan(16)
      await app.page.mouse.click(x, y)
      await expect(app.tick).toHaveText(tick)
      await axe.expectNoSeriousViolations('.run-dock')
      await saveScreenshot('lanes')
    })

    test('names the cell under the keyboard cursor, and Enter seeks there', async ({ app }) => {
      const { chart, details } = await runAndOpenLanes(app)
      await chart.focus()
      await app.page.keyboard.press('Home')
      await expect(details).toHaveText(/^Tick 1: start took an item.*Queues after it: start 3, branch 1; 4 empty\.$/)
      await app.page.keyboard.press('ArrowRight')
      await expect(details).toHaveText(/^Tick 2:/)
      await app.page.keyboard.press('Enter')
      await expect(app.tick).toHaveText('2')
      // The arrow keys moved the cursor, not the run: the page's own shortcuts stayed out of it.
      await app.page.keyboard.press('End')
      await expect(details).toHaveText(/^Tick 16:/)
      await expect(app.tick).toHaveText('2')
    })

    test('zooms with its buttons, and offers Back to now once scrolled away from the current tick', async ({ app }) => {
      // Ping-pong runs to its budget: 20,000 ticks, the whole run many ticks to a pixel.
      await app.goto('/?demo=ping-pong')
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('20000')
      await app.dockTab('Lanes').click()
      const chart = app.dockPanel.getByRole('application', { name: 'Lanes: who ran at each tick' })
      const details = app.dockPanel.getByRole('status')
      await expect(details).toContainText('Ticks 1–20,000 of 20,000.')
      for (let i = 0; i < 4; i++) await app.button('Zoom the lanes in').click()
      await expect(app.button('Whole run')).toHaveAttribute('aria-pressed', 'false')
      // Zoomed in about the current tick, the last: it stays in view.
      await expect(details).toContainText('–20,000 of 20,000.')
      await expect(app.button('Back to now')).toHaveCount(0)
      const box = (await chart.boundingBox())!
      await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await app.page.mouse.wheel(0, -3000)
      await app.page.mouse.move(box.x + box.width / 2, box.y - 40)
      await expect(details).not.toContainText('–20,000 of 20,000.')
      await app.button('Back to now').click()
      await expect(app.button('Back to now')).toHaveCount(0)
      await expect(details).toContainText('–20,000 of 20,000.')
      await app.button('Whole run').click()
      await expect(details).toContainText('Ticks 1–20,000 of 20,000.')
    })
  })

  for (const [width, height] of [
    [1280, 720],
    [1024, 640],
  ] as const) {
    test.describe(`in a window ${width} × ${height}`, () => {
      test.use({ viewport: { width, height } })

      test('the dock grows for the lanes, the canvas keeps half the window, and every tab fits', async ({ app, page }) => {
        await app.goto('/?demo=part3-mesh')
        const tabs = page.getByRole('tablist', { name: 'Run panels' })
        expect(await tabs.evaluate((list) => list.scrollWidth <= list.clientWidth)).toBe(true)
        const before = (await page.locator('.run-dock').boundingBox())!.height
        await app.dockTab('Lanes').click()
        await expect.poll(async () => (await page.locator('.run-dock').boundingBox())!.height).toBeGreaterThan(before)
        expect((await page.locator('.react-flow').boundingBox())!.height).toBeGreaterThanOrEqual(height / 2)
      })
    })
  }
})
