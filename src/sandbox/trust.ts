/**
 * Which code may run: the starter templates and the demos' code (ours),
 * code the person typed in this browser, and code they agreed to run after
 * reading it. Code that came with a link or a file is none of these until
 * they agree. Kept as the sources themselves (not hashes a link could be
 * made to match), the newest few hundred, in localStorage when there is one.
 * A written policy is code like a code node's: the same trust, the same
 * consent, and it runs in the sandbox too.
 */
import { DEMO_CODE } from '../demos/built-in-code'
import { CODE_TEMPLATE, everyNode, type MeshDocument, type MeshNode, type WrittenPolicy } from '../engine'
import { POLICY_TEMPLATES } from './policy-templates'
import { CODE_TEMPLATES } from './templates'

export const TRUST_KEY = 'mesh-playground:trusted-code:v1'
const MAX_TRUSTED = 200
/** Code that ships with the playground, trusted everywhere. */
const BUILT_IN = new Set([CODE_TEMPLATE, ...CODE_TEMPLATES.map((t) => t.source), ...POLICY_TEMPLATES.map((t) => t.source), ...DEMO_CODE])

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

/** The code nodes whose code has not been allowed to run (inside groups too). */
export function untrustedNodes(doc: MeshDocument, trust: TrustedCode): MeshNode[] {
  return everyNode(doc.nodes).filter((n) => n.kind === 'code' && n.code !== undefined && !trust.has(n.code.source))
}

/** The written policy the document runs, if its scheduler is one. */
export function runningPolicy(doc: MeshDocument): WrittenPolicy | null {
  return doc.scheduler === 'policy' ? (doc.policy ?? null) : null
}

/** The written policy the document runs, if it has not been allowed to run. */
export function untrustedPolicy(doc: MeshDocument, trust: TrustedCode): WrittenPolicy | null {
  const policy = runningPolicy(doc)
  return policy && !trust.has(policy.source) ? policy : null
}

/** Whether the document carries code the person has to agree to before it runs. */
export function needsConsent(doc: MeshDocument, trust: TrustedCode): boolean {
  return untrustedNodes(doc, trust).length > 0 || untrustedPolicy(doc, trust) !== null
}

/** Every source that may run (typed here, or agreed to): the code nodes', and the written policy's when the document runs it. */
export function allowedSources(doc: MeshDocument, isTrusted: (source: string) => boolean): string[] {
  const sources = everyNode(doc.nodes).flatMap((n) => (n.kind === 'code' && n.code && isTrusted(n.code.source) ? [n.code.source] : []))
  const policy = runningPolicy(doc)
  if (policy && isTrusted(policy.source)) sources.push(policy.source)
  return [...new Set(sources)]
}

/** Whether a document runs in the sandbox: it has code (a code node's, or its policy) that may run. */
export function runsInSandbox(doc: MeshDocument, isTrusted: (source: string) => boolean): boolean {
  return allowedSources(doc, isTrusted).length > 0
}
