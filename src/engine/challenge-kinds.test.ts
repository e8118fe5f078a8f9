/** The challenge kinds after the first four: an exact output sequence, a mesh the learner builds, a queue bound, a tasklet kept fed. */
import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import { checkChallenge, describeChallenge, parseChallenge, type Challenge } from './challenge'
import { parseDocument, type HandPick, type MeshDocument } from './document'
import { withPicks } from './schedulers'
import { chainDocument, meshDocument } from './testing'

function part3(seed = 5): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, seed }
}
const one = (...ids: string[]): HandPick[] => ids.map((run) => ({ run, take: 'one' }))
/** Part 3 with seed 5 prints 2x2, 2x4, 3x1, 3x3 (the seed's printout) and drains at tick 16. */
const PRINTOUT = ['2x2', '2x4', '3x1', '3x3']

describe('a challenge', () => {
  describe('of an exact output sequence', () => {
    it('is won by exactly these outputs in this order, once no work is left', () => {
      const c: Challenge = { kind: 'sequence', outputs: PRINTOUT }
      expect(describeChallenge(c, part3())).toBe('Make the sinks print exactly 2x2, 2x4, 3x1 and 3x3, in this order, and nothing else.')
      expect(checkChallenge(c, part3())).toEqual({ won: true, detail: 'won: the sinks printed exactly the 4 outputs, in order, the last at tick 16' })
    })

    it('is not yet won by one more, one fewer, another order, or a run that has not drained', () => {
      expect(checkChallenge({ kind: 'sequence', outputs: PRINTOUT.slice(0, 3) }, part3()).detail).toBe('not yet: the sinks printed 3x3 at tick 16, after all 3 outputs wanted')
      expect(checkChallenge({ kind: 'sequence', outputs: [...PRINTOUT, '9'] }, part3()).detail).toBe('not yet: the sinks printed 4 of the 5 outputs; next comes 9, and no work is left')
      expect(checkChallenge({ kind: 'sequence', outputs: ['2x2', '3x1'] }, part3()).detail).toBe('not yet: output 2 is 2x4 (tick 14), where 3x1 is wanted')
      const stopped = checkChallenge({ kind: 'sequence', outputs: PRINTOUT }, withPicks(part3(), one('a')))
      expect(stopped).toEqual({ won: false, detail: 'not yet: the sinks printed 0 of the 4 outputs; next comes 2x2 (4 items still queued: your turn)' })
    })
  })

  describe('of a mesh the learner builds that produces given outputs', () => {
    it('is won by these outputs in any order, each as often as listed, and nothing else', () => {
      const c: Challenge = { kind: 'produce', outputs: ['3x3', '3x1', '2x4', '2x2'], node: 's' }
      expect(describeChallenge(c, part3())).toBe('Build a mesh in which sink prints exactly 3x3, 3x1, 2x4 and 2x2, in any order, and nothing else.')
      expect(checkChallenge(c, part3())).toEqual({ won: true, detail: 'won: sink printed exactly the 4 outputs wanted, in 16 activations' })
    })

    it('is not yet won by a mesh that prints something unwanted, or too little', () => {
      expect(checkChallenge({ kind: 'produce', outputs: ['3x3', '3x1', '2x4'] }, part3()).detail).toBe('not yet: the sinks printed 2x2 at tick 13, which is not wanted')
      expect(checkChallenge({ kind: 'produce', outputs: [...PRINTOUT, '2x2'] }, part3()).detail).toBe('not yet: 4 of the 5 outputs printed; still to come 2x2, and no work is left')
      // A mesh the learner has not wired yet: start sends nowhere, nothing is printed.
      const unwired = { ...part3(), edges: [] }
      expect(checkChallenge({ kind: 'produce', outputs: ['2x2'] }, unwired).detail).toBe('not yet: 0 of the 1 output printed; still to come 2x2, and no work is left')
    })
  })

  describe('of a queue never over N', () => {
    it('is won when the mesh drains with no queue over N, and says the fullest', () => {
      expect(describeChallenge({ kind: 'queue-max', max: 4 }, part3())).toBe('Drain the mesh with every queue never holding more than 4 items.')
      expect(checkChallenge({ kind: 'queue-max', max: 4 }, part3())).toEqual({ won: true, detail: 'won: the mesh drained, and the fullest queue held at most 4 items' })
    })

    it('is not yet won when a queue held more, saying which, when and by how much', () => {
      expect(checkChallenge({ kind: 'queue-max', max: 3, node: 's' }, part3())).toEqual({ won: false, detail: "not yet: sink's queue held 4 items at tick 12, 1 over 3" })
      expect(checkChallenge({ kind: 'queue-max', max: 1 }, withPicks(part3(), one('a'))).detail).toMatch(/^not yet: \w+'s queue held 4 items at tick \d+, 3 over 1$/)
      expect(checkChallenge({ kind: 'queue-max', max: 9 }, withPicks(part3(), one('a'))).detail).toBe(
        'not yet: the fullest queue held at most 4 items so far, but the mesh has not drained (4 items still queued: your turn)',
      )
      expect(checkChallenge({ kind: 'queue-max', max: 9, node: 'constructor' }, part3()).detail).toBe('not yet: the mesh has no tasklet "constructor"')
    })
  })

  describe('of a tasklet never starved', () => {
    // The tripler has an item from the start, and the picks run everyone else first: it waits 9 ticks (see challenge.test.ts).
    const starving = withPicks(
      meshDocument({
        ...chainDocument(),
        inputs: [
          { node: 'a', values: [1, 2, 3] },
          { node: 't', values: [5] },
        ],
      }),
      one('a', 'a', 'a', 'd', 'd', 'd', 's', 's', 's', 't'),
    )

    it('is won when the mesh drains and it never waited with items that long', () => {
      expect(describeChallenge({ kind: 'never-starved', node: 'r', ticks: 5 }, part3())).toBe('Keep recycler fed: drain the mesh without it waiting with items for 5 ticks in a row.')
      expect(checkChallenge({ kind: 'never-starved', node: 'r', ticks: 5 }, part3())).toEqual({
        won: true,
        detail: 'won: the mesh drained, and recycler never waited with items while others ran',
      })
    })

    it("is not yet won when it waited that long: the starvation figures' count", () => {
      expect(checkChallenge({ kind: 'never-starved', node: 't', ticks: 9 }, starving)).toEqual({
        won: false,
        detail: 'not yet: tripler had items and did not run for 9 ticks in a row; keep it under 9',
      })
      expect(checkChallenge({ kind: 'never-starved', node: 't', ticks: 10 }, starving).won).toBe(checkChallenge({ kind: 'starve', node: 't', ticks: 10 }, starving).won)
      expect(checkChallenge({ kind: 'never-starved', node: '__proto__', ticks: 2 }, part3()).detail).toBe('not yet: the mesh has no tasklet "__proto__" to keep fed')
    })
  })

  describe('read from elsewhere', () => {
    it('is each new kind, read field by field', () => {
      const input = { kind: 'sequence', outputs: ['a'], node: 's' }
      const read = parseChallenge(input)
      expect(read).toEqual({ ok: true, challenge: input })
      expect(read.ok && read.challenge.kind === 'sequence' && read.challenge.outputs).not.toBe(input.outputs)
      expect(parseChallenge({ kind: 'produce', outputs: ['a', 'a'] })).toEqual({ ok: true, challenge: { kind: 'produce', outputs: ['a', 'a'] } })
      expect(parseChallenge({ kind: 'queue-max', max: 0 })).toEqual({ ok: true, challenge: { kind: 'queue-max', max: 0 } })
      expect(parseChallenge({ kind: 'never-starved', node: 'r', ticks: 3 })).toEqual({ ok: true, challenge: { kind: 'never-starved', node: 'r', ticks: 3 } })
    })

    it.each([
      [{ kind: 'sequence', outputs: [] }, 'challenge.outputs: has no outputs'],
      [{ kind: 'produce', outputs: ['<img src=x>', 'x'.repeat(501)] }, 'challenge.outputs[1]: is longer than 500 characters'],
      [{ kind: 'queue-max', max: -1 }, 'challenge.max: is below 0'],
      [{ kind: 'queue-max', max: 1e300 }, 'challenge.max: is above 1000000000'],
      [{ kind: 'never-starved', node: 'r', ticks: 0 }, 'challenge.ticks: is below 1'],
      [{ kind: 'never-starved', ticks: 3 }, 'challenge.node: is missing'],
    ])('refuses %j, naming the field', (input, error) => {
      const read = parseChallenge(input)
      expect(read.ok ? [] : read.errors[0]).toBe(error)
    })
  })
})
