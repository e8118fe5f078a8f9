import type { Page } from '@playwright/test'

import { expect, test } from './fixtures'
import { SharePage } from './share-page'

/** The presenter view's parts, as a person (and a screen reader) finds them. */
function presenter(page: Page) {
  const lesson = page.getByRole('region', { name: /./ }).filter({ has: page.locator('#presenter-step-title') })
  return {
    lesson,
    canvas: page.getByRole('region', { name: 'Canvas' }),
    counter: lesson.getByText(/^Step \d+ of \d+$/),
    title: page.locator('#presenter-step-title'),
    exit: page.getByRole('button', { name: 'Exit presenter mode' }),
    sinkGot: page.locator('.react-flow__node[data-id="s"] .mesh-sink-values li'),
    ring: page.getByTestId('lesson-focus'),
  }
}

test.describe('Presenter mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 } })

  test('presents the Part 3 lesson at 1920×1080, driven by PageDown and PageUp alone', async ({ app, page, axe, saveScreenshot }) => {
    const shown = presenter(page)
    await page.goto('/?demo=part3-mesh&present')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await expect(shown.title).toHaveText('Six tasklets and a circle')
    await expect(shown.ring).toHaveAttribute('data-node', 'a')
    await expect(app.node('start')).toContainText('queue 4')
    // The editing chrome is gone: no palette, inspector, run toolbar or dock, and the cards do not drag.
    await expect(app.paletteItem('sink')).toHaveCount(0)
    await expect(page.getByRole('toolbar')).toHaveCount(0)
    await expect(page.getByRole('complementary')).toHaveCount(0)
    await expect(page.getByRole('tablist', { name: 'Run panels' })).toHaveCount(0)
    await expect(page.locator('.react-flow__node.draggable')).toHaveCount(0)
    await expect(page.locator('.react-flow__minimap, .react-flow__controls')).toHaveCount(0)
    // Large type, for the back of the room.
    const size = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await size('.presenter-text p')).toBeGreaterThanOrEqual(28)
    expect(await size('#presenter-step-title')).toBeGreaterThanOrEqual(40)
    // The mesh fills the canvas: every card in view, the cards no smaller than their own size.
    await app.waitForStillView()
    const area = (await shown.canvas.boundingBox())!
    for (const box of await Promise.all((await app.nodes.all()).map((n) => n.boundingBox()))) {
      expect(box!.x).toBeGreaterThanOrEqual(area.x)
      expect(box!.x + box!.width).toBeLessThanOrEqual(area.x + area.width)
      expect(box!.y + box!.height).toBeLessThanOrEqual(area.y + area.height)
    }
    expect(await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a)).toBeGreaterThanOrEqual(1)
    await expect(page).toHaveURL(/\?demo=part3-mesh&present=?$/)
    await saveScreenshot('presenter-step-1')

    await page.keyboard.press('PageDown')
    await expect(shown.counter).toHaveText('Step 2 of 5')
    await expect(shown.title).toHaveText('One activation')
    await expect(app.node('start')).toContainText('queue 3')
    await expect(app.node('branch')).toContainText('queue 1')

    await page.keyboard.press('PageDown')
    await expect(shown.counter).toHaveText('Step 3 of 5')
    await expect(shown.title).toHaveText('Run until no work is left')
    await expect(shown.ring).toHaveAttribute('data-node', 's')
    await expect(shown.sinkGot).toHaveText(['2x2', '2x4', '3x1', '3x3'])
    await expect(shown.lesson.getByText('Watch sink:')).toBeVisible()
    await app.waitForStillView()
    await axe.expectNoSeriousViolations()
    await saveScreenshot('presenter-step-3')

    await page.keyboard.press('PageDown')
    await expect(shown.counter).toHaveText('Step 4 of 5')
    await expect(app.node('start')).toContainText('queue 2')
    await page.keyboard.press('PageDown')
    await expect(shown.counter).toHaveText('Step 5 of 5')
    await expect(shown.title).toHaveText('Round the circle')
    await expect(shown.sinkGot).toHaveText(['3x1', '3x3', '11', '2x12'])
    await expect(app.node('sink')).toContainText('received 6')
    await app.waitForStillView()
    await saveScreenshot('presenter-step-5')
    // The last step is the last: PageDown keeps it.
    await page.keyboard.press('PageDown')
    await expect(shown.counter).toHaveText('Step 5 of 5')
    await expect(shown.lesson.getByRole('button', { name: 'Next' })).toBeDisabled()

    // Back a step replays to where that step leaves the run.
    await page.keyboard.press('PageUp')
    await expect(shown.counter).toHaveText('Step 4 of 5')
    await expect(shown.sinkGot).toHaveText(['2x2', '2x4', '3x1', '3x3'])
    await expect(app.node('start')).toContainText('queue 2')
    await page.keyboard.press('PageUp')
    await page.keyboard.press('PageUp')
    await expect(shown.counter).toHaveText('Step 2 of 5')
    await expect(app.node('branch')).toContainText('queue 1')
  })

  test('moves with the arrows and Space as well, and Escape leaves it for the lesson panel, editable again', async ({ app, page }) => {
    const shown = presenter(page)
    const share = new SharePage(app)
    await page.goto('/?demo=part3-mesh&present')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await expect(shown.counter.locator('xpath=..')).toHaveAttribute('aria-live', 'polite')
    await page.keyboard.press('ArrowRight')
    await expect(shown.counter).toHaveText('Step 2 of 5')
    await page.keyboard.press('ArrowDown')
    await expect(shown.counter).toHaveText('Step 3 of 5')
    await page.keyboard.press('ArrowLeft')
    await expect(shown.counter).toHaveText('Step 2 of 5')
    // Next has the focus: Space presses it, one step and not two.
    await expect(shown.lesson.getByRole('button', { name: 'Next' })).toBeFocused()
    await page.keyboard.press('Space')
    await expect(shown.counter).toHaveText('Step 3 of 5')
    await page.keyboard.press('End')
    await expect(shown.counter).toHaveText('Step 5 of 5')
    await page.keyboard.press('Home')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await page.keyboard.press('ArrowUp')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await page.keyboard.press('ArrowRight')
    await expect(shown.counter).toHaveText('Step 2 of 5')

    await page.keyboard.press('Escape')
    await expect(shown.exit).toHaveCount(0)
    // The lesson goes on where the presenter left it.
    await expect(share.lesson.getByText('Step 2 of 5')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Present', exact: true })).toBeFocused()
    await expect(page).toHaveURL(/\?demo=part3-mesh$/)
    await expect(app.paletteItem('sink')).toBeVisible()
    await expect(page.locator('.react-flow__node.draggable')).toHaveCount(6)
  })

  test('opens from the lesson panel, fills the screen when asked, and closes with its button', async ({ app, page, axe, saveScreenshot }) => {
    const shown = presenter(page)
    const share = new SharePage(app)
    await app.goto('/?demo=priority-echoers')
    await expect(share.lesson.getByText('Step 1 of 5')).toBeVisible()
    await page.getByRole('button', { name: 'Present', exact: true }).click()
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await expect(page).toHaveURL(/\?demo=priority-echoers&present$/)
    await expect(page.getByRole('main', { name: 'Presenter mode' })).toBeVisible()
    await app.waitForStillView()
    await axe.expectNoSeriousViolations()
    await saveScreenshot('presenter-priority-echoers')
    const fullScreen = page.getByRole('button', { name: 'Full screen' })
    await fullScreen.click()
    await expect(fullScreen).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName)).toBe('HTML')
    await fullScreen.click()
    await expect(fullScreen).toHaveAttribute('aria-pressed', 'false')
    await shown.exit.click()
    await expect(share.lesson.getByText('Step 1 of 5')).toBeVisible()
    await expect(page).toHaveURL(/\?demo=priority-echoers$/)
    // The lesson editor beside the panel: a step added there is presented too.
    await page.getByText('Edit this lesson').click()
    await page.getByRole('button', { name: 'Add a step after this one' }).click()
    await expect(share.lesson.getByText('Step 2 of 6')).toBeVisible()
    await page.getByRole('textbox', { name: 'Step title' }).fill('A step of my own')
    await page.getByRole('textbox', { name: /^Step text/ }).fill('Written *here*, in the page.')
    await page.getByRole('textbox', { name: /^Step text/ }).blur()
    await expect(share.lesson.getByRole('heading', { name: 'A step of my own' })).toBeVisible()
    await axe.expectNoSeriousViolations('.lesson-editor')
    await saveScreenshot('lesson-editor')
    await page.getByRole('button', { name: 'Present', exact: true }).click()
    await expect(shown.counter).toHaveText('Step 2 of 6')
    await expect(shown.title).toHaveText('A step of my own')
    await expect(shown.lesson.locator('em')).toHaveText('here')
  })

  test('keeps a long step readable in the dark colour scheme: PageDown pages through its text, under a title that stays, before the next step; its challenge shows, and the teacher picks who runs', async ({
    app,
    page,
    axe,
    saveScreenshot,
  }) => {
    const shown = presenter(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.goto('/?demo=you-are-the-scheduler&present')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await expect(shown.title).toBeInViewport()
    await expect(shown.lesson.getByRole('button', { name: 'Next' })).toBeInViewport()
    await app.waitForStillView()
    await axe.expectNoSeriousViolations()
    const text = shown.lesson.getByRole('group', { name: 'Step text' })
    await expect(text).toHaveAttribute('data-more', 'below')
    await saveScreenshot('presenter-dark-long-step')
    // A clicker pages through the text before it goes on: the same step, further down.
    const scrolled = () => text.evaluate((el) => el.scrollTop)
    await page.keyboard.press('PageDown')
    await expect.poll(scrolled).toBeGreaterThan(100)
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await expect(text).toHaveAttribute('data-more', /^(both|above)$/)
    /** Waits until the smooth scroll a PageDown started has stopped. */
    const settled = async () => {
      let last = await scrolled()
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(150)
        const now = await scrolled()
        if (now === last) return
        last = now
      }
    }
    await settled()
    for (let i = 0; i < 8 && (await text.getAttribute('data-more')) !== 'above'; i++) {
      await page.keyboard.press('PageDown')
      await settled()
    }
    await expect(text).toHaveAttribute('data-more', 'above')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    await saveScreenshot('presenter-dark-long-step-end')
    await page.keyboard.press('PageDown')
    await expect(shown.counter).toHaveText('Step 2 of 5')
    await expect.poll(scrolled).toBe(0)
    // The step's challenge shows, and the teacher picks who runs for the class: by a card's number, or a click on the card.
    const challenge = shown.lesson.getByRole('region', { name: 'Challenge' })
    await expect(challenge).toContainText('Not yet.')
    await expect(app.node('start')).toContainText('queue 8')
    await page.keyboard.press('5')
    await expect(app.node('start')).toContainText('queue 7')
    await expect(app.node('branch')).toContainText('queue 1')
    await app.node('branch').locator('.mesh-node-meta').click()
    await expect(app.node('branch')).toContainText('queue 0')
    await expect(shown.counter).toHaveText('Step 2 of 5')
    await saveScreenshot('presenter-hand-challenge')
    // And back: PageUp goes to step 1, at its top.
    await page.keyboard.press('PageUp')
    await expect(shown.counter).toHaveText('Step 1 of 5')
  })

  test("shows a step's question for the room to predict, answered as in the lesson panel, and Play on moves to the next step", async ({ app, page, saveScreenshot }) => {
    const shown = presenter(page)
    await page.goto('/?demo=part3-mesh&present')
    await expect(shown.counter).toHaveText('Step 1 of 5')
    const question = page.getByRole('region', { name: 'Predict' })
    await expect(question.getByText('Which tasklet will the taskmaster run first?')).toBeVisible()
    await question.getByRole('list', { name: 'Which tasklet will the taskmaster run first?' }).getByRole('button', { name: 'start', exact: true }).click()
    await expect(question.getByRole('status')).toContainText("Right! The engine's answer: start.")
    await saveScreenshot('presenter-question')
    await question.getByRole('button', { name: 'Play on' }).click()
    await expect(shown.counter).toHaveText('Step 2 of 5')
    await expect(app.node('start')).toContainText('queue 3')
  })

  test('says so when the mesh has no lesson to present, and leaves the editor as it was', async ({ app, page }) => {
    await app.goto('/?present')
    await expect(page.getByRole('status').filter({ hasText: 'Presenter mode shows a lesson, and this mesh has none.' })).toBeVisible()
    await expect(app.paletteItem('sink')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Exit presenter mode' })).toHaveCount(0)
  })
})
