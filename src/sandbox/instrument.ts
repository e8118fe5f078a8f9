/**
 * Meters a code node's source before the compartment evaluates it: a call
 * to the meter at the start of every loop body and every function body, so
 * that code which runs on without yielding (an infinite loop, runaway
 * recursion) spends a budget and is stopped at a step the run can replay,
 * not by a watchdog's clock. The calls are inserted on the lines they
 * belong to, so the code's errors keep their lines. Parsing only (acorn).
 */
import { parse, type Node } from 'acorn'

/** The meter's name in the compartment: code may not use it (a local of that name would take the calls away from the meter). */
export const METER = '__meshStep'

export const METER_RESERVED = `${METER} is a name the sandbox keeps for itself: rename it`

/** How compileCoroutine wraps the source: the source starts after this. */
const PREFIX = '(\n'

type Tree = Node & Record<string, unknown>

interface Insert {
  at: number
  text: string
  /** Closes what an earlier insert opened: at one position, closings come first, the innermost first. */
  closes?: boolean
}

const CALL = `${METER}();`

/** Where the body of a loop or a function gets its meter call. */
function meterBody(body: Tree, inserts: Insert[]): void {
  if (body.type === 'BlockStatement') {
    // After the directives ("use strict"), which must stay the first statements.
    const statements = body.body as Tree[]
    let at = body.start + 1
    let text = CALL
    for (const statement of statements) {
      if (statement.type !== 'ExpressionStatement' || typeof statement.directive !== 'string') break
      // A directive may end without its semicolon.
      at = statement.end
      text = `;${CALL}`
    }
    inserts.push({ at, text })
    return
  }
  inserts.push({ at: body.start, text: `{${CALL}` }, { at: body.end, text: '}', closes: true })
}

/** An arrow function's expression body: `(meter(), expression)`. */
function meterExpression(body: Tree, inserts: Insert[]): void {
  inserts.push({ at: body.start, text: `(${METER}(), ` }, { at: body.end, text: ')', closes: true })
}

function walk(node: unknown, inserts: Insert[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, inserts)
    return
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return
  const tree = node as Tree
  switch (tree.type) {
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      meterBody(tree.body as Tree, inserts)
      break
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression': {
      const body = tree.body as Tree
      if (body.type === 'BlockStatement') meterBody(body, inserts)
      else meterExpression(body, inserts)
      break
    }
  }
  for (const key in tree) {
    if (key === 'loc' || key === 'type' || key === 'start' || key === 'end') continue
    walk(tree[key], inserts)
  }
}

/**
 * The source with its meter calls. Throws a SyntaxError if the source uses
 * the meter's name; a source that does not parse is returned as it is, for
 * the compartment to refuse with its own message (checkSource has refused
 * it before, where it came through the checker).
 */
export function instrument(source: string): string {
  if (source.includes(METER)) throw new SyntaxError(METER_RESERVED)
  let program: Node
  try {
    program = parse(`${PREFIX}${source}\n)`, { ecmaVersion: 'latest', sourceType: 'script' })
  } catch {
    return source
  }
  const inserts: Insert[] = []
  walk(program, inserts)
  // In the text's order; at one position, closings first (innermost, found last, first), then openings (outermost, found first, first).
  const ordered = inserts
    .map((insert, index) => ({ ...insert, index }))
    .sort((a, b) => a.at - b.at || Number(b.closes ?? false) - Number(a.closes ?? false) || (a.closes ? b.index - a.index : a.index - b.index))
  let out = ''
  let from = 0
  for (const { at, text } of ordered) {
    const pos = at - PREFIX.length
    out += source.slice(from, pos) + text
    from = pos
  }
  out += source.slice(from)
  return out
}
