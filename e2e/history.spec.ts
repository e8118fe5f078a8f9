import { expect, test } from './fixtures'

test.describe('Asking the history', () => {
  test.describe('where an output came from', () => {
    test('clicking a sink output of the Part 3 demo tells its story, and each step seeks there', async ({ app, page, saveScreenshot }) => {
      await app.goto('/?demo=part3-mesh')
      await app.button('Run to end').click()
      await app.dockTab('Output').click()
      await app.dockPanel.getByRole('button', { name: /^13\s*Sink got: 2x2$/ }).click()
      const story = page.getByRole('region', { name: 'Where it came from' })
      await expect(story.getByRole('heading')).toHaveText('Where sink’s output at tick 13 came from')
      const steps = story.getByRole('listitem')
      // From start's initial input, through start, branch and the doubler, to the sink's print.
      await expect(steps.first()).toHaveText(/^0\s*\d+ was an initial input of start$/)
      await expect(steps.filter({ hasText: /^\d+\s*6\s*branch took 2, sent 2 on left to doubler$/ })).toHaveCount(1)
      await expect(steps.last()).toHaveText(/^13\s*sink printed Sink got: 2x2$/)
      await saveScreenshot('lineage-story')
      const branch = steps.filter({ hasText: 'branch took' })
      const branchTick = (await branch.locator('.row-tick').innerText()).trim()
      await branch.getByRole('button').click()
      await expect(app.tick).toHaveText(branchTick)
      await expect(branch.getByRole('button')).toHaveAttribute('aria-current', 'step')
      // The story stays while the run is moved about, and closes on request.
      await story.getByRole('button', { name: 'Close the story' }).click()
      await expect(story).toHaveCount(0)
    })
  })
})
