import { afterEach, describe, expect, it } from 'vitest'

import { meshDocument } from '../engine/testing'
import { FakeWorker } from './fake-worker'
import type { SandboxResult } from './protocol'
import { WorkerChannel } from './worker-channel'

const SOURCE = 'function* (ports) {\n  while (true) ports.out.send(yield)\n}'
const DOC = meshDocument({
  nodes: [
    { id: 'c', kind: 'code', code: { source: SOURCE, ports: ['out'] } },
    { id: 's', kind: 'sink' },
  ],
  edges: [{ source: 'c', port: 'out', target: 's' }],
  inputs: [{ node: 'c', values: [1, 2] }],
})

const channels: WorkerChannel[] = []
afterEach(() => channels.splice(0).forEach((c) => c.dispose()))

function channel(worker: FakeWorker, startTimeoutMs?: number): WorkerChannel {
  const made = new WorkerChannel(() => worker, startTimeoutMs)
  channels.push(made)
  return made
}

describe("the page's channel to a sandbox worker", () => {
  it('reads only messages that fit the protocol: forged replies, notes and notices are dropped', async () => {
    const worker = new FakeWorker()
    const page = channel(worker)
    const reply = page.send({ type: 'reset', document: DOC, allowed: [SOURCE], stopped: [] }, 5_000)
    // What code that reached the port would post first: a reply with a notice's text, an ill-shaped result, a note about no node.
    worker.forge({ kind: 'reply', id: 1, ok: false, error: 'x'.repeat(5_000) })
    worker.forge({ kind: 'reply', id: 1, ok: true, result: { view: { tick: -1 } } })
    worker.forge({ kind: 'note', type: 'priming', node: 'lonely', extra: 'notice' })
    const result = (await reply) as SandboxResult
    expect(result.view.nodes.c!.error).toBeNull()
    expect(page.dropped).toBe(3)
    expect(page.priming).toBe('c')
  })

  it("starts the watchdog's clock once the worker is ready, and treats one that never gets ready as crashed", async () => {
    const silent = new FakeWorker()
    // A worker that never says it is ready (it failed to load).
    silent.postMessage = () => {}
    const page = channel(silent, 50)
    await expect(page.send({ type: 'view' }, 5_000)).rejects.toMatchObject({ crashed: true })
  })
})
