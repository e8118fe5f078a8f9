import { encodeLink } from '../src/formats/link'
import { meshDocument } from '../src/engine/testing'
import { expect, STORAGE_KEY, test, type AppPage } from './fixtures'
import { timesTenMesh } from './times-ten'

/** What a code node's activation that never yields is closed with (src/sandbox/meter.ts). */
const TOO_MANY_STEPS = 'ran over 10,000,000 steps (loop turns and calls) in one activation without yielding: an infinite loop? Yield, or do less per item'

/** Keeps the even numbers; with a typo on line 3 (`cosnt`) first, for the compile error. */
const BROKEN_FILTER = `function* (ports, params, self) {
  while (true) {
    cosnt item = yield
    if (item % 2 === 0) ports.out.send(item)
  }
}`
const FILTER = BROKEN_FILTER.replace('cosnt', 'const')

/** Replaces everything in a code node's editor, as a paste would. */
async function typeCode(app: AppPage, label: string, code: string): Promise<void> {
  const editor = app.page.getByRole('textbox', { name: `Code of ${label}` })
  await editor.click()
  await app.page.keyboard.press('ControlOrMeta+a')
  await app.page.keyboard.insertText(code)
}

/** Passes items on, but loops forever on 4. */
const LOOPS_ON_FOUR = `function* (ports) {
  while (true) {
    const item = yield
    if (item === 4) {
      while (true) {}
    }
    ports.out.send(item)
  }
}`

/** As LOOPS_ON_FOUR, but the hang takes no loop step the budget could count: only the 1 s watchdog stops it. */
const HANGS_ON_FOUR = LOOPS_ON_FOUR.replace('while (true) {}', "/^(a+)+$/.test('a'.repeat(40) + 'b')")

/** start → looper (a code node with the starter code) → sink, with 1 2 3 4 5 queued on start. */
const LOOPING_MESH = {
  format: 'mesh-playground',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'code', kind: 'code', label: 'looper', position: { x: 280, y: 0 } },
    { id: 'sink', kind: 'sink', position: { x: 560, y: 0 } },
  ],
  edges: [
    { source: 'start', port: 'target', target: 'code' },
    { source: 'code', port: 'out', target: 'sink' },
  ],
  inputs: [{ node: 'start', values: [1, 2, 3, 4, 5] }],
}

const SHARED = timesTenMesh('A shared code node', [1, 2])

/**
 * "Trojan Source": right-to-left overrides and isolates make the guard read
 * as code and the send as guarded, while to the compiler the guard is a
 * comment and the send runs on every item.
 */
const TROJAN_SOURCE = `function* (ports) {
  while (true) {
    const item = yield
    /*\u202e } \u2066if (item > 10)\u2069 \u2066 { */
    ports.out.send(item)
    /* end of the guard \u202e { \u2066*/
  }
}
`

const TROJAN = meshDocument({
  title: 'A guarded send',
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'code', kind: 'code', label: 'guard', position: { x: 280, y: 0 }, code: { source: TROJAN_SOURCE, ports: ['out'] } },
    { id: 'sink', kind: 'sink', position: { x: 560, y: 0 } },
  ],
  edges: [
    { source: 'start', port: 'target', target: 'code' },
    { source: 'code', port: 'out', target: 'sink' },
  ],
  inputs: [{ node: 'start', values: [1, 2] }],
})

