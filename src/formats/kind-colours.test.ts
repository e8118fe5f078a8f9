import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { NODE_KINDS } from '../engine'
import { KIND_COLOURS } from './kind-colours'

describe('KIND_COLOURS', () => {
  it("has the colour of every kind's card on the canvas", () => {
    const css = readFileSync(path.join(import.meta.dirname, '../canvas/canvas.css'), 'utf8')
    for (const kind of NODE_KINDS) {
      const rule = new RegExp(`\\[data-kind='${kind}'\\]\\s*\\{\\s*--kind:\\s*(#[0-9a-f]{6})`, 'i').exec(css)
      expect(rule?.[1]?.toLowerCase(), kind).toBe(KIND_COLOURS[kind])
    }
  })
})
