/**
 * The code slice: which code nodes' code may run. Code typed in the editor
 * or picked from a template runs at once; code that came with a link or a
 * file waits until the person has read it in the review dialog and agreed.
 * The run compiles only trusted code (see the sandbox); the rest starts
 * closed, saying it has not been allowed to run. A written policy is
 * trusted, and asked about, the same way.
 */
import type { MeshNode, WrittenPolicy } from '../engine'
import { TrustedCode, untrustedNodes, untrustedPolicy } from '../sandbox/trust'
import type { SliceCreator } from './mesh-store'

export interface CodeSlice {
  /** Goes up whenever more code is trusted, for selectors to notice. */
  codeTrust: number
  /** The dialog that shows untrusted code and asks to run it. */
  codeReviewOpen: boolean
  isCodeTrusted(source: string): boolean
  /** Code nodes of the document whose code has not been allowed to run. */
  untrustedCode(): MeshNode[]
  /** The document's written policy, when it is the scheduler and has not been allowed to run. */
  untrustedPolicy(): WrittenPolicy | null
  /** Trusts code the person wrote or chose here. */
  trustCode(sources: Iterable<string>): void
  setCodeReviewOpen(open: boolean): void
  /** Agrees to run all the code in the document (the run picks it up: see the run slice). */
  allowDocumentCode(): void
}

export const createCodeSlice =
  (trust: TrustedCode): SliceCreator<CodeSlice> =>
  (set, get) => ({
    codeTrust: 0,
    codeReviewOpen: false,

    isCodeTrusted: (source) => trust.has(source),
    untrustedCode: () => untrustedNodes(get().document, trust),
    untrustedPolicy: () => untrustedPolicy(get().document, trust),
    trustCode(sources) {
      if (trust.add(sources)) set({ codeTrust: get().codeTrust + 1 })
    },
    setCodeReviewOpen: (open) => set({ codeReviewOpen: open }),
    allowDocumentCode() {
      const sources = get()
        .untrustedCode()
        .map((n) => n.code!.source)
      const policy = get().untrustedPolicy()
      if (policy) sources.push(policy.source)
      set({ codeReviewOpen: false })
      get().trustCode(sources)
    },
  })
