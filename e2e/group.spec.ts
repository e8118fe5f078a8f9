import part3 from '../src/demos/part3-mesh.mesh.json' with { type: 'json' }
import { meshDocument } from '../src/engine/testing'
import { encodeLink } from '../src/formats/link'
import { expect, test } from './fixtures'

/** The seed's Part 3 mesh's nodes and wires. */
const PART3 = { nodes: part3.nodes.map(({ id, kind }) => ({ id, kind })), edges: part3.edges }

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
})
