/**
 * `npm run simulate -- <file.json> [--scheduler taskmaster|priority]
 *   [--mode flush|next] [--seed N] [--steps N] [--format jsonl|seed|summary]
 *   [--starvation N]`
 *
 * Runs a mesh document headless, with the same engine as the page: one call
 * of its scheduler (the seed's `taskmaster(tasks)` or `scheduler.flush()`).
 * Flags override the document; `--steps` is the activation budget. The
 * summary prints the run's scheduling figures (engine/figures.ts; starving
 * past `--starvation` ticks, 20 unless given), then a JSON line. Bad input
 * gets one line on stderr naming the problem, and exit code 2. The file is
 * read as the page reads one: at most MAX_FILE_BYTES, a leading byte order
 * mark skipped. A mesh with code nodes (`--allow-code`) runs in a worker
 * thread under the page's watchdog (watchdog.ts): a code node that runs for
 * over 1 s stops the run with a line naming it, and exit code 1.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { isMainThread } from 'node:worker_threads'
import {
  excerpt,
  joinErrors,
  MAX_MESSAGE,
  parseDocumentText,
  recordRun,
  schedulingFigures,
  seedLines,
  showHidden,
  Simulation,
  STARVATION_TICKS,
  type CodeCompiler,
  type MeshDocument,
  type RunStop,
  type TraceEvent,
} from '../engine'
import { compileCoroutine } from '../sandbox/compile'
import { MAX_FILE_BYTES } from '../formats/file'
import { count } from '../engine'
import { figuresText } from './figures-text'
import { runWatched, serveWatchedRun } from './watchdog'

export class UsageError extends Error {}

const USAGE =
  'usage: npm run simulate -- <file.json> [--scheduler taskmaster|priority] [--mode flush|next] [--seed N] [--steps N] [--format jsonl|seed|summary] [--starvation N] [--allow-code]'

export interface SimulateOptions {
  file: string
  scheduler?: MeshDocument['scheduler']
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
  return {
    file: positionals[0]!,
    scheduler: values.scheduler === undefined ? undefined : oneOf('scheduler', values.scheduler, ['taskmaster', 'priority'] as const),
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
export function readBounded(file: string, max = MAX_FILE_BYTES): string {
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
      if (size > max) throw new UsageError(`${name} is too large to be a mesh: more than ${count(max)} bytes, the most a mesh file may have`)
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
  return {
    ...doc,
    scheduler: options.scheduler ?? doc.scheduler,
    mode: options.mode ?? doc.mode,
    seed: options.seed ?? doc.seed,
    limits: { ...doc.limits, maxActivations: options.steps ?? doc.limits.maxActivations },
  }
}

/**
 * Runs the document and writes its report through `write`; returns a warning when a limit stopped it.
 * `compile` is the code nodes' compiler (loadDocument refused them unless --allow-code was given).
 */
export function simulate(
  doc: MeshDocument,
  format: SimulateOptions['format'],
  write: (line: string) => void,
  compile: CodeCompiler = compileCoroutine,
  /** Told of the Simulation as soon as it exists (the watchdog reads its tick). */
  onStart: (sim: Simulation) => void = () => {},
  starvationTicks = STARVATION_TICKS,
): string | null {
  if (format === 'summary') {
    const sim = new Simulation(doc, { compile })
    onStart(sim)
    const started = performance.now()
    const result = sim.run()
    const elapsed = performance.now() - started
    // The figures come from a replay of the run with the item ledger on, as the page's do; the timing above is of the run alone.
    const record = recordRun({ document: doc, entries: [], end: sim.tick }, { compile })
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
        seed: doc.seed,
      }),
    )
    return warning(result.stop, doc)
  }
  const label = (id: string) => sim.label(id)
  const sink =
    format === 'jsonl'
      ? (event: TraceEvent) => write(JSON.stringify(event))
      : (event: TraceEvent) => {
          for (const line of seedLines(event, label)) write(line)
        }
  // The seed printed every queued item; the CLI streams, so it can too.
  const sim: Simulation = new Simulation(doc, { trace: sink, compile, traceQueueItems: Infinity })
  onStart(sim)
  return warning(sim.run().stop, doc)
}

function warning(stop: RunStop | null, doc: MeshDocument): string | null {
  const reason = stop?.reason
  if (reason === 'budget') return `stopped: the activation budget (${count(doc.limits.maxActivations)}) is spent; raise it with --steps`
  if (reason === 'queue-cap') return `stopped: a queue reached its cap (${count(doc.limits.maxQueue)} items); see the "limit" event`
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
    if (doc.nodes.some((n) => n.kind === 'code')) {
      const outcome = await runWatched(doc, options.format, new URL(import.meta.url), undefined, options.starvation)
      if (outcome.warning) process.stderr.write(`${oneLine(outcome.warning)}\n`)
      if (outcome.stopped) process.stderr.write(`simulate: ${oneLine(outcome.stopped)}\n`)
      return outcome.stopped ? 1 : 0
    }
    const warn = simulate(doc, options.format, write, compileCoroutine, () => {}, options.starvation)
    flush()
    if (warn) process.stderr.write(`${oneLine(warn)}\n`)
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
