/**
 * `npm run bench`: activations per second of the engine, tracing off, on the
 * engine issue's three meshes, beside the seed's own Python tasklets on the
 * same meshes (bench/seed_bench.py, when python3 is here). Figures, not a
 * pass/fail test: the machines are shared, so read the ratios of one run.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { count, Simulation, type MeshDocument } from '../src/engine'
import { compileCoroutine, compilePolicy } from '../src/sandbox/compile'
import { POLICY_TEMPLATES } from '../src/sandbox/policy-templates'
import { guardBehaviour } from '../src/sandbox/guard'
import { asCodeNodes, benchCases, type BenchCase } from './meshes'

const REPEATS = 5
const GOAL = 20

/** Code nodes compiled as the sandbox worker compiles them: in the hardened realm (the lockdown applies to the whole run), with the guard around each coroutine. */
const compile = (source: string) => guardBehaviour(compileCoroutine(source), () => {})

function once(c: BenchCase, document: MeshDocument = c.document, ledger?: boolean): { activations: number; ms: number; heapMb: number } {
  const sim = new Simulation(document, { compile, policy: compilePolicy, ledger })
  for (const value of c.inputs.values) sim.send(c.inputs.node, value)
  const start = performance.now()
  sim.run()
  const ms = performance.now() - start
  if (sim.tick !== c.activations) throw new Error(`${c.name}: ${sim.tick} activations, expected ${c.activations}`)
  return { activations: sim.tick, ms, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }
}

function python(): Record<string, number> | null {
  try {
    const script = fileURLToPath(new URL('./seed_bench.py', import.meta.url))
    const out = execFileSync('python3', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    return JSON.parse(out) as Record<string, number>
  } catch (e) {
    console.log(`(python3 comparison skipped: ${e instanceof Error ? e.message.split('\n')[0] : e})`)
    return null
  }
}

const fmt = (n: number) => (n / 1e6).toFixed(2).padStart(7) + ' M/s'

console.log(`Mesh Playground engine benchmark — Node ${process.version}, best of ${REPEATS}, tracing off\n`)
const cases = benchCases()
const results = cases.map((c) => {
  once(c) // warm up
  const runs = Array.from({ length: REPEATS }, () => once(c))
  const best = Math.min(...runs.map((r) => r.ms))
  const rate = (c.activations / best) * 1000
  const coded = asCodeNodes(c.document)
  once(c, coded)
  const codeRate = (c.activations / Math.min(...Array.from({ length: REPEATS }, () => once(c, coded).ms))) * 1000
  return { c, rate, best, codeRate, heap: Math.max(...runs.map((r) => r.heapMb)) }
})

// Memory stays flat in the number of activations: the ping-pong run at 10x the length.
const long = benchCases(10)[1]!
const longRun = once(long)

/**
 * The floor under case 2: two bare generators resumed in turn through two
 * arrays, with no tasklet, port, scheduler or limit around them. No engine
 * whose coroutines are generators can step the ping-pong faster than this.
 */
function bareGenerators(activations: number): number {
  function* start(target: (v: number) => void): Generator<void, void, number> {
    for (;;) target((yield) + 1)
  }
  const qa: number[] = [1]
  const qb: number[] = []
  const a = start((v) => qb.push(v))
  const b = start((v) => qa.push(v))
  a.next()
  b.next()
  const t0 = performance.now()
  for (let n = 0; n < activations; n += 2) {
    a.next(qa.shift()!)
    b.next(qb.shift()!)
  }
  return (activations / (performance.now() - t0)) * 1000
}
bareGenerators(1_000_000)
const floor = Math.max(...Array.from({ length: REPEATS }, () => bareGenerators(1_000_000)))

/**
 * A written policy: the round-robin template (the taskmaster in next mode,
 * written as a policy), compiled as the sandbox compiles it (its own
 * compartment, a meter on every loop turn), against the built-in taskmaster
 * in next mode on the ping-pong mesh. Run in turn, pair by pair, so the
 * shared machine's load falls on both alike; the median of the pairs'
 * ratios. A policy's run keeps the item ledger (for headAge), so the ratio
 * is given with it on both sides too.
 */
function policyRatios(c: BenchCase, pairs: number): { rate: number; bare: number; kept: number } {
  const policy: MeshDocument = { ...c.document, scheduler: 'policy', policy: { name: 'Round robin', source: POLICY_TEMPLATES.find((t) => t.id === 'round-robin')!.source } }
  const rate = (run: { activations: number; ms: number }) => (run.activations / run.ms) * 1000
  const bare: number[] = []
  const kept: number[] = []
  let best = 0
  once(c, policy, false)
  for (let i = 0; i < pairs; i++) {
    const written = rate(once(c, policy, false))
    best = Math.max(best, written)
    bare.push(written / rate(once(c, c.document, false)))
    kept.push(rate(once(c, policy, true)) / rate(once(c, c.document, true)))
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!
  return { rate: best, bare: median(bare), kept: median(kept) }
}
const written = policyRatios(cases[1]!, REPEATS)

const py = python()
results.forEach(({ c, rate, best, heap, codeRate }, i) => {
  const pyRate = py?.[`case${i + 1}`]
  const ratio = pyRate ? rate / pyRate : undefined
  console.log(`${i + 1}. ${c.name}`)
  console.log(
    `   ${count(c.activations)} activations in ${best.toFixed(1)} ms: ${fmt(rate)}` +
      (pyRate ? `   seed's Python: ${fmt(pyRate)}   ratio ${ratio!.toFixed(1)}x (goal ${GOAL}x)` : '') +
      `   heap ${heap.toFixed(0)} MB`,
  )
  console.log(`   as code nodes: ${fmt(codeRate)}, ${((codeRate / rate) * 100).toFixed(0)}% of the built-in kinds (goal ≥ 25%)`)
})
console.log(
  `\nfloor: two bare generators resumed in turn (no engine at all) ${fmt(floor)}; the ping-pong engine run is at ` +
    `${((results[1]!.rate / floor) * 100).toFixed(0)}% of it` +
    (py?.case2 ? `, and 20x the seed's Python would need ${fmt(20 * py.case2)}` : ''),
)
console.log(
  `\nwritten policy: round robin (the template) on the ping-pong mesh, in the sandbox's compartment: ${fmt(written.rate)}, ` +
    `${(written.bare * 100).toFixed(0)}% of the built-in taskmaster in next mode (goal ≥ 25%); ` +
    `${(written.kept * 100).toFixed(0)}% with the item ledger kept on both, as a written policy's run keeps it (median of ${REPEATS} pairs)`,
)
console.log(
  `\nmemory: ${count(long.activations)} ping-pong activations ran with heap ${longRun.heapMb.toFixed(0)} MB ` +
    `(vs ${results[1]!.heap.toFixed(0)} MB for ${count(cases[1]!.activations)})`,
)
