/**
 * `npm run bench:ui`: the run's performance in the page, in headless
 * Chromium against the production build — figures printed beside their
 * goals, not a pass/fail test (the machines are shared: read one run's
 * figures together). Meshes are generated (bench/ui/meshes.ts) and opened
 * the way a returning visitor's saved mesh is: through localStorage.
 *
 *   npm run bench:ui              builds, then measures
 *   npm run bench:ui -- --no-build   measures the build in dist/
 *   npm run bench:ui -- --only=lineage   one case (the names of the functions below)
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

import { chromium, type Page } from '@playwright/test'
import { preview } from 'vite'

import { findChromium } from '../../scripts/find-chromium.mjs'
import { CODE_TEMPLATE, type MeshDocument } from '../../src/engine'
import { STORAGE_KEY } from '../../src/store/autosave'
import { bigMesh, ringMesh, ringWithSink } from './meshes'

const PORT = 4290
const URL = `http://localhost:${PORT}/`
const SECONDS = 5

interface Figure {
  name: string
  value: number
  unit: string
  /** None: a figure for scale, with no goal of its own. */
  goal?: number
  /** Whether bigger is better. */
  more?: boolean
}

/** rAF deltas jitter around 16.7 ms (16.6–16.8): a frame time within this of its goal is on time. */
const FRAME_JITTER = 0.5

function report(figure: Figure): void {
  const { goal } = figure
  const fmt = (n: number) => (n >= 1000 ? Math.round(n).toLocaleString('en') : n.toFixed(1))
  const slack = figure.unit === 'ms' && figure.name.includes('frame') ? FRAME_JITTER : 0
  const met = goal === undefined ? null : figure.more ? figure.value >= goal : figure.value <= goal + slack
  const mark = met === null ? '    ' : met ? 'ok  ' : 'MISS'
  const against = goal === undefined ? '(for scale)' : `goal ${figure.more ? '≥' : '≤'} ${fmt(goal)} ${figure.unit}`
  console.log(`${mark} ${figure.name.padEnd(58)} ${`${fmt(figure.value)} ${figure.unit}`.padStart(16)}   ${against}`)
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN
}

/**
 * Opens the app with `mesh` as the saved mesh. Resolves with the ms from
 * navigation until the canvas has drawn it: nodes on screen, their number
 * unchanged for three frames (big meshes render only the nodes in view).
 */
async function open(page: Page, mesh: MeshDocument): Promise<number> {
  await page.goto(URL)
  await page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [STORAGE_KEY, JSON.stringify(mesh)] as const)
  await page.reload()
  return page.evaluate<number>(DRAWN)
}

const DRAWN = `new Promise((done) => {
  let count = -1
  let since = 0
  let still = 0
  const frame = () => {
    const now = document.querySelectorAll('.react-flow__node').length
    if (now > 0 && now === count) still++
    else {
      count = now
      since = performance.now()
      still = 0
    }
    if (still >= 3) done(since)
    else requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
})`

/**
 * Page scripts as text: tsx would wrap named functions in a helper that
 * does not exist in the page.
 */
const RECORD = `(() => {
  window.frames_ = []
  window.longTasks = []
  window.stopFrames = false
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.longTasks.push(entry.duration) }).observe({ type: 'longtask' })
  let last = performance.now()
  const frame = (time) => {
    window.frames_.push(time - last)
    last = time
    if (!window.stopFrames) requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
})()`
const RECORDED = `(() => { window.stopFrames = true; return { frames: window.frames_.slice(1), longTasks: window.longTasks } })()`

/** Starts recording frame times (rAF deltas) and long tasks in the page. */
async function record(page: Page): Promise<void> {
  await page.evaluate(RECORD)
}

async function recorded(page: Page): Promise<{ frames: number[]; longTasks: number[] }> {
  return page.evaluate<{ frames: number[]; longTasks: number[] }>(RECORDED)
}

const tick = async (page: Page) => Number(await page.locator('.tick-counter strong').textContent())
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })

async function playAt60(page: Page): Promise<void> {
  await open(page, ringMesh(200))
  // The same page standing still, for scale: the machine's own frame times.
  await record(page)
  await page.waitForTimeout(2000)
  report({ name: 'the same page standing still: p95 frame time', value: p95((await recorded(page)).frames), unit: 'ms' })
  await page.getByRole('slider', { name: 'Speed' }).fill('7')
  await record(page)
  await button(page, 'Play').click()
  await page.waitForTimeout(SECONDS * 1000)
  const { frames } = await recorded(page)
  await button(page, 'Pause').click()
  report({ name: '200 nodes at 60 ticks/s: p95 frame time', value: p95(frames), unit: 'ms', goal: 16.7 })
  report({ name: '200 nodes at 60 ticks/s: ticks a second reached', value: (await tick(page)) / SECONDS, unit: 'tps', goal: 55, more: true })
}

