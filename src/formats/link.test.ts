import LZString from 'lz-string'
import { describe, expect, it, vi } from 'vitest'
import { randomMesh } from '../../bench/random-mesh'
import echoersJson from '../demos/priority-echoers.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import pingPongJson from '../demos/ping-pong.mesh.json'
import { parseDocument, Prng, Simulation, withPicks, type MeshDocument } from '../engine'
import fixtureFile from './fixtures/links-v1.json'
import { checkOf, decodeLink, encodeLink, linkOrFile, MAX_LINK_INPUT, MAX_LINK_LENGTH, MAX_UNPACKED } from './link'

function load(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** A hand-made link in format 1 around any compact JSON text. */
function linkOf(json: string): string {
  return `#mesh=1.${LZString.compressToEncodedURIComponent(json)}.${checkOf(json)}`
}

function errorOf(hash: string): string {
  const decoded = decodeLink(hash)
  if (decoded.ok) throw new Error(`expected ${hash.slice(0, 60)} to be refused`)
  return decoded.error
}

const part3 = load(part3Json)
const echoers = load(echoersJson)
const pingPong = load(pingPongJson)
const HOSTILE = '<img src=x onerror=alert(1)>'

describe('encodeLink and decodeLink', () => {
  it('give back the same document for every demo', () => {
    for (const doc of [part3, echoers, pingPong]) {
      const decoded = decodeLink(encodeLink(doc))
      expect(decoded).toEqual({ ok: true, document: doc })
    }
  })

  it('give back the same document for random meshes of every size', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const doc = randomMesh({ nodes: 1 + ((seed * 7) % 60), seed, labels: seed % 2 ? 'editor' : 'renamed' })
      expect(decodeLink(encodeLink(doc))).toEqual({ ok: true, document: doc })
    }
  })

  it('carry the tick to open at', () => {
    const link = encodeLink(part3, { tick: 42 })
    expect(link).toMatch(/&tick=42$/)
    expect(decodeLink(link)).toEqual({ ok: true, document: part3, tick: 42 })
    expect(() => encodeLink(part3, { tick: -1 })).toThrow(RangeError)
    expect(() => encodeLink(part3, { tick: 1.5 })).toThrow(RangeError)
  })

  it('carry the picks of a mesh scheduled by hand, a few characters each, and a pick of a tasklet it does not have by name', () => {
    const picks = [
      { run: 'a', take: 'all' as const },
      { run: 'b', take: 'one' as const },
      { run: 'gone', take: 'all' as const },
      ...Array.from({ length: 40 }, (_, i) => ({ run: i % 2 ? 't' : 's', take: 'one' as const })),
    ]
    const doc = withPicks(part3, picks)
    const link = encodeLink(doc, { tick: 9 })
    expect(decodeLink(link)).toEqual({ ok: true, document: doc, tick: 9 })
    expect(link.length - encodeLink(part3).length).toBeLessThan(100)
    // Kept, like a policy, when another scheduler runs; none at all is no key.
    const kept = { ...doc, scheduler: 'taskmaster' as const }
    expect(decodeLink(encodeLink(kept))).toEqual({ ok: true, document: kept })
    expect(decodeLink(encodeLink(withPicks(part3, [])))).toEqual({ ok: true, document: withPicks(part3, []) })
    const compact = (picks: unknown) => JSON.stringify({ n: [['a', 0, 0, 0]], s: 'hand', h: picks })
    expect(errorOf(linkOf(compact([3])))).toMatch(/pick 1 is node 4, but the mesh has only 1 node/)
    expect(errorOf(linkOf(compact([{ run: 0 }])))).toMatch(/picks\[0\]: is not a node number, a name, or one of them in a list/)
  })

  it('give the same run, tick for tick, after the round trip', () => {
    const decoded = decodeLink(encodeLink(part3))
    if (!decoded.ok) throw new Error(decoded.error)
    const a = new Simulation(part3)
    const b = new Simulation(decoded.document)
    a.run()
    b.run()
    expect(b.tick).toBe(a.tick)
    expect(b.outputs.toArray()).toEqual(a.outputs.toArray())
  })

  it('round positions to whole numbers', () => {
    const doc = { ...part3, nodes: part3.nodes.map((n, i) => ({ ...n, position: { x: n.position.x + 0.4, y: n.position.y - 0.3 - i } })) }
    const decoded = decodeLink(encodeLink(doc))
    if (!decoded.ok) throw new Error(decoded.error)
    expect(decoded.document.nodes.map((n) => n.position)).toEqual(doc.nodes.map((n) => ({ x: Math.round(n.position.x), y: Math.round(n.position.y) })))
  })

  it('keep hostile text in a label as plain text', () => {
    const doc: MeshDocument = { ...part3, title: `${HOSTILE}</script>`, nodes: part3.nodes.map((n) => (n.id === 's' ? { ...n, label: HOSTILE } : n)) }
    const decoded = decodeLink(encodeLink(doc))
    if (!decoded.ok) throw new Error(decoded.error)
    expect(decoded.document.nodes.find((n) => n.id === 's')!.label).toBe(HOSTILE)
    expect(decoded.document.title).toBe(`${HOSTILE}</script>`)
    // The link itself carries no markup: only lz-string's URI-safe alphabet.
    expect(encodeLink(doc)).toMatch(/^#mesh=3\.[A-Za-z0-9+$-]+\.[0-9a-z]+$/)
  })

  it('keep edge ids the editor chose, and leave out the generated ones', () => {
    const doc: MeshDocument = { ...part3, edges: part3.edges.map((e, i) => (i === 2 ? { ...e, id: 'my own wire' } : e)) }
    expect(decodeLink(encodeLink(doc))).toEqual({ ok: true, document: doc })
    expect(encodeLink(doc).length).toBeGreaterThan(encodeLink(part3).length)
  })

  it('open 6,000 identical edges in a short link, numbered as a document numbers them', () => {
    const edges = Array.from({ length: 6000 }, () => [0, 0, 1])
    const hash = linkOf(
      JSON.stringify({
        n: [
          ['a', 'start', 0, 0],
          ['s', 'sink', 1, 0],
        ],
        e: edges.flat(),
      }),
    )
    expect(hash.length).toBeLessThan(1100)
    const has = vi.spyOn(Set.prototype, 'has')
    try {
      const decoded = decodeLink(hash)
      expect(decoded.ok && decoded.document.edges.map((e) => e.id).slice(-2)).toEqual(['a.target-s#5999', 'a.target-s#6000'])
      // Numbering each edge from #2 again would take 18 million look-ups (and seconds).
      expect(has.mock.calls.length).toBeLessThan(20 * 6000)
      if (decoded.ok) expect(decodeLink(encodeLink(decoded.document))).toEqual(decoded)
    } finally {
      has.mockRestore()
    }
  })

  it('open a whole URL, and a link whose $ and + a chat app percent-encoded', () => {
    const link = encodeLink(echoers)
    expect(decodeLink(`https://example.org/mesh/?demo=x${link}`)).toEqual({ ok: true, document: echoers })
    const escaped = link.replace(/\$/g, '%24').replace(/\+/g, '%2B')
    expect(decodeLink(escaped)).toEqual({ ok: true, document: echoers })
  })
})

