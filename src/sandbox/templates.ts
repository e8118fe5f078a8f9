/**
 * Starter code for a code node, each a coroutine shaped like the seed's:
 * take an item with `yield`, send it on along a port. Picking one replaces
 * the node's code and ports (undoable).
 */
export interface CodeTemplate {
  id: string
  title: string
  /** One line for the picker. */
  summary: string
  ports: readonly string[]
  source: string
}

const FILTER = `function* (ports, params, self) {
  // Passes on the even numbers; every other item is dropped.
  while (true) {
    const item = yield
    if (typeof item === 'number' && item % 2 === 0) ports.out.send(item)
  }
}
`

const BATCHER = `function* (ports, params, self) {
  // Counts the items it takes and sends them on in batches of three.
  const size = 3
  let count = 0
  let batch = []
  while (true) {
    const item = yield
    count += 1
    batch.push(item)
    if (batch.length === size) {
      ports.out.send('#' + count + ': ' + batch.join(' '))
      batch = []
    }
  }
}
`

const ROUTER = `function* (ports, params, self) {
  // Routes by value: numbers under 10 go to small, everything else to big.
  while (true) {
    const item = yield
    if (typeof item === 'number' && item < 10) ports.small.send(item)
    else ports.big.send(item)
  }
}
`

const RATE_LIMITER = `function* (ports, params, self) {
  // A token bucket: one token comes back every 3 activations, at most 2 are
  // kept. An item with a token goes to out; without one, to over.
  const refillEvery = 3
  const capacity = 2
  let tokens = capacity
  let ticks = 0
  while (true) {
    const item = yield
    ticks += 1
    if (ticks % refillEvery === 0) tokens = Math.min(capacity, tokens + 1)
    if (tokens > 0) {
      tokens -= 1
      ports.out.send(item)
    } else {
      ports.over.send(item)
    }
  }
}
`

const LEARNER = `function* (ports, params, self) {
  // Chooses its own pathways: the first time it sees a kind of item (here,
  // the number's last digit, or the text itself) it picks one of the nodes
  // wired to out at random — the run's seeded random — and from then on
  // sends that kind there with self.sendTo. Re-wire it and it learns anew.
  const routes = new Map()
  while (true) {
    const item = yield
    const targets = self.targets('out')
    if (targets.length === 0) continue
    const kind = typeof item === 'number' ? item % 10 : String(item)
    let target = routes.get(kind)
    if (!targets.includes(target)) {
      target = targets[self.random.randint(0, targets.length - 1)]
      routes.set(kind, target)
    }
    self.sendTo(target, item)
  }
}
`

const WIRE_CUTTER = `function* (ports, params, self) {
  // Rewires the run's mesh: an item that is not a number is a drop, and
  // after three of them the first wire from out is cut (self.disconnect).
  // The cut shows on the canvas at that tick; your document keeps the wire
  // until you keep the run's mesh. self.connect(port, node) makes a wire;
  // self.rescope({ out: [ids] }) replaces them all and starts this
  // coroutine anew, its queue kept.
  let drops = 0
  while (true) {
    const item = yield
    if (typeof item !== 'number') drops += 1
    if (drops === 3) {
      const [first] = self.targets('out')
      if (first !== undefined) self.disconnect('out', first)
      drops = 0
    }
    ports.out.send(item)
  }
}
`

export const CODE_TEMPLATES: readonly CodeTemplate[] = [
  { id: 'filter', title: 'Filter', summary: 'passes on even numbers, drops the rest', ports: ['out'], source: FILTER },
  { id: 'batcher', title: 'Counter and batcher', summary: 'counts items, sends them in batches of three', ports: ['out'], source: BATCHER },
  { id: 'router', title: 'Router by value', summary: 'small numbers one way, the rest the other', ports: ['small', 'big'], source: ROUTER },
  { id: 'rate-limiter', title: 'Rate limiter', summary: 'a token bucket: the overflow goes to its own port', ports: ['out', 'over'], source: RATE_LIMITER },
  { id: 'wire-cutter', title: 'Cuts a wire that keeps dropping', summary: 'rewires the run: after three drops it cuts a wire', ports: ['out'], source: WIRE_CUTTER },
  { id: 'learner', title: 'Learns where to send', summary: 'picks a target per kind of item, then keeps to it', ports: ['out'], source: LEARNER },
]
