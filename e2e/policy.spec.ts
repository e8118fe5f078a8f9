import { pyStr, Simulation, type MeshDocument, type Policy } from '../src/engine'
import { meshDocument } from '../src/engine/testing'
import { encodeLink } from '../src/formats/link'
import { expect, test, type AppPage } from './fixtures'

/** Longest queue first, as a learner would type it. */
const LONGEST_FIRST = `function (mesh) {
  // The busiest tasklet goes next; on a tie, the first in the mesh's order.
  let best = null
  for (const t of mesh.tasklets) {
    if (t.queued > 0 && (best === null || t.queued > best.queued)) best = t
  }
  return { run: best.id, take: 'one' }
}`

/** The same policy as plain JavaScript, to work out in the test what the page should print. */
const longestFirst: Policy = (mesh) => {
  let best: (typeof mesh.tasklets)[number] | null = null
  for (const t of mesh.tasklets) if (t.queued > 0 && (best === null || t.queued > best.queued)) best = t
  return { run: best!.id, take: 'one' }
}

/** The priority echoers demo's mesh (src/demos/priority-echoers.mesh.json). */
function echoers(): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 's', kind: 'sink', label: 'sink', priority: 1000 },
      { id: 'e1', kind: 'echoer', label: 'echoer_world', params: { suffix: 'world!' }, priority: { random: [1, 20] } },
      { id: 'e2', kind: 'echoer', label: 'echoer_womb', params: { suffix: 'womb!' }, priority: { random: [1, 20] } },
    ],
    edges: [
      { source: 'e1', port: 'target', target: 's' },
      { source: 'e2', port: 'target', target: 's' },
    ],
    inputs: [
      { node: 'e1', values: ['Hello', 'Bonjour', 'Ola'] },
      { node: 'e2', values: ['Goodbye', 'Au revoir', 'Ciao'] },
    ],
    seed: 878,
  })
}

/** What the sink prints when the echoers run under longest queue first, and at which ticks, worked out by the engine. */
function expectedOutputs(): { tick: number; line: string }[] {
  const sim = new Simulation({ ...echoers(), scheduler: 'policy', policy: { name: 'x', source: 'x' } }, { policy: () => longestFirst })
  sim.run()
  return sim.outputs.toArray().map((o) => ({ tick: o.tick, line: `Sink got: ${pyStr(o.value)}` }))
}

/** Replaces everything in an editor, as a paste would. */
async function typeInto(app: AppPage, name: string, code: string): Promise<void> {
  const editor = app.page.getByRole('textbox', { name })
  await editor.click()
  await app.page.keyboard.press('ControlOrMeta+a')
  await app.page.keyboard.insertText(code)
}

/** A mesh scheduled by someone else's policy (the last tasklet with items), shared as a link. */
const SHARED = meshDocument({
  title: 'A shared policy',
  nodes: [
    { id: 'a', kind: 'start', label: 'start', position: { x: 0, y: 0 } },
    { id: 's', kind: 'sink', label: 'sink', position: { x: 320, y: 0 } },
  ],
  edges: [{ source: 'a', port: 'target', target: 's' }],
  inputs: [{ node: 'a', values: [1, 2] }],
  scheduler: 'policy',
  policy: { name: 'Last first', source: 'function (mesh) {\n  return mesh.tasklets.filter((t) => t.queued > 0).at(-1).id\n}' },
})