describe('link length', () => {
  it("is at most 500 characters for the seed's Part 3 mesh", () => {
    expect(encodeLink(part3).length).toBeLessThanOrEqual(500)
  })

  it('is at most 2,000 characters for a 50-node mesh, named by the editor or by hand', () => {
    for (let seed = 1; seed <= 30; seed++) {
      expect(encodeLink(randomMesh({ nodes: 50, seed })).length).toBeLessThanOrEqual(2_000)
      expect(encodeLink(randomMesh({ nodes: 50, seed, labels: 'renamed' })).length).toBeLessThanOrEqual(2_000)
    }
  })

  it("writes the editor's ids and labels short, and any others in full", () => {
    const editor = randomMesh({ nodes: 50, seed: 1 })
    const renumbered = { ...editor, nodes: editor.nodes.map((n, i) => ({ ...n, id: `node ${i}` })), edges: [], inputs: [] }
    expect(decodeLink(encodeLink(renumbered))).toEqual({ ok: true, document: renumbered })
    expect(encodeLink({ ...editor, edges: [], inputs: [] }).length).toBeLessThan(encodeLink(renumbered).length)
  })
})

describe('linkOrFile', () => {
  it('gives the link when it is short enough', () => {
    expect(linkOrFile(part3, { tick: 3 })).toEqual({ ok: true, link: encodeLink(part3, { tick: 3 }) })
  })

  it('says why a long link is offered as a file instead', () => {
    const big = randomMesh({ nodes: 400, seed: 9, labels: 'renamed' })
    expect(encodeLink(big).length).toBeGreaterThan(MAX_LINK_LENGTH)
    const result = linkOrFile(big)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(/would be [\d,]+ characters long, more than the 8,000 .* Save it as a file/)
  })

  it('refuses a mesh that packs small but unpacks to more than a link may hold', () => {
    const doc: MeshDocument = { ...part3, inputs: [{ node: 'a', values: Array.from({ length: 10_000 }, () => 'x'.repeat(20)) }] }
    expect(encodeLink(doc).length).toBeLessThan(MAX_LINK_LENGTH)
    const result = linkOrFile(doc)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(/too much for a link .* Save it as a file/)
  })
})

