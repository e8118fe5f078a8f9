import { Timeline, Watch, whatIf, type WatchTarget } from '../src/engine'
import { encodeLink } from '../src/formats/link'
import { expect, test } from './fixtures'
import { timesTen, timesTenMesh } from './times-ten'

const SHARED = timesTenMesh('Asking the history of a code node', [1, 2, 3])

/** The shared mesh run to its end on the engine. */
function engineRun() {
  const timeline = new Timeline(SHARED, { compile: timesTen })
  timeline.run()
  return timeline
}

test.describe('Asking the history of a mesh whose code runs in the sandbox', () => {
  test('What if: skipping an initial input is replayed in the sandbox and shows where the runs first part; a watch on a wire lists its values', async ({
    app,
    page,
    saveScreenshot,
  }) => {
    await app.gotoEmpty()
    await page.goto(`/${encodeLink(SHARED)}`)
    const consent = page.getByRole('dialog', { name: 'Run the code in this mesh?' })
    await consent.getByRole('button', { name: 'Run the code' }).click()
    await expect(consent).toBeHidden()
    await app.button('Run to end').click()
    await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['20', '30', '40'])
    const timeline = engineRun()
    await expect(app.tick).toHaveText(String(timeline.tick))

    // What if the first input had not been there?
    const skip = whatIf(timeline.history(), { kind: 'input', index: 0 }, { compile: timesTen })
    if (!skip.ok) throw new Error(skip.error)
    await app.dockTab('What if').click()
    const panel = app.dockPanel
    await panel.getByRole('button', { name: 'Skip initial input 1, 1 for start' }).click()
    const answer = panel.getByRole('region', { name: 'What if' })
    await expect(answer.getByRole('button', { name: `First differs at tick ${skip.result.divergence}` })).toBeVisible()
    await expect(answer).not.toContainText('needs the run on the page')
    const rows = answer.getByRole('row')
    await expect(rows).toHaveCount(1 + Math.max(skip.result.original.outputs.length, skip.result.altered.outputs.length))
    await expect(rows.nth(1)).toHaveText(
      `${skip.result.original.outputs[0]!.tick} · sink: ${skip.result.original.outputs[0]!.text}${skip.result.altered.outputs[0]!.tick} · sink: ${skip.result.altered.outputs[0]!.text}`,
    )
    await saveScreenshot('what-if-sandbox')

    // A watch on the wire into the sink: every value that passed there, replayed in the sandbox.
    const wire: WatchTarget = { kind: 'wire', from: 'code', port: 'out', to: 'sink' }
    const watch = new Watch(wire, timeline.history(), { compile: timesTen })
    while (!watch.advance(1_000_000));
    const values = watch.result().values.map(String)
    expect(values).toEqual(['20', '30', '40'])
    await app.wire('times ten.out', 'sink').click({ force: true })
    await app.inspector.getByRole('button', { name: 'Watch this wire' }).click()
    await app.dockTab('Watch').click()
    const card = app.dockPanel.getByRole('region', { name: 'Watch: times ten.out → sink' })
    await expect(card.getByRole('status')).toHaveText(new RegExp(`^${values.length} values over ticks \\d+–\\d+$`))
    const listed = card.getByRole('list', { name: 'Values of times ten.out → sink' }).getByRole('listitem')
    await expect(listed.locator('.watch-value')).toHaveText(values)
    await expect(card).not.toContainText('could not be made')
    await saveScreenshot('watch-sandbox')

    // The what-if kept: the run is the branch, in the sandbox, and the watch follows it.
    await app.dockTab('What if').click()
    await answer.getByRole('button', { name: 'Keep this branch' }).click()
    await expect(answer).toHaveCount(0)
    await expect(app.tick).toHaveText(String(skip.result.altered.end))
    await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['30', '40'])
    await app.dockTab('Watch').click()
    await expect(listed.locator('.watch-value')).toHaveText(['30', '40'])
  })
})
