/**
 * `npm run simulate -- <file.json> [--scheduler taskmaster|priority]
 *   [--mode flush|next] [--seed N] [--steps N] [--format jsonl|seed|summary]`
 *
 * Runs a mesh document headless, with the same engine as the page: one call
 * of its scheduler (the seed's `taskmaster(tasks)` or `scheduler.flush()`).
 * Flags override the document; `--steps` is the activation budget. Bad input
 * gets one line on stderr naming the problem, and exit code 2.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parseDocumentText, seedLines, Simulation, type MeshDocument, type TraceEvent } from '../engine'
import { compileCoroutine } from '../sandbox/compile'

export class UsageError extends Error {}

const USAGE =
  'usage: npm run simulate -- <file.json> [--scheduler taskmaster|priority] [--mode flush|next] [--seed N] [--steps N] [--format jsonl|seed|summary] [--allow-code]'

export interface SimulateOptions {
  file: string
  scheduler?: MeshDocument['scheduler']
  mode?: MeshDocument['mode']
  seed?: number
  steps?: number
  format: 'jsonl' | 'seed' | 'summary'
  /** Runs code nodes' JavaScript; without it, a document with code nodes is refused. */
  allowCode: boolean
}

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${text}"`)
  }
  return Number(text)
}

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, not "${text}"`)
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
    allowCode: values['allow-code'] ?? false,
  }
}

/** Reads and validates the document, with the flags applied. */
export function loadDocument(options: SimulateOptions): MeshDocument {
  let text: string
  try {
    text = readFileSync(options.file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new UsageError(
      `cannot read ${options.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`,
    )
  }
  const parsed = parseDocumentText(text)
  if (!parsed.ok) throw new UsageError(`${options.file} is not a valid mesh document: ${parsed.errors.join('; ')}`)
  const doc = parsed.document
  const coded = doc.nodes.filter((n) => n.kind === 'code')
  if (coded.length && !options.allowCode) {
    throw new UsageError(
      `${options.file} has code nodes (${coded.map((n) => n.label).join(', ')}); read their code, then run with --allow-code to let it run`,
    )
  }
  return {
    ...doc,
    scheduler: options.scheduler ?? doc.scheduler,
    mode: options.mode ?? doc.mode,
    seed: options.seed ?? doc.seed,
    limits: { ...doc.limits, maxActivations: options.steps ?? doc.limits.maxActivations },
  }
}

/** Runs the document and writes its report through `write`; returns a warning when a limit stopped it. */
export function simulate(doc: MeshDocument, format: SimulateOptions['format'], write: (line: string) => void): string | null {
  // loadDocument refused code nodes unless --allow-code was given.
  const compile = compileCoroutine
  if (format === 'summary') {
    const sim = new Simulation(doc, { compile })
    const started = performance.now()
    const result = sim.run()
    const elapsed = performance.now() - started
    write(
      JSON.stringify({
        activations: sim.tick,
        elapsed_ms: Number(elapsed.toFixed(3)),
        per_second: elapsed > 0 ? Math.round((sim.tick / elapsed) * 1000) : null,
        outputs: sim.stats.outputs,
        dropped: sim.stats.dropped,
        overflowed: sim.stats.overflowed,
        errors: sim.stats.errors,
        stopped: result.reason,
        scheduler: doc.scheduler,
        mode: doc.mode,
        seed: doc.seed,
      }),
    )
    return warning(result.reason, doc)
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
  return warning(sim.run().reason, doc)
}

function warning(reason: string, doc: MeshDocument): string | null {
  if (reason === 'budget') return `stopped: the activation budget (${doc.limits.maxActivations}) is spent; raise it with --steps`
  if (reason === 'queue-cap') return `stopped: a queue reached its cap (${doc.limits.maxQueue} items); see the "limit" event`
  return null
}

function main(): number {
  const chunks: string[] = []
  let size = 0
  const flush = () => {
    if (chunks.length) process.stdout.write(chunks.join(''))
    chunks.length = 0
    size = 0
  }
  const write = (line: string) => {
    chunks.push(line + '\n')
    size += line.length
    if (size > 1 << 16) flush()
  }
  try {
    const options = parseCommandLine(process.argv.slice(2))
    const doc = loadDocument(options)
    const warn = simulate(doc, options.format, write)
    flush()
    if (warn) process.stderr.write(warn + '\n')
    return 0
  } catch (e) {
    flush()
    if (e instanceof UsageError) {
      process.stderr.write(`simulate: ${e.message}\n`)
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main()