describe('decodeLink with a bad link', () => {
  it('says there is no mesh in an empty or unrelated hash', () => {
    for (const hash of ['', '#', '#section-2', 'https://example.org/', '#demo=part3-mesh']) {
      expect(errorOf(hash)).toMatch(/no mesh in it/)
    }
  })

  it('says garbage is damaged', () => {
    expect(errorOf('#mesh=1.hello-world.abc')).toMatch(/damaged or incomplete/)
    expect(errorOf('#mesh=1.<script>alert(1)</script>.x')).toMatch(/damaged or incomplete/)
    expect(errorOf('#mesh=banana')).toMatch(/does not begin with a format number/)
    expect(errorOf('#mesh=1.')).toMatch(/data is missing/)
    expect(errorOf('#mesh=1.%E0%A4%A.x')).toMatch(/broken %-escape/)
  })

  it('says a link cut off in copying is incomplete', () => {
    const link = encodeLink(echoers)
    for (const keep of [12, 40, 100, link.length - 12]) {
      expect(errorOf(link.slice(0, keep))).toMatch(/damaged or incomplete \(was it cut off when it was copied\?\)/)
    }
  })

  it('notices a character changed in copying', () => {
    const link = encodeLink(part3)
    const at = link.indexOf('.') + 30
    const changed = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1)
    expect(errorOf(changed)).toMatch(/damaged or incomplete/)
    expect(errorOf(link.replace(/\.[0-9a-z]+$/, ''))).toMatch(/check at its end is missing/)
  })

  it('says a newer format needs a newer version, and an unknown one was never made', () => {
    expect(errorOf('#mesh=5.N4Ig.abc')).toBe(
      'This link was made by a newer Mesh Playground (link format 5; this one reads formats up to 4). Reload the page to get the newest version.',
    )
    expect(errorOf('#mesh=0.N4Ig.abc')).toMatch(/link format 0, which Mesh Playground has never made/)
  })

  it('refuses a link too long to be one of ours before reading it', () => {
    expect(errorOf(`#mesh=1.${'A'.repeat(MAX_LINK_INPUT)}`)).toMatch(/too long to open: 100,007 characters/)
  })

  it('refuses a link that unpacks to too much before parsing it', () => {
    const json = JSON.stringify({ n: [], t: 'x'.repeat(MAX_UNPACKED) })
    expect(errorOf(linkOf(json))).toBe('This link unpacks to more than 100,000 characters, more than any link Mesh Playground makes, so it was not opened.')
  })

  it('says which edge goes to a node that is not there', () => {
    const json = JSON.stringify({
      n: [
        ['a', 0, 0, 0],
        ['s', 5, 10, 0],
      ],
      e: [0, 0, 1, 0, 0, 7],
    })
    expect(errorOf(linkOf(json))).toBe("This link is damaged or incomplete (was it cut off when it was copied?): edge 2's target is node 8, but the mesh has only 2 nodes.")
  })

  it("passes on the document's own errors, naming the field", () => {
    const json = JSON.stringify({
      n: [
        ['a', 0, 0, 0],
        ['a', 5, 10, 0],
      ],
      e: [0, 'left', 1],
      s: 'lottery',
    })
    const error = errorOf(linkOf(json))
    expect(error).toMatch(/^This link cannot be opened: /)
    expect(error).toContain('scheduler: is not a scheduler (taskmaster, priority, policy, hand)')
    expect(
      errorOf(
        linkOf(
          JSON.stringify({
            n: [
              ['a', 0, 0, 0],
              ['a', 5, 10, 0],
            ],
          }),
        ),
      ),
    ).toContain('nodes[1].id: "a" is used by another node')
    expect(
      errorOf(
        linkOf(
          JSON.stringify({
            n: [
              ['a', 0, 0, 0],
              ['b', 5, 10, 0],
            ],
            e: [0, 'left', 1],
          }),
        ),
      ),
    ).toContain('edges[0].port: start has no port "left" (its ports: target)')
  })

  it('says what is wrong with a compact form that is not one', () => {
    expect(errorOf(linkOf('[1,2,3]'))).toMatch(/is not a compact mesh/)
    expect(errorOf(linkOf('{"n":[["a","start","x",0]]}'))).toMatch(/nodes\[0\]\[2\]: x is not a number/)
    expect(errorOf(linkOf('{"n":[["a",99,0,0]]}'))).toMatch(/node 1 has kind number 99, which no version has had/)
  })

  it("does not let a hostile parameter name reach an object's prototype", () => {
    const decoded = decodeLink(linkOf('{"n":[["e",6,0,0,null,null,{"__proto__":{"polluted":1},"suffix":"x"}]]}'))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    if (!decoded.ok) throw new Error(decoded.error)
    expect(decoded.document.nodes[0]!.params).toEqual({ suffix: 'x' })
    expect(Object.getPrototypeOf(decoded.document.nodes[0]!.params)).toBe(Object.prototype)
  })

  it('says a tick that is not a whole number is wrong', () => {
    expect(errorOf(`${encodeLink(part3)}&tick=-3`)).toMatch(/tick, "-3", is not a whole number/)
    expect(errorOf(`${encodeLink(part3)}&tick=ten`)).toMatch(/tick, "ten", is not a whole number/)
  })
})

