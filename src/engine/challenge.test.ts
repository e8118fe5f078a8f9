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

/** Part 3, seed 5: start drains (ticks 1–4), the branch sends 1 and 3 right, and the tripler and the sink print 3x1 and 3x3 (tick 11) before the doubler runs. */
const THREE_FIRST: HandPick[] = [{ run: 'a', take: 'all' }, ...one('b', 'b', 'b', 't', 't', 's', 's')]

describe('a challenge', () => {
  describe('of outputs in an order', () => {
    const challenge: Challenge = { kind: 'order', outputs: ['3x3', '2x2'], node: 's' }

    it('is won once the sink has printed 3x3, then 2x2', () => {
      const doc = withPicks(part3(), [...THREE_FIRST, ...one('d', 's')])
      expect(checkChallenge(challenge, doc)).toEqual({ won: true, detail: 'won: sink printed 3x3 at tick 11, then 2x2 at tick 13' })
    })

    it('is not yet won while 2x2 is still to come, nor by the taskmaster, which prints 2x2 first', () => {
      expect(checkChallenge(challenge, withPicks(part3(), THREE_FIRST))).toEqual({ won: false, detail: 'not yet: sink has not printed 2x2' })
      expect(checkChallenge(challenge, part3())).toEqual({ won: false, detail: 'not yet: sink printed 2x2 first, at tick 13' })
      expect(checkChallenge(challenge, withPicks(part3(), []))).toEqual({ won: false, detail: 'not yet: sink has not printed 3x3' })
    })

    it('says when an output will never come: no work is left', () => {
      const never: Challenge = { kind: 'order', outputs: ['3x3', '9x9'] }
      expect(checkChallenge(never, part3())).toEqual({ won: false, detail: 'not yet: the sinks have not printed 9x9, and no work is left' })
    })
  })

  describe('to drain the mesh in at most N activations', () => {
    it('is won when no work is left by then: the taskmaster takes 16 on Part 3', () => {
      expect(checkChallenge({ kind: 'drain', maxActivations: 16 }, part3())).toEqual({ won: true, detail: 'won: the mesh drained in 16 activations (at most 16)' })
    })

    it('is not yet won with more, or with work left', () => {
      expect(checkChallenge({ kind: 'drain', maxActivations: 15 }, part3())).toEqual({ won: false, detail: 'not yet: the mesh drained in 16 activations, 1 more than 15' })
      expect(checkChallenge({ kind: 'drain', maxActivations: 16 }, withPicks(part3(), THREE_FIRST))).toEqual({
        won: false,
        detail: 'not yet: 11 activations so far (at most 16 in all), and 2 items still queued: your turn',
      })
      expect(checkChallenge({ kind: 'drain', maxActivations: 3 }, withPicks(part3(), THREE_FIRST))).toEqual({
        won: false,
        detail: 'not yet: 11 activations so far (more than 3 already), and 2 items still queued: your turn',
      })
    })

    it('does not wait past its tick limit for a mesh that never drains', () => {
      const loop = meshDocument({
        nodes: [
          { id: 'p', kind: 'start' },
          { id: 'q', kind: 'start' },
        ],
        edges: [
          { source: 'p', port: 'target', target: 'q' },
          { source: 'q', port: 'target', target: 'p' },
        ],
        inputs: [{ node: 'p', values: [0] }],
      })
      expect(checkChallenge({ kind: 'drain', maxActivations: 10 }, loop, { maxTicks: 500 })).toEqual({
        won: false,
        detail: 'not yet: 500 activations so far (more than 10 already), and still running after 500 ticks',
      })
    })
  })

  describe('to starve a tasklet', () => {
    // The tripler has an item from the start, and the picks run everyone else.
    const doc = withPicks(
      meshDocument({
        ...chainDocument(),
        inputs: [
          { node: 'a', values: [1, 2, 3] },
          { node: 't', values: [5] },
        ],
      }),
      one('a', 'a', 'a', 'd', 'd', 'd', 's', 's', 's', 't'),
    )

    it('is won when it had items and did not run for N ticks in a row', () => {
      expect(checkChallenge({ kind: 'starve', node: 't', ticks: 9 }, doc)).toEqual({ won: true, detail: 'won: tripler had items and did not run for 9 ticks in a row' })
    })

    it('is not yet won with a shorter wait, or none, and says which', () => {
      expect(checkChallenge({ kind: 'starve', node: 't', ticks: 10 }, doc)).toEqual({
        won: false,
        detail: 'not yet: tripler waited with items for at most 9 ticks in a row; 10 are needed',
      })
      expect(checkChallenge({ kind: 'starve', node: 'd', ticks: 3 }, doc)).toEqual({
        won: false,
        detail: 'not yet: doubler waited with items for at most 2 ticks in a row; 3 are needed',
      })
      expect(checkChallenge({ kind: 'starve', node: 'r', ticks: 20 }, part3())).toEqual({ won: false, detail: 'not yet: recycler has not yet waited with items while others ran' })
      expect(checkChallenge({ kind: 'starve', node: 'ghost', ticks: 2 }, doc)).toEqual({ won: false, detail: 'not yet: the mesh has no tasklet "ghost" to starve' })
    })

    it('counts a wait still going at the end of the run, as the figures do', () => {
      const waiting = withPicks(doc, one('a', 'a', 'd'))
      expect(checkChallenge({ kind: 'starve', node: 't', ticks: 3 }, waiting).won).toBe(true)
    })
  })

  describe("to match a scheduler's outputs with fewer activations", () => {
    const chain = meshDocument({ ...chainDocument(), inputs: [{ node: 'a', values: [1, 2] }] })
    const same: Challenge = { kind: 'match', scheduler: 'priority', mode: 'flush', fewer: false }

    it('is won by the same outputs in as many activations, when that is allowed', () => {
      expect(checkChallenge(same, withPicks(chain, one('a', 'd', 's', 'a', 'd', 's')))).toEqual({
        won: true,
        detail: "won: the priority scheduler (flush)'s 2 outputs in 6 activations; it takes 6",
      })
    })

    it('is won by the same outputs in fewer activations, where the order of the draws decides the way', () => {
      // The branch sends an odd item to the sink or, drawing 1, by way of the recycler, which draws too, whatever it draws: let it take the 1s.
      const shortcut = meshDocument({
        nodes: [
          { id: 's', kind: 'sink' },
          { id: 'b', kind: 'branch' },
          { id: 'r', kind: 'recycler' },
        ],
        edges: [
          { source: 'b', port: 'left', target: 's' },
          { source: 'b', port: 'right', target: 's' },
          { source: 'b', port: 'rand', target: 'r' },
          { source: 'r', port: 'sink', target: 's' },
          { source: 'r', port: 'beginning', target: 's' },
        ],
        inputs: [{ node: 'b', values: [1, 3, 5, 7] }],
        seed: 6,
      })
      const challenge: Challenge = { kind: 'match', scheduler: 'priority', mode: 'flush', fewer: true }
      expect(checkChallenge(challenge, withPicks(shortcut, one('b', 's', 'b', 'b', 's', 'r', 's', 'b', 's')))).toEqual({
        won: true,
        detail: "won: the priority scheduler (flush)'s 4 outputs in 9 activations; it takes 10",
      })
      expect(checkChallenge(challenge, shortcut).won).toBe(false)
    })

    it('is not yet won with other outputs, too few, or the same in as many when it must be fewer', () => {
      expect(checkChallenge(same, withPicks(chain, one('a', 'd', 's')))).toEqual({
        won: false,
        detail: 'not yet: you printed 1 of the 2 outputs the priority scheduler (flush) prints; next comes 2x3',
      })
      expect(checkChallenge({ ...same, fewer: true }, withPicks(chain, one('a', 'd', 's', 'a', 'd', 's')))).toEqual({
        won: false,
        detail: 'not yet: the same outputs, but in 6 activations; the priority scheduler (flush) takes 6',
      })
      const swapped = withPicks(chain, one('a', 'a', 'd', 'd', 's', 's'))
      expect(checkChallenge({ kind: 'match', scheduler: 'taskmaster', mode: 'next', fewer: false }, swapped).won).toBe(true)
      const part3Hand = withPicks(part3(), THREE_FIRST)
      expect(checkChallenge({ kind: 'match', scheduler: 'taskmaster', mode: 'flush', fewer: true }, part3Hand)).toEqual({
        won: false,
        detail: "not yet: your output 1 is 3x1, where the taskmaster (flush)'s is 2x2",
      })
    })
  })

  it('gives no verdict on a mesh with code it was given no compiler for, rather than a wrong one', () => {
    const code = meshDocument({
      nodes: [
        { id: 'c', kind: 'code' },
        { id: 's', kind: 'sink' },
      ],
      edges: [{ source: 'c', port: 'out', target: 's' }],
      inputs: [{ node: 'c', values: [1] }],
    })
    expect(checkChallenge({ kind: 'drain', maxActivations: 5 }, code)).toEqual({ won: false, detail: 'not checked: the mesh has code nodes, and this check runs no code' })
    const policy = { ...part3(), scheduler: 'policy' as const, policy: { name: 'p', source: 'function (mesh) { return mesh.tasklets[0].id }' } }
    expect(checkChallenge({ kind: 'drain', maxActivations: 5 }, policy).detail).toBe('not checked: a written policy schedules the mesh, and this check runs no code')
    expect(checkChallenge({ kind: 'drain', maxActivations: 16 }, policy, { policy: () => (mesh) => mesh.tasklets.find((t) => t.queued > 0)!.id }).won).toBe(true)
  })

  it('is described in a sentence naming the tasklets', () => {
    const doc = part3()
    expect(describeChallenge({ kind: 'order', outputs: ['3x3', '2x2'], node: 's' }, doc)).toBe('Make sink print 3x3 before 2x2.')
    expect(describeChallenge({ kind: 'drain', maxActivations: 16 }, doc)).toBe('Drain the mesh (no work left) in at most 16 activations.')
    expect(describeChallenge({ kind: 'starve', node: 'r', ticks: 20 }, doc)).toBe('Starve recycler: it has items and does not run for 20 ticks in a row.')
    expect(describeChallenge({ kind: 'match', scheduler: 'priority', mode: 'next', fewer: true }, doc)).toBe(
      'Print what the priority scheduler (incremental) prints, in the same order, and drain the mesh in fewer activations than it takes.',
    )
  })

  describe('read from elsewhere', () => {
    it('is read field by field, with defaults', () => {
      expect(parseChallenge({ kind: 'match', scheduler: 'priority', mode: 'flush' })).toEqual({
        ok: true,
        challenge: { kind: 'match', scheduler: 'priority', mode: 'flush', fewer: true },
      })
      const input = { kind: 'order', outputs: ['a', 'b'] }
      const read = parseChallenge(input)
      expect(read).toEqual({ ok: true, challenge: { kind: 'order', outputs: ['a', 'b'] } })
      expect(read.ok && read.challenge.kind === 'order' && read.challenge.outputs).not.toBe(input.outputs)
    })

    it.each([
      [null, 'challenge: is not a challenge (its kind is order, sequence, produce, drain, queue-max, starve, never-starved or match)'],
      [{ kind: 'win' }, 'challenge.kind: is not a challenge (its kind is order, sequence, produce, drain, queue-max, starve, never-starved or match)'],
      [{ kind: '__proto__' }, 'challenge.kind: is not a challenge (its kind is order, sequence, produce, drain, queue-max, starve, never-starved or match)'],
      [{ kind: 'drain', maxActivations: 0 }, 'challenge.maxActivations: is below 1'],
      [{ kind: 'drain', maxActivations: 1.5 }, 'challenge.maxActivations: is not a whole number'],
      [{ kind: 'drain', maxActivations: '9' }, 'challenge.maxActivations: must be a number, not the text "9"'],
      [{ kind: 'starve', node: 'x'.repeat(65), ticks: 3 }, 'challenge.node: is longer than 64 characters'],
      [{ kind: 'order', outputs: ['only'] }, 'challenge.outputs: has fewer than 2 outputs to order'],
      [{ kind: 'order', outputs: ['a', 'x'.repeat(501)] }, 'challenge.outputs[1]: is longer than 500 characters'],
      [{ kind: 'match', scheduler: 'policy', mode: 'flush' }, 'challenge.scheduler: is not taskmaster or priority'],
      [{ kind: 'drain', maxActivations: 5, run: 'evil()' }, 'challenge.run: is one item too many'],
    ])('refuses %j, naming the field', (input, error) => {
      const read = parseChallenge(input)
      expect(read.ok ? [] : read.errors[0]).toBe(error)
    })
  })
})
