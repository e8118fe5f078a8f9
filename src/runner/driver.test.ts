import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import pingPongJson from '../demos/ping-pong.mesh.json'
import { parseDocument, Timeline, type MeshDocument } from '../engine'
import { RunDriver } from './driver'
import { FlowCollector } from './flow'
import { QueueSeries } from './queue-series'
import { TraceLog } from './trace-log'

function doc(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

/** Where a run stands: its state as a keyframe keeps it, the limit it stopped at, and the scheduler as its panel shows it. */
function standing(timeline: Timeline) {
  return { ...timeline.sim.snapshot(), view: timeline.sim.schedulerView() }
}

/** A fast run to the end, as the player makes one: sliced, then ended, which traces its last ticks again. */
function burstToEnd(timeline: Timeline) {
  const driver = new RunDriver(timeline, () => performance.now(), { trace: new TraceLog(), series: new QueueSeries(), flow: new FlowCollector() })
  driver.beginBurst()
  const stop = driver.burstSlice('end', [], Infinity)
  driver.endBurst()
  return stop
}

describe('RunDriver.endBurst', () => {
  it('ends a fast run where the engine ends it, after the doubler was closed with items queued', () => {
    const handOnDoubler = (timeline: Timeline) => {
      timeline.run(8)
      timeline.apply({ type: 'send', node: 'd', values: [10, 12] })
      timeline.apply({ type: 'close', node: 'd' })
    }
    const reference = new Timeline(doc(part3Json))
    handOnDoubler(reference)
    reference.run()
    const timeline = new Timeline(doc(part3Json))
    handOnDoubler(timeline)
    expect(burstToEnd(timeline)).toEqual({ reason: 'idle' })
    expect(timeline.tick).toBe(15)
    expect(standing(timeline)).toEqual(standing(reference))
  })

  it('ends a fast run at the budget where the engine stops', () => {
    const mesh = doc(pingPongJson, { limits: { maxActivations: 300, maxQueue: 10_000 } })
    const reference = new Timeline(mesh)
    expect(reference.run().stop?.reason).toBe('budget')
    const timeline = new Timeline(mesh)
    expect(burstToEnd(timeline)).toEqual({ reason: 'budget' })
    expect(standing(timeline)).toEqual(standing(reference))
  })

  it('replays a fast run along history past where an earlier call ended, to where the history ends', () => {
    const timeline = new Timeline(doc(part3Json))
    timeline.run()
    timeline.apply({ type: 'send', node: 'a', values: [20] })
    timeline.run()
    const end = standing(timeline)
    timeline.seek(0)
    expect(burstToEnd(timeline)).toEqual({ reason: 'idle' })
    expect(standing(timeline)).toEqual(end)
  })
})
