import { describe, expect, it } from 'vitest'

import { firstDivergence, OutputAgreement, type LaneOutputs } from './compare-outputs'

/** A lane that printed `outputs`, one a tick from tick 1 (or at `ticks`), `more` past those it keeps. */
const lane = (outputs: string[], { ticks, more = 0 }: { ticks?: number[]; more?: number } = {}): LaneOutputs => ({
  outputs,
  outputTicks: ticks ?? outputs.map((_, i) => i + 1),
  outputCount: outputs.length + more,
})

describe('firstDivergence', () => {
  it('finds the first output at which any two of several lanes differ, with what each printed there and when', () => {
    const found = firstDivergence([lane(['a', 'b', 'c']), lane(['a', 'b', 'd'], { ticks: [2, 4, 9] }), lane(['a', 'x', 'c']), lane(['a', 'b', 'c'])])
    expect(found).toEqual({
      index: 1,
      at: [
        { value: 'b', tick: 2 },
        { value: 'b', tick: 4 },
        { value: 'x', tick: 2 },
        { value: 'b', tick: 2 },
      ],
      sameOutputs: false,
    })
  })

  it('has none for lanes that printed the same, or for fewer than two lanes', () => {
    expect(firstDivergence([lane(['a', 'b']), lane(['a', 'b'], { ticks: [5, 6] })])).toBeNull()
    expect(firstDivergence([lane(['a'])])).toBeNull()
    expect(firstDivergence([])).toBeNull()
    expect(firstDivergence([lane([]), lane([])])).toBeNull()
  })

  it('counts a lane that printed fewer outputs as differing where it has none, and tells the same outputs in another order', () => {
    expect(firstDivergence([lane(['a', 'b']), lane(['a'])])).toMatchObject({ index: 1, at: [{ value: 'b' }, null], sameOutputs: false })
    expect(firstDivergence([lane(['a', 'b', 'b']), lane(['b', 'a', 'b'])])).toMatchObject({ index: 0, sameOutputs: true })
    expect(firstDivergence([lane(['a', 'b', 'b']), lane(['b', 'a', 'a'])])).toMatchObject({ index: 0, sameOutputs: false })
  })

  it("tells outputs named as an object's own keys apart from one another, as any other text", () => {
    expect(firstDivergence([lane(['__proto__', 'constructor', 'toString']), lane(['constructor', '__proto__', 'toString'])])).toMatchObject({ index: 0, sameOutputs: true })
    expect(firstDivergence([lane(['__proto__', '__proto__']), lane(['__proto__', 'constructor'])])).toMatchObject({ index: 1, sameOutputs: false })
  })

  it('does not guess past what a lane keeps: where one stopped keeping its outputs, the rest is not told', () => {
    expect(firstDivergence([lane(['a', 'b']), lane(['a'], { more: 5 })])).toBeNull()
    expect(firstDivergence([lane(['a', 'b']), lane(['c'], { more: 5 })])).toMatchObject({ index: 0 })
  })
})

describe('OutputAgreement', () => {
  it('keeps up as the lanes print more: a lane behind differs until it catches up, and a real difference stays', () => {
    const a: string[] = []
    const b: string[] = []
    const lanes = () => [lane(a), lane(b)]
    const agreement = new OutputAgreement(2)
    expect(agreement.find(lanes())).toBeNull()
    a.push('1', '2')
    expect(agreement.find(lanes())).toMatchObject({ index: 0, at: [{ value: '1' }, null] })
    b.push('1', '2')
    expect(agreement.find(lanes())).toBeNull()
    a.push('3')
    b.push('4')
    expect(agreement.find(lanes())).toMatchObject({ index: 2, sameOutputs: false })
    b.push('3')
    a.push('4')
    expect(agreement.find(lanes())).toMatchObject({ index: 2, at: [{ value: '3' }, { value: '4' }], sameOutputs: true })
    expect(() => agreement.find([lane(a)])).toThrow('the comparison has 2 lanes, not 1')
  })
})
