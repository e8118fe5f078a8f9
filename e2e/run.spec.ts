import { expect, test, type AppPage } from './fixtures'

/** Two starts passing one item back and forth: a run as long as its budget. */
const PING_PONG = {
  format: 'mesh-playground',
  version: 1,
  title: 'Ping-pong',
  nodes: [
    { id: 'p', kind: 'start', label: 'ping', position: { x: 0, y: 0 } },
    { id: 'q', kind: 'start', label: 'pong', position: { x: 320, y: 0 } },
  ],
  edges: [
    { source: 'p', port: 'target', target: 'q' },
    { source: 'q', port: 'target', target: 'p' },
  ],
  inputs: [{ node: 'p', values: [0] }],
  limits: { maxActivations: 1_000_000_000, maxQueue: 100 },
}

/** A start feeding itself twice (once through an echo): its queue doubles until the cap. */
const RUNAWAY = {
  format: 'mesh-playground',
  version: 1,
  title: 'Runaway',
  nodes: [
    { id: 'r', kind: 'start', label: 'runaway', position: { x: 0, y: 0 } },
    { id: 'e', kind: 'start', label: 'echo', position: { x: 320, y: 120 } },
  ],
  edges: [
    { source: 'r', port: 'target', target: 'r' },
    { source: 'r', port: 'target', target: 'e' },
    { source: 'e', port: 'target', target: 'r' },
  ],
  inputs: [{ node: 'r', values: [0] }],
  limits: { maxActivations: 1_000_000_000, maxQueue: 20_000 },
}

async function press(app: AppPage, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await app.page.keyboard.press(key)
}

/** What every node card shows: label, state, queue and sink values. */
async function cards(app: AppPage): Promise<string[]> {
  // The "took" chip is the latest tick's motion, not the state.
  return app.nodes.evaluateAll((nodes) =>
    nodes
      .map((n) => {
        const copy = n.cloneNode(true) as HTMLElement
        copy.querySelector('.mesh-took')?.remove()
        return copy.textContent ?? ''
      })
      .sort(),
  )
}

/** A start whose doubler has nothing wired to its target: the doubler drops what it makes. */
const UNWIRED = {
  format: 'mesh-playground',
  version: 1,
  title: 'Unwired',
  nodes: [
    { id: 'a', kind: 'start', label: 'start', position: { x: 0, y: 0 } },
    { id: 'd', kind: 'doubler', label: 'doubler', position: { x: 320, y: 0 } },
  ],
  edges: [{ source: 'a', port: 'target', target: 'd' }],
  inputs: [{ node: 'a', values: [1] }],
}

