import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, recordRun, schedulingFigures, Timeline, type MeshDocument } from '../engine'
import { pingPongDocument } from '../engine/testing'
import { ManualClock } from '../runner/clock'
import { createMeshStore, type MeshStore } from './mesh-store'
import { RECORD_EVERY_MS } from './record-slice'

function part3(): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function setup(document: MeshDocument) {
  const clock = new ManualClock()
  const store = createMeshStore({ document, clock, sandbox: null, compareSandbox: null })
  let records = 0
  const recordRunOf = store.getState().recordRun
  store.setState({
    recordRun: () => {
      records++
      return recordRunOf()
    },
  })
  /** Runs the replay's slices (and the run's), and lets the promises settle. */
  const settle = async (turns = 50) => {
    for (let i = 0; i < turns; i++) {
      while (clock.pendingTasks > 0) clock.runTasks()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }
  return { store, clock, settle, records: () => records }
}

const recordOf = (store: MeshStore) => {
  const timeline = new Timeline(part3())
  timeline.run(store.getState().run.end)
  return recordRun(timeline.history())
}

describe('the record slice', () => {
  it('makes no record until a panel needs one, then the record of the whole history and its figures', async () => {
    const { store, settle, records } = setup(part3())
    store.getState().runToEnd()
    await settle()
    expect(records()).toBe(0)
    expect(store.getState().runRecord).toBeNull()
    const release = store.getState().needRunRecord()
    await settle()
    const expected = recordOf(store)
    expect(store.getState().runRecord).toEqual({ lanes: expected.lanes, figures: schedulingFigures(expected), upTo: expected.lanes.ticks, ledger: expected.ledger })
    expect(store.getState().runRecordState).toEqual({ making: false, error: null })
    // Going back in time leaves the history as it is: no new record.
    store.getState().seek(3)
    await settle()
    expect(records()).toBe(1)
    release()
  })

  it('remakes the record when the run moves on while a panel needs it, and not after it lets go', async () => {
    const { store, settle, records } = setup(part3())
    const release = store.getState().needRunRecord()
    const again = store.getState().needRunRecord()
    await settle()
    expect(store.getState().runRecord?.upTo).toBe(0)
    store.getState().step()
    await settle()
    expect(store.getState().runRecord?.upTo).toBe(1)
    release()
    store.getState().step()
    await settle()
    expect(store.getState().runRecord?.upTo).toBe(2)
    again()
    again()
    const made = records()
    store.getState().step()
    await settle()
    expect(records()).toBe(made)
  })

  it('makes at most one record a second while the run plays', async () => {
    const { store, clock, settle, records } = setup(pingPongDocument(1_000_000))
    store.getState().needRunRecord()
    await settle()
    store.getState().setSpeed(60)
    store.getState().play()
    const start = records()
    // Two seconds of play at 60 ticks a second, a frame at a time.
    for (let i = 0; i < 120; i++) {
      clock.nextFrame(1000 / 60)
      await settle(3)
    }
    const made = records() - start
    expect(made).toBeGreaterThanOrEqual(1)
    expect(made).toBeLessThanOrEqual(Math.ceil(2000 / RECORD_EVERY_MS) + 1)
    store.getState().pause()
    await settle()
    // Paused: the record catches up at once.
    expect(store.getState().runRecord?.upTo).toBe(store.getState().run.end)
  })

  it('drops the record when the document changes what the mesh does, and makes the new one', async () => {
    const { store, settle } = setup(part3())
    store.getState().needRunRecord()
    store.getState().runToEnd()
    await settle()
    expect(store.getState().runRecord).not.toBeNull()
    const before = store.getState().runRecord
    const edge = store.getState().document.edges.find((e) => e.source === 'b' && e.port === 'left')!
    store.getState().reconnect(edge.id, { ...edge, target: 't' })
    expect(store.getState().runRecord).toBeNull()
    await settle()
    expect(store.getState().runRecord).not.toBeNull()
    expect(store.getState().runRecord).not.toBe(before)
  })

  it('says why a record could not be made', async () => {
    const { store, settle } = setup(part3())
    store.setState({ recordRun: () => Promise.reject(new Error('the sandbox sent a record that does not fit the run')) })
    store.getState().needRunRecord()
    await settle()
    expect(store.getState().runRecordState).toEqual({ making: false, error: 'the sandbox sent a record that does not fit the run' })
    expect(store.getState().runRecord).toBeNull()
  })

  it('works the figures out again for a new starvation threshold, a whole number of ticks', async () => {
    const { store, settle } = setup(part3())
    store.getState().needRunRecord()
    store.getState().runToEnd()
    await settle()
    const record = store.getState().runRecord!
    expect(record.figures.starvationTicks).toBe(20)
    store.getState().setStarvationTicks(2.7)
    expect(store.getState().starvationTicks).toBe(2)
    await settle()
    expect(store.getState().runRecord!.figures).toEqual(schedulingFigures({ lanes: record.lanes, ledger: record.ledger }, { starvationTicks: 2 }))
    store.getState().setStarvationTicks(-5)
    expect(store.getState().starvationTicks).toBe(0)
    store.getState().setStarvationTicks(Number.NaN)
    expect(store.getState().starvationTicks).toBe(20)
  })
})
