import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import echoersJson from '../demos/priority-echoers.mesh.json'
import part3Json from '../demos/part3-mesh.mesh.json'
import pingPongJson from '../demos/ping-pong.mesh.json'
import { DEMOS } from '../demos'
import { parseDocument, seedLines, Simulation, type MeshDocument, type SchedulerKind, type SchedulerMode, type TraceEvent } from '../engine'
import { pyLiteral, pyString, toPython } from './python-export'

const PYTHON = 'python3'
const hasPython = spawnSync(PYTHON, ['--version']).status === 0
if (!hasPython) console.warn(`python3 is not on this machine: the tests that run exported scripts are skipped.`)

function load(json: unknown, patch: Partial<MeshDocument> = {}): MeshDocument {
  const parsed = parseDocument({ format: 'mesh-playground', version: 1, ...(json as object), ...patch })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** Runs the exported script; its printed lines. */
function runPython(doc: MeshDocument): string[] {
  const run = spawnSync(PYTHON, ['-'], { input: toPython(doc), encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' }, timeout: 60_000 })
  if (run.status !== 0) throw new Error(`python3 failed (${run.status}):\n${run.stderr}`)
  return run.stdout.split('\n').slice(0, -1)
}

/**
 * Runs many exported scripts in one python3, each in globals of its own
 * (a process each would take most of the test's time); their printed lines.
 */
function runPythonMany(docs: readonly MeshDocument[]): string[][] {
  const driver = [
    'import contextlib, io, json, sys',
    'for script in json.load(sys.stdin):',
    '    out = io.StringIO()',
    '    with contextlib.redirect_stdout(out):',
    '        exec(script, {"__name__": "__main__"})',
    '    print(json.dumps(out.getvalue().split("\\n")[:-1]))',
  ].join('\n')
  const run = spawnSync(PYTHON, ['-c', driver], { input: JSON.stringify(docs.map(toPython)), encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 })
  if (run.status !== 0) throw new Error(`python3 failed (${run.status}):\n${run.stderr}`)
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string[])
}

/** What the playground prints for the same run: the seed's lines from the trace. */
function runEngine(doc: MeshDocument): string[] {
  const events: TraceEvent[] = []
  const sim = new Simulation(doc, { trace: (e) => events.push(e) })
  sim.run()
  return events.flatMap((e) => seedLines(e, sim.label)).flatMap((line) => line.split('\n'))
}

const constantEchoers = (mode: SchedulerMode = 'flush') => {
  const doc = load(echoersJson, { mode })
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, priority: n.id === 'e1' ? 15 : n.id === 'e2' ? 8 : 1000 })) }
}

/** start → doubler and tripler → sink: no randomness, so Python and the playground must print the same. */
const fanOut = (scheduler: SchedulerKind, mode: SchedulerMode) =>
  load({
    title: 'Fan-out',
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'd', kind: 'doubler', priority: 2 },
      { id: 't', kind: 'tripler', priority: 2 },
      { id: 's', kind: 'sink', priority: 5 },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'd' },
      { source: 'a', port: 'target', target: 't' },
      { source: 'd', port: 'target', target: 's' },
      { source: 't', port: 'target', target: 's' },
    ],
    inputs: [{ node: 'a', values: [1, 2, 3] }],
    scheduler,
    mode,
  })

describe('toPython', () => {
  it('writes values as Python literals that print as the playground prints them', () => {
    expect([0, -3, 2.5, 1e21, 1e-7, true, false, null, "it's"].map(pyLiteral)).toEqual(['0', '-3', '2.5', '1000000000000000000000', '1e-7', 'True', 'False', 'None', "'it\\'s'"])
  })

  it('escapes text into ASCII-only string literals', () => {
    expect(pyString('a\'b"c\\d')).toBe(`'a\\'b"c\\\\d'`)
    expect(pyString('line\nbreak\r\u0000\u2028é😀')).toBe(`'line\\nbreak\\x0d\\x00\\u2028\\xe9\\U0001f600'`)
    expect(pyString('\ud800')).toBe(`'\\ufffd'`)
  })

  it("wires the seed's Part 3 mesh as the seed did", () => {
    const script = toPython(load(part3Json))
    expect(script).toContain("b.set(branch, d, t, r).name('branch')")
    expect(script).toContain("r.set(recycler, a, s).name('recycler')")
    expect(script).toContain('tasks = [s, d, t, b, a, r]')
    expect(script).toContain('a(0)(1)(2)(3)')
    expect(script).toContain('random = RunRandom(5)')
    expect(script).toContain('while any([task.flush() for task in tasks]): pass')
    expect(script).not.toContain('PriorityScheduler')
  })

  it('sends along every wire of a port in order, and drops at an unwired one', () => {
    const doc = load({
      nodes: [
        { id: 'b', kind: 'branch' },
        { id: 'x', kind: 'sink' },
        { id: 'y', kind: 'sink' },
      ],
      edges: [
        { source: 'b', port: 'left', target: 'y' },
        { source: 'b', port: 'left', target: 'x' },
        { source: 'b', port: 'rand', target: 'x' },
      ],
    })
    expect(toPython(doc)).toContain('b.set(branch, fan_out(y, x), unwired, x)')
  })

  it('makes every node id a safe Python name', () => {
    const ids = ['print', 'class', '1st', 'a b', 'a-b', 'a_b', 'sink', 'self', 'tasks', '"); import os #', '_', 'é']
    const doc = load({ nodes: ids.map((id) => ({ id, kind: 'sink' })) })
    const script = toPython(doc)
    const line = script.split('\n').find((l) => l.startsWith('tasks = ['))!
    const names = line.slice('tasks = ['.length, -1).split(', ')
    expect(names).toHaveLength(ids.length)
    expect(new Set(names).size).toBe(ids.length)
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/)
    expect(names).not.toContain('print')
    expect(names).not.toContain('class')
    expect(names).not.toContain('sink')
    expect(names).not.toContain('self')
  })
})

