/**
 * "Export as Python": a mesh as a runnable Python 3 script built from the
 * seed's own Tasklet, node kinds and schedulers, so that a learner can take
 * it back to the articles and run it. Node ids become Python names and
 * every text from the document goes in as an escaped, ASCII-only string
 * literal (or an escaped comment), so no label can break or change the
 * script.
 */
import { KINDS, portsOf, type MeshDocument, type MeshEdge, type MeshNode, type NodeKind, type Value } from '../engine'
import { KIND_SOURCES, meshTasklet, PRIORITY, RUN_RANDOM, TASKLET, TASKMASTER, WIRING } from './python-source'

const KEYWORDS =
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield _ case match'
const BUILTINS =
  'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip'
/** Names the script itself defines or imports. */
const SCRIPT_NAMES =
  'self collections itertools random RunRandom PriorityQueue Empty coroutine Tasklet PriorityTasklet PriorityScheduler MeshTasklet Stopped taskmaster fan_out unwired tasks scheduler stop item MAX_ACTIVATIONS MAX_QUEUE'
const RESERVED = new Set([KEYWORDS, BUILTINS, SCRIPT_NAMES, Object.keys(KIND_SOURCES).join(' ')].join(' ').split(' '))

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0')

/** Text with everything but printable ASCII escaped as Python escapes it (lone surrogates become U+FFFD). */
function escapeText(text: string, quote: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += '\\' + quote
    else if (code >= 0x20 && code < 0x7f) out += ch
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x100) out += '\\x' + hex(code, 2)
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd'
    else if (code < 0x10000) out += '\\u' + hex(code, 4)
    else out += '\\U' + hex(code, 8)
  }
  return out
}

/** A Python string literal: ASCII only, so nothing in it can end the line or the string. */
export function pyString(text: string): string {
  return `'${escapeText(text, "'")}'`
}

/** A one-line comment's text: escaped the same way, so it cannot become code. */
function commentText(text: string): string {
  return escapeText(text, '')
}

/** A value as a Python literal that `print` shows as the playground does. */
export function pyLiteral(value: Value): string {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return pyString(value)
  if (Number.isInteger(value)) return BigInt(value).toString()
  return String(value)
}

/** A Python name for each node: its id made safe, never a keyword, builtin or name of the script's own. */
function pythonNames(nodes: readonly MeshNode[]): Map<string, string> {
  const taken = new Set<string>()
  const names = new Map<string, string>()
  for (const node of nodes) {
    let base =
      node.id
        .replace(/[^A-Za-z0-9_]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 40) || 'node'
    if (/^[0-9]/.test(base)) base = `n_${base}`
    if (RESERVED.has(base)) base = `${base}_`
    let name = base
    for (let n = 2; taken.has(name) || RESERVED.has(name); n++) name = `${base}_${n}`
    taken.add(name)
    names.set(node.id, name)
  }
  return names
}

function lines(items: string[], indent: string, width = 76): string[] {
  const out: string[] = []
  let line = ''
  for (const item of items) {
    if (line && indent.length + line.length + item.length + 2 > width) {
      out.push(indent + line.trimEnd())
      line = ''
    }
    line += `${item}, `
  }
  if (line) out.push(indent + line.trimEnd())
  return out
}

function inputLines(variable: string, values: readonly Value[]): string[] {
  if (values.length === 0) return []
  const literals = values.map(pyLiteral)
  const chained = `${variable}${literals.map((v) => `(${v})`).join('')}`
  if (values.length <= 8 && chained.length <= 76) return [chained]
  return [`for item in [`, ...lines(literals, '    '), ']:', `    ${variable}(item)`]
}

/**
 * A runnable Python 3 script for the mesh: the seed's Tasklet, the kinds'
 * coroutines, the taskmaster or the priority scheduler, wired as the
 * document's edges say, with its inputs, limits and the run's own seeded
 * generator. A mesh scheduled by a written policy (JavaScript) gets the
 * mesh built, the policy's code as comments, and a stop that says why it
 * does not run: never a run under a scheduler the mesh does not have.
 * @example fs.writeFileSync('mesh.py', toPython(doc))
 */
