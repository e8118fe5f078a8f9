import { describe, expect, it } from 'vitest'

import { CODE_TEMPLATE } from '../engine'
import { checkSource, describeCheck, NO_IMPORT, NO_IMPORT_META, refuseImports } from './check-source'
import { compileCoroutine } from './compile'

function problem(source: string) {
  const check = checkSource(source)
  if (check.ok) throw new Error('expected a problem')
  return check
}

describe('checking a code node before it runs', () => {
  it('accepts the starter coroutine', () => {
    expect(checkSource(CODE_TEMPLATE)).toEqual({ ok: true })
  })

  it('names the line and column of a syntax error in the source as typed', () => {
    const source = 'function* (ports) {\n  cons x = 1\n}'
    const check = problem(source)
    expect(describeCheck(check)).toBe('Line 2, column 8: Unexpected token')
    expect(source.slice(check.from, check.to)).toBe('x = 1')
  })

  it('reports code that is not a generator function', () => {
    expect(problem('function (ports) { return 1 }').message).toMatch(/must be a generator function/)
    expect(problem('42').message).toMatch(/must be a generator function/)
  })

  it('reports a second statement after the function, as the compiler would refuse it', () => {
    expect(problem('function* () {}\nfetch("x")').line).toBe(2)
  })

  it('refuses statements that close the wrapping parenthesis and run code beside the function when it is compiled', () => {
    // `(\n` + source + `\n)` is what the compiler evaluates: this source makes it three statements, the middle one a call.
    const sneaky = 'function* () {}) ; (() => { for (;;) {} })(); (function* () {}'
    expect(problem(sneaky).message).toMatch(/must be a generator function/)
    expect(() => compileCoroutine(sneaky)).toThrow(SyntaxError)
    expect(checkSource('function (mesh) {}) ; (() => 1)(); (function (mesh) {}', 'policy').ok).toBe(false)
  })

  it('checks in strict mode, as the code runs', () => {
    expect(problem('function* () {\n  with (Math) {}\n}').line).toBe(2)
  })

  it('reports an unclosed function at the end of the source', () => {
    const source = 'function* () {\n  yield'
    const check = problem(source)
    expect(check.from).toBeLessThanOrEqual(source.length)
    expect(check.line).toBeGreaterThanOrEqual(2)
  })
})

describe('code that would load code', () => {
  it('is refused at import(), with the line and column of the import', () => {
    const source = 'function* (ports) {\n  const mod = yield import("https://example.com/x.js")\n}'
    const check = problem(source)
    expect(describeCheck(check)).toBe(`Line 2, column 21: ${NO_IMPORT}`)
    expect(source.slice(check.from, check.to)).toBe('import("https://example.com/x.js")')
  })

  it('is refused wherever import() hides: in a nested function, a default value, a template', () => {
    expect(problem('function* () {\n  const load = () => import("./x.js")\n}').message).toBe(NO_IMPORT)
    expect(problem('function* (ports, params = import("x")) {}').message).toBe(NO_IMPORT)
    expect(problem('function* () {\n  yield `${x}${import("x")}`\n}').message).toBe(NO_IMPORT)
  })

  it('is refused at import.meta, which a code node cannot use either', () => {
    const source = 'function* (ports) {\n  ports.out.send(import.meta.url)\n}'
    const check = problem(source)
    expect(describeCheck(check)).toBe(`Line 2, column 18: ${NO_IMPORT_META}`)
  })

  it('lets "import" through where it is only a name: a property, a key, a string', () => {
    expect(checkSource('function* (ports) {\n  const o = { import: 1 }\n  ports.out.send(o.import + "import()")\n}')).toEqual({ ok: true })
  })

  it('is refused by the compiler too, for code that came from a link or a file without the editor', () => {
    expect(() => compileCoroutine('function* () { yield import("x") }')).toThrow(new SyntaxError(`Line 1, column 22: ${NO_IMPORT}`))
    expect(() => refuseImports('function* () { import.meta }')).toThrow(NO_IMPORT_META)
    expect(() => compileCoroutine(CODE_TEMPLATE)).not.toThrow()
  })
})
