/** The real sandbox worker, bundled by Vite as its own module worker. */
import { SandboxClient, type SandboxClientOptions } from './client'
import { SandboxComparison } from './compare-client'
import type { WatchdogOptions } from './watchdog'
import type { WorkerLike } from './worker-channel'

export function createSandboxWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'mesh-sandbox' }) as unknown as WorkerLike
}

/** A client for the real worker. */
export function createSandboxClient(options: Omit<SandboxClientOptions, 'createWorker'> = {}): SandboxClient {
  return new SandboxClient({ ...options, createWorker: createSandboxWorker })
}

/** A comparison of schedulers in a real worker of its own. */
export function createSandboxComparison(options: Omit<WatchdogOptions, 'createWorker'> = {}): SandboxComparison {
  return new SandboxComparison({ ...options, createWorker: createSandboxWorker })
}
