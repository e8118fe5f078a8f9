import { expect, test } from './fixtures'

test.describe('Mesh Playground', () => {
  test.describe('home page', () => {
    test.beforeEach(async ({ app }) => {
      await app.goto()
    })

    test('shows the app heading and tagline', async ({ app, page }) => {
      await expect(app.heading).toBeVisible()
      await expect(page.getByText('Explore tasklets, queues and schedulers')).toBeVisible()
      await expect(page).toHaveTitle('Mesh Playground')
    })

    test('has a main landmark', async ({ app }) => {
      await expect(app.main).toBeVisible()
    })

    test('has no serious or critical accessibility violations', async ({ axe }) => {
      await axe.expectNoSeriousViolations()
    })

    test('saves a screenshot of the page', async ({ saveScreenshot }) => {
      await saveScreenshot('home')
    })
  })

  test.describe('dark color scheme', () => {
    test.use({ colorScheme: 'dark' })

    test.beforeEach(async ({ app }) => {
      await app.goto()
    })

    test('has no serious or critical accessibility violations', async ({ axe }) => {
      await axe.expectNoSeriousViolations()
    })

    test('saves a screenshot of the page', async ({ saveScreenshot }) => {
      await saveScreenshot('home-dark')
    })
  })
})
