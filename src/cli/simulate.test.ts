import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POLICY_TEMPLATES } from '../sandbox/policy-templates'
import { loadDocument, parseCommandLine, readBounded, simulate, UsageError } from './simulate'

const ECHOERS = 'src/demos/priority-echoers.mesh.json'
const PART3 = 'src/demos/part3-mesh.mesh.json'

function lines(file: string, argv: string[] = []): string[] {
  const options = parseCommandLine([file, ...argv])
  const out: string[] = []
  simulate(loadDocument(options), options.format, (line) => out.push(line), undefined, undefined, options.starvation)
  return out
}

describe('simulate', () => {
  describe('formats', () => {
    it('writes one JSON object a line, with every activation and every sink output', () => {
      const events = lines(PART3, ['--format', 'jsonl']).map((line) => JSON.parse(line))
      const activations = events.filter((e) => e.type === 'activation')
      expect(activations[0]).toEqual({ type: 'activation', tick: 1, node: 'a', item: 0 })
      expect(activations.map((e) => e.tick)).toEqual(activations.map((_, i) => i + 1))
      expect(events.filter((e) => e.type === 'output')).toEqual([
        { type: 'output', tick: 13, node: 's', value: '2x2' },
        { type: 'output', tick: 14, node: 's', value: '2x4' },
        { type: 'output', tick: 15, node: 's', value: '3x1' },
        { type: 'output', tick: 16, node: 's', value: '3x3' },
      ])
    })

    it("writes the seed's own text", () => {
      const out = lines(ECHOERS, ['--format', 'seed'])
      expect(out[0]).toBe('Scheduler executes echoer_womb on priority 8')
      expect(out.at(-1)).toBe('Sink got: Ola, world!')
    })

    it('lists every queued item in the seed text, as the seed printed them, however long the queue', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mesh-'))
      const file = join(dir, 'long.json')
      const values = Array.from({ length: 60 }, (_, i) => `item ${i}`)
      writeFileSync(
        file,
        JSON.stringify({
          format: 'mesh-playground',
          version: 1,
          nodes: [{ id: 's', kind: 'sink', label: 'sink' }],
          inputs: [{ node: 's', values }],
          scheduler: 'priority',
        }),
      )
      const out = lines(file, ['--format', 'seed'])
      expect(out[0]).toBe('Scheduler executes sink on priority 0')
      expect(out.slice(1, 61)).toEqual(values.map((v, i) => ` (('${v}',), {})` + (i === 0 ? ' <-- processing this item' : '')))
      expect(out.some((line) => line.includes('more)'))).toBe(false)
    })

    it('prints the scheduling figures in the summary: the whole mesh, then a row per tasklet, aligned', () => {
      const out = lines(PART3, ['--format', 'summary'])
      expect(out.slice(0, 8)).toEqual([
        'Scheduling figures over ticks 1-16 (starving: a tasklet with items that waits more than 20 ticks without running)',
        '  activations         16',
        '  mean wait           3.63 ticks, longest 6',
        '  mean turnaround     14.5 ticks, longest 16 (start -> branch -> tripler -> sink)',
        '  throughput          25 outputs per 100 ticks',
        '  queued, all queues  peak 4, mean 3.41',
        '  starved tasklets    0 of 6, longest stretch 5 ticks',
        '  fairness (Jain)     0.914',
      ])
      const table = out.slice(9, 16)
      expect(table[0]).toMatch(
        /^tasklet +activations +mean wait +longest wait +peak queue +mean queue +longest starvation +starved +outputs +per 100 ticks +mean turnaround +longest turnaround$/,
      )
      expect(table.slice(1).map((line) => line.split(/ {2,}/))).toEqual([
        ['sink', '4', '4', '4', '4', '0.94', '3', 'no', '4', '25', '14.5', '16'],
        ['doubler', '2', '2.5', '3', '2', '0.29', '2', 'no', '0', '0', '-', '-'],
        ['tripler', '2', '5.5', '6', '2', '0.65', '5', 'no', '0', '0', '-', '-'],
        ['branch', '4', '4', '4', '4', '0.94', '3', 'no', '0', '0', '-', '-'],
        ['start', '4', '2.5', '4', '4', '0.59', '0', 'no', '0', '0', '-', '-'],
        ['recycler', '0', '-', '-', '0', '0', '0', 'no', '0', '0', '-', '-'],
      ])
      // Every row as wide as the header, the numbers' ends in line.
      expect(new Set(table.map((line) => line.length)).size).toBe(1)
      expect(out[16]).toBe('')
    })

    it('counts starving past the threshold --starvation sets', () => {
      const out = lines(PART3, ['--format', 'summary', '--starvation', '2'])
      expect(out[0]).toMatch(/more than 2 ticks without running/)
      expect(out[6]).toBe('  starved tasklets    3 of 6, longest stretch 5 ticks')
      expect(() => parseCommandLine([PART3, '--starvation', '1.5'])).toThrow(/--starvation must be a whole number from 0 to/)
    })

    it('shows a label with hidden characters or a great length on one line of the table', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mesh-'))
      const file = join(dir, 'labels.json')
      writeFileSync(
        file,
        JSON.stringify({
          format: 'mesh-playground',
          version: 1,
          nodes: [{ id: 's', kind: 'sink', label: `a\nb\u202e${'x'.repeat(70)}` }],
          inputs: [{ node: 's', values: [1] }],
        }),
      )
      const out = lines(file, ['--format', 'summary'])
      const row = out.find((line) => line.startsWith('a'))!
      expect(row).not.toMatch(/[\n\u202e]/)
      expect(row.split(/ {2,}/)[0]!.length).toBeLessThanOrEqual(40)
    })

    it('ends the summary with a JSON line of activations and time', () => {
      const summary = JSON.parse(lines(PART3, ['--format', 'summary']).at(-1)!)
      expect(summary).toMatchObject({ activations: 16, outputs: 4, stopped: 'idle' })
      expect(summary.elapsed_ms).toBeGreaterThanOrEqual(0)
      expect(summary.lesson_steps).toBeUndefined()
    })

    it("runs the mesh of a document with a lesson as it is, and counts the lesson's steps in the summary", () => {
      const dir = mkdtempSync(join(tmpdir(), 'simulate-'))
      const file = join(dir, 'lesson.mesh.json')
      const mesh = JSON.parse(readFileSync(PART3, 'utf8')) as object
      writeFileSync(
        file,
        JSON.stringify({
          ...mesh,
          version: 3,
          lesson: {
            steps: [
              { title: '<b>one</b>', actions: [{ type: 'send', node: 'a', values: [9] }] },
              { title: 'two', run: 'to-end' },
            ],
          },
        }),
      )
      const summary = JSON.parse(lines(file, ['--format', 'summary']).at(-1)!)
      expect(summary).toMatchObject({ activations: 16, outputs: 4, stopped: 'idle', lesson_steps: 2 })
    })
  })

  describe('flags', () => {
    it('override the document: scheduler, mode, seed and the activation budget', () => {
      const doc = loadDocument(parseCommandLine([PART3, '--scheduler', 'priority', '--mode', 'incremental', '--seed', '9', '--steps', '7']))
      expect(doc).toMatchObject({ scheduler: 'priority', mode: 'next', seed: 9, limits: { maxActivations: 7 } })
      expect(JSON.parse(lines(PART3, ['--steps', '7', '--format', 'summary']).at(-1)!)).toMatchObject({ activations: 7, stopped: 'budget' })
    })

    it.each([
      [['--format', 'xml'], /--format must be one of jsonl, seed, summary/],
      [['--seed', '1.5'], /--seed must be a whole number/],
      [['--bogus'], /unknown flag --bogus/],
      [[], /usage/],
    ])('rejects %j with a message naming the problem', (argv, message) => {
      expect(() => parseCommandLine(argv.length ? [PART3, ...argv] : [])).toThrow(message)
    })

    it('names the bad field of an invalid document', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mesh-'))
      const file = join(dir, 'bad.json')
      writeFileSync(file, JSON.stringify({ format: 'mesh-playground', version: 1, nodes: [{ id: 'a', kind: 'start' }], edges: [{ source: 'a', port: 'left', target: 'a' }] }))
      expect(() => loadDocument(parseCommandLine([file]))).toThrow(/edges\[0\]\.port: start has no port "left"/)
      expect(() => loadDocument(parseCommandLine([join(dir, 'missing.json')]))).toThrow(UsageError)
    })
  })

  describe('code nodes', () => {
    it('are refused without --allow-code, and run with it', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mesh-'))
      const file = join(dir, 'code.json')
      const source = 'function* (ports) { while (true) ports.out.send((yield) * 10) }'
      writeFileSync(
        file,
        JSON.stringify({
          format: 'mesh-playground',
          version: 1,
          nodes: [
            { id: 'c', kind: 'code', label: 'tenfold', code: { source, ports: ['out'] } },
            { id: 's', kind: 'sink' },
          ],
          edges: [{ source: 'c', port: 'out', target: 's' }],
          inputs: [{ node: 'c', values: [1, 2] }],
        }),
      )
      expect(() => loadDocument(parseCommandLine([file]))).toThrow(/has code nodes \(tenfold\); read their code, then run with --allow-code/)
      expect(lines(file, ['--allow-code', '--format', 'seed'])).toEqual(['Sink got: 10', 'Sink got: 20'])
    })
  })

  describe('hostile files', () => {
    const write = (name: string, content: string | object) => {
      const file = join(mkdtempSync(join(tmpdir(), 'mesh-')), name)
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
      return file
    }
    const messageOf = (file: string) => {
      try {
        loadDocument(parseCommandLine([file]))
      } catch (e) {
        if (e instanceof UsageError) return e.message
        throw e
      }
      throw new Error(`expected ${file} to be refused`)
    }

    it('opens a file that begins with a byte order mark, as the page does', () => {
      const file = write('bom.json', `\ufeff${JSON.stringify({ format: 'mesh-playground', version: 1, nodes: [{ id: 's', kind: 'sink' }] })}`)
      expect(loadDocument(parseCommandLine([file])).nodes.map((n) => n.id)).toEqual(['s'])
    })

    it('keeps every message on one line, with no invisible characters, whatever the file holds', () => {
      const messages = [
        messageOf(
          write('ids.json', {
            format: 'mesh-playground',
            version: 1,
            nodes: [
              { id: 'a\nb', kind: 'sink' },
              { id: 'a\nb', kind: 'sink' },
            ],
          }),
        ),
        messageOf(write('json.json', '{"format": "mesh-playground",\n "nodes": [\u202e oops\n]}')),
        messageOf(write('bom-only.json', '\ufeff\ufeff{}')),
        messageOf(write('label.json', { format: 'mesh-playground', version: 1, nodes: [{ id: 'c', kind: 'code', label: 'x\ny\u2066' }] })),
      ]
      expect(messages[0]).toContain('nodes[1].id: "a\\nb" is used by another node')
      for (const message of messages) {
        expect(message).not.toMatch(/[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/)
        expect(message.length).toBeLessThanOrEqual(300)
      }
    })

    it("reads at most the page's file cap, so an endless file is refused instead of read to the end", () => {
      const file = write('big.json', ' '.repeat(5000))
      expect(() => readBounded(file, 4096)).toThrow(/is too large to be a mesh: more than 4,096 bytes/)
      expect(readBounded(file, 5000)).toHaveLength(5000)
      expect(() => loadDocument(parseCommandLine(['/dev/zero']))).toThrow(/\/dev\/zero is too large to be a mesh: more than 10,000,000 bytes/)
      expect(() => loadDocument(parseCommandLine([tmpdir()]))).toThrow(/cannot read .*: it is a folder/)
    })

    it('writes numbers in warnings with thousands separators', () => {
      const { warning } = simulate(loadDocument(parseCommandLine(['src/demos/ping-pong.mesh.json', '--steps', '1000000'])), 'summary', () => {})
      expect(warning).toBe('stopped: the activation budget (1,000,000) is spent; raise it with --steps')
      expect(() => parseCommandLine([PART3, '--steps', '0'])).toThrow('--steps must be a whole number from 1 to 1,000,000,000, not "0"')
    })
  })

  describe('the command', () => {
    it('exits 2 with one line on stderr for bad input, and 0 with output for good input', { timeout: 30_000 }, () => {
      const tsx = join('node_modules', '.bin', 'tsx')
      const bad = spawnSync(tsx, ['src/cli/simulate.ts', 'no-such-file.json'], { encoding: 'utf8' })
      expect(bad.status).toBe(2)
      expect(bad.stderr.trim().split('\n')).toEqual(['simulate: cannot read no-such-file.json: no such file'])
      const good = execFileSync(tsx, ['src/cli/simulate.ts', ECHOERS, '--format', 'seed'], { encoding: 'utf8' })
      expect(good.split('\n')).toContain('Sink got: Hello, world!')
    })

    it('stops a code node that runs for over 1 s, naming it, after writing what came before', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'mesh-')), 'loop.json')
      // A loop of its own would meet the step budget first; a regular expression that backtracks for ever takes no loop step.
      const source = "function* (ports) {\n  while (true) {\n    const item = yield\n    if (item === 3) /^(a+)+$/.test('a'.repeat(40) + 'b')\n    ports.out.send(item)\n  }\n}"
      writeFileSync(
        file,
        JSON.stringify({
          format: 'mesh-playground',
          version: 1,
          nodes: [
            { id: 'c', kind: 'code', label: 'looper', code: { source, ports: ['out'] } },
            { id: 's', kind: 'sink' },
          ],
          edges: [{ source: 'c', port: 'out', target: 's' }],
          inputs: [{ node: 'c', values: [1, 2, 3, 4] }],
        }),
      )
      const tsx = join('node_modules', '.bin', 'tsx')
      // Without the watchdog this never returns: the kill after 60 s fails the test.
      const run = spawnSync(tsx, ['src/cli/simulate.ts', file, '--allow-code'], { encoding: 'utf8', timeout: 60_000 })
      expect(run.stderr.trim().split('\n')).toEqual(['simulate: code node "looper" (c) ran for over 1 s at tick 3 (an infinite loop?), so the run was stopped there'])
      expect(run.status).toBe(1)
      const events = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      expect(events.filter((e) => e.type === 'emit').map((e) => e.value)).toEqual([1, 2])
      expect(events.at(-1)).toEqual({ type: 'activation', tick: 3, node: 'c', item: 3 })
      // A mesh that ends runs to its end in the worker too, with its warning.
      const ok = spawnSync(tsx, ['src/cli/simulate.ts', file, '--allow-code', '--format', 'summary', '--steps', '2'], { encoding: 'utf8', timeout: 60_000 })
      expect(ok.status).toBe(0)
      const summary = ok.stdout.trim().split('\n')
      expect(summary[0]).toBe('Scheduling figures over ticks 1-2 (starving: a tasklet with items that waits more than 20 ticks without running)')
      expect(JSON.parse(summary.at(-1)!)).toMatchObject({ activations: 2, stopped: 'budget' })
      expect(ok.stderr).toBe('stopped: the activation budget (2) is spent; raise it with --steps\n')
    }, 70_000)
  })

  describe('a written policy (--scheduler file.js)', () => {
    const tsx = join('node_modules', '.bin', 'tsx')
    const dir = mkdtempSync(join(tmpdir(), 'policy-'))
    const policyFile = (name: string, source: string) => {
      const file = join(dir, name)
      writeFileSync(file, source)
      return file
    }
    const roundRobin = policyFile('round-robin.js', POLICY_TEMPLATES.find((t) => t.id === 'round-robin')!.source)

    it('runs the policy in the file, as the taskmaster in next mode runs the same mesh when it is round robin', () => {
      const written = lines(PART3, ['--scheduler', roundRobin, '--format', 'jsonl'])
        .map((line) => JSON.parse(line))
        .filter((e) => e.type === 'activation' || e.type === 'output')
      const builtIn = lines(PART3, ['--scheduler', 'taskmaster', '--mode', 'next', '--format', 'jsonl'])
        .map((line) => JSON.parse(line))
        .filter((e) => e.type === 'activation' || e.type === 'output')
      expect(written).toEqual(builtIn)
      expect(written.length).toBeGreaterThan(10)
      const doc = loadDocument(parseCommandLine([PART3, '--scheduler', roundRobin]))
      expect(doc).toMatchObject({ scheduler: 'policy', policy: { name: 'round-robin' } })
    })

    it('keeps the built-in schedulers by name', () => {
      expect(loadDocument(parseCommandLine([ECHOERS, '--scheduler', 'taskmaster'])).scheduler).toBe('taskmaster')
      expect(loadDocument(parseCommandLine([PART3, '--scheduler', 'priority'])).scheduler).toBe('priority')
    })

    it('refuses a file that is not a policy, or not there, with one line', () => {
      expect(() => loadDocument(parseCommandLine([PART3, '--scheduler', policyFile('module.js', 'export default function (mesh) {}')]))).toThrow(
        /module\.js is not a policy: Line 1, column 1: /,
      )
      expect(() => loadDocument(parseCommandLine([PART3, '--scheduler', policyFile('gen.js', 'function* (mesh) {}')]))).toThrow(
        /gen\.js is not a policy: .*The policy must be a function/,
      )
      expect(() => loadDocument(parseCommandLine([PART3, '--scheduler', 'taskmastr']))).toThrow('cannot read taskmastr: no such file')
      expect(() => loadDocument(parseCommandLine([PART3, '--scheduler', policyFile('long.js', `function (mesh) { /* ${'x'.repeat(20_000)} */ }`)]))).toThrow(
        /long\.js is too long to be a policy: more than 20,000 characters/,
      )
      const bad = spawnSync(tsx, ['src/cli/simulate.ts', PART3, '--scheduler', join(dir, 'module.js')], { encoding: 'utf8', timeout: 30_000 })
      expect(bad.status).toBe(2)
      expect(bad.stderr.trim().split('\n')).toHaveLength(1)
      expect(bad.stderr).toMatch(/^simulate: .*module\.js is not a policy: /)
    }, 30_000)

    it("asks for --allow-code before it runs a document's own policy", () => {
      const file = join(dir, 'with-policy.json')
      writeFileSync(
        file,
        JSON.stringify({
          format: 'mesh-playground',
          version: 1,
          nodes: [{ id: 's', kind: 'sink' }],
          scheduler: 'policy',
          policy: { name: 'Theirs', source: 'function (mesh) { return "s" }' },
        }),
      )
      expect(() => loadDocument(parseCommandLine([file]))).toThrow(/is scheduled by its own written policy \("Theirs"\); read its code, then run with --allow-code/)
      expect(loadDocument(parseCommandLine([file, '--allow-code'])).scheduler).toBe('policy')
      expect(loadDocument(parseCommandLine([file, '--scheduler', 'taskmaster'])).scheduler).toBe('taskmaster')
      expect(() => loadDocument(parseCommandLine([PART3, '--scheduler', 'policy', '--allow-code']))).toThrow(/has no written policy; give one with --scheduler file\.js/)
    })

    it('gives the policy none of Node: no process, require, fetch or file system', () => {
      const probe = policyFile('probe.js', "function (mesh) { throw new Error([typeof process, typeof require, typeof fetch, typeof globalThis.Buffer].join(' ')) }")
      const { warning, stop } = simulate(loadDocument(parseCommandLine([PART3, '--scheduler', probe])), 'summary', () => {})
      expect(stop).toEqual({ reason: 'policy' })
      expect(warning).toBe('stopped: the policy "probe" threw Error: undefined undefined undefined undefined')
    })

    it('exits 1 with the reason when a decision is not one, and stops a policy that hangs, naming it', { timeout: 70_000 }, () => {
      const ghost = policyFile('ghost.js', 'function (mesh) { return mesh.tick < 2 ? mesh.tasklets.find((t) => t.queued > 0).id : "ghost" }')
      const refused = spawnSync(tsx, ['src/cli/simulate.ts', PART3, '--scheduler', ghost, '--format', 'summary'], { encoding: 'utf8', timeout: 30_000 })
      expect(refused.status).toBe(1)
      expect(JSON.parse(refused.stdout.trim().split('\n').at(-1)!)).toMatchObject({ activations: 2, stopped: 'policy', scheduler: 'policy', policy: 'ghost' })
      expect(refused.stderr).toBe('stopped: the policy "ghost" returned "ghost", but no tasklet of this mesh has the id "ghost"\n')
      // A loop of its own would meet the step budget first; a regular expression that backtracks for ever takes no loop step.
      const hang = policyFile('hang.js', "function (mesh) {\n  if (mesh.tick === 3) /^(a+)+$/.test('a'.repeat(40) + 'b')\n  return mesh.tasklets.find((t) => t.queued > 0).id\n}")
      const run = spawnSync(tsx, ['src/cli/simulate.ts', PART3, '--scheduler', hang], { encoding: 'utf8', timeout: 60_000 })
      expect(run.stderr.trim().split('\n')).toEqual(['simulate: the policy "hang", deciding, ran for over 1 s at tick 3 (an infinite loop?), so the run was stopped there'])
      expect(run.status).toBe(1)
      const events = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
      expect(events.filter((e) => e.type === 'activation')).toHaveLength(3)
    })
  })
})
