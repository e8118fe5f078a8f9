import { describe, expect, expectTypeOf, it } from 'vitest'
import { Tasklet } from '../tasklet'
import { mod, type Value } from '../value'
import { BUILTIN_KINDS, KINDS } from '.'
import { defineKind, type Behaviour, type KindContext, type NodeEnv, type Port } from './kind'

/** A kind of this test's own: even items go to `even`, odd ones to `odd`. */
const parity = defineKind({
  kind: 'parity',
  summary: 'Even items go to even, odd ones to odd.',
  ports: ['even', 'odd'],
  params: [],
  *behaviour({ even, odd }) {
    while (true) {
      const i = yield
      if (mod(i, 2) === 0) even(i)
      else odd(i)
    }
  },
})

const noCompiler: KindContext = { compile: () => new Error('no code here'), group: () => new Error('no group here') }

describe('defineKind', () => {
  it('gives a coroutine exactly the ports its kind lists, by name', () => {
    defineKind({
      kind: 'typo',
      summary: 'Destructures a port it does not list.',
      ports: ['even', 'odd'],
      params: [],
      // @ts-expect-error: "evn" is not one of the kind's ports, so the coroutine cannot take it.
      *behaviour({ evn }) {
        yield
        evn(1)
      },
    })
    defineKind({
      kind: 'sinkish',
      summary: 'Lists no ports.',
      ports: [],
      params: [],
      *behaviour(ports) {
        expectTypeOf(ports).toEqualTypeOf<Record<never, Port>>()
        yield
      },
    })
  })

  it('builds every node of the kind with its one coroutine, on the ports it lists', () => {
    expect(parity.portsOf({})).toEqual(['even', 'odd'])
    const { key, behaviour } = parity.build({}, noCompiler)
    expect(key).toBe('parity')
    if (behaviour instanceof Error) throw behaviour
    const sent: [string, Value][] = []
    const port = (name: string): Port => {
      const send = (value: Value) => void sent.push([name, value])
      return Object.assign(send, { send })
    }
    new Tasklet<Value>(behaviour, { even: port('even'), odd: port('odd') }, {}, {} as NodeEnv).send(1).send(2).flush()
    expect(sent).toEqual([
      ['odd', 1],
      ['even', 2],
    ])
  })

  it('makes the built-in kinds keep no state between items, so a snapshot holds their whole run', () => {
    for (const kind of BUILTIN_KINDS) {
      expect(KINDS[kind].keepsState).toBe(false)
      expect(KINDS[kind].build({}, noCompiler).key).toBe(kind)
      expect(KINDS[kind].portsOf({})).toBe(KINDS[kind].ports)
    }
  })
})

describe('the code kind', () => {
  it("takes its ports from the node, and its coroutine from the run's compiler, keyed by its source", () => {
    const node = { code: { source: 'yes-or-no', ports: ['yes', 'no'] } }
    const compiled: Behaviour = function* () {}
    const context: KindContext = { compile: (source) => (source === 'yes-or-no' ? compiled : new SyntaxError(source)), group: () => new Error('no group here') }
    expect(KINDS.code.portsOf(node)).toEqual(['yes', 'no'])
    expect(KINDS.code.build(node, context)).toEqual({ key: 'code:yes-or-no', behaviour: compiled })
    expect(KINDS.code.keepsState).toBe(true)
  })

  it('has no ports and an empty source when the node brings no code', () => {
    expect(KINDS.code.portsOf({})).toEqual([])
    expect(KINDS.code.build({}, noCompiler)).toEqual({ key: 'code:', behaviour: new Error('no code here') })
  })
})