describe.skipIf(!hasPython)('the exported script, run by python3', () => {
  it("prints the seed's flush output for the echoers at priorities 15, 8 and 1000", () => {
    expect(runPython(constantEchoers())).toEqual([
      'Scheduler executes echoer_womb on priority 8',
      " (('Goodbye',), {}) <-- processing this item",
      " (('Au revoir',), {})",
      " (('Ciao',), {})",
      'Scheduler executes echoer_world on priority 15',
      " (('Hello',), {}) <-- processing this item",
      " (('Bonjour',), {})",
      " (('Ola',), {})",
      'Scheduler executes sink on priority 1000',
      " (('Goodbye, womb!',), {}) <-- processing this item",
      " (('Au revoir, womb!',), {})",
      " (('Ciao, womb!',), {})",
      " (('Hello, world!',), {})",
      " (('Bonjour, world!',), {})",
      " (('Ola, world!',), {})",
      'Sink got: Goodbye, womb!',
      'Sink got: Au revoir, womb!',
      'Sink got: Ciao, womb!',
      'Sink got: Hello, world!',
      'Sink got: Bonjour, world!',
      'Sink got: Ola, world!',
    ])
  })

  it('prints what the playground prints for the Part 3 mesh at seed 8, random choices and all', () => {
    const doc = load(part3Json, { seed: 8 })
    expect(runEngine(doc).filter((line) => line.startsWith('Sink got:'))).toEqual(['Sink got: 2x2', 'Sink got: 2x4', 'Sink got: 3x3', 'Sink got: 2x2'])
    expect(runPython(doc)).toEqual(runEngine(doc))
  })

  it("prints what the playground prints for every demo and its lesson's meshes, at many seeds and with every scheduler", () => {
    // A code node's JavaScript does not run in Python, so meshes with one are left out.
    const meshes = DEMOS.flatMap((demo) => [
      demo.document,
      ...demo.document.lesson.steps.flatMap((step) => (step.actions ?? []).flatMap((a) => (a.type === 'update' ? [a.document] : []))),
    ]).filter((doc) => !doc.nodes.some((n) => n.kind === 'code'))
    expect(meshes.length).toBeGreaterThanOrEqual(6)
    const random = (doc: MeshDocument) => doc.nodes.some((n) => n.kind === 'branch' || n.kind === 'recycler' || typeof n.priority === 'object')
    expect(meshes.filter(random).length).toBeGreaterThanOrEqual(2)
    const manySeeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 42, 99, 1234, 65535, 2 ** 31, 0xffff_ffff]
    const schedulers = [
      { scheduler: 'taskmaster', mode: 'flush' },
      { scheduler: 'taskmaster', mode: 'next' },
      { scheduler: 'priority', mode: 'flush' },
      { scheduler: 'priority', mode: 'next' },
    ] as const
    // A mesh without random choices prints the same at every seed: one is enough.
    const docs = meshes.flatMap((doc) => (random(doc) ? manySeeds : [doc.seed]).flatMap((seed) => schedulers.map((s) => ({ ...doc, ...s, seed }))))
    const printed = runPythonMany(docs)
    expect(printed).toHaveLength(docs.length)
    docs.forEach((doc, i) => expect(printed[i], `${doc.title}, ${doc.scheduler} ${doc.mode}, seed ${doc.seed}`).toEqual(runEngine(doc)))
  }, 120_000)

  it('prints what the playground prints wherever the run has no random choice', () => {
    const docs = [
      constantEchoers('flush'),
      constantEchoers('next'),
      fanOut('taskmaster', 'flush'),
      fanOut('taskmaster', 'next'),
      fanOut('priority', 'flush'),
      fanOut('priority', 'next'),
    ]
    runPythonMany(docs).forEach((printed, i) => expect(printed).toEqual(runEngine(docs[i]!)))
  }, 60_000)

  it('stops the ping-pong at its activation budget, as the playground does', () => {
    const doc = load(pingPongJson)
    expect(runPython(doc)).toEqual(['Stopped: the activation budget (20000) is spent'])
    expect(runEngine(doc)).toEqual(['Stopped: the activation budget (20000) is spent'])
  })

  it('stops at a full queue, as the playground does', () => {
    const doc = load({
      nodes: [
        { id: 'a', kind: 'start' },
        { id: 's', kind: 'sink' },
      ],
      edges: [
        { source: 'a', port: 'target', target: 's' },
        { source: 'a', port: 'target', target: 's' },
      ],
      inputs: [{ node: 'a', values: [1, 2, 3] }],
      limits: { maxQueue: 3 },
    })
    expect(runPython(doc)).toEqual(["Stopped: sink's queue is full (3 items); new items are dropped"])
    expect(runPython(doc)).toEqual(runEngine(doc))
  })

  it('closes a tasklet that raises, and runs the rest of the mesh on, as the playground does', () => {
    const doc = load({
      nodes: [
        { id: 'a', kind: 'start' },
        { id: 'd', kind: 'doubler' },
        { id: 's', kind: 'sink' },
      ],
      edges: [
        { source: 'a', port: 'target', target: 's' },
        { source: 'd', port: 'target', target: 'a' },
      ],
      inputs: [
        { node: 'd', values: [1] },
        { node: 'a', values: [5] },
      ],
    })
    const out = runPython(doc)
    expect(out).toEqual(['Sink got: 6', 'start closed by TypeError: can only concatenate str (not "int") to str'])
    expect(out).toEqual(runEngine(doc))
  })

  it('keeps hostile text as text: labels, ids and title cannot break or change the script', () => {
    const hostile = ['<img src=x onerror=alert(1)>', "'); print('pwned'); ('", '"""\nprint("pwned")\n"""', "\\' # \r\n import os", 'Crème brûlée 😀']
    const doc = load({
      title: "coding: latin-1\nprint('pwned') # \u0000",
      nodes: [
        ...hostile.map((label, i) => ({ id: `${label.slice(0, 20)}${i}`, kind: 'echoer', label, params: { suffix: label }, priority: i + 1 })),
        { id: "s'); print('pwned", kind: 'sink', label: hostile[1], priority: 100 },
      ],
      edges: hostile.map((label, i) => ({ source: `${label.slice(0, 20)}${i}`, port: 'target', target: "s'); print('pwned" })),
      inputs: hostile.map((label, i) => ({ node: `${label.slice(0, 20)}${i}`, values: [label] })),
      scheduler: 'priority',
    })
    const out = runPython(doc)
    expect(out).toEqual(runEngine(doc))
    expect(out.filter((line) => line.startsWith('Sink got: '))).toHaveLength(hostile.length)
    expect(out).not.toContain('pwned')
  })

  it('prints any Unicode in a label or value as text', () => {
    // Characters Python's repr escapes (line and paragraph separators, bidi controls) are sent to a sink, whose line is str().
    const odd = 'a\u2028b\u2029c\u202ed\u00a0e\u0085f😀'
    const doc = load({
      nodes: [
        { id: 'e', kind: 'echoer', label: odd, params: { suffix: odd } },
        { id: 's', kind: 'sink', label: odd },
      ],
      edges: [{ source: 'e', port: 'target', target: 's' }],
      inputs: [{ node: 'e', values: [odd] }],
    })
    const script = toPython(doc)
    expect(script).toMatch(/^[\t\n -~]*$/)
    const run = spawnSync(PYTHON, ['-'], { input: script, encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(`Sink got: ${odd}, ${odd}\n`)
  })
})

describe('toPython, for a mesh scheduled by a written policy', () => {
  const doc = () => load(part3Json, { scheduler: 'policy', policy: { name: 'Mine "best"', source: "function (mesh) {\n  return mesh.tasklets[0].id // ''' \\\\\n}" } })

  it('says plainly that the script cannot run it, and shows the policy as comments', () => {
    const script = toPython(doc())
    expect(script).toContain('scheduler: a written policy, "Mine "best"", which this script cannot run')
    expect(script).toContain('#   function (mesh) {')
    expect(script).not.toContain('taskmaster(tasks)')
    expect(script).not.toContain('def taskmaster')
  })

  it('builds the mesh, then stops with the reason instead of running it under another scheduler', () => {
    if (!hasPython) return
    const run = spawnSync(PYTHON, ['-'], { input: toPython(doc()), encoding: 'utf8', timeout: 60_000 })
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim()).toBe(
      `This mesh is scheduled by a written policy ("Mine "best""), which the seed's Python cannot run: choose the taskmaster or the priority scheduler in Mesh Playground and export it again.`,
    )
  })
})
