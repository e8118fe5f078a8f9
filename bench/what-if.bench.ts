/**
 * `npm run bench:what-if`: how long a what-if takes (engine/what-if.ts: the
 * original and the altered history replayed, traced in lockstep to the
 * first tick where they part, then in silence to the end) after 1,000,000
 * activations of the Part 3 mesh: branch's first draw forced to the value it
 * did not draw (they part there), a hand send changed (they part at tick 0),
 * and a draw forced out of range (they never part: traced all the way).
 * Figures, not a pass/fail test: the machines are shared.
 */
import { parseDocument, Timeline, whatIf, type Alteration, type MeshDocument, type TimelineHistory } from '../src/engine'
import part3Json from '../src/demos/part3-mesh.mesh.json'

const ACTIVATIONS = 1_000_000
const REPEATS = 2

function part3(): TimelineHistory {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  const doc: MeshDocument = { ...parsed.document, limits: { maxActivations: ACTIVATIONS, maxQueue: 1_000_000 } }
  const timeline = new Timeline(doc)
  // More inputs than a document may carry: sent by hand at tick 0, as a person could.
  timeline.apply({ type: 'send', node: 'a', values: Array.from({ length: 300_000 }, (_, i) => i) })
  timeline.run()
  if (timeline.tick !== ACTIVATIONS) throw new Error(`${timeline.tick} activations, expected ${ACTIVATIONS}`)
  return timeline.history()
}

console.log(`Mesh Playground what-if benchmark — Node ${process.version}, best of ${REPEATS}\n`)
const history = part3()
for (const [name, alteration] of [
  ['branch forced to draw 1 from tick 10, where it drew 2 (they part at that draw)', { kind: 'draw', tick: 10, node: 'b', value: 1 }],
  [
    'the hand send of 300,000 items changed to 299,999 (they part at tick 0)',
    { kind: 'change', entry: 0, action: { type: 'send', node: 'a', values: Array.from({ length: 299_999 }, (_, i) => i) } },
  ],
  ['branch forced to draw 7, out of its range (never part: traced all the way)', { kind: 'draw', tick: 10, node: 'b', value: 7 }],
] as [string, Alteration][]) {
  let best = Infinity
  let said = ''
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now()
    const result = whatIf(history, alteration)
    best = Math.min(best, performance.now() - start)
    if (!result.ok) throw new Error(result.error)
    const r = result.result
    // Each case is timed for what its name says it does: a case that parts must part, the out-of-range one never.
    if ((r.divergence === null) !== name.includes('never part')) throw new Error(`${name}: it ${r.divergence === null ? 'never parted' : `parted at ${r.divergence}`}`)
    said = `first differs at ${r.divergence ?? 'no tick'}; original ${r.original.end.toLocaleString('en')} ticks (${r.original.stop}), what if ${r.altered.end.toLocaleString('en')} (${r.altered.stop})`
  }
  console.log(`${name}\n   ${best.toFixed(0)} ms: ${said}`)
}
