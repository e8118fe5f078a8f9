import part3 from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { parseDocument } from '../src/engine'
import { encodeLink } from '../src/formats/link'
import { AppPage, expect, test } from './fixtures'
import { SharePage } from './share-page'

const HOSTILE = '<img src=x onerror="window.__pwned = true">'

/** The Part 3 mesh with a small lesson of a teacher's own, hostile text in it. */
function lessonDocument() {
  const parsed = parseDocument({
    ...part3,
    version: 3,
    title: 'Part 3 for my class',
    lesson: {
      title: 'My Part 3 lesson',
      steps: [
        { title: 'Look at start', text: `*start* holds \`0 1 2 3\`.\n\n${HOSTILE}`, watch: { node: 'a' }, expect: 'four items wait.' },
        { title: 'One step', text: 'start takes 0.', watch: { wire: 'a.target-b' }, run: 'step' },
        { title: 'To the end', text: '- all of it\n- until no work is left', run: 'to-end', watch: { output: 2 } },
      ],
    },
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

test.describe('Lessons in links', () => {
  test('a link carrying a lesson opens it in a fresh page: its steps play, its text stays text, and the place is kept', async ({ app, page, axe, saveScreenshot }) => {
    await app.goto(`/${encodeLink(lessonDocument())}`)
    const lesson = page.getByRole('region', { name: 'Look at start' })
    await expect(lesson).toBeVisible()
    await expect(page.getByText('Lesson: My Part 3 lesson')).toBeVisible()
    await expect(page.getByText('Step 1 of 3')).toBeVisible()
    // The markup is read, and the HTML in it is shown as text.
    await expect(lesson.locator('.lesson-text em')).toHaveText('start')
    await expect(lesson.locator('.lesson-text code')).toHaveText('0 1 2 3')
    await expect(lesson.getByText(HOSTILE)).toBeVisible()
    await expect(page.locator('.lesson-text img')).toHaveCount(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined()
    await expect(page.getByTestId('lesson-focus')).toHaveAttribute('data-node', 'a')
    await expect(app.tick).toHaveText('0')

    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByText('Step 2 of 3')).toBeVisible()
    await expect(app.tick).toHaveText('1')
    await expect(page.getByTestId('lesson-watched-wire')).toHaveAttribute('data-edge', 'a.target-b')
    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByText('Step 3 of 3')).toBeVisible()
    await expect(page.locator('.lesson-text li')).toHaveText(['all of it', 'until no work is left'])
    await expect(page.locator('.lesson-printout li')).toHaveText(['Sink got: 2x2', 'Sink got: 2x4', 'Sink got: 3x1', 'Sink got: 3x3'])
    await expect(page.locator('.lesson-printout li[data-watched]')).toHaveText('Sink got: 2x4')
    await saveScreenshot('lesson-from-link')
    await axe.expectNoSeriousViolations('.lesson')

    // The same link again finds the place it was left at; Reset progress starts it again.
    await app.goto(`/${encodeLink(lessonDocument())}`)
    await expect(page.getByText('Step 3 of 3')).toBeVisible()
    // Closed, the lesson opens again from the canvas toolbar, at the same place.
    await page.getByRole('button', { name: 'Close lesson' }).click()
    await expect(page.getByText('Step 3 of 3')).toHaveCount(0)
    await page.getByRole('button', { name: 'Open lesson' }).click()
    await expect(page.getByText('Step 3 of 3')).toBeVisible()
    await page.getByRole('button', { name: 'Reset progress' }).click()
    await expect(page.getByText('Step 1 of 3')).toBeVisible()
    await expect(app.tick).toHaveText('0')
  })

  test('the embed view shows the lesson under the canvas, with its step controls', async ({ page, saveScreenshot }) => {
    await page.goto(`/?embed${encodeLink(lessonDocument())}`)
    const lesson = page.getByRole('region', { name: 'Look at start' })
    await expect(lesson).toBeVisible()
    await expect(lesson.getByText(HOSTILE)).toBeVisible()
    await lesson.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByRole('region', { name: 'One step' })).toBeVisible()
    await expect(page.locator('.tick-counter strong')).toHaveText('1')
    await saveScreenshot('lesson-embed')
  })

  test('a teacher writes a three-step lesson with a question and a challenge on the Part 3 mesh, and a student answers, plays and wins it from the link', async ({
    app,
    page,
    axe,
    saveScreenshot,
  }) => {
    await app.goto()
    await page.getByRole('button', { name: 'Write a lesson' }).click()
    await expect(page.getByText('Step 1 of 1')).toBeVisible()
    // A lesson just begun opens with its editor open. Step 1: a question whose answer is the engine's.
    await page.getByRole('textbox', { name: 'Step title' }).fill('Before anything runs')
    await page.getByRole('textbox', { name: /^Step text/ }).fill('*start* holds the four items.')
    await page.getByRole('combobox', { name: 'Watch' }).selectOption({ label: 'start' })
    await expect(page.getByTestId('lesson-focus')).toHaveAttribute('data-node', 'a')
    await page.getByRole('combobox', { name: 'Asks' }).selectOption({ label: 'Which tasklet runs next? (a card clicked)' })
    await expect(page.getByRole('textbox', { name: 'Question text' })).toHaveValue('Which tasklet runs next?')
    // Step 2: one activation.
    await page.getByRole('button', { name: 'Add a step after this one' }).click()
    await expect(page.getByText('Step 2 of 2')).toBeVisible()
    await page.getByRole('textbox', { name: 'Step title' }).fill('One step')
    await page.getByRole('combobox', { name: 'Then the run goes' }).selectOption('step')
    // Step 3: a challenge the mesh as it is does not meet.
    await page.getByRole('button', { name: 'Add a step after this one' }).click()
    await expect(page.getByText('Step 3 of 3')).toBeVisible()
    await page.getByRole('textbox', { name: 'Step title' }).fill('Your turn')
    await page.getByRole('textbox', { name: /^Step text/ }).fill('Change the scheduler’s order so that the tripler’s output comes first.')
    await page.getByRole('combobox', { name: 'Goal' }).selectOption({ label: 'Outputs printed in an order' })
    await page.getByRole('textbox', { name: 'Hint, shown when asked for' }).fill('The taskmaster runs the tasklets in the order the Scheduler panel lists.')
    await page.getByRole('textbox', { name: 'Step title' }).focus()
    await expect(page.getByRole('status').filter({ hasText: 'Not yet.' })).toContainText('printed 2x2 first')
    await saveScreenshot('lesson-written')
    await axe.expectNoSeriousViolations('.lesson-editor')
    const link = await new SharePage(app).shareLink()

    const student = new AppPage(await page.context().newPage())
    await student.goto(link.replace(/^https?:\/\/[^/]+/, ''))
    const sp = student.page
    await expect(sp.getByRole('region', { name: 'Before anything runs' })).toBeVisible()
    await expect(sp.getByText('Step 1 of 3')).toBeVisible()
    const question = sp.getByRole('region', { name: 'Predict' })
    const choices = question.getByRole('list', { name: 'Which tasklet runs next?' })
    await choices.getByRole('button', { name: 'branch', exact: true }).click()
    await expect(question.getByRole('status')).toContainText("Not quite. The engine's answer: start.")
    await question.getByRole('button', { name: 'Try again' }).click()
    await choices.getByRole('button', { name: 'start', exact: true }).click()
    await expect(question.getByRole('status')).toContainText("Right! The engine's answer: start.")
    await question.getByRole('button', { name: 'Play on' }).click()
    await expect(sp.getByText('Step 2 of 3')).toBeVisible()
    await expect(student.tick).toHaveText('1')
    await sp.getByRole('button', { name: 'Next' }).click()
    await expect(sp.getByRole('region', { name: 'Your turn' })).toBeVisible()
    const verdict = sp.locator('.lesson-challenge').getByRole('status')
    await expect(verdict).toContainText('Not yet.')
    // The student moves the tripler before the doubler in the scheduler's order, and wins.
    await student.dockTab('Scheduler').click()
    const order = sp.getByRole('list', { name: 'Node order' })
    await order.getByRole('listitem', { name: /^tripler,/ }).focus()
    await sp.keyboard.press('Alt+ArrowLeft')
    await expect(verdict).toContainText('Won!')
    await expect(verdict).toContainText('3x3')
    await sp.screenshot({ path: 'e2e/screenshots/lesson-won.png' })
    await sp.close()
  })
})
