/**
 * `npm run bench:record`: how long the run's record takes to make (a replay
 * of its history with the item ledger on: engine/run-record.ts) and its
 * figures to work out, and how much memory the record holds, after
 * 1,000,000 activations of the Part 3 mesh and of a ring of 200 starts,
 * how long the lineage of the last output takes from it (engine/lineage.ts),
 * and how long a watch after the fact takes over the whole run (engine/watch.ts).
 * Figures, not a pass/fail test: the machines are shared.
 */
import { lineageOfOutput, parseDocument, recordRun, schedulingFigures, Timeline, Watch, type MeshDocument, type RecordedRun, type WatchTarget } from '../src/engine'
import part3Json from '../src/demos/part3-mesh.mesh.json'
import { ringMesh } from './ui/meshes'

const ACTIVATIONS = 1_000_000
const REPEATS = 3

function part3(): Timeline {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  const doc: MeshDocument = { ...parsed.document, limits: { maxActivations: ACTIVATIONS, maxQueue: 1_000_000 } }
  const timeline = new Timeline(doc)
  // More inputs than a document may carry: sent by hand at tick 0, as a person could.
  timeline.apply({ type: 'send', node: 'a', values: Array.from({ length: 300_000 }, (_, i) => i) })
  return timeline
}

/** The watches timed on each mesh: a wire and a queue of the Part 3 mesh; a wire of the ring. */
const WATCHES: Record<string, WatchTarget[]> = {
  part3: [
    { kind: 'wire', from: 'a', port: 'target', to: 'b' },
    { kind: 'queue', node: 's' },
  ],
  ring: [{ kind: 'wire', from: 'n0', port: 'target', to: 'n1' }],
}

/** A watch made in slices of 50,000 activations, as the page makes it in slices of its time. */
function timeWatch(target: WatchTarget, history: ReturnType<Timeline['history']>): { ms: number; arrived: number; kept: number } {
  const start = performance.now()
  const watch = new Watch(target, history)
  while (!watch.advance(50_000));
  const result = watch.result()
  return { ms: performance.now() - start, arrived: result.arrived + result.taken, kept: result.values.length }
}

function ring(): Timeline {
  return new Timeline(ringMesh(200, { budget: ACTIVATIONS }))
}

const bytesOf = (record: RecordedRun) =>
  [record.lanes.ran, record.lanes.queued, ...Object.values(record.ledger).filter((v): v is Int32Array => v instanceof Int32Array)].reduce((n, a) => n + a.byteLength, 0)
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers

console.log(`Mesh Playground record benchmark — Node ${process.version}, best of ${REPEATS}\n`)
for (const [name, make, watches] of [
  ['the Part 3 mesh (300,000 items sent at tick 0)', part3, WATCHES.part3!],
  ['a ring of 200 starts, 20 items going round', ring, WATCHES.ring!],
] as const) {
  const timeline = make()
  timeline.run()
  if (timeline.tick !== ACTIVATIONS) throw new Error(`${name}: ${timeline.tick} activations, expected ${ACTIVATIONS}`)
  const history = timeline.history()
  let record: RecordedRun | null = null
  let replay = Infinity
  let figures = Infinity
  let grew = 0
  for (let i = 0; i < REPEATS; i++) {
    const before = used()
    let start = performance.now()
    const made = recordRun(history)
    replay = Math.min(replay, performance.now() - start)
    grew = Math.max(grew, used() - before)
    start = performance.now()
    schedulingFigures(made)
    figures = Math.min(figures, performance.now() - start)
    record = made
  }
  const r = record!
  console.log(`${name}`)
  console.log(
    `   record of ${r.lanes.ticks.toLocaleString('en')} ticks, ${r.ledger.items.toLocaleString('en')} items, ${r.lanes.nodes.length} lanes (queues every ${r.lanes.queueStride} ticks)`,
  )
  console.log(`   replay ${replay.toFixed(0)} ms, figures ${figures.toFixed(0)} ms; the record holds ${mb(bytesOf(r))} (heap and buffers grew by up to ${mb(grew)} while it was made)`)
  if (r.ledger.outputs > 0) {
    let story = Infinity
    let steps = 0
    const before = used()
    for (let i = 0; i < REPEATS; i++) {
      const start = performance.now()
      steps = lineageOfOutput(timeline, r.ledger, r.ledger.outputs - 1)?.steps.length ?? 0
      story = Math.min(story, performance.now() - start)
    }
    console.log(`   lineage of the last output: ${story.toFixed(0)} ms for ${steps} steps (heap and buffers grew by ${mb(Math.max(0, used() - before))})`)
  }
  for (const target of watches) {
    let best = { ms: Infinity, arrived: 0, kept: 0 }
    for (let i = 0; i < REPEATS; i++) {
      const timed = timeWatch(target, history)
      if (timed.ms < best.ms) best = timed
    }
    const what = target.kind === 'wire' ? `the wire ${target.from}.${target.port} → ${target.to}` : `the queue of ${target.node}`
    console.log(`   watch on ${what}: ${best.ms.toFixed(0)} ms over the whole run, ${best.arrived.toLocaleString('en')} entries (${best.kept.toLocaleString('en')} values kept)`)
  }
}
