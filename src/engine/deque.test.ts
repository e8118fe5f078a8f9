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

  describe('editing at a position', () => {
    it('removes, inserts, sets and moves at the head, the middle and the tail, as an array would', () => {
      const q = new Deque([1, 2, 3, 4, 5])
      expect(q.removeAt(0)).toBe(1)
      expect(q.removeAt(1)).toBe(3)
      expect(q.removeAt(2)).toBe(5)
      expect(q.toArray()).toEqual([2, 4])
      expect(q.insertAt(0, 10)).toBe(true)
      expect(q.insertAt(1, 11)).toBe(true)
      expect(q.insertAt(4, 12)).toBe(true)
      expect(q.toArray()).toEqual([10, 11, 2, 4, 12])
      expect(q.setAt(2, 20)).toBe(true)
      expect(q.move(0, 4)).toBe(true)
      expect(q.toArray()).toEqual([11, 20, 4, 12, 10])
      expect(q.move(3, 0)).toBe(true)
      expect(q.toArray()).toEqual([12, 11, 20, 4, 10])
      expect(q.length).toBe(5)
    })

    it('refuses positions out of range or not whole, and changes nothing', () => {
      const q = new Deque(['a', 'b'])
      expect(q.removeAt(2)).toBeUndefined()
      expect(q.removeAt(-1)).toBeUndefined()
      expect(q.removeAt(0.5)).toBeUndefined()
      expect(q.insertAt(3, 'x')).toBe(false)
      expect(q.insertAt(-1, 'x')).toBe(false)
      expect(q.setAt(2, 'x')).toBe(false)
      expect(q.move(0, 2)).toBe(false)
      expect(q.move(Number.NaN, 0)).toBe(false)
      expect(q.toArray()).toEqual(['a', 'b'])
      expect(new Deque<number>().insertAt(0, 7)).toBe(true)
    })

    it('keeps in step with an array through many edits across blocks', () => {
      const q = new Deque<number>()
      const model: number[] = []
      let seed = 12345
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648
        return seed % n
      }
      for (let k = 0; k < 3000; k++) {
        const op = rand(6)
        if (op <= 1 || model.length === 0) {
          const at = rand(model.length + 1)
          q.insertAt(at, k)
          model.splice(at, 0, k)
        } else if (op === 2) {
          const at = rand(model.length)
          expect(q.removeAt(at)).toBe(model.splice(at, 1)[0])
        } else if (op === 3) {
          const from = rand(model.length)
          const to = rand(model.length)
          q.move(from, to)
          model.splice(to, 0, model.splice(from, 1)[0]!)
        } else if (op === 4) {
          q.shift()
          model.shift()
        } else {
          q.push(k)
          model.push(k)
        }
      }
      expect(q.length).toBe(model.length)
      expect(q.toArray()).toEqual(model)
    })
  })
})
