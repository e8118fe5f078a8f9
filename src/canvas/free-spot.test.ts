import { describe, expect, it } from 'vitest'

import { freeSpot, type Box } from './free-spot'

const SIZE = { width: 200, height: 100 }
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

describe('freeSpot', () => {
  it("centres the card on the view's centre when that place is free", () => {
    expect(freeSpot({ x: 500, y: 300 }, SIZE, [])).toEqual({ x: 400, y: 250, inView: true })
  })

  it('puts each of many new cards where none overlaps another, all near the centre', () => {
    const taken: Box[] = []
    for (let i = 0; i < 12; i++) {
      const at = freeSpot({ x: 0, y: 0 }, SIZE, taken)
      const box = { x: at.x, y: at.y, ...SIZE }
      for (const other of taken) expect(overlap(box, other)).toBe(false)
      expect(Math.hypot(at.x + 100, at.y + 50)).toBeLessThan(900)
      taken.push(box)
    }
  })

  it('goes around a card that covers the centre, to the nearest free place', () => {
    const at = freeSpot({ x: 0, y: 0 }, SIZE, [{ x: -100, y: -50, ...SIZE }])
    expect(overlap({ ...at, ...SIZE }, { x: -100, y: -50, ...SIZE })).toBe(false)
    expect(Math.abs(at.x + 100) + Math.abs(at.y + 50)).toBeLessThanOrEqual(224)
  })

  it('keeps to the view while it has room, the nearest place first', () => {
    const view = { x: -400, y: -80, width: 800, height: 160 }
    const taken: Box[] = []
    for (let i = 0; i < 3; i++) {
      const at = freeSpot({ x: 0, y: 0 }, SIZE, taken, view)
      expect(at.inView).toBe(true)
      expect(at.y).toBeGreaterThanOrEqual(view.y)
      expect(at.y + SIZE.height).toBeLessThanOrEqual(view.y + view.height)
      taken.push({ x: at.x, y: at.y, ...SIZE })
    }
    // The view is full: the nearest place outside it, said to be outside.
    const more = freeSpot({ x: 0, y: 0 }, SIZE, taken, { x: -400, y: -80, width: 500, height: 160 })
    expect(more.inView).toBe(false)
    for (const other of taken) expect(overlap({ ...more, ...SIZE }, other)).toBe(false)
  })
})
