import { expect, test, type AppPage } from './fixtures'

/** The Output panel's lines after Run to end. */
async function outputsAtEnd(app: AppPage): Promise<string[]> {
  await app.button('Run to end').click()
  await expect(app.runStatus).not.toHaveText(/Running/)
  await app.dockTab('Output').click()
  return app.dockPanel.getByRole('listitem').allTextContents()
}

/** The Part 3 demo, two ticks on and paused, start selected: its queue holds 2 and 3. */
async function openPaused(app: AppPage): Promise<void> {
  await app.goto('/?demo=part3-mesh')
  await app.button('Step').click()
  await app.button('Step').click()
  await expect(app.tick).toHaveText('2')
  await app.select('start')
  await expect(queue(app)).toHaveText([item(2), item(3)])
  await expect(queue(app).first()).toContainText('<-- processing this item')
}

/** The inspector's queue items as the seed prints them: `((2,), {})`. */
const queue = (app: AppPage) => app.inspector.locator('.queue-list .queue-item-text')
/** An item of that list whose value is `n`. */
const item = (n: number) => new RegExp(`^\\(\\(${n},\\), \\{\\}\\)`)

test.describe('Queue surgery while paused', () => {
  test('dropping a queued item changes the output; stepping back past the drop and forward again keeps it', async ({ app, page, axe, saveScreenshot }) => {
    await openPaused(app)
    await app.inspector.getByRole('button', { name: 'Edit item 1' }).hover()
    await saveScreenshot('queue-surgery-inspector')
    await app.inspector
      .locator('.inspector-section')
      .filter({ has: page.locator('.queue-list') })
      .screenshot({ path: 'e2e/screenshots/queue-surgery-queue.png' })
    await axe.expectNoSeriousViolations('.inspector')
    const plain = await outputsAtEnd(app)

    await openPaused(app)
    await app.inspector.getByRole('button', { name: 'Drop item 2 (3)' }).click()
    await expect(queue(app)).toHaveText([item(2)])
    // The trace says what was done, where the seed's calls would be.
    await app.dockTab('Trace').click()
    await app.dockPanel.getByRole('button', { name: 'Events' }).click()
    await expect(app.dockPanel).toContainText("You dropped 3 from start's queue (item 2 of 2)")
    const dropped = await outputsAtEnd(app)
    expect(dropped).not.toEqual(plain)
    expect(dropped.length).toBeLessThan(plain.length)
    const endTick = await app.tick.innerText()

    // Back to before the drop: start holds 2 and 3 again; forward along the history: the same run, the drop in it.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('Home')
    await expect(app.tick).toHaveText('0')
    await app.button('Step').click()
    await app.select('start')
    await expect(queue(app)).toHaveText([item(1), item(2), item(3)])
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('End')
    await expect(app.tick).toHaveText(endTick)
    await app.dockTab('Output').click()
    await expect(app.dockPanel.getByRole('listitem')).toHaveText(dropped)
  })

  test('an item edited, moved to another tasklet, and an edit undone', async ({ app, page, saveScreenshot }) => {
    await openPaused(app)
    // Edit a value, as the send form reads values.
    await app.inspector.getByRole('button', { name: 'Edit item 2' }).click()
    await app.inspector.getByLabel('Value of item 2').fill('two words')
    await app.inspector.getByRole('button', { name: 'Set' }).click()
    await expect(app.inspector.getByRole('alert')).toHaveText(/Type one value/)
    await app.inspector.getByLabel('Value of item 2').fill('7')
    await app.inspector.getByRole('button', { name: 'Set' }).click()
    await expect(queue(app)).toHaveText([item(2), item(7)])

    // Insert at a position, then move item 1 to the doubler's queue.
    await app.inspector.getByLabel('Position to insert at').fill('2')
    await app.inspector.getByLabel('Value to insert').fill('5')
    await app.inspector.getByRole('button', { name: 'Insert' }).click()
    await expect(queue(app)).toHaveText([item(2), item(5), item(7)])
    await app.inspector.getByRole('combobox', { name: 'Move item 1 to…' }).selectOption({ label: 'doubler' })
    await expect(queue(app)).toHaveText([item(5), item(7)])
    await expect(app.node('doubler').locator('.mesh-queue-items li').first()).toHaveText(/^2/)

    // Undo takes the move back; the run is as it was before it.
    await app.inspector.getByRole('button', { name: 'Undo queue edit' }).click()
    await expect(app.tick).toHaveText('2')
    await app.select('start')
    await expect(queue(app)).toHaveText([item(2), item(5), item(7)])
    await expect(app.node('doubler').locator('.mesh-queue-count')).toHaveText('queue 0')

    // On the card: a chip drops its item.
    const chip = app.node('start').locator('.mesh-queue-items li').nth(1)
    await chip.hover()
    await saveScreenshot('queue-surgery-card')
    await app.node('start').screenshot({ path: 'e2e/screenshots/queue-surgery-chip.png' })
    await app.node('start').getByRole('button', { name: 'Drop item 2 (5) from the queue' }).click()
    await expect(app.node('start').locator('.mesh-queue-items li')).toHaveText([/^2/, /^7/])
    // Delete on a focused chip does the same.
    await app.node('start').locator('.mesh-queue-items li').nth(1).focus()
    await page.keyboard.press('Delete')
    await expect(app.node('start').locator('.mesh-queue-items li')).toHaveText([/^2/])

    // While the run plays, the tools are gone.
    await app.button('Play').click()
    await expect(app.inspector.getByRole('button', { name: /^Drop item/ })).toHaveCount(0)
  })
})
