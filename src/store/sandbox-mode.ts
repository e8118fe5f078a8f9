/**
 * The run slice's way of running a mesh that has code nodes allowed to run:
 * in the sandbox worker, through a SandboxRun, with the same actions as the
 * page's own Timeline (step, play, fast runs, time travel, hand actions,
 * edits) and the same things published. Meshes without such code keep
 * running on the page, synchronously. Moving between the two starts the run
 * again from tick 0, unless nothing was done to it by hand (then it goes
 * on at the same tick).
 */
import type { LessonStep } from '../demos/lesson'
import { hitOf, type MeshDocument, type RunAction, type RunStop, type Timeline } from '../engine'
import type { Clock } from '../runner/clock'
import type { RunDriver } from '../runner/driver'
import type { FlowStyle, FlowView } from '../runner/flow'
import { haltNotice, START_CHANGED_NOTICE } from '../runner/notices'
import type { Speed } from '../runner/speeds'
import type { SandboxClient } from '../sandbox/client'
import { STOPPED_ERROR } from '../sandbox/protocol'
import type { MeshState } from './mesh-store'
import type { RunView } from '../engine/run-view'
import { SandboxRun, viewAsSim } from './sandbox-run'

export interface SandboxModeDeps {
  get(): MeshState
  set(partial: Partial<MeshState>): void
  driver: RunDriver
  /** The page's own Timeline, which runs meshes without code. */
  timeline: Timeline
  clock: Clock
  /** Makes a client for the sandbox worker; null where there are no workers (code nodes then stay closed). */
  createClient: (() => SandboxClient) | null
  publish(): void
  setActivity(activity: MeshState['player']['activity']): void
  /** Shows the document the run had at the tick it moved to. */
  showRunDocument(run: MeshDocument): void
  /** Stops playing or running, wherever the run is. */
  halt(): void
}

/** Every code node's source that may run (typed here, or agreed to). */
export function allowedSources(doc: MeshDocument, isTrusted: (source: string) => boolean): string[] {
  return [...new Set(doc.nodes.flatMap((n) => (n.kind === 'code' && n.code && isTrusted(n.code.source) ? [n.code.source] : [])))]
}

/** Whether a document runs in the sandbox: it has code that may run. */
export function runsInSandbox(doc: MeshDocument, isTrusted: (source: string) => boolean): boolean {
  return allowedSources(doc, isTrusted).length > 0
}

/** Where a run stands, to tell later whether anything moved it: which run (a page Simulation or a sandbox run), its tick, and how many actions were logged. */
export interface RunMark {
  run: object | null
  tick: number
  actions: number
}

/** A request out longer than this shows the run as busy (shorter ones would only make the controls flicker, and eat the click that sent them). */
const BUSY_AFTER_MS = 150

