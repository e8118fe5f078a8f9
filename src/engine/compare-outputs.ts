/**
 * Where the outputs of a comparison's lanes first differ: the first output
 * (by its place in each lane's order) at which two lanes printed different
 * values, or one printed a value and another none, with the tick each lane
 * printed it at. Found as the lanes grow: outputs never change once
 * printed, so what every lane printed alike is never looked at again.
 */

/** A lane's outputs as the comparison reads them. */
export interface LaneOutputs {
  /** Its outputs in order, as printed: all of them, or the first ones (see `outputCount`). */
  readonly outputs: readonly string[]
  /** The tick each of them was printed at. */
  readonly outputTicks: readonly number[]
  /** Outputs it printed in all: more than `outputs` holds when it keeps only the first. */
  readonly outputCount: number
}

/** Where two lanes' outputs first differ. */
export interface Divergence {
  /** The output's place in the lanes' orders, from 0 (#1 is 0). */
  index: number
  /** By lane: what it printed there and the tick it printed it at, or null when it has printed no output there (yet). */
  at: ({ value: string; tick: number } | null)[]
  /** Every lane has printed the same outputs, as many of each, in another order. */
  sameOutputs: boolean
}

/**
 * The first divergence of a comparison's lanes, kept up to date as their
 * outputs grow (`find`, as often as wanted, costs only what was printed
 * since). Lanes that have not printed as far as the others yet differ from
 * them there, as `firstDifference` says, until they catch up.
 */
export class OutputAgreement {
  /** Outputs every lane printed alike, from the first. */
  private agreed = 0
  /** The first output at which two lanes printed different values: that never changes. */
  private differs = -1
  /** Per distinct output, how many times each lane printed it; and how many of those counts are not the same in every lane. */
  private readonly counts = new Map<string, Uint32Array>()
  private unbalanced = 0
  /** Outputs of each lane counted so far. */
  private readonly counted: number[]

  constructor(private readonly lanes: number) {
    this.counted = new Array<number>(lanes).fill(0)
  }

  /** Where the lanes first differ, or null: fewer than two lanes, or all printed the same so far (as far as they keep). */
  find(lanes: readonly LaneOutputs[]): Divergence | null {
    if (lanes.length !== this.lanes) throw new Error(`the comparison has ${this.lanes} lanes, not ${lanes.length}`)
    this.count(lanes)
    if (lanes.length < 2) return null
    const index = this.differs >= 0 ? this.differs : this.scan(lanes)
    if (index < 0) return null
    return {
      index,
      at: lanes.map((lane) => (index < lane.outputs.length ? { value: lane.outputs[index]!, tick: lane.outputTicks[index]! } : null)),
      sameOutputs: this.unbalanced === 0,
    }
  }

  /** From the outputs agreed on: the first place two lanes differ, or -1 (none, or one past what a lane keeps, which cannot be told). */
  private scan(lanes: readonly LaneOutputs[]): number {
    for (let k = this.agreed; ; k++) {
      let printed = 0
      let cut = false
      for (const lane of lanes) {
        if (k < lane.outputs.length) printed++
        else if (k < lane.outputCount) cut = true
      }
      if (cut) return -1
      if (printed === 0) return -1
      // Some lane has not printed this far: a difference for now, which it may yet make up.
      if (printed < lanes.length) return k
      const value = lanes[0]!.outputs[k]
      if (lanes.some((lane) => lane.outputs[k] !== value)) {
        this.differs = k
        return k
      }
      this.agreed = k + 1
    }
  }

  /** Counts the outputs printed since the last look, per lane and value. */
  private count(lanes: readonly LaneOutputs[]): void {
    lanes.forEach((lane, i) => {
      for (let k = this.counted[i]!; k < lane.outputs.length; k++) {
        const value = lane.outputs[k]!
        let row = this.counts.get(value)
        if (!row) this.counts.set(value, (row = new Uint32Array(this.lanes)))
        const before = balanced(row)
        row[i]!++
        const after = balanced(row)
        if (before && !after) this.unbalanced++
        else if (!before && after) this.unbalanced--
      }
      this.counted[i] = lane.outputs.length
    })
  }
}

function balanced(row: Uint32Array): boolean {
  for (let i = 1; i < row.length; i++) if (row[i] !== row[0]) return false
  return true
}

/**
 * Where the outputs of these lanes first differ, in one go:
 * `firstDivergence([{ outputs: ['a', 'b'], outputTicks: [3, 5], outputCount: 2 }, …])`.
 */
export function firstDivergence(lanes: readonly LaneOutputs[]): Divergence | null {
  return new OutputAgreement(lanes.length).find(lanes)
}

/** Where two output orders first differ: -1 when they are the same. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return -1
}
