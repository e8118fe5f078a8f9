import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import echoersJson from '../demos/priority-echoers.mesh.json'
import { parseDocument, type MeshDocument } from './document'
import { Timeline } from './timeline'

function doc(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, ...patch }
}

/** What a run holds at a tick, less where the scheduler's call stands after its last tick. */
function settled(t: Timeline) {
  const { scheduler: _scheduler, ...rest } = state(t)
  return rest
}

/** Everything a user sees of a run at a tick. */
function state(t: Timeline) {
  const sim = t.sim
  return {
    tick: sim.tick,
    queues: sim.order.map((n) => [n.id, n.tasklet.items.toArray(), n.tasklet.closed, n.activations]),
    outputs: sim.outputs.toArray(),
    prng: sim.prng.state,
    scheduler: sim.schedulerView(),
    stats: { ...sim.stats },
  }
}

describe('Timeline', () => {
  it('steps back to any earlier tick and finds it exactly as it was', () => {
    for (const json of [part3Json, echoersJson]) {
      for (const mode of ['flush', 'next'] as const) {
        const t = new Timeline(doc(json, { mode }), { keyframeEvery: 3 })
        t.apply({ type: 'send', node: json === part3Json ? 'a' : 'e1', values: json === part3Json ? [10, 11, 12] : ['Hi'] })
        const seen = [state(t)]
        while (t.step()) seen.push(state(t))
        // the last step found no work and ended the scheduler's call: that is the run at the last tick now
        seen[seen.length - 1] = state(t)
        t.seek(0)
        expect(state(t)).toEqual(seen[0])
        for (let tick = seen.length - 1; tick >= 0; tick--) {
          t.seek(tick)
          expect(state(t)).toEqual(seen[tick])
        }
        t.seek(seen.length - 1)
        expect(state(t)).toEqual(seen.at(-1))
      }
    }
  })

  it('replays the user\'s actions at the ticks they were made', () => {
    const t = new Timeline(doc(part3Json), { keyframeEvery: 4 })
    t.run(5)
    t.apply({ type: 'send', node: 'a', values: [20] })
    t.run(3)
    t.apply({ type: 'close', node: 'd' })
    t.run()
    const end = settled(t)
    t.seek(2)
    t.seek(t.end)
    expect(settled(t)).toEqual(end)
  })

  it('replays a send made after the scheduler\'s call ended as the start of a new call', () => {
    // s is first in order, a second: the call ends after s's turn, so a send
    // to both is served a first if the old call went on, s first in a new call.
    const mesh = doc({
      format: 'mesh-playground',
      version: 1,
      nodes: [
        { id: 's', kind: 'sink' },
        { id: 'a', kind: 'start' },
      ],
      edges: [{ source: 'a', port: 'target', target: 's' }],
      inputs: [{ node: 'a', values: [1] }],
      mode: 'next',
    })
    const t = new Timeline(mesh, { keyframeEvery: 2 })
    const seen = [state(t)]
    const play = () => {
      while (t.step()) seen.push(state(t))
      seen[seen.length - 1] = state(t) // with the call ended
    }
    play()
    t.apply({ type: 'send', node: 'a', values: [10] })
    t.apply({ type: 'send', node: 's', values: ['by hand'] })
    seen[seen.length - 1] = state(t) // a tick shows the actions made at it
    play()
    expect(t.sim.outputs.toArray().map((o) => o.value)).toEqual([2, 'by hand', 11])
    const end = state(t)
    for (let tick = seen.length - 1; tick >= 0; tick--) {
      t.seek(tick)
      expect(state(t)).toEqual(seen[tick])
    }
    t.seek(t.end)
    expect(state(t)).toEqual(end)
    t.seek(0)
    expect(t.run().stop?.reason).toBe('idle')
    expect(state(t)).toEqual(end)
  })

  it('branches when the user acts at an earlier tick, dropping the later history', () => {
    const t = new Timeline(doc(part3Json))
    t.run()
    const first = t.end
    t.seek(3)
    t.apply({ type: 'send', node: 'a', values: [101] })
    expect(t.end).toBe(3)
    t.run()
    expect(t.end).toBeGreaterThan(first)
    expect(t.sim.outputs.toArray().map((o) => o.value)).toContain('2x102')
  })

  it('follows an edit of the mesh replayed from a keyframe before it', () => {
    const base = doc(part3Json)
    const t = new Timeline(base, { keyframeEvery: 2 })
    t.run(3)
    const rewired = { ...base, edges: base.edges.map((e) => (e.source === 'b' && e.port === 'left' ? { ...e, target: 't' } : e)) }
    t.apply({ type: 'update', document: rewired })
    t.run()
    const end = settled(t)
    t.seek(1)
    expect(t.sim.document).toBe(base)
    t.seek(t.end)
    expect(settled(t)).toEqual(end)
    expect(t.sim.document).toBe(rewired)
  })

  it('keeps history bounded by thinning keyframes', () => {
    const pingPong = doc({
      format: 'mesh-playground',
      version: 1,
      nodes: [
        { id: 'a', kind: 'start' },
        { id: 'b', kind: 'start' },
      ],
      edges: [
        { source: 'a', port: 'target', target: 'b' },
        { source: 'b', port: 'target', target: 'a' },
      ],
      inputs: [{ node: 'a', values: [0] }],
      limits: { maxActivations: 100_000 },
    })
    const t = new Timeline(pingPong, { keyframeEvery: 100, maxKeyframes: 16 })
    expect(t.run().stop?.reason).toBe('budget')
    expect(t.historySize.keyframes).toBeLessThanOrEqual(16)
    t.seek(12_345)
    expect(t.sim.nodes.get('b')!.tasklet.items.toArray()).toEqual([12_345])
  })
})

describe('Timeline.stepRound', () => {
  it('steps to the end of each taskmaster round', () => {
    const t = new Timeline(doc(part3Json))
    // round 1: start takes 0..3; round 2: branch takes 1..4; round 3: doubler 2, 4 and tripler 1, 3
    expect(t.stepRound()).toBe(4)
    expect(t.sim.schedulerView()).toMatchObject({ kind: 'taskmaster', round: 1 })
    expect(t.stepRound()).toBe(4)
    expect(t.stepRound()).toBe(4)
    expect(t.stepRound()).toBe(4)
    expect(t.sim.outputs.length).toBe(4)
    expect(t.stepRound()).toBe(0)
  })

  it('steps to the end of each priority pass', () => {
    const t = new Timeline(doc(echoersJson))
    expect(t.stepRound()).toBe(6)
    expect(t.sim.schedulerView()).toMatchObject({ kind: 'priority', pass: 1 })
    expect(t.stepRound()).toBe(6)
    expect(t.sim.outputs.length).toBe(6)
  })
})
