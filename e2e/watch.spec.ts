import { expect, test } from './fixtures'

test.describe('Watches after the fact', () => {
  test('a watch on a wire lists every value that passed there from tick 1, set after stepping back, and a row seeks there', async ({ app, saveScreenshot }) => {
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
})