test.describe('Running a mesh', () => {
  test.describe('what moves on the canvas', () => {
    test('a token carries each item sent along its wire, and the card shows what its tasklet took', async ({ app, page }) => {
      await app.gotoWithDocument(UNWIRED)
      await page.locator('body').press('.')
      await expect(page.locator('.edge-token')).toHaveCount(1)
      await expect(page.locator('.edge-token')).toHaveText('2')
      await expect(app.node('start').locator('.mesh-took')).toHaveText('took 1')
    })

    test('a drop on an unwired port marks the port and its card', async ({ app, page }) => {
      await app.gotoWithDocument(UNWIRED)
      await press(app, '.', 2)
      await expect(app.node('doubler').locator('.mesh-node')).toHaveAttribute('data-dropped', 'true')
      await expect(app.node('doubler').locator('.mesh-port[data-dropped="true"]')).toHaveText('target')
      await app.dockTab('Stats').click()
      // Kind, taken, queued, dropped…
      await expect(
        app.dockPanel
          .getByRole('row', { name: /^doubler/ })
          .getByRole('cell')
          .nth(3),
      ).toHaveText('1')
      // The next tick drops nothing: the mark goes.
      await page.locator('body').press(',')
      await expect(app.node('doubler').locator('.mesh-node')).not.toHaveAttribute('data-dropped', 'true')
    })

    test.describe('with reduced motion', () => {
      test.use({ reducedMotion: 'reduce' })

      test('shows the item at the middle of its wire instead of moving it', async ({ app, page }) => {
        await app.gotoWithDocument(UNWIRED)
        await page.locator('body').press('.')
        await expect(page.locator('.edge-token')).toHaveCount(0)
        await expect(page.locator('.edge-flow-label')).toHaveText('2')
      })
    })
  })

  test.describe('stepping', () => {
    test('steps the Part 3 mesh to tick 13, where the sink gets its first item', async ({ app }) => {
      await app.goto()
      await press(app, '.', 12)
      await expect(app.tick).toHaveText('12')
      await expect(app.node('sink')).toContainText('received 0')
      await app.button('Step').click()
      await expect(app.tick).toHaveText('13')
      await expect(app.node('sink')).toContainText('received 1')
      await app.dockTab('Output').click()
      await expect(app.dockPanel.getByRole('listitem')).toHaveText(['13Sink got: 2x2'])
      await app.dockTab('Trace').click()
      await expect(app.dockPanel.getByRole('listitem').last()).toHaveText('Sink got: 2x2')
    })

    test('steps to the end of a taskmaster round', async ({ app }) => {
      await app.goto()
      await app.button('Step round').click()
      await expect(app.tick).toHaveText('4')
      await app.dockTab('Scheduler').click()
      await expect(app.dockPanel).toContainText('Round 1')
    })
  })

  test.describe('play', () => {
    test('plays, pauses and changes speed', async ({ app, page }) => {
      await app.goto()
      const speed = page.getByRole('slider', { name: 'Speed' })
      await speed.focus()
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      await expect(speed).toHaveAttribute('aria-valuetext', '8 ticks/s')
      await app.button('Play').click()
      await expect(app.runStatus).toHaveText('Playing at 8 ticks/s')
      await expect.poll(async () => Number(await app.tick.textContent())).toBeGreaterThanOrEqual(3)
      await app.button('Pause').click()
      const paused = await app.tick.textContent()
      await page.waitForTimeout(400)
      await expect(app.tick).toHaveText(paused!)
      // Faster from the keyboard, then play on to the end.
      await page.locator('body').press('+')
      await expect(speed).toHaveAttribute('aria-valuetext', '15 ticks/s')
      await page.locator('body').press('Space')
      await expect(app.runStatus).toHaveText('No work left')
      await expect(app.tick).toHaveText('16')
      await expect(app.button('Play')).toBeDisabled()
    })

    test('plays Turbo in slices: the page answers clicks while it runs', async ({ app, page }) => {
      await app.gotoWithDocument(PING_PONG)
      await page.getByRole('slider', { name: 'Speed' }).fill('8')
      await expect(page.getByRole('slider', { name: 'Speed' })).toHaveAttribute('aria-valuetext', 'Turbo')
      await app.button('Play').click()
      await expect.poll(async () => Number(await app.tick.textContent())).toBeGreaterThan(100_000)
      // A click is answered while the run goes on.
      await app.dockTab('Stats').click()
      await expect(app.dockTab('Stats')).toHaveAttribute('aria-selected', 'true')
      await expect(app.runStatus).toHaveText('Playing at Turbo')
      const during = Number(await app.tick.textContent())
      await expect.poll(async () => Number(await app.tick.textContent())).toBeGreaterThan(during)
      await app.button('Pause').click()
      await expect(app.runStatus).toHaveText(/^Paused/)
    })
  })

  test.describe('time travel', () => {
    test('steps back to exactly the earlier state, and forward again along the same history', async ({ app, page }) => {
      await app.goto()
      await press(app, '.', 13)
      const at13 = await cards(app)
      await press(app, '.', 3)
      await expect(app.tick).toHaveText('16')
      await expect(app.node('sink')).toContainText('received 4')
      await press(app, ',', 3)
      await expect(app.tick).toHaveText('13')
      expect(await cards(app)).toEqual(at13)
      await app.dockTab('Output').click()
      await expect(app.dockPanel.getByRole('listitem')).toHaveText(['13Sink got: 2x2'])
      // The timeline goes anywhere in the history: back to tick 0, then to its end.
      const timeline = page.getByRole('slider', { name: 'Timeline' })
      await expect(timeline).toHaveAttribute('aria-valuetext', 'tick 13 of 16')
      await timeline.fill('0')
      await expect(app.tick).toHaveText('0')
      await expect(app.node('start')).toContainText('queue 4')
      await page.locator('body').press('End')
      await expect(app.tick).toHaveText('16')
      await expect(app.node('sink')).toContainText('received 4')
    })
  })

  test.describe('breakpoints', () => {
    test('pauses the run when a sink receives a matching value', async ({ app }) => {
      await app.goto()
      await app.dockTab('Breakpoints').click()
      await app.dockPanel.getByLabel('Pause when').selectOption({ label: 'a sink receives' })
      await app.dockPanel.getByLabel('a value containing').fill('3x')
      await app.dockPanel.getByRole('button', { name: 'Add breakpoint' }).click()
      await expect(app.dockPanel.getByRole('checkbox', { name: /receives a value containing “3x”/ })).toBeChecked()
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('15')
      await expect(app.runStatus).toHaveText('Paused at a breakpoint: sink got 3x1')
      await expect(app.node('sink')).toContainText('received 3')
    })

    test('pauses when a chosen node activates', async ({ app }) => {
      await app.goto()
      await app.dockTab('Breakpoints').click()
      await app.dockPanel.getByRole('combobox', { name: 'Node' }).selectOption({ label: 'tripler' })
      await app.dockPanel.getByRole('button', { name: 'Add breakpoint' }).click()
      await app.page.getByRole('slider', { name: 'Speed' }).fill('7')
      await app.button('Play').click()
      await expect(app.runStatus).toHaveText('Paused at a breakpoint: tripler activated')
      await expect(app.node('tripler')).toContainText('active')
    })
  })

  test.describe('a runaway mesh', () => {
    test('meets the queue cap with a warning, and the page stays responsive', async ({ app, page }) => {
      await app.gotoWithDocument(RUNAWAY)
      await app.button('Run to end').click()
      // In flush mode the runaway drains its own queue as it refills it, so the echo's fills.
      await expect(page.getByText(/The run stopped: echo's queue is full \(20000 items\)/)).toBeVisible()
      await expect(app.runStatus).toHaveText('Stopped: a queue is full')
      await expect(app.node('echo')).toContainText('queue 20000')
      // At the cap, Play stops again at once, and the page goes on answering.
      await app.button('Play').click()
      await expect(app.runStatus).toHaveText('Stopped: a queue is full')
      await app.dockTab('Stats').click()
      await expect(app.dockPanel.getByRole('row', { name: /^echo/ })).toContainText('20000')
      await page.locator('body').press('?')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    })
  })

  test.describe('compare', () => {
    test('runs the mesh under two schedulers side by side', async ({ app }) => {
      await app.goto()
      await app.dockTab('Compare').click()
      await app.dockPanel.getByRole('button', { name: 'Step both', exact: true }).click()
      await expect(app.dockPanel.getByRole('region', { name: 'taskmaster, flush' })).toContainText('Tick1')
      await app.dockPanel.getByRole('button', { name: 'Run both to end' }).click()
      await expect(app.dockPanel.getByRole('region', { name: 'taskmaster, flush' })).toContainText('Ticks to drain16')
      await expect(app.dockPanel.getByRole('region', { name: 'priority, flush' })).toContainText('no work left')
    })
  })

  test.describe('the trace', () => {
    test("exports the seed's text", async ({ app, page }) => {
      await app.goto()
      await app.button('Run to end').click()
      await expect(app.runStatus).toHaveText('No work left')
      await app.dockTab('Trace').click()
      const download = page.waitForEvent('download')
      await app.dockPanel.getByRole('button', { name: 'Export .txt' }).click()
      const file = await download
      expect(file.suggestedFilename()).toBe('mesh-trace.txt')
      const text = await (await file.createReadStream()).toArray()
      expect(Buffer.concat(text).toString('utf8')).toBe('Sink got: 2x2\nSink got: 2x4\nSink got: 3x1\nSink got: 3x3\n')
    })
  })

  test.describe('help and accessibility', () => {
    test('lists the shortcuts in a dialog opened with ?', async ({ app, page, axe }) => {
      await app.goto()
      await page.locator('body').press('?')
      const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
      await expect(dialog).toBeVisible()
      await expect(dialog.getByRole('row', { name: /Play or pause/ })).toBeVisible()
      await axe.expectNoSeriousViolations()
      await page.keyboard.press('Escape')
      await expect(dialog).toBeHidden()
    })

    test('has no serious violations with each run panel open', async ({ app, axe }) => {
      await app.goto()
      await app.button('Run to end').click()
      for (const tab of ['Scheduler', 'Output', 'Trace', 'Stats', 'Queues', 'Breakpoints', 'Compare']) {
        await app.dockTab(tab).click()
        await expect(app.dockTab(tab)).toHaveAttribute('aria-selected', 'true')
        await axe.expectNoSeriousViolations('.run-dock')
      }
    })
  })
})