async function turbo(page: Page): Promise<void> {
  await open(page, ringMesh(200))
  await page.getByRole('slider', { name: 'Speed' }).fill('8')
  await record(page)
  await button(page, 'Play').click()
  const started = Date.now()
  const first = await tick(page)
  await page.waitForTimeout(SECONDS * 1000)
  const ticks = (await tick(page)) - first
  const seconds = (Date.now() - started) / 1000
  const { frames, longTasks } = await recorded(page)
  await button(page, 'Pause').click()
  report({ name: 'Turbo, 200 nodes: activations a second in the page', value: ticks / seconds, unit: '/s', goal: 2_000_000, more: true })
  report({ name: 'Turbo: longest main-thread task (0: none over 50 ms)', value: Math.max(0, ...longTasks), unit: 'ms', goal: 50 })
  report({ name: 'Turbo: p95 frame time', value: p95(frames), unit: 'ms', goal: 33 })
}

async function bigCanvas(page: Page): Promise<void> {
  const loaded = await open(page, bigMesh(1000, 1500))
  report({ name: '1,000 nodes + 1,500 wires: loaded and drawn', value: loaded, unit: 'ms', goal: 1500 })
  report({ name: '1,000 nodes: nodes rendered (only those in view)', value: await page.locator('.react-flow__node').count(), unit: 'nodes' })
  const pane = page.locator('.react-flow__pane')
  const box = await pane.boundingBox()
  if (!box) throw new Error('no canvas')
  await record(page)
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  // Back and forth for about three seconds, a small move each frame or so.
  for (let i = 0; i < 180; i++) await page.mouse.move(cx + Math.sin(i / 10) * 300, cy + Math.cos(i / 14) * 150)
  await page.mouse.up()
  const { frames } = await recorded(page)
  report({ name: '1,000 nodes: panning p95 frame time', value: p95(frames), unit: 'ms', goal: 33 })
}

async function timeTravel(page: Page): Promise<void> {
  await open(page, ringMesh(200, { budget: 100_000 }))
  await button(page, 'Run to end').click()
  await page.waitForFunction(() => document.querySelector('.tick-counter strong')?.textContent === '100000', undefined, { timeout: 60_000 })
  const timeline = page.getByRole('slider', { name: 'Timeline' })
  const started = Date.now()
  for (const to of ['1', '50000', '99999', '0', '100000']) {
    await timeline.fill(to)
    await page.waitForFunction((t) => document.querySelector('.tick-counter strong')?.textContent === t, to)
  }
  for (let i = 0; i < 20; i++) await page.keyboard.press(',')
  const seekMs = (Date.now() - started) / 5
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  report({ name: 'after 100,000 ticks and steps back across them: JS heap', value: usedSize / 2 ** 20, unit: 'MB', goal: 150 })
  report({ name: 'a jump across 100,000 ticks on the timeline, as seen', value: seekMs, unit: 'ms', goal: 1000 })
}

async function traceScroll(page: Page): Promise<void> {
  await open(page, ringMesh(2))
  await page.getByRole('slider', { name: 'Speed' }).fill('8')
  await page.getByRole('tab', { name: /^Trace/ }).click()
  await page.getByRole('button', { name: 'Events' }).click()
  // Each pause traces the last ticks of the fast run again: play and pause until the trace holds 100,000 lines.
  const count = page.locator('.trace-panel .dock-count')
  for (let i = 0; i < 40 && Number((await count.textContent())?.split(' ')[0]?.replace(/,/g, '')) < 100_000; i++) {
    await button(page, 'Play').click()
    await page.waitForTimeout(100)
    await button(page, 'Pause').click()
  }
  const lines = Number((await count.textContent())?.split(' ')[0]?.replace(/,/g, ''))
  const list = page.getByRole('list', { name: 'Trace events' })
  const box = await list.boundingBox()
  if (!box) throw new Error('no trace list')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await record(page)
  for (let i = 0; i < 120; i++) await page.mouse.wheel(0, i < 60 ? -400 : 400)
  const { frames } = await recorded(page)
  report({ name: `trace of ${lines.toLocaleString('en')} lines: scrolling p95 frame time`, value: p95(frames), unit: 'ms', goal: 16.7 })
}

