import { describe, expect, it } from 'vitest'
import { coroutine, GeneratorExit, Tasklet, type CoroutineBody, type Sendable } from './tasklet'

/** The seed's Part 2 tour, line for line, with `print` collecting lines. */
function tour(): string[] {
  const out: string[] = []
  const print = (line: string) => out.push(line)

  // / / / SETUP SOME COROUTINES
  function* doubler(target: Sendable): CoroutineBody {
    while (true) {
      try {
        const i = yield
        target.send(`2x${i}`)
      } catch (e) {
        if (!(e instanceof GeneratorExit)) throw e
        target.send('Doubler has closed.')
        return
      }
    }
  }
  function* tripler(target: Sendable): CoroutineBody {
    while (true) {
      try {
        const i = yield
        target.send(`3x${i}`)
      } catch (e) {
        if (!(e instanceof GeneratorExit)) throw e
        target.send('Tripler has closed.')
        return
      }
    }
  }
  const sink = coroutine(function* sink(): CoroutineBody {
    while (true) {
      try {
        const i = yield
        print(`Sink got: ${i}`)
      } catch (e) {
        if (!(e instanceof GeneratorExit)) throw e
        print('Sink has closed.')
        return
      }
    }
  })
  // / / / BEGIN EXAMPLE
  const task = new Tasklet(doubler, sink())
  task.send(1)
  task.send(2)
  print('Nothing has happened yet...')
  for (const pending of task) void pending
  print('Okay, done pending jobs in task')
  task.close()
  print('All done\n')
  if (task.closed) task.set(tripler, sink())
  task.send(4)
  task.send(5)
  task.flush()
  task.send(6).next()
  task.send(7)
  task.next()
  task.send(8)
  task.send(9).last()
  task.next()
  task.next()
  task.send(10)
  task.send(11)
  task.clear()
  task.send(12)
  task.flush()
  const new_sink = coroutine(function* new_sink(): CoroutineBody {
    while (true) {
      try {
        const i = yield
        print(`New Sink got: ${i}`)
      } catch (e) {
        if (!(e instanceof GeneratorExit)) throw e
        return
      }
    }
  })
  task.rescope(new_sink())
  task.send(13).next()
  task.close()
  task.send(14).next() // nothing happens here
  task.restart()
  task.send(15).next()
  // The script ends: CPython collects the tasklet and closes its coroutine.
  task.close()
  return out
}

