/**
 * Checks a code node's source before anything runs it: it must parse, in
 * strict mode, as one generator function expression — what compileCoroutine
 * accepts — and must not load code (`import()`, `import.meta`): the worker's
 * lockdown can take globals away, but not the `import()` syntax. A written
 * policy is checked alike, as one plain function expression (what
 * compilePolicy accepts). Parsing only (acorn); nothing is evaluated, so
 * this is safe on the page. Lines and columns are the editor's, from 1.
 */
import { parse, type Node } from 'acorn'

/** What a source must be: a code node's coroutine, or a written policy. */
export type SourceShape = 'coroutine' | 'policy'

export const NOT_A_COROUTINE = 'The code must be a generator function: function* (ports, params, self) { … }'
export const NOT_A_POLICY = "The policy must be a function: function (mesh) { … return { run: id, take: 'one' } }"

export type SourceCheck = { ok: true } | { ok: false; message: string; line: number; column: number; from: number; to: number }

/** What compileCoroutine wraps the source in: the source starts on the second line. */
const PREFIX = '"use strict"; (\n'

export const NO_IMPORT = 'import() is not allowed: a code node cannot load other code'
export const NO_IMPORT_META = 'import.meta is not allowed: a code node is not a module'

type Parsed = { ok: true; program: ReturnType<typeof parse> } | Extract<SourceCheck, { ok: false }>

/** Parses the source as compileCoroutine wraps it; a syntax error (or `import.meta`, which a script cannot parse) is placed in the source as typed. */
function parseWrapped(source: string): Parsed {
  try {
    return { ok: true, program: parse(`${PREFIX}${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script', locations: true }) }
  } catch (e) {
    const error = e as SyntaxError & { pos?: number }
    const pos = Math.max(0, Math.min(source.length, (error.pos ?? PREFIX.length) - PREFIX.length))
    const message = /^import\s*\.\s*meta\b/.test(source.slice(pos)) ? NO_IMPORT_META : error.message.replace(/\s*\(\d+:\d+\)$/, '')
    return fail(source, message, pos)
  }
}

/** The first `import(…)` or `import.meta` anywhere in the tree, if any. */
function findImport(node: unknown): Node | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findImport(child)
      if (found) return found
    }
    return null
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return null
  const tree = node as Node & Record<string, unknown>
  if (tree.type === 'ImportExpression') return tree
  if (tree.type === 'MetaProperty' && (tree.meta as { name?: string } | undefined)?.name === 'import') return tree
  for (const key in tree) {
    if (key === 'loc') continue
    const found = findImport(tree[key])
    if (found) return found
  }
  return null
}

function importProblem(source: string, program: ReturnType<typeof parse>): Extract<SourceCheck, { ok: false }> | null {
  const found = findImport(program)
  if (!found) return null
  return fail(source, found.type === 'ImportExpression' ? NO_IMPORT : NO_IMPORT_META, Math.max(0, found.start - PREFIX.length))
}

/** Whether the one expression is what the shape asks for: a generator function, or a plain (not generator, not async) function or arrow. */
function fits(expression: Node | null, shape: SourceShape): boolean {
  if (!expression) return false
  const fn = expression as Node & { generator?: boolean; async?: boolean }
  if (shape === 'coroutine') return fn.type === 'FunctionExpression' && fn.generator === true
  return (fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression') && !fn.generator && !fn.async
}

/** Checks a source as the compiler will take it: a code node's coroutine (the default), or a written policy. */
export function checkSource(source: string, shape: SourceShape = 'coroutine'): SourceCheck {
  const parsed = parseWrapped(source)
  if (!parsed.ok) return parsed
  const program = parsed.program
  const statement = program.body[1]
  const expression = statement?.type === 'ExpressionStatement' ? statement.expression : null
  // One statement only (after the directive): a source that closes the wrapping parenthesis would have the compiler run what follows.
  const extra = program.body[2]
  if (!fits(expression, shape) || extra) {
    const start = Math.max(0, (extra?.start ?? expression?.start ?? PREFIX.length) - PREFIX.length)
    return fail(source, shape === 'coroutine' ? NOT_A_COROUTINE : NOT_A_POLICY, start)
  }
  return importProblem(source, program) ?? { ok: true }
}

/** Checks a written policy's source: `checkSource(source, 'policy')`. */
export const checkPolicySource = (source: string): SourceCheck => checkSource(source, 'policy')

/**
 * What compileCoroutine checks before it compiles, wherever the code came
 * from (typed here, a link, a file, the CLI): that it parses, and loads no
 * code. Throws a SyntaxError saying where, as checkSource would.
 */
export function refuseImports(source: string): void {
  const parsed = parseWrapped(source)
  const problem = parsed.ok ? importProblem(source, parsed.program) : parsed
  if (problem) throw new SyntaxError(describeCheck(problem))
}

function fail(source: string, message: string, pos: number): Extract<SourceCheck, { ok: false }> {
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
