/**
 * `npm run bench:record`: how long the run's record takes to make (a replay
 * of its history with the item ledger on: engine/run-record.ts) and its
 * figures to work out, and how much memory the record holds, after
 * 1,000,000 activations of the Part 3 mesh and of a ring of 200 starts,
 * and how long the lineage of the last output takes from it (engine/lineage.ts).
 * Figures, not a pass/fail test: the machines are shared.
 */
import { lineageOfOutput, parseDocument, recordRun, schedulingFigures, Timeline, type MeshDocument, type RecordedRun } from '../src/engine'
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

function ring(): Timeline {
  return new Timeline(ringMesh(200, { budget: ACTIVATIONS }))
}

const bytesOf = (record: RecordedRun) =>
  [record.lanes.ran, record.lanes.queued, ...Object.values(record.ledger).filter((v): v is Int32Array => v instanceof Int32Array)].reduce((n, a) => n + a.byteLength, 0)
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers

console.log(`Mesh Playground record benchmark — Node ${process.version}, best of ${REPEATS}\n`)
for (const [name, make] of [
  ['the Part 3 mesh (300,000 items sent at tick 0)', part3],
  ['a ring of 200 starts, 20 items going round', ring],
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
}
