import { describe, expect, it } from 'vitest'

import { goesBack, loopPath, type Box } from './wire-path'

/** The points a path's commands end at, in order. */
function points(path: string): [number, number][] {
  return [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)(?=\s+[A-Z]|$)/g)].map((m) => [Number(m[1]), Number(m[2])])
}

function inside([x, y]: [number, number], box: Box): boolean {
  return x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height
}

describe('wire paths', () => {
  it('takes a wire whose input is left of its port, or a self-loop, as going back', () => {
    expect(goesBack(200, 400)).toBe(false)
    // A card just beside the next, overlapping it a little, still wires forward.
    expect(goesBack(760, 752)).toBe(false)
    expect(goesBack(400, 200)).toBe(true)
    expect(goesBack(208, 0)).toBe(true)
  })

  it('loops a wire going back round the cards it spans, never through one', () => {
    // Part 3 as the demo places it: recycler (lowest) back to start, past branch and tripler.
    const start = { x: 0, y: 200, width: 208, height: 120 }
    const branch = { x: 260, y: 200, width: 208, height: 150 }
    const recycler = { x: 520, y: 380, width: 208, height: 130 }
    const sink = { x: 900, y: 200, width: 208, height: 120 }
    const [path, labelX, labelY] = loopPath(728, 470, 0, 240, [start, branch, recycler, sink])
    const corners = points(path)
    expect(corners[0]).toEqual([728, 470])
    expect(corners.at(-1)).toEqual([0, 240])
    // Below the lowest card it passes (the recycler), not the sink out of its way.
    expect(labelY).toBe(510 + 20)
    expect(labelX).toBeGreaterThan(0)
    expect(labelX).toBeLessThan(728)
    for (const corner of corners.slice(1, -1)) for (const card of [start, branch, recycler]) expect(inside(corner, card)).toBe(false)
    // It enters its target from the left, going right.
    expect(corners.at(-2)![0]).toBeLessThan(0)
  })

  it('loops a self-loop under its own card', () => {
    const card = { x: 100, y: 100, width: 200, height: 80 }
    const [path, , labelY] = loopPath(300, 160, 100, 130, [card])
    expect(labelY).toBe(180 + 20)
    for (const corner of points(path)) expect(inside(corner, card)).toBe(false)
  })

  it('goes above the cards when that is the shorter way round', () => {
    const low = { x: 0, y: 300, width: 200, height: 400 }
    const high = { x: 400, y: 0, width: 200, height: 80 }
    const [, , labelY] = loopPath(600, 40, 0, 320, [low, high])
    expect(labelY).toBe(0 - 20)
  })
})
