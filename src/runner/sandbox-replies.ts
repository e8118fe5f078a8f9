/**
 * What the page makes of the sandbox's answers about the run's history —
 * a what-if's, a watch's — once the protocol's schema has checked their
 * shape (protocol.ts): checked for sense before a panel reads them, as a
 * record is (recordProblem). The worker runs people's code, so its answers
 * are read as claims: every tick in order and within the run, every count
 * consistent with what it lists. What the page already has (the altered
 * history's document and actions) it takes from itself, never from the worker.
 */
import { sameTarget, type AlterResult, type LogEntry, type TimelineHistory, type TraceEvent, type WatchResult, type WatchTarget, type WhatIfResult, type WhatIfSide } from '../engine'
import type { WhatIfAnswer } from '../sandbox/protocol'

/**
 * The WhatIfResult a what-if's answer from the sandbox stands for: the
 * page's own altered history (its document, its hand actions) up to where
 * the altered run got, with the ends of the scheduler's calls the worker
 * found. `more`: the extra ticks the altered run was given. Throws, saying
 * why, when the answer does not fit the run.
 */
export function readWhatIf(answer: WhatIfAnswer, original: TimelineHistory, altered: AlterResult & { ok: true }, more: number): WhatIfResult {
  const problem = whatIfProblem(answer, original, altered, more)
  if (problem) throw new Error(`the sandbox sent a what-if that does not fit the run: ${problem}`)
  const hand = altered.history.entries.filter((e) => e.action !== null)
  let next = 0
  const entries: LogEntry[] = answer.entries.map((e) => (e.hand ? hand[next++]! : { tick: e.tick, action: null }))
  return {
    history: { document: altered.history.document, entries, end: answer.end },
    original: answer.original,
    altered: answer.altered,
    divergence: answer.divergence,
    from: answer.from,
  }
}

/** Why a what-if's answer does not fit the run and the change made to it, or null. */
export function whatIfProblem(answer: WhatIfAnswer, original: TimelineHistory, altered: AlterResult & { ok: true }, more: number): string | null {
  const { from, end, divergence, entries } = answer
  if (from !== altered.tick) return `it changes the run at tick ${from}, where the change is at tick ${altered.tick}`
  if (answer.original.end > original.end) return `its original run goes on to tick ${answer.original.end}, past the run's end at ${original.end}`
  if (answer.altered.end !== end) return `its altered run ends at tick ${answer.altered.end} but its history at ${end}`
  if (end > original.end + more) return `its altered run goes on to tick ${end}, past the ${more} ticks it was given`
  const sides = [
    ['original', answer.original],
    ['altered', answer.altered],
  ] as const
  for (const [name, side] of sides) {
    const problem = sideProblem(side)
    if (problem) return `its ${name} run's ${problem}`
  }
  if (divergence !== null && divergence > Math.max(answer.original.end, end)) return `it says the runs part at tick ${divergence}, after both ended`
  // The hand actions it went through are the page's own, up to where it got, in order; the rest are ends of calls, in order.
  const hand = altered.history.entries.filter((e) => e.action !== null)
  let next = 0
  let last = 0
  for (const entry of entries) {
    if (entry.tick < last) return `its history goes back from tick ${last} to ${entry.tick}`
    if (entry.tick > end) return `its history has an entry at tick ${entry.tick}, past its end at ${end}`
    last = entry.tick
    if (!entry.hand) continue
    const mine = hand[next++]
    if (!mine || mine.tick !== entry.tick) return `its history has a hand action at tick ${entry.tick} that was not done there`
  }
  const left = hand[next]
  if (left && left.tick <= end) return `its history leaves out the hand action at tick ${left.tick}`
  return null
}

function sideProblem(side: WhatIfSide): string | null {
  if (side.outputCount < side.outputs.length) return `output count (${side.outputCount}) is less than the ${side.outputs.length} outputs it lists`
  let last = 0
  for (const output of side.outputs) {
    if (output.tick < last) return `outputs go back from tick ${last} to ${output.tick}`
    if (output.tick > side.end) return `output at tick ${output.tick} is past its end at ${side.end}`
    last = output.tick
  }
  return null
}

/**
 * Why a watch's result from the sandbox does not fit the watch asked for
 * (`target`, over the run's history up to `upTo`), or null: its lists of one
 * length, their ticks in order and within the replay, its counts no fewer
 * than what it lists and adding up.
 */
export function watchProblem(result: WatchResult, target: WatchTarget, upTo: number): string | null {
  if (!sameTarget(result.target, target)) return 'it watches something else'
  const { tick, end, ticks, values, kinds, arrived, taken, first, last, counts } = result
  if (end > upTo) return `it replays on to tick ${end}, past the run's end at ${upTo}`
  if (tick > end) return `its replay is at tick ${tick}, past its end at ${end}`
  if (values.length !== ticks.length || kinds.length !== ticks.length) return 'its ticks, values and kinds are not one of each per entry'
  let previous = 0
  let arrivedListed = 0
  let takenListed = 0
  for (let i = 0; i < ticks.length; i++) {
    const t = ticks[i]!
    if (t < previous) return `its entries go back from tick ${previous} to ${t}`
    if (t > tick) return `it lists an entry at tick ${t}, past where its replay got (${tick})`
    previous = t
    // What arrived is counted (and bucketed), as what was taken is; other kinds are only listed.
    if (kinds[i] === 'passed' || kinds[i] === 'in') arrivedListed++
    else if (kinds[i] === 'taken') takenListed++
  }
  if (arrived < arrivedListed || taken < takenListed) return 'its counts are fewer than the entries it lists'
  if ((first === null) !== (last === null) || (ticks.length > 0 && first === null)) return 'its first and last ticks do not fit its entries'
  if (first !== null && last !== null && (first > last || last > tick || (ticks.length > 0 && (first > ticks[0]! || last < ticks[ticks.length - 1]!))))
    return 'its first and last ticks do not fit its entries'
  const { width } = counts
  if ((width & (width - 1)) !== 0) return 'its buckets are not a power of two ticks wide'
  if (counts.counts.length > Math.floor(tick / width) + 1) return 'its buckets go past where its replay got'
  if (counts.counts.reduce((sum, n) => sum + n, 0) !== arrived) return 'its buckets do not add up to what arrived'
  return null
}

/**
 * The trace events a lineage's answer from the sandbox carries, by tick, as
 * Timeline.eventsAt gives them: each of the ticks asked (`wanted`, in
 * order) has its list, maybe empty. Throws, saying why, when the answer has
 * an event of a tick not asked for, or goes back in time.
 */
export function readLineageEvents(events: readonly TraceEvent[], wanted: readonly number[]): Map<number, TraceEvent[]> {
  const found = new Map<number, TraceEvent[]>(wanted.map((tick) => [tick, []]))
  let last = 0
  for (const event of events) {
    const list = found.get(event.tick)
    if (!list) throw new Error(`the sandbox sent a lineage that does not fit the run: it has an event at tick ${event.tick}, which was not asked for`)
    if (event.tick < last) throw new Error(`the sandbox sent a lineage that does not fit the run: its events go back from tick ${last} to ${event.tick}`)
    last = event.tick
    list.push(event)
  }
  return found
}