describe('format 1 fixture links', () => {
  it.each(fixtureFile.fixtures.map((f) => [f.name, f] as const))('still open as they did when made: %s', (_name, fixture) => {
    const decoded = decodeLink(fixture.link)
    if (!decoded.ok) throw new Error(decoded.error)
    expect(decoded.document).toEqual(load(fixture.document))
    expect(decoded.tick).toBe('tick' in fixture ? fixture.tick : undefined)
  })

  it('include hostile text, every value type and custom edge ids', () => {
    const text = JSON.stringify(fixtureFile.fixtures)
    expect(text).toContain(JSON.stringify(HOSTILE))
    expect(text).toContain('"my wire"')
    expect(fixtureFile.fixtures.length).toBeGreaterThanOrEqual(8)
  })
})

describe('decodeLink fuzzed', () => {
  it('survives 10,000 mutated links: no throw, and every refusal has a message', () => {
    const prng = new Prng(2024)
    const seeds = [
      encodeLink(part3, { tick: 5 }),
      encodeLink(echoers),
      encodeLink(pingPong),
      ...fixtureFile.fixtures.map((f) => f.link),
      encodeLink(randomMesh({ nodes: 30, seed: 4 })),
      // Format 4: a run done to by hand, with an edit.
      encodeLink(part3, {
        tick: 6,
        history: {
          document: part3,
          entries: [
            { tick: 2, action: { type: 'send', node: 'a', values: [5, 'x'] } },
            { tick: 4, action: { type: 'update', document: { ...part3, mode: 'flush' } } },
            { tick: 5, action: null },
          ],
          end: 6,
        },
      }),
    ]
    const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$.&=#%<>"\' é😀\u0000'
    const randomChar = () => CHARS[prng.randint(0, CHARS.length - 1)]!
    const mutate = (link: string): string => {
      let out = link
      const edits = prng.randint(1, 4)
      for (let k = 0; k < edits; k++) {
        const at = prng.randint(0, out.length)
        switch (prng.randint(0, 5)) {
          case 0: // flip
            out = out.slice(0, at) + randomChar() + out.slice(at + 1)
            break
          case 1: // insert
            out = out.slice(0, at) + randomChar() + out.slice(at)
            break
          case 2: // delete
            out = out.slice(0, at) + out.slice(at + 1)
            break
          case 3: // truncate
            out = out.slice(0, at)
            break
          case 4: {
            // splice in a piece of another link
            const other = seeds[prng.randint(0, seeds.length - 1)]!
            const from = prng.randint(0, other.length)
            out = out.slice(0, at) + other.slice(from, from + prng.randint(1, 40)) + out.slice(at + prng.randint(0, 40))
            break
          }
          default: // swap two halves
            out = out.slice(at) + out.slice(0, at)
        }
      }
      return out
    }
    let refused = 0
    let opened = 0
    for (let n = 0; n < 10_000; n++) {
      const link = mutate(seeds[n % seeds.length]!)
      let decoded: ReturnType<typeof decodeLink>
      try {
        decoded = decodeLink(link)
      } catch (e) {
        throw new Error(`decodeLink threw on ${JSON.stringify(link)}`, { cause: e })
      }
      if (decoded.ok) {
        opened++
        expect(parseDocument(decoded.document).ok).toBe(true)
      } else {
        refused++
        expect(decoded.error.trim().length).toBeGreaterThan(10)
      }
    }
    expect(refused).toBeGreaterThan(5_000)
    expect(refused + opened).toBe(10_000)
  })
})
