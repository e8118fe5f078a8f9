import { expect, test } from './fixtures'
import { SharePage } from './share-page'

test.describe('Lesson questions', () => {
  test.describe('which tasklet runs next', () => {
    test('a learner predicts on the Part 3 mesh by clicking a card: wrongly, then rightly, and plays on', async ({ app, page, axe, saveScreenshot }) => {
      const share = new SharePage(app)
      await app.goto('/?demo=part3-mesh')
      await expect(share.lesson.getByText('Step 1 of 5')).toBeVisible()
      const question = share.lesson.getByRole('region', { name: 'Predict' })
      await expect(question.getByText('Which tasklet will the taskmaster run first?')).toBeVisible()

      // Predicting: a click on a card is the prediction.
      await question.getByRole('button', { name: 'Click the card you predict' }).click()
      await expect(question.getByRole('button', { name: 'Stop: click no card' })).toHaveAttribute('aria-pressed', 'true')
      await expect(page.locator('.mesh-canvas[data-predicting]')).toBeVisible()
      await saveScreenshot('lesson-question-predicting')
      await app.node('branch').getByText('branch', { exact: true }).first().click()
      await expect(page.locator('.mesh-canvas[data-predicting]')).toHaveCount(0)
      await expect(question.getByRole('status')).toContainText("Not quite. The engine's answer: start.start ran next: the taskmaster gives each tasklet its turn in node order")
      await expect(question.getByRole('status')).toContainText('The taskmaster skips a tasklet with nothing queued, and only start has items.')
      // The engine answered from a copy: the run has not moved.
      await expect(app.tick).toHaveText('0')
      await expect(app.node('start')).toContainText('queue 4')

      // Again, by keyboard this time, from the list of cards.
      await question.getByRole('button', { name: 'Try again' }).click()
      const start = question.getByRole('list', { name: 'Which tasklet will the taskmaster run first?' }).getByRole('button', { name: 'start', exact: true })
      await start.focus()
      await page.keyboard.press('Enter')
      await expect(question.getByRole('status')).toContainText("Right! The engine's answer: start.start ran next:")
      await expect(question.getByRole('button', { name: 'Try again' })).toHaveCount(0)
      await axe.expectNoSeriousViolations('.lesson')
      await saveScreenshot('lesson-question-right')

      await question.getByRole('button', { name: 'Play on' }).click()
      await expect(share.lesson.getByText('Step 2 of 5')).toBeVisible()
      await expect(app.tick).toHaveText('1')
      await expect(share.lesson.getByRole('region', { name: 'Predict' })).toHaveCount(0)
    })
  })
})
