/**
 * The red team's attacks on the code-node sandbox, each as a person would
 * meet it: code typed into a code node, run. Every attack must leave the
 * node at fault named with a clear message, nothing forged on the page, the
 * page answering and Reset working. The spec runs in two projects: against
 * `vite preview` (which sends the worker its Content-Security-Policy) and
 * against a plain static server that sends no headers (no-headers), where
 * the hardened realm is the only wall.
 */
import { expect, test, type AppPage } from './fixtures'

/** start → attacker (a code node) → out (a sink), and a sink nothing is wired to, which must never show anything. */
const MESH = {
  format: 'mesh-playground',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
    { id: 'code', kind: 'code', label: 'attacker', position: { x: 280, y: 0 } },
    { id: 'out', kind: 'sink', label: 'out', position: { x: 560, y: 0 } },
    { id: 'lonely', kind: 'sink', label: 'lonely', position: { x: 560, y: 200 } },
  ],
  edges: [
    { source: 'start', port: 'target', target: 'code' },
    { source: 'code', port: 'out', target: 'out' },
  ],
  inputs: [{ node: 'start', values: [1, 2, 3] }],
}

/** What forged messages say, if any reached the page (the code builds it, so that the editor showing the code does not show it). */
const FORGED = 'your account was suspended'
const FORGED_IN_CODE = "'your account was ' + 'suspended'"

/** A reply, a trace line, a watchdog notice and an output, as the page's protocol has them: what code that reached the channel would post. */
const FORGERY = `const forged = [
    { kind: 'note', type: 'priming', node: 'lonely' },
    { kind: 'reply', id: 1, ok: false, error: ${FORGED_IN_CODE} + ', visit example.com' },
    { kind: 'reply', id: 2, ok: false, error: ${FORGED_IN_CODE} + ', visit example.com' },
    { kind: 'reply', id: 3, ok: false, error: ${FORGED_IN_CODE} + ', visit example.com' },
  ]`

interface Attack {
  name: string
  /** The code node's source. */
  source: string
  /** What the attacker node must show. */
  shows: RegExp
}

const ATTACKS: Attack[] = [
  {
    name: 'a timer with a string of code that imports remote code',
    source: `function* (ports) {\n  setTimeout("imp" + "ort('/evil.js')", 0)\n  while (true) ports.out.send(yield)\n}`,
    shows: /setTimeout is not (defined|a function|a constructor)/,
  },
  {
    name: 'setInterval with a string of code',
    source: `function* (ports) {\n  setInterval("globalThis.hacked = 1", 1)\n  while (true) ports.out.send(yield)\n}`,
    shows: /setInterval is not (defined|a function|a constructor)/,
  },
  {
    name: 'a font that loads from the network',
    source: `function* (ports) {\n  new FontFace('probe', 'url(/evil-font.woff2)').load()\n  while (true) ports.out.send(yield)\n}`,
    shows: /FontFace is not (defined|a function|a constructor)/,
  },
  {
    name: 'wrapping onmessage and posting forged replies, notes and notices',
    source: `function* (ports) {\n  ${FORGERY}\n  globalThis.onmessage = () => {}\n  while (true) ports.out.send(yield)\n}`,
    shows: /TypeError: Cannot add property onmessage, object is not extensible/,
  },
  {
    name: 'posting forged messages to the page',
    source: `function* (ports) {\n  ${FORGERY}\n  for (const message of forged) postMessage(message)\n  while (true) ports.out.send(yield)\n}`,
    shows: /postMessage is not (defined|a function|a constructor)/,
  },
  {
    name: '300,000 posted messages',
    source: `function* (ports) {\n  const item = yield\n  for (let i = 0; i < 300000; i++) globalThis.postMessage({ kind: 'note', type: 'activating', node: 'lonely', tick: i })\n  ports.out.send(item)\n}`,
    shows: /TypeError: globalThis\.postMessage is not a function/,
  },
  {
    name: 'closing the worker',
    source: `function* (ports) {\n  globalThis.close()\n  while (true) ports.out.send(yield)\n}`,
    shows: /TypeError: globalThis\.close is not a function/,
  },
  {
    name: 'a setInterval busy loop that evades the watchdog',
    source: `function* (ports) {\n  setInterval(() => { const end = Date.now() + 900; while (Date.now() < end) {} }, 0)\n  while (true) ports.out.send(yield)\n}`,
    shows: /setInterval is not (defined|a function|a constructor)/,
  },
  {
    name: 'an Error whose name getter throws',
    source: `function* (ports) {\n  const item = yield\n  const error = new Error('a trick error')\n  Object.defineProperty(error, 'name', { get() { throw new Error('gotcha') } })\n  throw error\n}`,
    shows: /Error: a trick error/,
  },
  {
    name: 'JSON.stringify replaced at priming',
    source: `function* (ports) {\n  JSON.stringify = () => { while (true) {} }\n  while (true) ports.out.send(yield)\n}`,
    shows: /TypeError: Cannot assign to read only property 'stringify'/,
  },
  {
    name: 'throwing a Proxy whose traps throw',
    source: `function* (ports) {\n  yield\n  const trap = () => { throw new Error('trap2') }\n  throw new Proxy(new Error('x'), { get: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, has: trap, ownKeys: trap })\n}`,
    shows: /the code threw something the sandbox cannot describe/,
  },
  {
    name: 'making code from text',
    source: `function* (ports) {\n  const make = (function* () {}).constructor\n  while (true) ports.out.send(make('yield imp' + 'ort("/evil.js")')())\n}`,
    shows: /TypeError: Function\.prototype\.constructor is not a valid constructor/,
  },
]