test.describe('Code nodes', () => {
  test.describe('the editor', () => {
    test('marks a compile error by line and column before anything runs, and applies the code once it parses', async ({ app, page, axe, saveScreenshot }) => {
      await app.gotoEmpty()
      await app.paletteItem('code').click()
      await expect(app.inspector.getByRole('heading', { level: 2 })).toContainText('code')
      await typeCode(app, 'code', BROKEN_FILTER)
      const check = app.inspector.locator('.code-check')
      await expect(check).toHaveText('Line 3, column 11: Unexpected token. Not applied until it is fixed.')
      await expect(app.inspector.locator('.cm-error-line')).toHaveText('    cosnt item = yield')
      await saveScreenshot('code-editor-error')
      await axe.expectNoSeriousViolations('.inspector')

      // The broken code stays in the editor; the mesh (as saved) keeps the code that parsed.
      const saved = () => page.evaluate((key) => localStorage.getItem(key) ?? '', STORAGE_KEY)
      await expect.poll(saved).toContain('ports.out.send(item)')
      await page.waitForTimeout(800)
      expect(await saved()).not.toContain('cosnt')

      await typeCode(app, 'code', FILTER)
      await expect(check).toHaveText('No errors: the code is applied as you type.')
      await expect(app.inspector.locator('.cm-error-line')).toHaveCount(0)
      await expect.poll(saved).toContain('if (item % 2 === 0)')
    })

    test('renames, adds and removes ports, and the card shows them as handles', async ({ app }) => {
      await app.gotoEmpty()
      await app.paletteItem('code').click()
      const ports = app.inspector.getByRole('group', { name: 'Ports' })
      await ports.getByLabel('Name of port out').fill('even')
      await ports.getByLabel('Name of port out').press('Enter')
      await ports.getByRole('button', { name: 'Add port' }).click()
      const handles = app.node('code').locator('.react-flow__handle.source')
      await expect(handles).toHaveCount(2)
      expect(await handles.evaluateAll((list) => list.map((h) => h.getAttribute('data-handleid')))).toEqual(['even', 'out'])
      await expect(app.page.getByRole('textbox', { name: 'Code of code' })).toContainText('ports.even.send(item)')
      await ports.getByRole('button', { name: 'Remove port even' }).click()
      await expect(handles).toHaveCount(1)
    })
  })

  test.describe('running', () => {
    test('runs a filter written in the editor, wired on the canvas, and shows what it let through', async ({ app, page }) => {
      await app.gotoEmpty()
      await app.dragFromPalette('start', 100, 160)
      await app.dragFromPalette('code', 380, 160)
      await app.dragFromPalette('sink', 660, 160)
      await app.connect('start', 'target', 'code')
      await app.connect('code', 'out', 'sink')
      await app.select('code')
      await typeCode(app, 'code', FILTER)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.send('start', '1 2 3 4 5')
      await app.button('Run to end').click()
      // start sends i + 1: 2 3 4 5 6, and the filter keeps the even ones.
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2', '4', '6'])
      await expect(app.node('code')).not.toContainText('error')
      // Back in time, exactly: one step back the sink has not printed its last value yet.
      await app.button('Step back').click()
      await expect(app.node('sink')).toContainText('received 2')
      await expect(page.getByRole('status').filter({ hasText: /^Paused/ })).toBeVisible()

      // The comparison runs the code too (in the sandbox), from the mesh's initial inputs: both schedulers let the same even numbers through.
      await app.select('start')
      await app.inspector.getByLabel('Initial inputs').fill('1 2 3 4 5')
      await app.inspector.getByLabel('Initial inputs').press('Enter')
      await app.dockTab('Compare').click()
      await app.dockPanel.getByRole('button', { name: 'Run both to end' }).click()
      for (const lane of ['taskmaster, flush', 'priority, flush']) {
        const region = app.dockPanel.getByRole('region', { name: lane })
        await expect(region.locator('.compare-outputs li')).toHaveText(['2', '4', '6'])
        await expect(region).toContainText('no work left')
        await expect(region).not.toContainText('Closed')
      }
      await expect(app.dockPanel).not.toContainText('stay closed')
    })

    test('stops a node that loops forever at its step budget, says so on the node, and the page keeps answering', async ({ app, page, saveScreenshot }) => {
      await app.gotoWithDocument(LOOPING_MESH)
      await app.select('looper')
      await typeCode(app, 'looper', LOOPS_ON_FOUR)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      const started = Date.now()
      await app.button('Run to end').click()
      // While the sandbox is stuck, the page answers: selecting another node shows it before the watchdog (1 s) has fired.
      await app.select('sink')
      expect(await app.node('looper').textContent()).not.toContain('Stopped')
      // Stopped by the activation's budget, at the tick it looped in, before the watchdog (1 s) would be needed.
      await expect(app.node('looper')).toContainText(TOO_MANY_STEPS, { timeout: 10_000 })
      expect(Date.now() - started).toBeLessThan(5000)
      await expect(page.getByText(/ran for over 1 s/)).toHaveCount(0)
      // The rest of the mesh runs on, as after a node that raises: what looper passed on before it looped reaches the sink.
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2', '3'])
      await saveScreenshot('code-node-stopped')
    })
    test('stops a node that loops in the comparison, says where, and the page keeps answering', async ({ app, page, axe, saveScreenshot }) => {
      await app.gotoWithDocument(LOOPING_MESH)
      await app.select('looper')
      await typeCode(app, 'looper', LOOPS_ON_FOUR)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.dockTab('Compare').click()
      await app.dockPanel.getByRole('button', { name: 'Run both to end' }).click()
      // While a lane is stuck in the sandbox, the page answers: a frame comes well before the watchdog (1 s) fires
      // (a page waiting on the worker would draw nothing until then), and selecting a node shows it.
      await page.waitForTimeout(300)
      const frameMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const asked = performance.now()
            requestAnimationFrame(() => resolve(performance.now() - asked))
          }),
      )
      expect(frameMs).toBeLessThan(500)
      await app.select('sink')
      // In each lane: stopped where it hung, said so, and the lane runs on to the end with what looper passed on before.
      for (const lane of ['taskmaster, flush', 'priority, flush']) {
        const region = app.dockPanel.getByRole('region', { name: lane })
        await expect(region.getByText(`looper: Error: ${TOO_MANY_STEPS}`)).toBeVisible({ timeout: 15_000 })
        await expect(region.locator('.compare-outputs li')).toHaveText(['2', '3'])
        await expect(region).toContainText('no work left')
      }
      await expect(app.dockPanel).not.toContainText('ran for over 1 s')
      await axe.expectNoSeriousViolations('.run-dock')
      await saveScreenshot('code-node-compare-stopped')
      // The run itself was never touched.
      await expect(app.tick).toHaveText('0')
    })

    test('stops a node that hangs without a loop step (a regular expression backtracking for ever) within a couple of seconds, by the watchdog, says so on the node, and the page keeps answering', async ({
      app,
      page,
      saveScreenshot,
    }) => {
      await app.gotoWithDocument(LOOPING_MESH)
      await app.select('looper')
      await typeCode(app, 'looper', HANGS_ON_FOUR)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      const started = Date.now()
      await app.button('Run to end').click()
      // While the sandbox is stuck, the page answers: selecting another node shows it before the watchdog (1 s) has fired.
      await app.select('sink')
      expect(await app.node('looper').textContent()).not.toContain('Stopped')
      await expect(app.node('looper')).toContainText('Stopped: ran for over 1 s (an infinite loop?)', { timeout: 10_000 })
      expect(Date.now() - started).toBeLessThan(5000)
      await expect(page.getByText(/looper was stopped at tick \d+/)).toBeVisible()
      // The rest of the mesh is intact: what looper passed on before it hung is still there, and runs on.
      await expect(app.node('sink')).toContainText('queue 2')
      await saveScreenshot('code-node-watchdog-stopped')
      await app.button('Run to end').click()
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2', '3'])
    })
    test('stops a node that hangs without a loop step in the comparison, by the watchdog, says where, and the page keeps answering', async ({ app, page, axe, saveScreenshot }) => {
      await app.gotoWithDocument(LOOPING_MESH)
      await app.select('looper')
      await typeCode(app, 'looper', HANGS_ON_FOUR)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.dockTab('Compare').click()
      await app.dockPanel.getByRole('button', { name: 'Run both to end' }).click()
      // While a lane is stuck in the sandbox, the page answers: a frame comes well before the watchdog (1 s) fires
      // (a page waiting on the worker would draw nothing until then), and selecting a node shows it.
      await page.waitForTimeout(300)
      const frameMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const asked = performance.now()
            requestAnimationFrame(() => resolve(performance.now() - asked))
          }),
      )
      expect(frameMs).toBeLessThan(500)
      await app.select('sink')
      // In each lane: stopped where it hung, said so, and the lane runs on to the end with what looper passed on before.
      for (const lane of ['taskmaster, flush', 'priority, flush']) {
        const region = app.dockPanel.getByRole('region', { name: lane })
        await expect(region.getByText(/^looper stopped at tick \d+: ran for over 1 s \(an infinite loop\?\)$/)).toBeVisible({ timeout: 15_000 })
        await expect(region.locator('.compare-outputs li')).toHaveText(['2', '3'])
        await expect(region).toContainText('no work left')
      }
      await expect(app.dockPanel.getByRole('status')).toContainText('looper was stopped after running for over 1 s; the rest runs on.')
      await axe.expectNoSeriousViolations('.run-dock')
      await saveScreenshot('code-node-compare-watchdog-stopped')
      // The run itself was never touched.
      await expect(app.tick).toHaveText('0')
    })

    test("gives code no way to make code from text at run time: a function's constructor refuses, and the node says so", async ({ app }) => {
      await app.gotoWithDocument(LOOPING_MESH)
      await app.select('looper')
      // Code the compiler never saw could hold an import(): the hardened realm's function constructors are inert.
      await typeCode(app, 'looper', `function* (ports) {\n  const make = (function () {}).constructor\n  while (true) ports.out.send(make('return ' + (yield))())\n}`)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.button('Run to end').click()
      await expect(app.node('looper')).toContainText('TypeError: Function.prototype.constructor is not a valid constructor.')
      await expect(app.node('sink')).toContainText('received 0')
    })

    test('stops a node whose memory runs away the same way', async ({ app }) => {
      await app.gotoWithDocument(LOOPING_MESH)
      await app.select('looper')
      await typeCode(app, 'looper', LOOPS_ON_FOUR.replace('while (true) {}', 'const all = []\n      while (true) all.push(new Array(1e6).fill(item))'))
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      await app.button('Run to end').click()
      await expect(app.node('looper')).toContainText('asked for over 256 MB of arrays in one activation', { timeout: 10_000 })
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['2', '3'])
    })
  })

  test.describe('a shared link', () => {
    test('shows invisible and direction-changing characters in its code as markers, and warns about them, in the dialog and the editor', async ({ app, page, axe, saveScreenshot }) => {
      await app.gotoEmpty()
      await page.goto(`/${encodeLink(TROJAN)}`)
      const dialog = page.getByRole('dialog', { name: 'Run the code in this mesh?' })
      await expect(dialog.getByRole('note')).toHaveText(
        'This code contains 6 invisible or direction-changing characters, shown as <U+…>. They can make code look different from what it does: do not run it unless you know why they are there.',
      )
      const code = dialog.getByLabel('Code of guard')
      await expect(code).toContainText('/*<U+202E> } <U+2066>if (item > 10)<U+2069> <U+2066> { */')
      await expect(code).toContainText('/* end of the guard <U+202E> { <U+2066>*/')
      // The characters themselves are not in the page's text, so they cannot reorder it.
      expect(await code.textContent()).not.toMatch(/[\u202e\u2066\u2069]/)
      await expect(code.locator('mark[title="right-to-left override"]')).toHaveCount(2)
      await axe.expectNoSeriousViolations('dialog')
      await saveScreenshot('code-consent-hidden-characters')

      await dialog.getByRole('button', { name: 'Not now' }).click()
      await app.select('guard')
      const editor = app.inspector.getByTestId('code-editor')
      await expect(editor.locator('.cm-hiddenChar')).toHaveCount(6)
      await expect(editor.locator('.cm-hiddenChar').first()).toHaveText('<U+202E>')
      await expect(editor.locator('.cm-lint-marker-warning')).toHaveCount(2)
      await expect(app.inspector.getByRole('note')).toHaveText(
        'Warning: this code contains 6 invisible or direction-changing characters, shown as <U+…> markers. They can make code look different from what it does.',
      )
      await saveScreenshot('code-editor-hidden-characters')
    })

    test('asks before running the code it carries, showing that code', async ({ app, page, axe, saveScreenshot }) => {
      await app.gotoEmpty()
      await page.goto(`/${encodeLink(SHARED)}`)
      const dialog = page.getByRole('dialog', { name: 'Run the code in this mesh?' })
      await expect(dialog).toBeVisible()
      await expect(dialog.getByRole('heading', { name: 'times ten (code)' })).toBeVisible()
      await expect(dialog.getByLabel('Code of times ten')).toHaveText(SHARED.nodes[1]!.code!.source.trimEnd())
      await saveScreenshot('code-consent')
      await axe.expectNoSeriousViolations('dialog')

      await dialog.getByRole('button', { name: 'Not now' }).click()
      await expect(dialog).toBeHidden()
      await expect(app.node('times ten')).toContainText('its code has not been allowed to run')
      await page.getByRole('button', { name: 'Review code…' }).first().click()
      await dialog.getByRole('button', { name: 'Run the code' }).click()
      await expect(dialog).toBeHidden()
      await expect(page.getByRole('region', { name: 'Code not yet allowed to run' })).toHaveCount(0)
      await expect(app.node('times ten')).not.toContainText('not been allowed')
      await app.button('Run to end').click()
      await expect(app.node('sink').locator('.mesh-sink-values li')).toHaveText(['20', '30'])
    })
  })
})
