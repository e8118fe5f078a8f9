/**
 * Which code may run: the starter templates and the demos' code (ours),
 * code the person typed in this browser, and code they agreed to run after
 * reading it. Code that came with a link or a file is none of these until
 * they agree. Kept as the sources themselves (not hashes a link could be
 * made to match), the newest few hundred, in localStorage when there is one.
 */
import { DEMO_CODE } from '../demos/built-in-code'
import { CODE_TEMPLATE, type MeshDocument, type MeshNode } from '../engine'
import { CODE_TEMPLATES } from './templates'

export const TRUST_KEY = 'mesh-playground:trusted-code:v1'
const MAX_TRUSTED = 200
/** Code that ships with the playground, trusted everywhere. */
const BUILT_IN = new Set([CODE_TEMPLATE, ...CODE_TEMPLATES.map((t) => t.source), ...DEMO_CODE])

export class TrustedCode {
  private sources: string[] = []

  constructor(private readonly storage: Storage | null = null) {
    try {
      const saved: unknown = JSON.parse(storage?.getItem(TRUST_KEY) ?? '[]')
      if (Array.isArray(saved)) this.sources = saved.filter((s): s is string => typeof s === 'string').slice(-MAX_TRUSTED)
    } catch {
      // Unreadable: trust nothing more than the built-in code.
    }
  }

  has(source: string): boolean {
    return BUILT_IN.has(source) || this.sources.includes(source)
  }

  /** Trusts these sources from now on; false when all of them were already. */
  add(sources: Iterable<string>): boolean {
    const fresh = [...new Set(sources)].filter((s) => !this.has(s))
    if (!fresh.length) return false
    this.sources = [...this.sources, ...fresh].slice(-MAX_TRUSTED)
    try {
      this.storage?.setItem(TRUST_KEY, JSON.stringify(this.sources))
    } catch {
      // A full or refusing storage: trusted for this visit only.
    }
    return true
  }
}

/** The code nodes whose code has not been allowed to run. */
export function untrustedNodes(doc: MeshDocument, trust: TrustedCode): MeshNode[] {
  return doc.nodes.filter((n) => n.kind === 'code' && n.code !== undefined && !trust.has(n.code.source))
}

/** Whether the document carries code the person has to agree to before it runs. */
export function needsConsent(doc: MeshDocument, trust: TrustedCode): boolean {
  return untrustedNodes(doc, trust).length > 0
}

/** Every code node's source that may run (typed here, or agreed to). */
export function allowedSources(doc: MeshDocument, isTrusted: (source: string) => boolean): string[] {
  return [...new Set(doc.nodes.flatMap((n) => (n.kind === 'code' && n.code && isTrusted(n.code.source) ? [n.code.source] : [])))]
}

/** Whether a document runs in the sandbox: it has code that may run. */
export function runsInSandbox(doc: MeshDocument, isTrusted: (source: string) => boolean): boolean {
  return allowedSources(doc, isTrusted).length > 0
}