describe('Tasklet', () => {
  describe("the seed's Part 2 tour", () => {
    it('prints exactly what the seed printed, line for line', () => {
      // The blog lost print("All done\n")'s blank line; it is printed here.
      expect(tour().join('\n').split('\n')).toEqual([
        'Nothing has happened yet...',
        'Sink got: 2x1',
        'Sink got: 2x2',
        'Okay, done pending jobs in task',
        'Sink got: Doubler has closed.',
        'All done',
        '',
        'Sink has closed.',
        'Sink got: 3x4',
        'Sink got: 3x5',
        'Sink got: 3x6',
        'Sink got: 3x7',
        'Sink got: 3x9',
        'Sink got: 3x8',
        'Sink got: 3x12',
        'Sink got: Tripler has closed.',
        'Sink has closed.',
        'New Sink got: 3x13',
        'New Sink got: Tripler has closed.',
        'New Sink got: 3x15',
        'New Sink got: Tripler has closed.',
      ])
    })
  })

  describe('the queue', () => {
    it('only queues on send: nothing runs until next, last or flush', () => {
      const seen: unknown[] = []
      const task = new Tasklet(function* () {
        while (true) seen.push(yield)
      })
      task.send(1).send(2).send(3)
      expect(seen).toEqual([])
      expect(task.items.toArray()).toEqual([1, 2, 3])
      expect(task.last()).toBe(3)
      expect(task.next()).toBe(1)
      expect(task.flush()).toEqual([2])
      expect(task.next()).toBeUndefined()
      expect(seen).toEqual([3, 1, 2])
    })

    it('flush also processes items the tasklet sends to itself meanwhile', () => {
      const seen: number[] = []
      const task = new Tasklet<number>(function* () {
        while (true) {
          const i = yield
          seen.push(i)
          if (i < 3) this.send(i + 1)
        }
      })
      expect(task.send(0).flush()).toEqual([0, 1, 2, 3])
      expect(seen).toEqual([0, 1, 2, 3])
    })

    it('rescope keeps the queue and the coroutine function, with new arguments', () => {
      const got: string[] = []
      function* tag(this: Tasklet<number>, name: string): CoroutineBody<number> {
        while (true) got.push(`${name}:${yield}`)
      }
      const task = new Tasklet(tag, 'a').send(1).send(2)
      task.next()
      task.rescope('b')
      expect(task.items.toArray()).toEqual([2])
      task.flush()
      expect(got).toEqual(['a:1', 'b:2'])
    })

    it('set and restart start with an empty queue', () => {
      const task = new Tasklet<number>(function* () {
        while (true) yield
      })
      task.send(1).send(2)
      task.restart()
      expect(task.items.length).toBe(0)
      task.send(3)
      task.set()
      expect(task.items.length).toBe(0)
    })
  })

  describe('the empty tasklet', () => {
    it('is a black hole: what is sent to it disappears', () => {
      const hole = new Tasklet()
      hole.send(1).send('x')
      expect(hole.flush()).toEqual([1, 'x'])
      expect(hole.items.length).toBe(0)
      expect(hole.closed).toBe(false)
    })
  })

  describe('self', () => {
    it('lets the coroutine reach its own tasklet as this', () => {
      const lines: string[] = []
      const task = new Tasklet(function* my_coro() {
        while (true) {
          const i = yield
          lines.push(`${this} got ${i}`)
        }
      })
      task.send(1).next()
      expect(lines).toEqual(['my_coro got 1'])
      expect(task.named('renamed').toString()).toBe('renamed')
    })
  })

  describe('closing', () => {
    it('takes an item and does nothing once closed; restart revives it', () => {
      const seen: unknown[] = []
      const task = new Tasklet<number>(function* () {
        while (true) seen.push(yield)
      })
      task.close()
      expect(task.send(14).next()).toBeUndefined()
      expect(task.items.length).toBe(0)
      task.restart()
      task.send(15).next()
      expect(seen).toEqual([15])
    })

    it('closes a tasklet whose coroutine raises, keeping the error', () => {
      const task = new Tasklet<number>(function* () {
        while (true) {
          const i = yield
          if (i === 2) throw new TypeError('bad item')
        }
      })
      task.send(1).send(2).send(3)
      expect(task.flush()).toEqual([1])
      expect(task.closed).toBe(true)
      expect(task.error?.message).toBe('bad item')
      expect(task.items.toArray()).toEqual([3])
      task.restart()
      expect(task.closed).toBe(false)
      expect(task.error).toBeUndefined()
    })

    it('closes the replaced coroutine when set replaces it, running its close handler', () => {
      const log: string[] = []
      const task = new Tasklet(function* first() {
        try {
          while (true) yield
        } catch (e) {
          if (e instanceof GeneratorExit) log.push('first closed')
        }
      })
      task.set(function* second() {
        while (true) yield
      })
      expect(log).toEqual(['first closed'])
      expect(task.name).toBe('second')
    })
  })

  describe('recursion', () => {
    it('lets two tasklets send to each other 10,000 times: "first has 10001"', () => {
      const printed: string[] = []
      const NO_LOOPS = 10000
      function* first(this: Tasklet<number>, target: Sendable<number> | null): CoroutineBody<number> {
        while (true) {
          const i = (yield) + 1
          if (i > NO_LOOPS) printed.push(`${this} has ${i}`)
          target?.send(i)
        }
      }
      function* second(target: Sendable<number>): CoroutineBody<number> {
        while (true) target.send(yield)
      }
      const a = new Tasklet(first, null)
      const b = new Tasklet(second, a)
      a.rescope(b).send(1)
      for (let i = 0; i < NO_LOOPS; i++) for (const task of [a, b]) task.next()
      expect(printed).toEqual(['first has 10001'])
    })

    it('grows no stack however long the ping-pong goes', () => {
      let last = 0
      const a: Tasklet<number> = new Tasklet<number>(function* () {
        while (true) {
          last = (yield) + 1
          b.send(last)
        }
      })
      const b: Tasklet<number> = new Tasklet<number>(function* () {
        while (true) a.send(yield)
      })
      a.send(0)
      for (let i = 0; i < 1_000_000; i++) {
        a.next()
        b.next()
      }
      expect(last).toBe(1_000_000)
    })
  })
})
