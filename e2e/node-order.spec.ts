import part3 from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { expect, test, type AppPage } from './fixtures'

/** The seed's Part 3 mesh with its tasklets in the order a person adding them one by one might have: the recycler before branch and start. */
const BUILT_BY_HAND = { ...part3, nodes: ['s', 'd', 't', 'r', 'b', 'a'].map((id) => part3.nodes.find((n) => n.id === id)!) }

/** Runs the seed's two calls: the initial inputs to the end, then 10 and 11 sent to start, to the end. */
async function runTheSeedsCalls(app: AppPage): Promise<void> {
  await app.button('Run to end').click()
  await expect(app.runStatus).toHaveText('No work left')
  await app.send('start', '10 11')
  await app.button('Run to end').click()
  await expect(app.runStatus).toHaveText('No work left')
}

test.describe('The scheduler order', () => {
  test("a hand-built Part 3 mesh prints 2x12 before 11; put in the seed's order in the scheduler panel, it prints the seed's 11, 2x12", async ({ app, page, axe, saveScreenshot }) => {
    await app.gotoWithDocument(BUILT_BY_HAND)
    const sink = app.node('sink').locator('.mesh-sink-values li')
    await runTheSeedsCalls(app)
    // The card shows the latest four values.
    await expect(sink).toHaveText(['3x1', '3x3', '2x12', '11'])

    await app.button('Reset').click()
    await app.dockTab('Scheduler').click()
    const order = page.getByRole('list', { name: 'Node order' })
    const chip = (label: string) => order.getByRole('listitem', { name: new RegExp(`^${label},`) })
    await expect(order.getByRole('listitem')).toHaveText(['sink0', 'doubler0', 'tripler0', 'recycler0', 'branch0', 'start4'])
    // The seed's tasks = [s, d, t, b, a, r]: the recycler goes last, with the keys.
    await chip('recycler').focus()
    await page.keyboard.press('Alt+End')
    await expect(order.getByRole('listitem')).toHaveText(['sink0', 'doubler0', 'tripler0', 'branch0', 'start4', 'recycler0'])
    await expect(chip('recycler')).toBeFocused()
    await expect(page.getByRole('status').filter({ hasText: 'recycler moved to place 6 of 6.' })).toBeAttached()
    await axe.expectNoSeriousViolations('.scheduler-panel')
    await saveScreenshot('node-order')

    await runTheSeedsCalls(app)
    await expect(sink).toHaveText(['3x1', '3x3', '11', '2x12'])

    // Undo puts the order back; a drag moves a tasklet too.
    await page.keyboard.press('ControlOrMeta+z')
    await expect(order.getByRole('listitem')).toHaveText(['sink0', 'doubler0', 'tripler0', 'recycler0', 'branch0', 'start0'])
    await chip('start').dragTo(chip('sink'))
    await expect(order.getByRole('listitem').first()).toHaveText('start0')
  })
})
