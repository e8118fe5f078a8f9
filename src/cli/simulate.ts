/**
 * `npm run simulate -- <file.json> [--scheduler taskmaster|priority|policy|<policy.js>]
 *   [--mode flush|next] [--seed N] [--steps N] [--format jsonl|seed|summary]
 *   [--starvation N]`
 *
 * Runs a mesh document headless, with the same engine as the page: one call
 * of its scheduler (the seed's `taskmaster(tasks)` or `scheduler.flush()`,
 * or a written policy's decisions). Flags override the document; `--steps`
 * is the activation budget. The summary prints the run's scheduling figures
 * (engine/figures.ts; starving past `--starvation` ticks, 20 unless given),
 * then a JSON line. Bad input gets one line on stderr naming the problem,
 * and exit code 2. The file is read as the page reads one: at most
 * MAX_FILE_BYTES, a leading byte order mark skipped. `--scheduler file.js`
 * runs the policy in that file (one function, `function (mesh) { … }`: see
 * docs/scheduling.md), under the sandbox's rules as the page runs it: a
 * compartment with no network, file system or process, a budget per
 * decision. A mesh with code nodes, or its own written policy, runs only with
 * `--allow-code`. Code runs in a worker thread under the page's watchdog
 * (watchdog.ts): code that runs for over 1 s stops the run with a line naming
 * it, and exit code 1; so does a policy whose decision is not one.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { isMainThread } from 'node:worker_threads'
import { basename, extname, resolve } from 'node:path'
import {
  excerpt,
  joinErrors,
  MAX_CODE,
  MAX_MESSAGE,
  MAX_POLICY_NAME,
  parseDocumentText,
  recordRun,
  schedulingFigures,
  seedLines,
  showHidden,
  Simulation,
  STARVATION_TICKS,
  type CodeCompiler,
  type MeshDocument,
  type PolicyCompiler,
  type RunStop,
  type TraceEvent,
  type WrittenPolicy,
} from '../engine'
import { checkPolicySource, describeCheck } from '../sandbox/check-source'
import { compileCoroutine, compilePolicy } from '../sandbox/compile'
import { MAX_FILE_BYTES } from '../formats/file'
import { count } from '../engine'
import { figuresText } from './figures-text'
import { runWatched, serveWatchedRun } from './watchdog'

export class UsageError extends Error {}

const USAGE =
  'usage: npm run simulate -- <file.json> [--scheduler taskmaster|priority|policy|<policy.js>] [--mode flush|next] [--seed N] [--steps N] [--format jsonl|seed|summary] [--starvation N] [--allow-code]'

export interface SimulateOptions {
  file: string
  /** A built-in scheduler, or `policy`: the document's own written policy. */
  scheduler?: MeshDocument['scheduler']
  /** A file holding a written policy to schedule the run with (`--scheduler file.js`). */
  policyFile?: string
  mode?: MeshDocument['mode']
  seed?: number
  steps?: number
  format: 'jsonl' | 'seed' | 'summary'
  /** The summary's starvation threshold: a tasklet with items that waits more ticks than this without running is starving. */
  starvation?: number
  /** Runs code nodes' JavaScript; without it, a document with code nodes is refused. */
  allowCode: boolean
}

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag} must be a whole number from ${count(min)} to ${count(max)}, not "${excerpt(text)}"`)
  }
  return Number(text)
}

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, not "${excerpt(text)}"`)
  return text as T
}

