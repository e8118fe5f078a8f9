/**
 * The run's one source of randomness: mulberry32, a 32-bit generator whose
 * whole state is one integer, so a run can be saved, stepped back and
 * replayed exactly, in Node and in every browser.
 */
export class Prng {
  /** The generator's state; saving it and setting it back replays the same draws. */
  state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  random(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [lo, hi], both ends included, like Python's `random.randint`. */
  randint(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1))
  }
}
