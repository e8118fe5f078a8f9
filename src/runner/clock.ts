/**
 * Time for the player: the current time, a callback before the next paint,
 * and a callback soon after (a macrotask, so input and paint get their turn
 * between two slices of a fast run). Injected, so tests drive time by hand.
 */
export interface Clock {
  now(): number
  /** Calls back before the next paint; returns a cancel function. */
  frame(callback: () => void): () => void
  /** Calls back in a new task, after pending input; returns a cancel function. */
  task(callback: () => void): () => void
}

/** The browser's clock: requestAnimationFrame for frames, a MessageChannel for tasks (setTimeout clamps to 4 ms once nested). */
export function browserClock(): Clock {
  const pending = new Map<number, () => void>()
  let nextId = 1
  let channel: MessageChannel | null = null
  // Made on first use: an open channel would keep a Node process (a test) alive.
  const open = (): MessageChannel | null => {
    if (channel || typeof MessageChannel === 'undefined') return channel
    channel = new MessageChannel()
    channel.port1.onmessage = (event: MessageEvent<number>) => {
      const callback = pending.get(event.data)
      pending.delete(event.data)
      callback?.()
    }
    return channel
  }
  return {
    now: () => performance.now(),
    frame(callback) {
      if (typeof requestAnimationFrame === 'undefined') {
        const id = setTimeout(callback, 16)
        return () => clearTimeout(id)
      }
      const id = requestAnimationFrame(() => callback())
      return () => cancelAnimationFrame(id)
    },
    task(callback) {
      const channel = open()
      if (!channel) {
        const id = setTimeout(callback, 0)
        return () => clearTimeout(id)
      }
      const id = nextId++
      pending.set(id, callback)
      channel.port2.postMessage(id)
      return () => pending.delete(id)
    },
  }
}

/** A clock for tests: time moves only when told; frames and tasks run when flushed. */
export class ManualClock implements Clock {
  time = 0
  /** How far each reading of the time moves it on, so that a slice of work sees time pass. */
  advance = 0
  private frames = new Map<number, () => void>()
  private tasks = new Map<number, () => void>()
  private nextId = 1

  now = (): number => (this.time += this.advance)

  frame(callback: () => void): () => void {
    const id = this.nextId++
    this.frames.set(id, callback)
    return () => this.frames.delete(id)
  }

  task(callback: () => void): () => void {
    const id = this.nextId++
    this.tasks.set(id, callback)
    return () => this.tasks.delete(id)
  }

  get pendingTasks(): number {
    return this.tasks.size
  }

  get pendingFrames(): number {
    return this.frames.size
  }

  /** Moves time on by `ms` and runs the frames that were waiting. */
  nextFrame(ms = 1000 / 60): void {
    this.time += ms
    const due = [...this.frames.values()]
    this.frames.clear()
    for (const callback of due) callback()
  }

  /** Runs the tasks that were waiting (not the ones they schedule). */
  runTasks(): void {
    const due = [...this.tasks.values()]
    this.tasks.clear()
    for (const callback of due) callback()
  }
}
