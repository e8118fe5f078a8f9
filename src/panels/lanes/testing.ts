/** Runs' records made up for the Lanes view's tests: any size, the same for the same seed. */
import type { RunLanes } from '../../engine/run-record'

/**
 * A record of `ticks` ticks over `n` tasklets: who ran is drawn at random
 * (seeded), but for tasklet `once`, when given, which runs exactly once,
 * at tick `at`; queues are sampled every `stride` ticks.
 */
export function madeUpLanes({ n, ticks, stride = 1, seed = 1, once }: { n: number; ticks: number; stride?: number; seed?: number; once?: { lane: number; at: number } }): RunLanes {
  let state = seed >>> 0 || 1
  const random = () => {
    // xorshift32: quick, and the same numbers on every run.
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 2 ** 32
  }
  const others = once ? n - 1 : n
  const ran = new Int32Array(ticks)
  for (let t = 0; t < ticks; t++) {
    let lane = Math.floor(random() * others)
    if (once && lane >= once.lane) lane++
    ran[t] = once && t === once.at - 1 ? once.lane : lane
  }
  const samples = Math.floor(ticks / stride)
  const queued = new Uint32Array(samples * n)
  for (let k = 0; k < queued.length; k++) queued[k] = random() < 0.3 ? Math.floor(random() * 40) : 0
  return { nodes: Array.from({ length: n }, (_, i) => `node${i}`), ticks, ran, queueStride: stride, queued }
}

/** The same record as far as tick `ticks`, in the same arrays: a record that grows in place as the run plays. */
export function upTo(lanes: RunLanes, ticks: number): RunLanes {
  return { ...lanes, ticks }
}
