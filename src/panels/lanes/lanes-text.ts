/**
 * The Lanes view in words, for those who cannot see the canvas: what the
 * ticks in view hold, and the cell under the pointer or the keyboard's
 * cursor. Read from the same summaries the renderer draws.
 */
import type { LanesIndex } from './lanes-index'

/** Names listed before "and N more". */
const LISTED = 8

const number = (n: number) => n.toLocaleString('en')
const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${number(n)} times`)
const range = (from: number, to: number) => (from === to ? `tick ${number(from)}` : `ticks ${number(from)}–${number(to)}`)
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** How often each lane ran in ticks from … to (1-based, inclusive), by lane. */
function ranCounts(index: LanesIndex, lanes: number, from: number, to: number): Uint32Array {
  const slots = new Int32Array(lanes).map((_, i) => i)
  const out = new Uint32Array(lanes)
  index.countInto(from - 1, to, slots, out)
  return out
}

/**
 * The ticks in view: "Ticks 1–240 of 1,000: doubler ran 80 times, branch
 * 60 times, …; the longest queue: start's, 7 items." Tasklets that ran
 * come most first; past LISTED of them, the rest are counted together.
 */
export function describeWindow(index: LanesIndex, labels: readonly string[], from: number, to: number, ticks: number): string {
  if (ticks === 0 || to < from) return 'No ticks recorded yet.'
  const counts = ranCounts(index, labels.length, from, to)
  const ran = [...counts.keys()].filter((i) => counts[i]! > 0).sort((a, b) => counts[b]! - counts[a]! || a - b)
  const listed = ran.slice(0, LISTED).map((i) => `${labels[i]} ran ${times(counts[i]!)}`)
  const rest = ran.slice(LISTED)
  if (rest.length > 0) listed.push(`${rest.length} more ran ${times(rest.reduce((sum, i) => sum + counts[i]!, 0))} between them`)
  const idle = labels.length - ran.length
  let peak = 0
  let longest = -1
  for (let i = 0; i < labels.length; i++) {
    const q = index.queuePeak(i, from - 1, to)
    if (q > peak) [peak, longest] = [q, i]
  }
  const head = from === 1 && to === ticks ? `The whole run, ${number(ticks)} ${ticks === 1 ? 'tick' : 'ticks'}` : `${capital(range(from, to))} of ${number(ticks)}`
  const who = listed.length > 0 ? listed.join(', ') : 'nothing ran'
  const resting = idle > 0 && ran.length > 0 ? `; ${idle === 1 ? 'one tasklet' : `${idle} tasklets`} did not run` : ''
  const queue = longest >= 0 ? `; the longest queue: ${labels[longest]}'s, ${number(peak)} ${peak === 1 ? 'item' : 'items'}` : ''
  return `${head}: ${who}${resting}${queue}.`
}

/**
 * One cell (a tick) or pixel column (a range of ticks) of one lane, or of
 * no lane (the axis): "Tick 57: branch took an item. Queues after it:
 * start 3, doubler 1; the rest empty." or "Ticks 1,201–1,400: doubler ran
 * 12 times; its queue at most 3 items."
 */
export function describeCell(index: LanesIndex, labels: readonly string[], lane: number | null, from: number, to: number): string {
  if (from === to) {
    const who = index.ranAt(from)
    const took = who >= 0 ? `${labels[who]} took an item` : 'nobody ran'
    const marked = lane !== null && lane !== who ? ` (${labels[lane]} did not run)` : ''
    return `Tick ${number(from)}: ${took}${marked}. ${queuesAt(index, labels, from)}`
  }
  const counts = ranCounts(index, labels.length, from, to)
  if (lane !== null) {
    const peak = index.queuePeak(lane, from - 1, to)
    const ran = counts[lane]!
    const queue = peak === 0 ? 'its queue stayed empty' : `its queue at most ${number(peak)} ${peak === 1 ? 'item' : 'items'}`
    return `${capital(range(from, to))}: ${labels[lane]} ${ran > 0 ? `ran ${times(ran)}` : 'did not run'}; ${queue}.`
  }
  let most = -1
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0 && (most < 0 || counts[i]! > counts[most]!)) most = i
  return `${capital(range(from, to))}: ${most >= 0 ? `${labels[most]} ran most, ${times(counts[most]!)}` : 'nothing ran'}.`
}

/** Every queue after tick `tick` (or the sample that tells of it): the non-empty ones, longest first. */
function queuesAt(index: LanesIndex, labels: readonly string[], tick: number): string {
  const lengths: { lane: number; length: number }[] = []
  let after = 0
  for (let i = 0; i < labels.length; i++) {
    const q = index.queueAt(i, tick)
    if (!q) return 'Queues: not sampled yet.'
    after = q.after
    if (q.length > 0) lengths.push({ lane: i, length: q.length })
  }
  const when = after === tick ? 'after it' : `after tick ${number(after)}`
  if (lengths.length === 0) return `Queues ${when}: all empty.`
  lengths.sort((a, b) => b.length - a.length || a.lane - b.lane)
  const listed = lengths.slice(0, LISTED).map((q) => `${labels[q.lane]} ${number(q.length)}`)
  if (lengths.length > LISTED) listed.push(`${lengths.length - LISTED} more`)
  const empty = labels.length - lengths.length
  return `Queues ${when}: ${listed.join(', ')}${empty > 0 ? `; ${empty === 1 ? 'one empty' : `${empty} empty`}` : ''}.`
}