/** Reads the command line; throws UsageError with a one-line message. */
export function parseCommandLine(argv: string[]): SimulateOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        scheduler: { type: 'string' },
        mode: { type: 'string' },
        seed: { type: 'string' },
        steps: { type: 'string' },
        format: { type: 'string' },
        starvation: { type: 'string' },
        'allow-code': { type: 'boolean' },
      },
    })
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    const unknown = /Unknown option '([^']+)'/.exec(message)
    throw new UsageError(unknown ? `unknown flag ${unknown[1]}; ${USAGE}` : message.split('\n')[0]!)
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one file at a time, not ${positionals.length}` : USAGE)
  const mode = values.mode === 'incremental' ? 'next' : values.mode
  const scheduler = values.scheduler
  const builtIn = scheduler === 'taskmaster' || scheduler === 'priority' || scheduler === 'policy' ? scheduler : undefined
  if (scheduler === '') throw new UsageError('--scheduler must be taskmaster, priority, policy or a written policy\'s file (file.js), not ""')
  return {
    file: positionals[0]!,
    scheduler: builtIn,
    policyFile: builtIn === undefined ? scheduler : undefined,
    mode: mode === undefined ? undefined : oneOf('mode', mode, ['flush', 'next'] as const),
    seed: values.seed === undefined ? undefined : integer('seed', values.seed, 0, 0xffff_ffff),
    steps: values.steps === undefined ? undefined : integer('steps', values.steps, 1, 1_000_000_000),
    format: values.format === undefined ? 'jsonl' : oneOf('format', values.format, ['jsonl', 'seed', 'summary'] as const),
    starvation: values.starvation === undefined ? undefined : integer('starvation', values.starvation, 0, 1_000_000_000),
    allowCode: values['allow-code'] ?? false,
  }
}

/**
 * The file's text, read a block at a time and refused once it passes
 * `max` bytes (the page's cap), so `/dev/zero` or a huge file is not read
 * to the end; a leading byte order mark is dropped, as the page drops it.
 */
export function readBounded(file: string, max = MAX_FILE_BYTES, what = 'mesh'): string {
  const name = excerpt(file, 80)
  const cannotRead = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : excerpt((e as Error).message, 80)
    return new UsageError(`cannot read ${name}: ${why}`)
  }
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (e) {
    throw cannotRead(e)
  }
  const chunks: Buffer[] = []
  let size = 0
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16)
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) break
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n))
      size += n
      if (size > max) throw new UsageError(`${name} is too large to be a ${what}: more than ${count(max)} bytes, the most a ${what} file may have`)
    }
  } catch (e) {
    if (e instanceof UsageError) throw e
    throw cannotRead(e)
  } finally {
    closeSync(fd)
  }
  return Buffer.concat(chunks, size)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
}

/**
 * A written policy from a file: its text, checked as the page checks one
 * (one plain function, nothing that loads code), named after the file.
 */
export function readPolicy(file: string): WrittenPolicy {
  const name = excerpt(file, 80)
  // A character of UTF-8 takes at most 4 bytes: a file past this holds more than a policy may.
  const source = readBounded(file, 4 * MAX_CODE, 'policy')
  if (source.length > MAX_CODE) throw new UsageError(`${name} is too long to be a policy: more than ${count(MAX_CODE)} characters`)
  const check = checkPolicySource(source)
  if (!check.ok) throw new UsageError(`${name} is not a policy: ${describeCheck(check)}`)
  return { name: basename(file, extname(file)).slice(0, MAX_POLICY_NAME) || 'policy', source }
}

/** Reads and validates the document, with the flags applied. */
export function loadDocument(options: SimulateOptions): MeshDocument {
  const text = readBounded(options.file)
  const name = excerpt(options.file, 80)
  const parsed = parseDocumentText(text)
  if (!parsed.ok) {
    const lead = `${name} is not a valid mesh document: `
    throw new UsageError(lead + joinErrors(parsed.errors, Math.max(MAX_MESSAGE - lead.length, 80)))
  }
  const doc = parsed.document
  const coded = doc.nodes.filter((n) => n.kind === 'code')
  if (coded.length && !options.allowCode) {
    throw new UsageError(`${name} has code nodes (${excerpt(coded.map((n) => n.label).join(', '), 60)}); read their code, then run with --allow-code to let it run`)
  }
  // A policy given on the command line is the person's own; one that came in the document is code from elsewhere, like a code node's.
  const policy = options.policyFile === undefined ? doc.policy : readPolicy(options.policyFile)
  const scheduler = options.policyFile === undefined ? (options.scheduler ?? doc.scheduler) : 'policy'
  if (scheduler === 'policy' && options.policyFile === undefined) {
    if (!policy) throw new UsageError(`${name} has no written policy; give one with --scheduler file.js`)
    if (!options.allowCode) {
      throw new UsageError(
        `${name} is scheduled by its own written policy ("${excerpt(policy.name, 60)}"); read its code, then run with --allow-code to let it run (or give one with --scheduler file.js)`,
      )
    }
  }
  return {
    ...doc,
    ...(policy ? { policy } : {}),
    scheduler,
    mode: options.mode ?? doc.mode,
    seed: options.seed ?? doc.seed,
    limits: { ...doc.limits, maxActivations: options.steps ?? doc.limits.maxActivations },
  }
}

/** How a run ended: why it stopped, and the line for stderr when a limit or the policy stopped it. */
export interface RunEnd {
  stop: RunStop | null
  warning: string | null
}

/**
 * Runs the document and writes its report through `write`; says why it stopped, with a warning when a limit or
 * the policy stopped it. `compile` is the code nodes' compiler and `policy` the written policy's (loadDocument
 * refused code from the document unless --allow-code was given).
 */
export function simulate(
  doc: MeshDocument,
  format: SimulateOptions['format'],
  write: (line: string) => void,
  compile: CodeCompiler = compileCoroutine,
  /** Told of the Simulation as soon as it exists (the watchdog reads its tick). */
  onStart: (sim: Simulation) => void = () => {},
  starvationTicks = STARVATION_TICKS,
  policy: PolicyCompiler = compilePolicy,
): RunEnd {
  if (format === 'summary') {
    const sim = new Simulation(doc, { compile, policy })
    onStart(sim)
    const started = performance.now()
    const result = sim.run()
    const elapsed = performance.now() - started
    // The figures come from a replay of the run with the item ledger on, as the page's do; the timing above is of the run alone.
    const record = recordRun({ document: doc, entries: [], end: sim.tick }, { compile, policy })
    for (const line of figuresText(record, schedulingFigures(record, { starvationTicks }), sim.label)) write(line)
    write('')
    write(
      JSON.stringify({
        activations: sim.tick,
        elapsed_ms: Number(elapsed.toFixed(3)),
        per_second: elapsed > 0 ? Math.round((sim.tick / elapsed) * 1000) : null,
        outputs: sim.stats.outputs,
        dropped: sim.stats.dropped,
        overflowed: sim.stats.overflowed,
        errors: sim.stats.errors,
        stopped: result.stop?.reason,
        scheduler: doc.scheduler,
        mode: doc.mode,
        ...(doc.scheduler === 'policy' ? { policy: doc.policy?.name } : {}),
        seed: doc.seed,
        // The run is the mesh's: a lesson the document carries is not played, only counted.
        ...(doc.lesson ? { lesson_steps: doc.lesson.steps.length } : {}),
      }),
    )
    return { stop: result.stop, warning: warning(result.stop, doc, sim) }
  }
  const label = (id: string) => sim.label(id)
  const sink =
    format === 'jsonl'
      ? (event: TraceEvent) => write(JSON.stringify(event))
      : (event: TraceEvent) => {
          for (const line of seedLines(event, label)) write(line)
        }
  // The seed printed every queued item; the CLI streams, so it can too.
  const sim: Simulation = new Simulation(doc, { trace: sink, compile, policy, traceQueueItems: Infinity })
  onStart(sim)
  const { stop } = sim.run()
  return { stop, warning: warning(stop, doc, sim) }
}

function warning(stop: RunStop | null, doc: MeshDocument, sim: Simulation): string | null {
  const reason = stop?.reason
  if (reason === 'budget') return `stopped: the activation budget (${count(doc.limits.maxActivations)}) is spent; raise it with --steps`
  if (reason === 'queue-cap') return `stopped: a queue reached its cap (${count(doc.limits.maxQueue)} items); see the "limit" event`
  if (reason === 'policy') return `stopped: ${sim.haltDetail ?? 'the policy stopped the run'}`
  return null
}

/** A line for stderr: whatever text it quotes, one visible line (hidden characters and line ends as markers). */
export function oneLine(message: string): string {
  return showHidden(message)
}

/** Lines gathered and written in blocks of about 64 KB through `out`. */
export function lineWriter(out: (text: string) => void): { write: (line: string) => void; flush: () => void } {
  const chunks: string[] = []
  let size = 0
  const flush = () => {
    if (chunks.length) out(chunks.join(''))
    chunks.length = 0
    size = 0
  }
  const write = (line: string) => {
    chunks.push(line + '\n')
    size += line.length
    if (size > 1 << 16) flush()
  }
  return { write, flush }
}

async function main(): Promise<number> {
  const { write, flush } = lineWriter((text) => process.stdout.write(text))
  try {
    const options = parseCommandLine(process.argv.slice(2))
    const doc = loadDocument(options)
    if (doc.nodes.some((n) => n.kind === 'code') || doc.scheduler === 'policy') {
      const outcome = await runWatched(doc, options.format, new URL(import.meta.url), undefined, options.starvation)
      if (outcome.warning) process.stderr.write(`${oneLine(outcome.warning)}\n`)
      if (outcome.stopped) process.stderr.write(`simulate: ${oneLine(outcome.stopped)}\n`)
      return outcome.stopped || outcome.stop?.reason === 'policy' ? 1 : 0
    }
    const end = simulate(doc, options.format, write, compileCoroutine, () => {}, options.starvation)
    flush()
    if (end.warning) process.stderr.write(`${oneLine(end.warning)}\n`)
    return 0
  } catch (e) {
    flush()
    if (e instanceof UsageError) {
      process.stderr.write(`simulate: ${oneLine(e.message)}\n`)
      return 2
    }
    throw e
  }
}

// Piped into `head`, stdout closes early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

if (!isMainThread) serveWatchedRun(simulate)
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main().then((code) => (process.exitCode = code))
