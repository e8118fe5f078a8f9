import part3Json from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { meshDocument } from '../src/engine/testing'
import { Timeline, whatIf, type Alteration } from '../src/engine'
import { expect, test } from './fixtures'

/** What the engine says of a what-if of the Part 3 demo run to its end. */
function expected(alteration: Alteration) {
  const timeline = new Timeline(meshDocument(part3Json))
  timeline.run()
  const result = whatIf(timeline.history(), alteration)
  if (!result.ok) throw new Error(result.error)
  return result.result
}

test.describe('Asking the history', () => {
  test.describe('what if', () => {
    test('skipping an initial input of the Part 3 demo shows both runs, where they first part, and the mark on the scrubber and the lanes; Drop, then a forced draw kept', async ({
      app,
      page,
      saveScreenshot,
    }) => {
      await app.goto('/?demo=part3-mesh')
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('16')
      await app.dockTab('What if').click()
      const panel = app.dockPanel
      await panel.getByRole('button', { name: 'Skip initial input 1, 0 for start' }).click()

      const skip = expected({ kind: 'input', index: 0 })
      const answer = panel.getByRole('region', { name: 'What if' })
      const first = answer.getByRole('button', { name: `First differs at tick ${skip.divergence}` })
      await expect(first).toBeVisible()
      // Both outputs side by side: the original's four, the what-if's three, and the rows that differ marked.
      await expect(answer.getByRole('columnheader', { name: /^Original/ })).toBeVisible()
      await expect(answer.getByRole('columnheader', { name: /^What if/ })).toBeVisible()
      const rows = answer.getByRole('row')
      await expect(rows).toHaveCount(1 + Math.max(skip.original.outputs.length, skip.altered.outputs.length))
      await expect(rows.nth(1)).toHaveText(
        `${skip.original.outputs[0]!.tick} · sink: ${skip.original.outputs[0]!.text}${skip.altered.outputs[0]!.tick} · sink: ${skip.altered.outputs[0]!.text}`,
      )
      await expect(answer.getByRole('row', { name: /differs/ })).not.toHaveCount(0)
      const mark = page.getByRole('button', { name: `What if differs from here: tick ${skip.divergence}` })
      await expect(mark).toHaveCount(1)
      await saveScreenshot('what-if')

      // The mark seeks there, as the button does.
      await first.click()
      await expect(app.tick).toHaveText(String(skip.divergence))
      await app.dockTab('Lanes').click()
      await expect(app.dockPanel.getByRole('button', { name: `What if differs from here: tick ${skip.divergence}` })).toBeVisible()
      await expect(mark).toHaveCount(2)
      await app.dockTab('What if').click()

      await panel.getByRole('button', { name: 'Drop' }).click()
      await expect(answer).toHaveCount(0)
      await expect(page.getByRole('button', { name: /What if differs from here/ })).toHaveCount(0)

      // What if branch had drawn 1 at tick 5?
      const form = panel.getByRole('form', { name: 'Force a draw' })
      await form.getByLabel('Tasklet').selectOption({ label: 'branch' })
      await form.getByLabel('from tick').fill('5')
      await form.getByLabel('draws').fill('1')
      await form.getByRole('button', { name: 'Force the draw' }).click()
      const draw = expected({ kind: 'draw', tick: 5, node: 'b', value: 1 })
      await expect(answer.getByRole('button', { name: `First differs at tick ${draw.divergence}` })).toBeVisible()
      await answer.getByRole('button', { name: 'Keep this branch' }).click()
      await expect(answer).toHaveCount(0)
      // Kept at the tick the run was at (the first divergence, sought above); on along the branch to its end.
      await expect(app.tick).toHaveText(String(skip.divergence))
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText(String(draw.altered.end))
      // The branch is the run: its hand actions list the forced draw, and the Output panel prints what it printed.
      await expect(panel.getByRole('list', { name: 'Hand actions' })).toContainText("branch's next draw gives 1 (what if)")
      await app.dockTab('Output').click()
      for (const output of draw.altered.outputs) await expect(app.dockPanel.getByRole('button', { name: new RegExp(`^${output.tick}\\s*Sink got: ${output.text}$`) })).toHaveCount(1)
    })

    test("a lineage story's draw asks what if it had drawn otherwise, and the What if tab shows the answer", async ({ app, page, saveScreenshot }) => {
      await app.goto('/?demo=part3-mesh')
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('16')
      await app.dockTab('Output').click()
      await app.dockPanel
        .getByRole('button', { name: /Sink got:/ })
        .last()
        .click()
      const story = page.getByRole('region', { name: 'Where it came from' })
      // Every output of the Part 3 mesh went through branch, which drew 1 or 2: the story offers the other.
      const ask = story.getByRole('button', { name: /^What if branch had drawn \d at tick \d+\?$/ }).first()
      await expect(ask).toBeVisible()
      await saveScreenshot('lineage-what-if')
      const [, value, tick] = /drawn (\d) at tick (\d+)/.exec((await ask.getAttribute('aria-label'))!)!
      await ask.click()
      const answer = app.dockPanel.getByRole('region', { name: 'What if' })
      await expect(app.dockTab('What if')).toHaveAttribute('aria-selected', 'true')
      const draw = expected({ kind: 'draw', tick: Number(tick), node: 'b', value: Number(value) })
      expect(draw.divergence, 'forcing the other draw changes the run').not.toBeNull()
      await expect(answer.getByRole('button', { name: `First differs at tick ${draw.divergence}` })).toBeVisible()
    })

    test('a draw forced to a value the draw never gives is refused with why, and the run is not replayed', async ({ app }) => {
      await app.goto('/?demo=part3-mesh')
      await app.button('Run to end').click()
      await app.dockTab('What if').click()
      const form = app.dockPanel.getByRole('form', { name: 'Force a draw' })
      await form.getByLabel('Tasklet').selectOption({ label: 'branch' })
      await form.getByLabel('from tick').fill('5')
      await form.getByLabel('draws').fill('7')
      await form.getByRole('button', { name: 'Force the draw' }).click()
      await expect(form.getByRole('alert')).toHaveText('branch draws randint(1, 2): 7 is never drawn. Try 1 or 2.')
      await expect(app.dockPanel.getByRole('region', { name: 'What if' })).toHaveCount(0)
    })
  })
})
