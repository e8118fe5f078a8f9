/**
 * Screenshots of the run at 1280×720, light and dark: tokens on the wires,
 * the scheduler panel, the other panels, the help dialog and a runaway mesh
 * at its cap. Each also checks what it shows, so a broken screen fails.
 */
import { readFileSync } from 'node:fs'

import { expect, test, type AppPage } from './fixtures'

test.use({ viewport: { width: 1280, height: 720 } })

/** The Part 3 mesh, fitted in view, without the first visit's welcome. */
async function part3(app: AppPage): Promise<void> {
  await app.goto()
  const welcome = app.page.getByRole('button', { name: 'Dismiss welcome' })
  if (await welcome.isVisible()) await welcome.click()
  await app.page.getByRole('button', { name: 'Fit View' }).click()
}

test.describe('Run screenshots', () => {
  test('tokens travel the wires a tick used', async ({ app, page, saveScreenshot }) => {
    await part3(app)
    for (let i = 0; i < 10; i++) await page.locator('body').press('.')
    // Tick 11: the branch sends an even item left, to the doubler.
    await page.locator('body').press('.')
    await expect(page.locator('.edge-token')).toHaveCount(1)
    await expect(page.locator('.mesh-took')).toBeVisible()
    await saveScreenshot('run-tokens')
  })

  test('the scheduler panel shows the priority queue and the seed’s lines', async ({ app, page, saveScreenshot }) => {
    // The priority echoers demo, in incremental mode: each tasklet takes one item a turn.
    const echoers = JSON.parse(readFileSync('src/demos/priority-echoers.mesh.json', 'utf8')) as object
    await app.gotoWithDocument({ ...echoers, mode: 'next' })
    await page.getByRole('button', { name: 'Fit View' }).click()
    await expect(app.dockPanel).toContainText('Priority scheduler, incremental')
    for (let i = 0; i < 3; i++) await page.locator('body').press('.')
    await expect(app.dockPanel.getByRole('table')).toContainText('echoer_womb')
    await expect(app.dockPanel.locator('pre')).toContainText('Scheduler executes')
    await saveScreenshot('run-scheduler-priority')
  })

  test('the output, trace, stats, queues and compare panels', async ({ app, page, saveScreenshot }) => {
    await part3(app)
    await app.button('Run to end').click()
    await expect(app.runStatus).toHaveText('No work left')
    for (const tab of ['Output', 'Trace', 'Stats', 'Queues', 'Compare']) {
      await app.dockTab(tab).click()
      if (tab === 'Trace') await app.dockPanel.getByRole('button', { name: 'Events' }).click()
      if (tab === 'Compare') await app.dockPanel.getByRole('button', { name: 'Run both to end' }).click()
      await expect(app.dockPanel).not.toContainText('Loading…')
      // A line per node of this small mesh.
      if (tab === 'Queues') await expect(page.locator('.queue-chart path.chart-line')).toHaveCount(6)
      await saveScreenshot(`run-panel-${tab.toLowerCase()}`)
    }
  })

  test('the help dialog', async ({ app, page, saveScreenshot }) => {
    await part3(app)
    await page.locator('body').press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await saveScreenshot('run-help')
  })

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark' })

    test('counters and stroke weight at 60 ticks a second, and a breakpoint', async ({ app, page, saveScreenshot }) => {
      await part3(app)
      await app.dockTab('Breakpoints').click()
      await app.dockPanel.getByLabel('Pause when').selectOption({ label: 'a sink receives' })
      await app.dockPanel.getByLabel('a value containing').fill('3x3')
      await app.dockPanel.getByRole('button', { name: 'Add breakpoint' }).click()
      await page.getByRole('slider', { name: 'Speed' }).fill('7')
      await app.button('Play').click()
      await expect(app.runStatus).toHaveText('Paused at a breakpoint: sink got 3x3')
      await saveScreenshot('run-dark-breakpoint')
    })
  })

  test('a runaway mesh at its cap', async ({ app, page, saveScreenshot }) => {
    await app.gotoWithDocument({
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
    })
    await app.button('Run to end').click()
    await expect(app.runStatus).toHaveText('Stopped: a queue is full')
    await app.dockTab('Queues').click()
    await expect(page.locator('.queue-chart path.chart-line')).toHaveCount(2)
    await saveScreenshot('run-runaway')
  })
})
