/**
 * Starter policies for the written scheduler, one idea each, commented for
 * a learner (see docs/scheduling.md). A policy is shown the mesh and
 * returns which tasklet runs next: its id (it takes one item), or
 * `{ run: id, take: 'all' }` to let it drain its queue. It is asked only
 * while some tasklet has items. Picking one replaces the policy (undoable).
 */
export interface PolicyTemplate {
  id: string
  /** The policy's name when picked. */
  title: string
  /** One line for the picker. */
  summary: string
  source: string
}

const ROUND_ROBIN = `function (mesh) {
  // Round robin: every tasklet in turn, in the mesh's order, one item each —
  // the seed's taskmaster in next mode. The tasklet that ran last is the one
  // whose lastRan is this tick (none, at the start: -1); the next turn is the
  // first after it, wrapping around to the start, that has items.
  const tasklets = mesh.tasklets
  const tick = mesh.tick
  let last = -1
  for (let i = 0; i < tasklets.length; i++) {
    if (tasklets[i].lastRan === tick) last = i
  }
  for (let step = 1; step <= tasklets.length; step++) {
    const next = tasklets[(last + step) % tasklets.length]
    if (next.queued > 0) return next.id
  }
}
`

const LONGEST_QUEUE = `function (mesh) {
  // Longest queue first: the busiest tasklet goes next, so no queue grows
  // long. On a tie, the first in the mesh's order wins.
  let best = null
  for (const t of mesh.tasklets) {
    if (t.queued > 0 && (best === null || t.queued > best.queued)) best = t
  }
  return { run: best.id, take: 'one' }
}
`

const SHORTEST_QUEUE = `function (mesh) {
  // Shortest queue first: of the tasklets with work, the one with the least
  // goes next — and drains it (take: 'all'), as shortest-job-first finishes
  // small jobs before big ones. Watch a long queue wait.
  let best = null
  for (const t of mesh.tasklets) {
    if (t.queued > 0 && (best === null || t.queued < best.queued)) best = t
  }
  return { run: best.id, take: 'all' }
}
`

const OLDEST_ITEM = `function (mesh) {
  // Oldest item first: FIFO across the whole mesh. headAge is how many ticks
  // the item at the head of a queue has waited there; the one that has
  // waited longest is taken next. On a tie, the first in the mesh's order.
  let best = null
  for (const t of mesh.tasklets) {
    if (t.queued > 0 && (best === null || t.headAge > best.headAge)) best = t
  }
  return best.id
}
`

const LOTTERY = `function (mesh) {
  // Lottery scheduling: every queued item is a ticket, and one ticket is
  // drawn with the run's seeded random numbers (mesh.randint), so a busy
  // tasklet wins more often but an idle-looking one still gets its turns.
  // The same seed draws the same tickets: the run replays exactly.
  const total = mesh.tasklets.reduce((sum, t) => sum + t.queued, 0)
  let ticket = mesh.randint(1, total)
  for (const t of mesh.tasklets) {
    ticket -= t.queued
    if (ticket <= 0) return t.id
  }
}
`

const PRIORITY_AGING = `function (mesh) {
  // Priority with aging: the lowest priority number runs first, as in the
  // seed's priority scheduler, but an item that waits grows more urgent:
  // every agingTicks ticks of waiting take 1 off its tasklet's priority.
  // So nothing starves, however low its priority.
  const agingTicks = 4
  let best = null
  let bestScore = Infinity
  for (const t of mesh.tasklets) {
    if (t.queued === 0) continue
    // A priority may be { random: [lo, hi] }: draw it, as the seed did.
    const priority = typeof t.priority === 'number' ? t.priority : mesh.randint(t.priority.random[0], t.priority.random[1])
    const score = priority - Math.floor(t.headAge / agingTicks)
    if (score < bestScore) {
      best = t
      bestScore = score
    }
  }
  return best.id
}
`

const DEADLINE = `function (mesh) {
  // Earliest deadline first: each kind of tasklet promises to take an item
  // within so many ticks of its arrival (its deadline). The item closest to
  // missing its deadline goes first; one past it has negative slack.
  const deadline = { sink: 2, doubler: 6, tripler: 6, echoer: 4 }
  const otherwise = 10
  let best = null
  let bestSlack = Infinity
  for (const t of mesh.tasklets) {
    if (t.queued === 0) continue
    const slack = (deadline[t.kind] ?? otherwise) - t.headAge
    if (slack < bestSlack) {
      best = t
      bestSlack = slack
    }
  }
  return best.id
}
`

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  { id: 'round-robin', title: 'Round robin', summary: 'every tasklet in turn, one item each: the taskmaster in next mode', source: ROUND_ROBIN },
  { id: 'longest-queue', title: 'Longest queue first', summary: 'the tasklet with the most items goes next', source: LONGEST_QUEUE },
  { id: 'shortest-queue', title: 'Shortest queue first', summary: 'the least work first, drained at once', source: SHORTEST_QUEUE },
  { id: 'oldest-item', title: 'Oldest item first', summary: 'FIFO across the mesh: the item that waited longest', source: OLDEST_ITEM },
  { id: 'lottery', title: 'Lottery', summary: "a ticket per queued item, drawn with the run's seeded random", source: LOTTERY },
  { id: 'priority-aging', title: 'Priority with aging', summary: 'lowest priority first, but waiting items grow urgent', source: PRIORITY_AGING },
  { id: 'deadline', title: 'Earliest deadline first', summary: 'each kind has a deadline; the least slack goes first', source: DEADLINE },
]

/** The policy a mesh gets when "Written policy" is first chosen. */
export const DEFAULT_POLICY = POLICY_TEMPLATES[0]!