/**
 * The Lanes view over a run of 100,000 ticks of the 200-node ring: from the
 * whole run, zoomed in with ctrl+wheel past a tick a pixel, scrolled along
 * the run with the wheel, zoomed in to every tick and out to the whole run
 * again. It draws from the run's record (useRunRecord, made by the figures
 * branch), so it measures once that record is there.
 */
async function lanesScroll(page: Page): Promise<void> {
  await open(page, ringMesh(200, { budget: 100_000 }))
  await button(page, 'Run to end').click()
  await page.waitForFunction(() => document.querySelector('.tick-counter strong')?.textContent === '100000', undefined, { timeout: 60_000 })
  await page.getByRole('tab', { name: /^Lanes/ }).click()
  const chart = page.getByRole('application', { name: 'Lanes: who ran at each tick' })
  await chart.waitFor({ timeout: 30_000 })
  await page.getByRole('status').filter({ hasText: 'of 100,000.' }).waitFor({ timeout: 30_000 })
  const box = await chart.boundingBox()
  if (!box) throw new Error('no lanes chart')
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2)
  await record(page)
  const zoom = async (steps: number, delta: number) => {
    await page.keyboard.down('Control')
    for (let i = 0; i < steps; i++) await page.mouse.wheel(0, delta)
    await page.keyboard.up('Control')
  }
  await zoom(15, -120)
  for (let i = 0; i < 120; i++) await page.mouse.wheel(0, i < 60 ? -400 : 400)
  await zoom(20, -120)
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 300)
  await zoom(45, 120)
  const { frames } = await recorded(page)
  report({ name: 'Lanes over 100,000 ticks: scroll and zoom p95 frame time', value: p95(frames), unit: 'ms', goal: 16.7 })
}

/**
 * The same mesh with a code node beside it (the starter template, trusted
 * everywhere; no wire reaches it, so it never runs): the whole mesh then
 * runs in the sandbox worker, and the figures below compare where the run
 * lives, mesh for mesh.
 */
/**
 * The JS heap in use after a full garbage collection, with the typed arrays'
 * backing stores (which the heap's used size leaves out, and the item ledger
 * is made of), in MB.
 */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number }
  await cdp.detach()
  if (usage.backingStorageSize === undefined) throw new Error("this Chromium's Runtime.getHeapUsage has no backingStorageSize: the ledger's memory would not be counted")
  return (usage.usedSize + usage.backingStorageSize) / 1e6
}

/**
 * The story of the last output after a million activations: the run goes
 * to its budget (Run to end), then the last line of the Output panel is
 * clicked and timed until its story shows — first with no record made yet
 * (the story waits for the record's replay of the whole run), then again
 * with the record there (the lineage alone: the ledger's chain and the
 * replay of its 200 ticks). The heap before the first click and after the
 * story, the record kept, tells what asking costs.
 */
async function lineage(page: Page): Promise<void> {
  const ACTIVATIONS = 1_000_000
  await open(page, ringWithSink(10, ACTIVATIONS))
  await button(page, 'Run to end').click()
  await page.waitForFunction((t) => document.querySelector('.tick-counter strong')?.textContent === t, String(ACTIVATIONS), { timeout: 120_000 })
  await page.getByRole('tab', { name: /^Output/ }).click()
  const list = page.getByRole('list', { name: 'Sink output' })
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
  const last = list.getByRole('button').last()
  await last.waitFor()
  const before = await heapMb(page)
  const story = page.getByRole('region', { name: 'Where it came from' }).locator('.lineage-steps')
  const storyShown = async () => {
    const started = await page.evaluate(() => performance.now())
    await last.click()
    await story.waitFor({ timeout: 60_000 })
    return (await page.evaluate(() => performance.now())) - started
  }
  const cold = await storyShown()
  const after = await heapMb(page)
  // Closed and asked again: the record is kept while the panel is open, so this is the lineage alone.
  await page.getByRole('button', { name: 'Close the story' }).click()
  await story.waitFor({ state: 'detached' })
  const warm = await storyShown()
  const steps = await story.getByRole('listitem').count()
  report({ name: `lineage of the last output after 1,000,000 activations (${steps} lines)`, value: warm, unit: 'ms', goal: 1000 })
  report({ name: '  the same, the first time: the record replayed first', value: cold, unit: 'ms', goal: 1000 })
  report({ name: '  heap after the story (the run record kept) minus before', value: after - before, unit: 'MB', goal: 50 })
}

