/**
 * `npm run bench:links`: how long share links are, against the issue's
 * goals: the seed's Part 3 mesh in at most 500 characters, any 50-node mesh
 * in at most 2,000; above MAX_LINK_LENGTH the app offers a file instead.
 */
import { parseDocument, Timeline, type MeshDocument } from '../src/engine'
import LZString from 'lz-string'
import { checkOf, decodeLink, encodeLink, MAX_LINK_LENGTH } from '../src/formats/link'
import echoersJson from '../src/demos/priority-echoers.mesh.json'
import part3Json from '../src/demos/part3-mesh.mesh.json'
import pingPongJson from '../src/demos/ping-pong.mesh.json'
import { randomMesh } from './random-mesh'

const SEEDS = 50

function load(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function lengthOf(doc: MeshDocument): number {
  const link = encodeLink(doc)
  const back = decodeLink(link)
  if (!back.ok) throw new Error(`a link did not open: ${back.error}`)
  return link.length
}

function row(name: string, length: number, goal?: number): string {
  const verdict = goal === undefined ? '' : length <= goal ? `  ≤ ${goal} ✓` : `  > ${goal} ✗ (over the goal)`
  return `${name.padEnd(58)} ${String(length).padStart(6)} chars${verdict}`
}

console.log(`Share link lengths (link format 1; files are offered above ${MAX_LINK_LENGTH} characters)\n`)
console.log(row("The seed's Part 3 mesh", lengthOf(load(part3Json)), 500))
console.log(row('The priority echoers', lengthOf(load(echoersJson))))
console.log(row('The ping-pong', lengthOf(load(pingPongJson))))

for (const labels of ['editor', 'renamed'] as const) {
  const lengths = Array.from({ length: SEEDS }, (_, i) => lengthOf(randomMesh({ nodes: 50, seed: i + 1, labels })))
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length
  const edges = randomMesh({ nodes: 50, seed: 1, labels }).edges.length
  const what = labels === 'editor' ? 'named by the editor' : 'every node renamed by hand'
  console.log()
  console.log(`Random 50-node meshes, ${what} (~${edges} wires, positions anywhere), seeds 1–${SEEDS}:`)
  console.log(row('  shortest', Math.min(...lengths)))
  console.log(row('  mean', Math.round(mean)))
  console.log(row('  longest', Math.max(...lengths), 2_000))
}

console.log()
for (const nodes of [100, 200, 400]) {
  const length = lengthOf(randomMesh({ nodes, seed: 1 }))
  const offered = length <= MAX_LINK_LENGTH ? 'offered as a link' : 'offered as a file'
  console.log(`${row(`Random ${nodes}-node mesh, named by the editor (seed 1)`, length)}  ${offered}`)
}

// Format 4: a link at a tick of a run done to by hand carries its history.
{
  const part3 = load(part3Json)
  const run = new Timeline(part3)
  for (let i = 0; i < 4; i++) run.step()
  run.apply({ type: 'send', node: 'b', values: [9, 10] })
  for (let i = 0; i < 9; i++) run.step()
  const oneSend = encodeLink(part3, { tick: run.tick, history: run.history() })
  run.apply({ type: 'update', document: { ...part3, mode: 'flush' } })
  for (let i = 0; i < 5; i++) run.step()
  const withEdit = encodeLink(part3, { tick: run.tick, history: run.history() })
  for (const link of [oneSend, withEdit]) if (!decodeLink(link).ok) throw new Error('a format-4 link did not open')
  console.log()
  console.log(row('Part 3 at tick 13 with a hand send (format 4)', oneSend.length))
  console.log(row('… and an edit of its mode at tick 13 (format 4)', withEdit.length))
}

// A short link that asks for thousands of identical wires: every id is found in linear time.
{
  const compact = JSON.stringify({
    n: [
      ['a', 'start', 0, 0],
      ['s', 'sink', 1, 0],
    ],
    e: Array.from({ length: 6000 }, () => [0, 0, 1]).flat(),
  })
  const hash = `#mesh=1.${LZString.compressToEncodedURIComponent(compact)}.${checkOf(compact)}`
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    const opened = decodeLink(hash)
    times.push(performance.now() - started)
    if (!opened.ok) throw new Error(`the link of identical edges did not open: ${opened.error}`)
  }
  // The median of five: the first pays for compiling the code.
  const ms = times.sort((a, b) => a - b)[2]!
  const goal = 100
  const verdict = ms <= goal ? `  ≤ ${goal} ms ✓` : `  > ${goal} ms ✗ (over the goal)`
  console.log()
  console.log(`${`Opening 6,000 identical edges (a ${hash.length}-character link)`.padEnd(58)} ${ms.toFixed(1).padStart(6)} ms${verdict}`)
}
