import { describe, expect, it } from 'vitest'
import { Deque } from './deque'

describe('Deque', () => {
  it('takes from the head and the tail in the right order across many blocks', () => {
    const q = new Deque<number>()
    const model: number[] = []
    let n = 0
    // a fixed pseudo-random mix of pushes, shifts and pops, checked against an array
    let x = 12345
    for (let step = 0; step < 20000; step++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff
      const op = x % 7
      if (op < 4) {
        q.push(n)
        model.push(n++)
      } else if (op < 6) expect(q.shift()).toBe(model.shift())
      else expect(q.pop()).toBe(model.pop())
      expect(q.length).toBe(model.length)
    }
    expect(q.toArray()).toEqual(model)
    expect(q.at(model.length)).toBeUndefined()
  })

  it('stays right as it grows over many blocks, empties, and grows again', () => {
    const q = new Deque<number>()
    const model: number[] = []
    let n = 0
    let x = 777
    for (let phase = 0; phase < 12; phase++) {
      // even phases mostly push, odd ones mostly take, so the queue crosses blocks and empties often
      const pushes = phase % 2 === 0 ? 5 : 2
      for (let step = 0; step < 3000; step++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff
        const op = x % 8
        if (op < pushes) {
          q.push(n)
          model.push(n++)
        } else if (op % 2 === 0) expect(q.shift()).toBe(model.shift())
        else expect(q.pop()).toBe(model.pop())
        expect(q.length).toBe(model.length)
        if (model.length > 0) {
          const i = x % model.length
          expect(q.at(i)).toBe(model[i])
        }
      }
    }
    expect([...q]).toEqual(model)
  })

  it('reads items in place with at, and empties with clear', () => {
    const q = new Deque([1, 2, 3])
    expect(q.at(0)).toBe(1)
    expect(q.at(2)).toBe(3)
    expect(q.slice(2)).toEqual([1, 2])
    q.clear()
    expect(q.length).toBe(0)
    expect(q.shift()).toBeUndefined()
    expect(q.pop()).toBeUndefined()
  })
})
