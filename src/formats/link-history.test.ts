import { describe, expect, it } from 'vitest'
import LZString from 'lz-string'

import { part3Mesh as part3 } from '../demos/part3-mesh'
import { Timeline, type TimelineHistory } from '../engine'
import { createMeshStore } from '../store/mesh-store'
import { explore, shownRun } from '../store/testing'
import fixtureFile from './fixtures/links-v4.json'
import { checkOf, decodeLink, encodeLink, linkOrFile } from './link'

/** A hand-made format-4 link around `data` (a compact object), checked as the encoder checks. */
function rawLink(data: unknown, tick?: number): string {
  const json = JSON.stringify(data)
  return `#mesh=4.${LZString.compressToEncodedURIComponent(json)}.${checkOf(json)}${tick === undefined ? '' : `&tick=${tick}`}`
}

function compactOf(link: string): Record<string, unknown> {
  const payload = link.slice('#mesh=4.'.length).split('&')[0]!
  return JSON.parse(LZString.decompressFromEncodedURIComponent(payload.slice(0, payload.lastIndexOf('.')))) as Record<string, unknown>
}

describe('a link at a tick of a run done to by hand (link format 4)', () => {
  it('carries the run as it was explored, and lands a fresh page on the same run, where a format-3 link lands on another', () => {
    const store = createMeshStore({ document: part3.document })
    explore(store)
    const there = shownRun(store)
    const history = store.getState().runHistory()
    const link = encodeLink(part3.document, { tick: 6, history })
    expect(link).toMatch(/^#mesh=4\.[A-Za-z0-9+$-]+\.[0-9a-z]+&tick=6$/)

    const opened = decodeLink(link)
    if (!opened.ok) throw new Error(opened.error)
    expect(opened.tick).toBe(6)
    // Only what the tick needs: the entries up to it, the history ending there.
    expect(opened.recording?.history.end).toBe(6)
    expect(opened.recording?.history.entries).toEqual(history.entries.filter((e) => e.tick <= 6))

    const fresh = createMeshStore()
    fresh.getState().openMesh(opened.document, { tick: opened.tick, from: 'link', ...(opened.recording ? { recording: opened.recording } : {}) })
    expect(fresh.getState().run.tick).toBe(6)
    expect(shownRun(fresh)).toEqual(there)
    expect(
      fresh
        .getState()
        .notices.map((n) => n.text)
        .join(' '),
    ).toMatch(/Opened the link: its run is done again as it was explored, to tick 6 of 6/)

    // The link without the run, as before: the mesh's own inputs, another run at tick 6.
    const plain = createMeshStore()
    const old = decodeLink(encodeLink(part3.document, { tick: 6 }))
    if (!old.ok) throw new Error(old.error)
    plain.getState().openMesh(old.document, { tick: old.tick })
    expect(shownRun(plain)).not.toEqual(there)
  })

  it('replays, in the engine, to the same run at every tick up to the link’s', () => {
    const live = new Timeline(part3.document)
    for (let i = 0; i < 5; i++) live.step()
    live.apply({ type: 'send', node: 'a', values: [3, 'y'] })
    live.step()
    live.apply({ type: 'update', document: { ...part3.document, mode: 'flush' } })
    for (let i = 0; i < 6; i++) live.step()
    const tick = live.tick
    const opened = decodeLink(encodeLink(part3.document, { tick, history: live.history() }))
    if (!opened.ok || !opened.recording) throw new Error(opened.ok ? 'no run' : opened.error)
    const again = Timeline.replaying(opened.recording.history)
    for (let t = 0; t <= tick; t++) {
      live.seek(t)
      again.seek(t)
      expect(again.sim.snapshot(), `tick ${t}`).toEqual(live.sim.snapshot())
    }
  })

  it('stays format 3 when nothing was done by hand, or without a tick', () => {
    const empty: TimelineHistory = { document: part3.document, entries: [{ tick: 40, action: null }], end: 40 }
    expect(encodeLink(part3.document, { tick: 12, history: { ...empty, entries: [] } })).toMatch(/^#mesh=3\./)
    const history: TimelineHistory = { document: part3.document, entries: [{ tick: 3, action: { type: 'send', node: 'a', values: [1] } }], end: 10 }
    expect(encodeLink(part3.document, { history })).toMatch(/^#mesh=3\./)
    // What comes after the tick is not carried: here, nothing is left.
    expect(encodeLink(part3.document, { tick: 2, history })).toMatch(/^#mesh=3\./)
    expect(encodeLink(part3.document, { tick: 3, history })).toMatch(/^#mesh=4\./)
  })

  it('says a run too long for a link should be saved as a recording', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => ({ tick: i, action: { type: 'send' as const, node: 'a', values: [`item ${i * 7919}`] } }))
    const result = linkOrFile(part3.document, { tick: 3000, history: { document: part3.document, entries, end: 3000 } })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toMatch(/this run is too much for a link .*Save a recording \(File › Save recording\)/)
  })

  it('refuses a hostile or broken run with a message naming what is wrong, never throwing', () => {
    const good = compactOf(
      encodeLink(part3.document, { tick: 4, history: { document: part3.document, entries: [{ tick: 2, action: { type: 'send', node: 'a', values: [5] } }], end: 4 } }),
    )
    const run = (x: unknown, tick?: number) => decodeLink(rawLink({ ...good, x }, tick))
    const error = (result: ReturnType<typeof decodeLink>) => (result.ok ? 'opened' : result.error)

    expect(error(run({ e: [[2, { type: 'eval', node: 'a' }]], n: 4 }, 4))).toMatch(/This link's run cannot be opened: entries\[0\]\.action.*is not a hand action/)
    expect(error(run({ e: [[2, { type: 'send', node: 'a', values: [{}] }]], n: 4 }, 4))).toMatch(/is not a value a tasklet can be sent/)
    expect(
      error(
        run(
          {
            e: [
              [3, 0],
              [1, 0],
            ],
            n: 4,
          },
          4,
        ),
      ),
    ).toMatch(/comes before the tick of the entry before it/)
    expect(error(run({ e: [[-1, 0]], n: 4 }, 4))).toMatch(/is below 0/)
    expect(error(run({ e: [], n: 4 }, 1_000_000_000))).toMatch(/tick: 1,000,000,000 is past the recording's end/)
    expect(error(run({ e: [], n: 2_000_000_000 }))).toMatch(/end: .* is above 1,000,000,000/)
    expect(error(run({ e: [[1, { type: 'update', document: { n: 'not nodes' } }]], n: 4 }, 4))).toMatch(
      /damaged or incomplete .*: its run's entry 1 edits the mesh, but nodes: is not a list of nodes/,
    )
    expect(error(run('no entries', 4))).toMatch(/its run \("x"\) is not a list of entries/)
    expect(error(decodeLink(rawLink(good, 4).replace('#mesh=4.', '#mesh=5.')))).toMatch(/newer Mesh Playground \(link format 5; this one reads formats up to 4\)/)
    // Ids that are words of JavaScript objects are only ids.
    const proto = run(
      {
        e: [
          [1, { type: 'send', node: '__proto__', values: [1] }],
          [2, { type: 'clear', node: 'constructor' }],
        ],
        n: 4,
      },
      4,
    )
    expect(proto.ok).toBe(true)
    // Its tick, when it names none, is its run's end.
    const noTick = run({ e: [[1, { type: 'clear', node: 'b' }]], n: 3 })
    expect(noTick.ok && noTick.tick).toBe(3)
  })
})

describe('format-4 links made once and kept (fixtures/links-v4.json)', () => {
  it.each(fixtureFile.fixtures.map((f) => [f.name, f] as const))('still land on their tick with the same outputs: %s', (_name, fixture) => {
    const opened = decodeLink(fixture.link)
    if (!opened.ok || !opened.recording) throw new Error(opened.ok ? 'no run' : opened.error)
    expect(opened.tick).toBe(fixture.tick)
    const run = Timeline.replaying(opened.recording.history)
    run.seek(fixture.tick)
    expect(run.tick).toBe(fixture.tick)
    expect(run.sim.outputs.toArray().map((o) => `${o.tick} ${String(o.value)}`)).toEqual(fixture.outputs)
  })
})
