import part3 from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { meshDocument } from '../src/engine/testing'
import { encodeLink } from '../src/formats/link'
import { expect, test } from './fixtures'

/** The seed's Part 3 mesh's nodes (where the demo puts them) and wires. */
const PART3 = { nodes: part3.nodes.map(({ id, kind, label, position }) => ({ id, kind, label, position })), edges: part3.edges }

/** The seed's Part 3 mesh inside a group node, its sink's output going out of the group's port `out` to a sink outside. */
const PART3_IN_A_GROUP = meshDocument({
  version: 2,
  title: 'Part 3 in a group',
  nodes: [
    { id: 'g', kind: 'group', label: 'part 3 inside', position: { x: 0, y: 0 }, group: { ...PART3, input: 'a', outputs: [{ port: 'out', node: 's' }] } },
    { id: 'out', kind: 'sink', label: 'sink', position: { x: 320, y: 0 } },
  ],
  edges: [{ source: 'g', port: 'out', target: 'out' }],
  inputs: [{ node: 'g', values: [0, 1, 2, 3] }],
})

test.describe('a group node (a mesh inside a node)', () => {
  test('opens from a version-2 link as one tasklet with its port, runs its inside at each activation, and traces the inside indented', async ({ app, saveScreenshot }) => {
    await app.goto(`/${encodeLink(PART3_IN_A_GROUP)}`)
    await expect(app.node('part 3 inside')).toContainText('queue 4')
    await expect(app.node('part 3 inside').locator('.react-flow__handle[data-handleid="out"]')).toHaveCount(1)
    await app.button('Step').click()
    await expect(app.tick).toHaveText('1')
    // One activation of the group ran its inside's whole call: the item came out of its port.
    await expect(app.node('sink')).toContainText('queue 1')
    await app.dockTab('Trace').click()
    await expect(app.dockPanel.getByRole('listitem').first()).toHaveText(/^ {2}Sink got: /)
    await app.button('Run to end').click()
    await expect(app.node('sink')).toContainText('received 4')
    await app.select('part 3 inside')
    await saveScreenshot('group-node')
  })

  test('a group node opened, watched and closed: its inner cards and queues follow Step and Step back, the Scheduler panel shows its inside, and an edit inside stays', async ({
    app,
    axe,
    page,
    saveScreenshot,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 })
    await app.goto(`/${encodeLink(PART3_IN_A_GROUP)}`)
    await app.node('part 3 inside').getByRole('button', { name: 'Open group part 3 inside' }).click()
    const crumbs = page.getByRole('navigation', { name: 'Open group' })
    await expect(crumbs.getByRole('listitem')).toHaveText(['Part 3 in a group', '› part 3 inside'])
    await expect(crumbs).toContainText('Step runs the whole mesh')
    // The inside's own cards: Part 3's six, the outer sink and group gone from view.
    await expect(app.nodes).toHaveCount(part3.nodes.length)
    const innerSink = page.getByTestId('node-s')
    await expect(innerSink).toContainText('received 0')
    await expect(app.node('part 3 inside')).toHaveCount(0)

    // Each Step runs the outer mesh; the group's activation runs its inside's whole call: one more item at the inner sink.
    await app.button('Step').click()
    await expect(app.tick).toHaveText('1')
    await expect(innerSink).toContainText('received 1')
    await app.button('Step').click()
    await expect(innerSink).toContainText('received 2')
    await expect(crumbs).toContainText(/Inner tick [1-9]/)

    await app.dockTab('Scheduler').click()
    await expect(app.dockPanel).toContainText('Inside part 3 inside: Taskmaster')
    await expect(app.dockPanel.getByRole('list', { name: 'Node order' }).getByRole('listitem')).toHaveCount(part3.nodes.length)
    await saveScreenshot('group-opened')
    await axe.expectNoSeriousViolations()

    // Back one tick: the inside as it was.
    await app.button('Step back').click()
    await expect(app.tick).toHaveText('1')
    await expect(innerSink).toContainText('received 1')

    // An edit inside: the doubler renamed in the inspector, on the inside's own doubler.
    await page.getByTestId('node-d').click()
    const label = page.getByRole('textbox', { name: 'Label', exact: true })
    await label.fill('twice')
    await label.press('Enter')
    await expect(page.getByTestId('node-d')).toContainText('twice')

    // Out through the breadcrumb: the outer mesh again, then in again, and the edit is there.
    await crumbs.getByRole('button', { name: 'Part 3 in a group' }).click()
    await expect(crumbs).toHaveCount(0)
    await expect(app.node('part 3 inside')).toBeVisible()
    await expect(app.node('sink')).toBeVisible()
    // The group gone out of is selected: its inspector opens it again.
    await page.locator('.inspector').getByRole('button', { name: 'Open group part 3 inside' }).click()
    await expect(page.getByTestId('node-d')).toContainText('twice')
    // Escape goes out one level.
    await page.getByTestId('node-d').click()
    await page.keyboard.press('Escape')
    await expect(crumbs).toHaveCount(0)
    await expect(app.node('part 3 inside')).toBeVisible()
    // Enter on the group's card opens it again.
    await app.node('part 3 inside').focus()
    await page.keyboard.press('Enter')
    await expect(crumbs).toBeVisible()
    await expect(page.getByTestId('node-d')).toContainText('twice')
  })
})