test.describe('Written policies', () => {
  test.describe('the editor', () => {
    test('writes a longest-queue-first policy, runs it and shows what the sink printed, its lanes and its figures', async ({ app, page, axe, saveScreenshot }) => {
      await app.goto('/?demo=priority-echoers')
      await page.getByRole('button', { name: 'Close lesson' }).click()
      // Chosen in the toolbar, the policy's editor opens in the inspector with the focus in it.
      await page.locator('.run-toolbar').getByRole('combobox', { name: 'Scheduler' }).selectOption('policy')
      const policy = app.inspector.getByRole('region', { name: 'Written policy' })
      const editor = page.getByRole('textbox', { name: 'Code of the policy "Round robin"' })
      await expect(editor).toBeFocused()

      // A slip first: the check says where, and the run keeps the policy that checked.
      await typeInto(app, 'Code of the policy "Round robin"', LONGEST_FIRST.replace('let best', 'lett best'))
      const check = policy.locator('.code-check')
      await expect(check).toContainText('Line 3, column 8: ')
      await expect(check).toContainText('Not applied until it is fixed.')
      await typeInto(app, 'Code of the policy "Round robin"', LONGEST_FIRST)
      await expect(check).toHaveText('No errors: the code is applied as you type.')
      await policy.getByLabel('Policy name').fill('Longest queue first')
      await policy.getByLabel('Policy name').press('Enter')
      await expect(page.getByRole('textbox', { name: 'Code of the policy "Longest queue first"' })).toContainText("return { run: best.id, take: 'one' }")
      await axe.expectNoSeriousViolations('.inspector')

      await app.button('Run to end').click()
      await expect(app.runStatus).toHaveText('No work left')
      await app.dockTab('Output').click()
      const printed = expectedOutputs()
      expect(printed).toHaveLength(6)
      // The two echoers' lines take turns, as the longest queue does: each echoer's three, at the ticks the engine gives.
      for (const suffix of ['world', 'womb']) {
        await app.dockPanel.getByLabel('Filter').fill(suffix)
        const rows = printed.filter((p) => p.line.includes(suffix)).map((p) => new RegExp(`^${p.tick}\\s*${p.line.replace(/[,!]/g, '.')}$`))
        await expect(app.dockPanel.getByRole('listitem')).toHaveText(rows)
      }
      await app.dockTab('Scheduler').click()
      await expect(app.dockPanel).toContainText('Written policy, “Longest queue first”')
      await saveScreenshot('policy-editor')

      // The policy's run as lanes (who ran at each tick) and as figures: the two echoers took three items each, turn about.
      const ticks = (await app.tick.textContent())!
      await app.dockTab('Lanes').click()
      await expect(app.dockPanel.getByRole('application', { name: 'Lanes: who ran at each tick' })).toBeVisible()
      await expect(app.dockPanel.getByRole('status')).toContainText(`Ticks 1–${ticks} of ${ticks}.`)
      await app.dockTab('Stats').click()
      await app.dockPanel.getByRole('button', { name: 'Scheduling figures' }).click()
      await expect(app.dockPanel.getByRole('status')).toHaveText(`Ticks 1–${ticks}`)
      const figures = app.dockPanel.getByRole('table')
      for (const echoer of ['echoer_world', 'echoer_womb']) await expect(figures.getByRole('row', { name: new RegExp(`^${echoer} 3 `) })).toBeVisible()

      // A decision that is not one stops the run and says what the policy returned; undo brings the policy back.
      await app.button('Reset').click()
      await typeInto(app, 'Code of the policy "Longest queue first"', 'function (mesh) {\n  return "ghost"\n}')
      await expect(app.runStatus).toContainText('no tasklet of this mesh has the id "ghost"')
      await app.button('Step').click()
      await expect(app.tick).toHaveText('0')
      await app.button('Undo').click()
      await expect(app.runStatus).toHaveText(/^Ready/)
    })

    test('starts from a template, and choosing the taskmaster again keeps the policy for later', async ({ app, page }) => {
      await app.goto('/?demo=part3-mesh')
      await page.getByRole('button', { name: 'Close lesson' }).click()
      const controls = app.inspector.getByRole('region', { name: 'Mesh settings' })
      await controls.getByRole('combobox', { name: 'Scheduler' }).selectOption('policy')
      const policy = app.inspector.getByRole('region', { name: 'Written policy' })
      await policy.getByLabel('Start from a template').selectOption('lottery')
      await policy.getByRole('button', { name: 'Use' }).click()
      await expect(policy.getByLabel('Policy name')).toHaveValue('Lottery')
      await app.button('Run to end').click()
      await expect(app.runStatus).toHaveText('No work left')
      await controls.getByRole('combobox', { name: 'Scheduler' }).selectOption('taskmaster')
      await expect(policy).toHaveCount(0)
      await expect(controls.getByRole('combobox', { name: 'Mode' })).toBeVisible()
      await controls.getByRole('combobox', { name: 'Scheduler' }).selectOption('policy')
      await expect(app.inspector.getByRole('region', { name: 'Written policy' }).getByLabel('Policy name')).toHaveValue('Lottery')
    })
  })

  test.describe('the sandbox', () => {
    test('stops a policy that hangs the worker, names it and the tick, and the page keeps answering', async ({ app, page }) => {
      await app.goto('/?demo=part3-mesh')
      await page.getByRole('button', { name: 'Close lesson' }).click()
      await page.locator('.run-toolbar').getByRole('combobox', { name: 'Scheduler' }).selectOption('policy')
      // A regular expression that backtracks for ever takes no loop step: only the watchdog's second stops it.
      await typeInto(
        app,
        'Code of the policy "Round robin"',
        "function (mesh) {\n  if (mesh.tick === 3) /^(a+)+$/.test('a'.repeat(40) + 'b')\n  return mesh.tasklets.find((t) => t.queued > 0).id\n}",
      )
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.button('Run to end').click()
      await expect(page.getByText('The policy "Round robin" was stopped at tick 3: it ran for over 1 s (an infinite loop?).')).toBeVisible({ timeout: 15_000 })
      await expect(app.tick).toHaveText('3')
      await expect(app.runStatus).toHaveText('Stopped: the policy "Round robin" ran for over 1 s (an infinite loop?)')
      await app.button('Step back').click()
      await expect(app.tick).toHaveText('2')
      await expect(app.runStatus).toHaveText(/^Paused/)
    })
  })

  test.describe('from a link', () => {
    test('asks before the policy it carries runs, shows its code, and runs it once agreed', async ({ app, page, axe, saveScreenshot }) => {
      await app.gotoEmpty()
      await page.goto(`/${encodeLink(SHARED)}`)
      const dialog = page.getByRole('dialog', { name: 'Run the code in this mesh?' })
      await expect(dialog).toBeVisible()
      await expect(dialog.getByRole('heading', { name: /The written policy: Last first/ })).toBeVisible()
      await expect(dialog.getByLabel('Code of the policy Last first')).toHaveText(SHARED.policy!.source)
      await saveScreenshot('policy-consent')
      await axe.expectNoSeriousViolations('dialog')

      await dialog.getByRole('button', { name: 'Not now' }).click()
      await expect(dialog).toBeHidden()
      // Not run: the run says why, and nothing moves.
      await expect(app.runStatus).toContainText('the policy "Last first" cannot run: its code has not been allowed to run')
      await expect(app.inspector.getByRole('region', { name: 'Written policy' })).toContainText('has not been allowed to run')
      await app.button('Run to end').click()
      await expect(app.tick).toHaveText('0')
      await expect(app.node('sink')).toContainText('received 0')

      await page.getByRole('button', { name: 'Review code…' }).first().click()
      await dialog.getByRole('button', { name: 'Run the code' }).click()
      await expect(page.getByRole('region', { name: 'Code not yet allowed to run' })).toHaveCount(0)
      await app.button('Run to end').click()
      await expect(app.runStatus).toHaveText('No work left')
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2', '3'])
    })
  })
})
