import { expect, test } from './fixtures'

test.describe('Watches after the fact', () => {
  test('a watch on a wire lists every value that passed there from tick 1, set after stepping back, and a row seeks there', async ({ app, axe, saveScreenshot }) => {
    await app.goto('/?demo=part3-mesh')
    await app.button('Run to end').click()
    // Done when no work is left.
    await expect(app.button('Run to end')).toBeDisabled()
    const end = Number(await app.tick.innerText())
    expect(end).toBeGreaterThan(10)
    // What the sink printed of the doubler's values ("2x2", "2x4": the doubler sends 2x its item), over the whole run.
    await app.dockTab('Output').click()
    const printed = (await app.dockPanel.getByRole('listitem').allInnerTexts()).map((line) => /Sink got: (2x\S+)$/.exec(line.trim())?.[1]).filter((v): v is string => v !== undefined)
    expect(printed.length).toBeGreaterThan(0)

    // Back to tick 5, then the watch: it still has the whole run.
    for (let i = 0; i < end - 5; i++) await app.button('Step back').click()
    await expect(app.tick).toHaveText('5')
    await app.wire('doubler.target', 'sink').click({ force: true })
    await app.inspector.getByRole('button', { name: 'Watch this wire' }).click()
    await expect(app.inspector.getByRole('status')).toHaveText('Watched: see the Watch tab below.')
    await app.dockTab('Watch').click()
    const card = app.dockPanel.getByRole('region', { name: 'Watch: doubler.target → sink' })
    await expect(card.getByRole('status')).toHaveText(new RegExp(`^${printed.length} values? over ticks \\d+–\\d+$`))
    const rows = card.getByRole('list', { name: 'Values of doubler.target → sink' }).getByRole('listitem')
    await expect(rows).toHaveCount(printed.length)
    expect((await rows.locator('.watch-value').allInnerTexts()).sort()).toEqual([...printed].sort())
    // Ticks after the run's tick are there too: the watch is of the whole recorded run.
    const ticks = (await rows.locator('.row-tick').allInnerTexts()).map(Number)
    expect(Math.max(...ticks)).toBeGreaterThan(5)
    await expect(card.getByRole('img', { name: /^doubler.target → sink: values per tick over ticks 0–\d+, most 1 at ticks \d+–\d+; the run is at tick 5$/ })).toBeVisible()

    // A row seeks the run to its tick.
    const last = ticks[ticks.length - 1]!
    await rows.last().getByRole('button').click()
    await expect(app.tick).toHaveText(String(last))
    await expect(card.getByRole('img', { name: new RegExp(`the run is at tick ${last}$`) })).toBeVisible()
    await expect(rows.last().getByRole('button')).toHaveAttribute('aria-current', 'step')

    // A queue watch beside it: start's initial inputs at tick 0, and what start took.
    await app.select('start')
    await app.inspector.getByRole('button', { name: 'Watch this queue' }).click()
    const queue = app.dockPanel.getByRole('region', { name: 'Watch: queue of start' })
    await expect(queue.getByRole('status')).toHaveText(/^\d+ values in, \d+ taken, over ticks 0–\d+$/)
    const queued = queue.getByRole('listitem')
    await expect(queued.first()).toHaveText(/^0\s*in\s*0$/)
    await expect(queued.filter({ hasText: /^\s*\d+\s*taken\s*0$/ })).toHaveCount(1)
    await expect(queue.getByRole('img', { name: /^queue of start: values in per tick over ticks 0–\d+, most 4 at ticks 0–0; the run is at tick \d+$/ })).toBeVisible()
    await saveScreenshot('watch-tab')
    await axe.expectNoSeriousViolations('.run-dock')

    // Removed, the empty state says how to add one.
    await card.getByRole('button', { name: 'Remove the watch on doubler.target → sink' }).click()
    await queue.getByRole('button', { name: 'Remove the watch on queue of start' }).click()
    await expect(app.dockPanel).toContainText('Select a wire on the canvas and choose Watch this wire')
  })

  test('a wire deleted after its watch was set keeps its values, and says so', async ({ app }) => {
    await app.goto('/?demo=part3-mesh')
    await app.button('Run to end').click()
    // Done when no work is left.
    await expect(app.button('Run to end')).toBeDisabled()
    await app.wire('branch.left', 'doubler').click({ force: true })
    await app.inspector.getByRole('button', { name: 'Watch this wire' }).click()
    await app.dockTab('Watch').click()
    const card = app.dockPanel.getByRole('region', { name: 'Watch: branch.left → doubler' })
    const status = await card.getByRole('status').innerText()
    expect(status).toMatch(/^\d+ values? over ticks/)
    await app.inspector.getByRole('button', { name: 'Delete wire' }).click()
    await expect(card).toContainText('This wire is no longer in the mesh: what it carried in the run is kept.')
    await expect(card.getByRole('status')).toHaveText(status)
  })

  test('a watch over a run of 300,000 activations lists its first 100,000 values, says how many more passed, and scrolls to the last', async ({ app, saveScreenshot }) => {
    await app.gotoWithDocument({
      format: 'mesh-playground',
      version: 1,
      nodes: [
        { id: 'p', kind: 'start', label: 'ping', position: { x: 0, y: 0 } },
        { id: 'q', kind: 'start', label: 'pong', position: { x: 300, y: 0 } },
      ],
      edges: [
        { source: 'p', port: 'target', target: 'q' },
        { source: 'q', port: 'target', target: 'p' },
      ],
      inputs: [{ node: 'p', values: [0] }],
      limits: { maxActivations: 300_000, maxQueue: 100 },
    })
    await app.button('Run to end').click()
    await expect(app.tick).toHaveText('300000', { timeout: 30_000 })
    await app.wire('ping.target', 'pong').click({ force: true })
    await app.inspector.getByRole('button', { name: 'Watch this wire' }).click()
    await app.dockTab('Watch').click()
    const card = app.dockPanel.getByRole('region', { name: 'Watch: ping.target → pong' })
    await expect(card.getByRole('status')).toHaveText('150,000 values over ticks 1–299,999 (the first 100,000 listed; 50,000 more passed)', { timeout: 30_000 })
    const list = card.getByRole('list', { name: 'Values of ping.target → pong' })
    await expect(list.getByRole('listitem').first()).toHaveText(/^1\s*1$/)
    // Only the rows in view are drawn; the last kept is at the bottom.
    expect(await list.getByRole('listitem').count()).toBeLessThan(60)
    await list.evaluate((element) => (element.scrollTop = element.scrollHeight))
    await expect(list.getByRole('listitem').last()).toHaveText(/^199999\s*199999$/)
    await expect(card.getByRole('img', { name: /^ping.target → pong: values per [\d,]+ ticks over ticks 0–300,000, most \d+ at ticks/ })).toBeVisible()
    await saveScreenshot('watch-long-run')
  })
})
