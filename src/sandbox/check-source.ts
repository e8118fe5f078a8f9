/**
 * Checks a code node's source before anything runs it: it must parse, in
 * strict mode, as one generator function expression — what compileCoroutine
 * accepts. Parsing only (acorn); nothing is evaluated, so this is safe on
 * the page. Lines and columns are the editor's, from 1.
 */
import { parse } from 'acorn'

export type SourceCheck = { ok: true } | { ok: false; message: string; line: number; column: number; from: number; to: number }

/** What compileCoroutine wraps the source in: the source starts on the second line. */
const PREFIX = '"use strict"; (\n'

export function checkSource(source: string): SourceCheck {
  let program
  try {
    program = parse(`${PREFIX}${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script', locations: true })
  } catch (e) {
    const error = e as SyntaxError & { pos?: number; loc?: { line: number; column: number } }
    const pos = Math.max(0, Math.min(source.length, (error.pos ?? PREFIX.length) - PREFIX.length))
    const message = error.message.replace(/\s*\(\d+:\d+\)$/, '')
    return fail(source, message, pos)
  }
  const statement = program.body[1]
  const expression = statement?.type === 'ExpressionStatement' ? statement.expression : null
  if (!expression || expression.type !== 'FunctionExpression' || !expression.generator) {
    const start = Math.max(0, (expression?.start ?? PREFIX.length) - PREFIX.length)
    return fail(source, 'The code must be a generator function: function* (ports, params, self) { … }', start)
  }
  return { ok: true }
}

function fail(source: string, message: string, pos: number): SourceCheck {
  const before = source.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - (before.lastIndexOf('\n') + 1) + 1
  // Mark to the end of the line, at least one character, so the editor has something to underline.
  const lineEnd = source.indexOf('\n', pos)
  const to = Math.max(Math.min(source.length, pos + 1), lineEnd < 0 ? source.length : lineEnd)
  return { ok: false, message, line, column, from: pos, to: Math.min(to, source.length) }
}

/** "Line 3, column 7: Unexpected token" */
export function describeCheck(check: Extract<SourceCheck, { ok: false }>): string {
  return `Line ${check.line}, column ${check.column}: ${check.message}`
}
