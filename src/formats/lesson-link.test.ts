import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, type MeshDocument } from '../engine'
import fixtures from './fixtures/links-v1.json'
import { documentToJson, readMeshFile } from './file'
import { decodeLink, encodeLink, linkOrFile, MAX_LINK_LENGTH } from './link'

function load(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const HOSTILE = '<img src=x onerror="alert(1)">'
const small = (): MeshDocument =>
  load({
    ...part3Json,
    lesson: {
      title: `A lesson ${HOSTILE}`,
      steps: [
        { title: 'Look', text: '*start* holds `0 1 2 3`.', watch: { node: 'a' } },
        { title: 'Go', text: HOSTILE, run: 'to-end', question: { kind: 'next-output', prompt: 'What prints next?' } },
      ],
    },
  })

describe('a lesson in links and files', () => {
  it('survives a round trip through a link (format 3), at a tick too', () => {
    const doc = small()
    const link = encodeLink(doc)
    expect(link).toMatch(/^#mesh=3\./)
    expect(decodeLink(link)).toEqual({ ok: true, document: doc })
    expect(decodeLink(encodeLink(doc, { tick: 4 }))).toEqual({ ok: true, document: doc, tick: 4 })
  })

  it('survives a round trip through a file, byte for byte on a second save', () => {
    const doc = small()
    const text = documentToJson(doc)
    const read = readMeshFile(text)
    expect(read).toEqual({ ok: true, document: doc })
    expect(documentToJson(read.ok ? read.document : doc)).toBe(text)
    expect(text).toContain('"lesson"')
  })

  it("carries every demo's lesson in a link or says why a file is needed", () => {
    for (const id of ['part3-mesh', 'you-are-the-scheduler', 'tasklet-tour']) {
      const demo = findDemo(id)!
      const offered = linkOrFile(demo.document)
      if (offered.ok) expect(decodeLink(offered.link)).toEqual({ ok: true, document: demo.document })
      else expect(offered.reason).toMatch(/^With its lesson, (this mesh holds too much|the link for this mesh would be)/)
    }
  })

  it('says it is the lesson that makes a link too long, and offers the file', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ title: `Step ${i}`, text: Array.from({ length: 60 }, (_, j) => `word${(i * 977 + j * 131) % 10007}`).join(' ') }))
    const doc = load({ ...part3Json, lesson: { steps: long } })
    const offered = linkOrFile(doc)
    expect(offered.ok).toBe(false)
    expect(offered.ok ? '' : offered.reason).toMatch(
      new RegExp(
        `^With its lesson, the link for this mesh would be [\\d,]+ characters long, more than the ${MAX_LINK_LENGTH.toLocaleString('en')} .*\\(without the lesson it would fit\\)\\. Save it as a file`,
      ),
    )
    const { lesson: _, ...mesh } = doc
    expect(linkOrFile(mesh).ok).toBe(true)
  })

  it('keeps opening version-1 links unchanged, with no lesson', () => {
    for (const fixture of fixtures.fixtures) {
      const decoded = decodeLink(fixture.link)
      expect(decoded.ok && 'lesson' in decoded.document).toBe(false)
    }
  })

  it('refuses a link whose lesson is broken, naming the field', () => {
    const doc = small()
    const broken = { ...doc, lesson: { steps: [{ title: 5 }] } } as unknown as MeshDocument
    const decoded = decodeLink(encodeLink(broken))
    expect(decoded.ok ? '' : decoded.error).toMatch(/lesson\.steps\[0\]\.title/)
  })
})