/** Replaces everything in a code node's editor, as a paste would. */
async function typeCode(app: AppPage, label: string, code: string): Promise<void> {
  const editor = app.page.getByRole('textbox', { name: `Code of ${label}` })
  await editor.click()
  await app.page.keyboard.press('ControlOrMeta+a')
  await app.page.keyboard.insertText(code)
}

/** How long the page takes to draw its next frame: a page stalled by messages from the worker would take long. */
async function frameMs(app: AppPage): Promise<number> {
  return app.page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const asked = performance.now()
        requestAnimationFrame(() => resolve(performance.now() - asked))
      }),
  )
}

test.describe('The code sandbox under attack', () => {
  // Each test types code, runs, resets and runs again: on a shared machine that takes longer than the default 30 s.
  test.describe.configure({ timeout: 120_000 })
  /** Every request the page and its workers make for something an attack would load. */
  let probes: string[]
  test.beforeEach(async ({ context, page }) => {
    probes = []
    page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`))
    await context.route(/evil/, async (route) => {
      probes.push(route.request().url())
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: 'globalThis.hacked = true' })
    })
  })

  for (const attack of ATTACKS) {
    test(`holds against ${attack.name}: the node says why, nothing is forged, Reset works`, async ({ app, page }) => {
      await app.gotoWithDocument(MESH)
      await app.select('attacker')
      await typeCode(app, 'attacker', attack.source)
      await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
      // The sandbox may still be applying the typed code when the button is first pressed: press until the run has moved.
      await expect(async () => {
        await app.button('Run to end').click()
        await expect(app.tick).not.toHaveText('0', { timeout: 2_000 })
      }).toPass({ timeout: 20_000 })
      // Named within a few seconds, and the page draws its next frame well before a stalled page would (the 300,000 messages stalled it 1.7 s).
      await expect(app.node('attacker')).toContainText(attack.shows, { timeout: 10_000 })
      expect(await frameMs(app)).toBeLessThan(1_000)
      await page.waitForTimeout(300)
      await expect(page.getByText(new RegExp(FORGED))).toHaveCount(0)
      await expect(page.getByText(/ran for over 1 s/)).toHaveCount(0)
      await expect(app.node('lonely')).toContainText('received 0')
      await expect(page.getByText(/sandbox failed/)).toHaveCount(0)
      // Reset works, and the run says the same again.
      await app.button('Reset').click()
      await expect(app.tick).toHaveText('0')
      await app.button('Run to end').click()
      await expect(app.node('attacker')).toContainText(attack.shows, { timeout: 10_000 })
      expect(probes).toEqual([])
    })
  }

  test('closes a node that sends a value that could not be copied to the page, saying why, and the page answers', async ({ app, page }) => {
    await app.gotoWithDocument(MESH)
    await app.select('attacker')
    await typeCode(app, 'attacker', `function* (ports) {\n  while (true) ports.out.send(Symbol(String(yield)))\n}`)
    await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
    await app.button('Run to end').click()
    // The engine refuses the value where it is sent, so it never reaches the worker's reply: the node closes with the reason, the run goes on.
    await expect(app.node('attacker')).toContainText('sent a symbol', { timeout: 10_000 })
    await expect(page.getByText(/ran for over 1 s/)).toHaveCount(0)
    expect(await frameMs(app)).toBeLessThan(1_000)
    await app.button('Reset').click()
    await expect(app.tick).toHaveText('0')
  })

  test("the worker has none of the page's or the network's reach, whatever the host sends", async ({ app, saveScreenshot }, testInfo) => {
    await app.gotoWithDocument(MESH)
    await app.select('attacker')
    // Every global a worker has that reaches out: none is there for the code.
    const names = [
      'fetch',
      'XMLHttpRequest',
      'WebSocket',
      'importScripts',
      'postMessage',
      'onmessage',
      'close',
      'self',
      'setTimeout',
      'FontFace',
      'indexedDB',
      'caches',
      'navigator',
      'location',
      'Worker',
    ]
    await typeCode(
      app,
      'attacker',
      `function* (ports) {\n  const names = ${JSON.stringify(names)}\n  while (true) {\n    yield\n    ports.out.send(names.filter((name) => typeof globalThis[name] !== 'undefined').join(',') || 'none')\n  }\n}`,
    )
    await expect(app.inspector.locator('.code-check')).toHaveText('No errors: the code is applied as you type.')
    await app.button('Run to end').click()
    await expect(app.node('out').locator('.mesh-sink-values li')).toHaveText(['none', 'none', 'none'])
    await saveScreenshot(`sandbox-attacks-${testInfo.project.name}`)
  })
})