export function toPython(doc: MeshDocument): string {
  const priority = doc.scheduler === 'priority'
  const policy = doc.scheduler === 'policy' ? (doc.policy ?? { name: '', source: '' }) : null
  const names = pythonNames(doc.nodes)
  const kinds = [...new Set(doc.nodes.map((n) => n.kind))].sort((a, b) => Object.keys(KIND_SOURCES).indexOf(a) - Object.keys(KIND_SOURCES).indexOf(b)) as NodeKind[]
  const how = policy
    ? `a written policy, "${commentText(policy.name)}", which this script cannot run`
    : priority
      ? `the priority scheduler, ${doc.mode === 'next' ? 'incremental (flush(incremental=True))' : 'flush()'}`
      : `the taskmaster, ${doc.mode === 'next' ? 'task.next() mode' : 'task.flush() mode'}`

  const out: string[] = [
    '#!/usr/bin/env python3',
    '# Exported from Mesh Playground: a mesh as a Python 3 script you can run.',
    '#',
    `# Mesh: ${commentText(doc.title) || '(untitled)'}`,
    `# ${doc.nodes.length} tasklet${doc.nodes.length === 1 ? '' : 's'}, ${doc.edges.length} wire${doc.edges.length === 1 ? '' : 's'}; scheduler: ${how}; random seed ${doc.seed}.`,
    '#',
    "# The Tasklet, the node kinds and the schedulers are the seed's own, from",
    '# "No Use Case: Meshing" (parts 2 and 3), ported to Python 3 where marked.',
    '# Random choices (branch, recycler, random priorities) are drawn from the',
    "# playground's own generator with the run's seed, so the script takes the",
    '# paths the playground took and prints what it printed.',
    '',
    'import collections',
    ...(priority ? ['import itertools'] : []),
    ...(priority ? ['from queue import PriorityQueue, Empty'] : []),
    '',
    '',
    TASKLET,
    '',
    RUN_RANDOM,
    '',
    "# ---- the node kinds (the seed's Part 3 and its priority example) ---------",
    '',
    kinds.map((kind) => KIND_SOURCES[kind]).join('\n\n'),
    '',
    WIRING,
    '',
    ...(policy ? [] : ["# ---- the scheduler (the seed's Part 3) -----------------------------------", '', priority ? PRIORITY : TASKMASTER[doc.mode], '']),
    meshTasklet(priority ? 'PriorityTasklet' : 'Tasklet'),
    '',
    '# ---- the mesh --------------------------------------------------------------',
    '',
    `MAX_ACTIVATIONS = ${doc.limits.maxActivations}`,
    `MAX_QUEUE = ${doc.limits.maxQueue}`,
    `random = RunRandom(${doc.seed})`,
    '',
    "# Every tasklet first, empty, so that they can target each other (the seed's",
    '# `b = Tasklet()` placeholder, for every node); then their coroutines.',
  ]

  for (const node of doc.nodes) {
    const p = node.priority
    const args = !priority ? '' : typeof p === 'number' ? `None, ${p}` : `None, lambda: random.randint(${p.random[0]}, ${p.random[1]})`
    out.push(`${names.get(node.id)} = MeshTasklet(${args})`)
  }
  out.push('')
  const edgesFrom = new Map<string, MeshEdge[]>()
  for (const edge of doc.edges) {
    const list = edgesFrom.get(edge.source)
    if (list) list.push(edge)
    else edgesFrom.set(edge.source, [edge])
  }
  for (const node of doc.nodes) {
    if (node.code) {
      out.push(`# ${commentText(node.label)} is a code node. Its JavaScript, which Python cannot run`)
      out.push('# (here the node takes its items and does nothing with them):')
      for (const line of node.code.source.split('\n')) out.push(`#   ${commentText(line)}`)
    }
    if (node.group) {
      out.push(`# ${commentText(node.label)} is a group: a mesh of ${node.group.nodes.length} nodes inside a node, which this export`)
      out.push('# does not write out (here the node takes its items and does nothing with them).')
    }
    const targets = portsOf(node).map((port) => {
      const wired = (edgesFrom.get(node.id) ?? []).filter((e) => e.port === port).map((e) => names.get(e.target)!)
      return wired.length === 0 ? 'unwired' : wired.length === 1 ? wired[0]! : `fan_out(${wired.join(', ')})`
    })
    const params = KINDS[node.kind].params.map((param) => pyLiteral(node.params[param.name] ?? param.default))
    const args = [node.kind, ...targets, ...params].join(', ')
    out.push(`${names.get(node.id)}.set(${args}).name(${pyString(node.label)})`)
  }
  out.push('', `tasks = [${doc.nodes.map((n) => names.get(n.id)).join(', ')}]`, '')
  for (const input of doc.inputs) out.push(...inputLines(names.get(input.node)!, input.values))
  if (policy) {
    out.push(
      '',
      `# The mesh is scheduled by a written policy, "${commentText(policy.name)}": JavaScript that decides`,
      "# which tasklet runs next. The seed's Python has no such scheduler (only the taskmaster",
      '# and the priority scheduler), so this script builds the mesh and stops here rather',
      '# than run it under a scheduler the mesh does not have. The policy, for reference:',
      ...policy.source.split('\n').map((line) => `#   ${commentText(line)}`),
      `raise SystemExit(${pyString(`This mesh is scheduled by a written policy ("${policy.name}"), which the seed's Python cannot run: choose the taskmaster or the priority scheduler in Mesh Playground and export it again.`)})`,
      '',
    )
    return out.join('\n')
  }
  out.push(
    '',
    'MeshTasklet.halt = None  # a run starts afresh, as in the playground',
    'try:',
    priority ? `    PriorityScheduler(tasks).flush(${doc.mode === 'next' ? 'incremental=True' : ''})` : '    taskmaster(tasks)',
    'except Stopped as stop:',
    '    print ("Stopped: {}".format(stop))',
    '',
  )
  return out.join('\n')
}
