import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { ActionLog } from './action-log'
import { parseDocument } from './document'

describe('ActionLog', () => {
  it("logs where the scheduler's call ended once, and not where its history goes past that tick", () => {
    const log = new ActionLog()
    log.callEnded(2)
    log.callEnded(2)
    log.add(2, { type: 'send', node: 'a', values: [1] })
    log.callEnded(2)
    log.add(5, { type: 'next', node: 'a' })
    log.callEnded(3)
    expect([...log]).toEqual([
      { tick: 2, action: null },
      { tick: 2, action: { type: 'send', node: 'a', values: [1] } },
      { tick: 2, action: null },
      { tick: 5, action: { type: 'next', node: 'a' } },
    ])
  })

  it('drops the history after a tick when cut there', () => {
    const log = new ActionLog()
    log.add(1, { type: 'send', node: 'a', values: [1] })
    log.add(3, { type: 'close', node: 'a' })
    log.add(3, { type: 'clear', node: 'a' })
    log.add(7, { type: 'flush', node: 'a' })
    expect(log.upTo(0)).toBe(0)
    expect(log.upTo(3)).toBe(3)
    log.truncate(log.upTo(4))
    expect(log.actions.map((a) => [a.tick, a.action.type])).toEqual([
      [1, 'send'],
      [3, 'close'],
      [3, 'clear'],
    ])
  })

  it('tells acting by hand from editing, within the entries asked about', () => {
    const parsed = parseDocument(part3Json)
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
    const log = new ActionLog()
    log.add(0, { type: 'update', document: parsed.document })
    log.callEnded(4)
    log.add(4, { type: 'restart', node: 'b' })
    expect(log.acted(2)).toBe(false)
    expect(log.acted()).toBe(true)
    expect(log.actions.map((a) => a.action.type)).toEqual(['update', 'restart'])
  })
})
