import { expect, test } from './fixtures'
import { SharePage } from './share-page'

test.describe('You are the scheduler', () => {
  test.describe('the demo', () => {
    test('numbers the cards, picks by keys and clicks, wins "3x3 before 2x2", and a step back undoes a pick', async ({ app, page, axe, saveScreenshot }) => {
      const share = new SharePage(app)
      const bar = page.getByRole('toolbar', { name: 'Edit the mesh' })
      const challenge = share.lesson.getByRole('region', { name: 'Challenge' })
      await app.goto('/?demo=you-are-the-scheduler')
      await expect(share.lesson.getByRole('heading', { name: 'You pick who runs' })).toBeVisible()
      await expect(app.runStatus).toHaveText('Your turn: pick a tasklet')
      // The numbers are the scheduler's order: 1 sink … 6 recycler.
      for (const [label, n] of [
        ['sink', 1],
        ['doubler', 2],
        ['tripler', 3],
        ['branch', 4],
        ['start', 5],
        ['recycler', 6],
      ] as const) {
        await expect(app.node(label).getByRole('button', { name: new RegExp(`^Pick ${label}, key ${n}:`) })).toHaveText(String(n))
      }
      await expect(app.node('start').getByRole('button', { name: /^Pick start/ })).toHaveAccessibleName('Pick start, key 5: take one item')
      await expect(app.node('sink').getByRole('button', { name: /^Pick sink/ })).toHaveAccessibleName('Pick sink, key 1: nothing queued')
      await app.waitForStillView()
      await axe.expectNoSeriousViolations()
      await saveScreenshot('hand-numbers')

      await share.next(2, 5)
      await expect(challenge).toContainText('Make sink print 3x3 before 2x2.')
      await expect(challenge.getByRole('status')).toHaveText('Not yet. Sink has not printed 3x3.')
      // A tasklet with nothing queued cannot be picked, and says why.
      await page.keyboard.press('1')
      await expect(share.notices).toContainText('sink has no items to take: pick a tasklet with items.')
      await expect(app.tick).toHaveText('0')

      // start, branch (1 to the recycler), start, branch (2 to the doubler), start, recycler (1 back to start), branch (3 to the tripler), tripler, sink.
      await page.keyboard.press('5')
      await app.node('branch').locator('.mesh-node-meta').click()
      await expect(app.tick).toHaveText('2')
      await page.keyboard.press('5')
      await page.keyboard.press('4')
      await app
        .node('start')
        .getByRole('button', { name: /^Pick start/ })
        .click()
      await page.keyboard.press('6')
      await page.keyboard.press('4')
      await app.node('tripler').locator('.mesh-node-meta').click()
      await page.keyboard.press('1')
      await expect(app.tick).toHaveText('9')
      await expect(app.node('sink')).toContainText('received 1')
      await expect(challenge.getByRole('status')).toHaveText('Not yet. Sink has not printed 2x2.')
      await page.keyboard.press('2')
      await page.keyboard.press('1')
      await expect(challenge.getByRole('status')).toHaveText('Won! Sink printed 3x3 at tick 9, then 2x2 at tick 11.')
      await expect(page.getByRole('region', { name: 'What the scheduler sees' })).toContainText('Picks taken: 11 of 11')
      await share.expectPrintout(['Sink got: 3x3', 'Sink got: 2x2'])
      await saveScreenshot('hand-won')

      // Step back: the sink's 2x2 is taken back, the picks stay (the next step takes it again), and so does the win.
      await app.button('Step back').click()
      await expect(app.tick).toHaveText('10')
      await expect(app.node('sink')).toContainText('received 1')
      await share.expectPrintout(['Sink got: 3x3'])
      await expect(app.runStatus).toHaveText('Next: your pick 11 of 11, sink')
      await expect(challenge.getByRole('status')).toContainText('Won!')
      // Undo pick takes the last one back: no 2x2 any more, not won.
      await bar.getByRole('button', { name: 'Undo pick' }).click()
      await expect(page.getByRole('region', { name: 'What the scheduler sees' })).toContainText('Picks taken: 10 of 10')
      await expect(app.tick).toHaveText('10')
      await expect(app.runStatus).toHaveText('Your turn: pick a tasklet')
      await expect(challenge.getByRole('status')).toHaveText('Not yet. Sink has not printed 2x2.')
    })

    test('drains a queue with Shift or the toggle, and keeps the picks as a policy to compare', async ({ app, page }) => {
      const bar = page.getByRole('toolbar', { name: 'Edit the mesh' })
      await app.goto('/?demo=you-are-the-scheduler')
      await expect(app.runStatus).toHaveText('Your turn: pick a tasklet')
      await page.keyboard.press('Shift+5')
      await expect(app.tick).toHaveText('8')
      const drain = bar.getByRole('button', { name: 'Drain the queue' })
      await expect(drain).toHaveAttribute('aria-pressed', 'false')
      await drain.click()
      await expect(drain).toHaveAttribute('aria-pressed', 'true')
      await app.node('branch').locator('.mesh-node-meta').click()
      await expect(app.tick).toHaveText('16')
      await expect(page.getByRole('region', { name: 'What the scheduler sees' })).toContainText('Picks taken: 2 of 2')

      // A hand lane in Compare replays the picks and stops where they end.
      await app.dockTab('Compare').click()
      await app.dockPanel.getByRole('button', { name: 'Run both to end' }).click()
      const hand = app.dockPanel.getByRole('region', { name: 'Lane 1: your picks (by hand)' })
      await expect(hand).toContainText('at the end of its picks')
      await expect(hand).toContainText(/Ticks to drain\s*16/)

      await bar.getByRole('button', { name: 'Keep my choices as a policy' }).click()
      await expect(page.locator('.notices')).toContainText('Your 2 picks are now the written policy "My picks"')
      await expect(page.getByRole('combobox', { name: 'Scheduler' }).first()).toHaveValue('policy')
      await expect(bar.getByRole('button', { name: 'Undo pick' })).toHaveCount(0)
      // The policy goes on from the same tick, as the picks did, and on past them.
      await expect(app.tick).toHaveText('16')
      await app.button('Run to end').click()
      await expect(app.runStatus).toHaveText('No work left')
    })
  })
})
