import { describe, expect, it } from 'vitest'
import { checkSource } from './check-source'
import { instrument, METER, METER_RESERVED } from './instrument'

const M = `${METER}();`

describe("metering a code node's source", () => {
  it('puts a step at the start of every loop body and function body', () => {
    const source = `function* (ports) {
  for (let i = 0; i < 3; i++) { ports.out.send(i) }
  while (true) { yield }
  do { yield } while (false)
  for (const x of [1]) { yield x }
  for (const k in {}) { yield k }
}`
    expect(instrument(source)).toBe(`function* (ports) {${M}
  for (let i = 0; i < 3; i++) {${M} ports.out.send(i) }
  while (true) {${M} yield }
  do {${M} yield } while (false)
  for (const x of [1]) {${M} yield x }
  for (const k in {}) {${M} yield k }
}`)
  })

  it("wraps a loop body that is not a block, and an arrow's expression, keeping nested ones inside out", () => {
    expect(instrument('function* () { for (;;) for (;;) yield }')).toBe(`function* () {${M} for (;;) {${M}for (;;) {${M}yield}} }`)
    expect(instrument('function* () { while (true) yield [1].map((x) => x * 2) }')).toBe(`function* () {${M} while (true) {${M}yield [1].map((x) => (${METER}(), x * 2))} }`)
    expect(instrument('function* () { for (;;) f = () => 0\n}')).toBe(`function* () {${M} for (;;) {${M}f = () => (${METER}(), 0)}\n}`)
    expect(instrument('function* () { const o = { m() { return 1 }, get g() { return 2 } }; yield () => ({ a: 1 }) }')).toBe(
      `function* () {${M} const o = { m() {${M} return 1 }, get g() {${M} return 2 } }; yield () => ((${METER}(), { a: 1 })) }`,
    )
  })

  it('keeps directives first and every line where it was, so errors point at the code as typed', () => {
    const source = `function* () {\n  'use strict'\n  while (true) {\n    yield\n  }\n}`
    const out = instrument(source)
    expect(out).toBe(`function* () {\n  'use strict';${M}\n  while (true) {${M}\n    yield\n  }\n}`)
    expect(out.split('\n').length).toBe(source.split('\n').length)
    expect(checkSource(out)).toEqual({ ok: true })
  })

  it("refuses code that uses the meter's name, which would let it take the steps away", () => {
    expect(() => instrument(`function* () { const ${METER} = () => {}; for (;;) {} }`)).toThrow(METER_RESERVED)
  })

  it('leaves code that does not parse as it is, for the compiler to refuse', () => {
    expect(instrument('function* ( {')).toBe('function* ( {')
  })
})
