import { describe, expect, it } from 'vitest'

import { POLICY_TEMPLATES } from '../../sandbox/policy-templates'
import { choiceOf, firstLanes, laneChoices, nextLane, specName } from './compare-choices'

const OWN = { name: 'Mine', source: 'function (mesh) { return mesh.tasklets[0].id }' }

describe('the lanes a comparison offers', () => {
  it("lists the seed's two schedulers in both modes, then the mesh's own policy and every template", () => {
    const choices = laneChoices({ policy: OWN })
    expect(choices.map((c) => c.label)).toEqual([
      'taskmaster, flush',
      'taskmaster, next',
      'priority, flush',
      'priority, incremental',
      "Mine (this mesh's policy)",
      ...POLICY_TEMPLATES.map((t) => `${t.title} (template)`),
    ])
    expect(laneChoices({}).some((c) => c.key === 'policy:mesh')).toBe(false)
  })

  it('knows a written policy by its source, and names a lane as its heading does', () => {
    const choices = laneChoices({ policy: OWN })
    const longest = POLICY_TEMPLATES.find((t) => t.id === 'longest-queue')!
    expect(choiceOf({ scheduler: 'policy', mode: 'next', policy: { name: 'renamed', source: longest.source } }, choices)?.key).toBe('policy:longest-queue')
    expect(choiceOf({ scheduler: 'policy', mode: 'flush', policy: OWN }, choices)?.key).toBe('policy:mesh')
    expect(choiceOf({ scheduler: 'policy', mode: 'flush', policy: { name: 'gone', source: 'other' } }, choices)).toBeNull()
    expect(choiceOf({ scheduler: 'priority', mode: 'next' }, choices)?.key).toBe('priority:next')
    expect(specName({ scheduler: 'priority', mode: 'next' })).toBe('priority, incremental')
    expect(specName({ scheduler: 'policy', mode: 'flush', policy: { name: '', source: 'x' } })).toBe('untitled (written policy)')
  })

  it("starts with the lesson's lanes, else the mesh's scheduler and the other one (a policy's mesh: its policy and the taskmaster taking one item)", () => {
    const pair = [
      { scheduler: 'taskmaster', mode: 'flush' },
      { scheduler: 'taskmaster', mode: 'next' },
    ] as const
    expect(firstLanes({ scheduler: 'priority', mode: 'next' }, pair)).toEqual(pair)
    expect(firstLanes({ scheduler: 'priority', mode: 'next' })).toEqual([
      { scheduler: 'priority', mode: 'next' },
      { scheduler: 'taskmaster', mode: 'next' },
    ])
    expect(firstLanes({ scheduler: 'policy', mode: 'flush', policy: OWN })).toEqual([
      { scheduler: 'policy', mode: 'flush', policy: OWN },
      { scheduler: 'taskmaster', mode: 'next' },
    ])
  })

  it("offers the mesh's picks by hand, whatever the lane's mode, and starts a hand mesh's comparison with them and the taskmaster", () => {
    const hand = { picks: [{ run: 'a', take: 'one' as const }] }
    const choices = laneChoices({ hand })
    expect(choices.at(-1)).toEqual({ key: 'hand', label: 'Your 1 pick (by hand)', group: 'hand', spec: { scheduler: 'hand', mode: 'flush' } })
    expect(laneChoices({}).some((c) => c.group === 'hand')).toBe(false)
    expect(choiceOf({ scheduler: 'hand', mode: 'next' }, choices)?.key).toBe('hand')
    expect(specName({ scheduler: 'hand', mode: 'flush' })).toBe('your picks (by hand)')
    expect(firstLanes({ scheduler: 'hand', mode: 'flush' })).toEqual([
      { scheduler: 'hand', mode: 'flush' },
      { scheduler: 'taskmaster', mode: 'flush' },
    ])
  })

  it('adds the first lane no lane runs yet', () => {
    const choices = laneChoices({})
    expect(
      nextLane(
        [
          { scheduler: 'taskmaster', mode: 'flush' },
          { scheduler: 'priority', mode: 'flush' },
        ],
        choices,
      ),
    ).toEqual({ scheduler: 'taskmaster', mode: 'next' })
  })
})