function withCode(mesh: MeshDocument): MeshDocument {
  const code = { id: 'code', kind: 'code', label: 'code', position: { x: -300, y: 0 }, params: {}, code: { source: CODE_TEMPLATE, ports: ['out'] } }
  return { ...mesh, nodes: [...mesh.nodes, code as MeshDocument['nodes'][number]] }
}

/** Resolves, in the page, with the ms from each Step click to the frame after the tick counter changed (the painted tick). */
const CLICK_TO_PAINT = `(async (clicks) => {
  const counter = () => document.querySelector('.tick-counter strong')?.textContent
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Step' || b.getAttribute('aria-label') === 'Step')
  const times = []
  for (let i = 0; i < clicks; i++) {
    const before = counter()
    const clicked = performance.now()
    button.click()
    await new Promise((painted) => {
      const frame = () => (counter() !== before ? requestAnimationFrame(() => painted()) : requestAnimationFrame(frame))
      requestAnimationFrame(frame)
    })
    times.push(performance.now() - clicked)
    await new Promise((r) => setTimeout(r, 30))
  }
  return times
})`

/** The decision of issue 11 (where every mesh runs) rests on these: the same ring on the page, and in the sandbox worker. */
async function whereTheRunLives(page: Page): Promise<void> {
  for (const [where, mesh] of [
    ['on the page', ringMesh(200)],
    ['in the worker', withCode(ringMesh(200))],
  ] as const) {
    const drawn = await open(page, mesh)
    await button(page, 'Step').click()
    await page.waitForFunction(() => document.querySelector('.tick-counter strong')?.textContent === '1', undefined, { timeout: 30_000 })
    const shown = await page.evaluate(() => performance.now())
    report({ name: `${where}: loaded, from drawn to the first Step's tick shown`, value: shown - drawn, unit: 'ms' })
    const times = await page.evaluate<number[]>(`(${CLICK_TO_PAINT})(60)`)
    report({ name: `${where}: a click on Step to its tick painted, p95`, value: p95(times), unit: 'ms', goal: 16.7 * 2 })
    await page.getByRole('slider', { name: 'Speed' }).fill('7')
    await record(page)
    const from = await tick(page)
    await button(page, 'Play').click()
    await page.waitForTimeout(SECONDS * 1000)
    const { frames } = await recorded(page)
    await button(page, 'Pause').click()
    report({ name: `${where}: 200 nodes at 60 ticks/s, p95 frame`, value: p95(frames), unit: 'ms', goal: 16.7 })
    report({ name: `${where}: 200 nodes at 60 ticks/s, ticks a second`, value: ((await tick(page)) - from) / SECONDS, unit: 'tps', goal: 55, more: true })
    await page.getByRole('slider', { name: 'Speed' }).fill('8')
    const first = await tick(page)
    const started = Date.now()
    await button(page, 'Play').click()
    await page.waitForTimeout(SECONDS * 1000)
    const ticks = (await tick(page)) - first
    const seconds = (Date.now() - started) / 1000
    await button(page, 'Pause').click()
    report({ name: `${where}: Turbo, activations a second`, value: ticks / seconds, unit: '/s' })
  }
}

function initialJs(): number {
  const html = readFileSync('dist/index.html', 'utf8')
  const files = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]!)
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(`dist${file}`)).length, 0)
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
  const server = await preview({ preview: { port: PORT, strictPort: true }, logLevel: 'silent' })
  const browser = await chromium.launch({ executablePath: await findChromium(), args: ['--no-sandbox', '--disable-dev-shm-usage'] })
  console.log(`Mesh Playground UI benchmark — headless Chromium ${browser.version()} (software rendering), 1280×720, ${SECONDS} s per run`)
  console.log(`Frame times are p95 of requestAnimationFrame deltas; within ${FRAME_JITTER} ms of the goal counts as on time. Shared machines vary: compare figures of one run.\n`)
  try {
    const only = process.argv
      .find((a) => a.startsWith('--only='))
      ?.slice('--only='.length)
      .split(',')
    const benches = [playAt60, turbo, bigCanvas, timeTravel, traceScroll, lanesScroll, whereTheRunLives, lineage]
    for (const bench of benches.filter((b) => !only || only.includes(b.name))) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
      await bench(page)
      await page.close()
    }
    report({ name: 'initial JavaScript, gzip', value: initialJs() / 1024, unit: 'KB', goal: 200 })
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