export class SandboxMode {
  private sandbox: SandboxRun | null = null
  private busyTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly deps: SandboxModeDeps) {}

  /** Whether the run lives in the sandbox now. */
  get active(): boolean {
    return this.sandbox !== null
  }

  get view(): RunView | null {
    return this.sandbox?.view ?? null
  }

  /** What the store publishes of the sandbox's run: its view, the flow along the wires, the log's revision (nothing before the first reply). */
  published(flow: FlowView, style: FlowStyle, duration: number, now: number): Partial<MeshState> {
    const sandbox = this.sandbox
    const view = sandbox?.view
    if (!sandbox || !view) return {}
    const { driver, get } = this.deps
    const sim = viewAsSim(view, sandbox.runDocument() ?? get().document)
    return { run: view, flow: driver.flow.publish(sim, style, duration, now, flow), logRevision: driver.trace.revision + driver.series.revision }
  }

  /** A node's label in the document the sandbox's run follows (the page's Timeline is not running it). */
  label(id: string): string {
    const doc = this.sandbox?.runDocument() ?? this.deps.get().document
    return doc.nodes.find((n) => n.id === id)?.label ?? id
  }

  /** The document the sandbox's run follows at its tick. */
  runDocument(): MeshDocument {
    return this.sandbox?.runDocument() ?? this.deps.get().document
  }

  /** Where the sandbox's run stands: which run, its tick, the actions logged. */
  mark(): RunMark {
    const sandbox = this.sandbox
    return { run: sandbox, tick: sandbox?.view?.tick ?? 0, actions: sandbox?.client.actions.length ?? 0 }
  }

  /** Plays lesson steps on the sandbox's run; true once it shows them all. */
  async playLesson(steps: readonly LessonStep[]): Promise<boolean> {
    const sandbox = this.sandbox
    if (!sandbox) return false
    const played = await sandbox.playLesson(steps).catch(() => false)
    this.deps.publish()
    return played
  }

  /** Whether anything but edits was done to the sandbox's run by hand, up to its tick. */
  acted(): boolean {
    const sandbox = this.sandbox
    return sandbox ? sandbox.client.actedBy(sandbox.view?.tick ?? 0) : false
  }

  /**
   * Moves the run to where it belongs after the document or the code allowed
   * to run changed, or a mesh was opened at a tick: into the sandbox, out of
   * it, or (when more code was allowed) into a fresh sandbox run where that code runs too.
   * At the same tick when nothing was done to the run by hand; else from 0.
   */
  rebase(document: MeshDocument, { trustChanged = false } = {}): boolean {
    const { timeline, driver, get } = this.deps
    const wants = this.wants(document)
    const allowed = allowedSources(document, get().isCodeTrusted)
    // Code in the mesh the run was told not to compile, now allowed (after an edit, the run is told: see follow).
    const fresh = trustChanged && this.sandbox !== null && allowed.some((source) => !this.sandbox!.client.allows(source))
    // The page ran to a tick while the sandbox had the run (a mesh opened at a tick).
    const pageAhead = this.active && timeline.tick > 0
    if (wants === this.active && !fresh && !pageAhead) return false
    const tick = this.active && !pageAhead ? (this.view?.tick ?? 0) : timeline.tick
    const acted = this.active && !pageAhead ? this.acted() : timeline.acted
    this.deps.halt()
    const at = acted ? 0 : tick
    driver.reset(document)
    if (wants) this.enter(document, at)
    else {
      this.leave()
      if (at > 0) driver.seek(timeline.run(at).steps)
    }
    if (acted && tick > 0) {
      const why = wants ? 'code nodes run in the sandbox from the start of a run' : 'the mesh has no code left to run in the sandbox'
      get().notify({ key: 'start-changed', tone: 'info', text: `The run started again from tick 0: ${why}.` })
    }
    this.deps.publish()
    return true
  }

  /** Whether the document should run in the sandbox (and workers exist to run it). */
  wants(doc: MeshDocument): boolean {
    return this.deps.createClient !== null && runsInSandbox(doc, this.deps.get().isCodeTrusted)
  }

  /** Starts `document` in the sandbox at tick 0 (or at `tick`, stepping there). */
  enter(document: MeshDocument, tick = 0): void {
    if (!this.sandbox) {
      const client = this.deps.createClient!()
      const { get, driver, clock } = this.deps
      this.sandbox = new SandboxRun(client, {
        clock,
        driver,
        breakpoints: () => get().breakpoints,
        label: (id) => this.label(id),
        changed: () => this.deps.publish(),
        busy: (busy) => this.busy(busy),
        finished: (stop) => this.finished(stop),
        stopped: (stopped) => {
          const label = get().document.nodes.find((n) => n.id === stopped.node)?.label ?? stopped.node
          get().notify({ key: 'code-stopped', tone: 'warning', text: `${label} was stopped at tick ${stopped.tick}: ${STOPPED_ERROR}. The rest of the mesh is as it was.` })
        },
        failed: (error) => get().notify({ key: 'code-stopped', tone: 'error', text: `The code sandbox failed: ${error.message}. Press Reset to start the run again.` }),
      })
    }
    void this.sandbox.reset(document, allowedSources(document, this.deps.get().isCodeTrusted), tick).catch(() => undefined)
  }

  private busy(busy: boolean): void {
    if (this.busyTimer) clearTimeout(this.busyTimer)
    this.busyTimer = busy ? setTimeout(() => this.deps.set({ runBusy: true }), BUSY_AFTER_MS) : null
    if (!busy && this.deps.get().runBusy) this.deps.set({ runBusy: false })
  }

  /** Back to running on the page. */
  leave(): void {
    this.sandbox?.dispose()
    this.sandbox = null
    this.busy(false)
  }

  step(): void {
    void this.sandbox?.step().catch(() => undefined)
  }

  /** A fast run to the end (or the round's end), shown as running. */
  runFast(goal: 'end' | 'round'): void {
    this.deps.setActivity('running')
    void this.sandbox?.burst(goal).catch(() => this.deps.setActivity('paused'))
  }

  play(speed: Speed): void {
    this.deps.setActivity('playing')
    if (speed === 'turbo') void this.sandbox?.burst('end').catch(() => this.deps.setActivity('paused'))
    else this.sandbox?.play(speed)
  }

  /** Stops playing or running (a request already out still lands). */
  halt(): void {
    this.sandbox?.stop()
    this.deps.setActivity('paused')
  }

  /** Tick 0 of `document`, in the sandbox or on the page, whichever runs it. */
  restart(document: MeshDocument): void {
    this.deps.driver.reset(document)
    if (this.wants(document)) this.enter(document)
    else this.leave()
  }

  async seek(tick: number): Promise<void> {
    const sandbox = this.sandbox
    if (!sandbox) return
    await sandbox.seek(tick).catch(() => undefined)
    const run = sandbox.runDocument()
    if (run) this.deps.showRunDocument(run)
    this.deps.publish()
  }

  act(action: RunAction): void {
    void this.sandbox?.act(action).catch(() => undefined)
  }

  /** An edit of the document reaches the run in the sandbox: new code it may run, then the update. */
  follow(document: MeshDocument, changesRun: (a: MeshDocument, b: MeshDocument) => boolean, changesStart: boolean): void {
    const sandbox = this.sandbox
    if (!sandbox) return
    const tick = sandbox.view?.tick ?? 0
    if (changesStart && tick === 0 && !sandbox.client.actedBy(0)) return this.enter(document)
    void sandbox.allow(allowedSources(document, this.deps.get().isCodeTrusted)).catch(() => undefined)
    const run = sandbox.runDocument()
    if (!run || changesRun(run, document)) this.act({ type: 'update', document })
    if (changesStart) this.deps.get().notify(START_CHANGED_NOTICE)
  }

  /** The run stopped by itself: paused, with why (a breakpoint, a limit). */
  private finished(stop: RunStop | null): void {
    const { get, set } = this.deps
    this.deps.setActivity('paused')
    set({ breakpointHit: hitOf(stop) })
    const view = this.sandbox?.view
    if (view?.halt && view.haltDetail) get().notify(haltNotice(view.haltDetail))
    this.deps.publish()
  }
}

