/**
 * The code in the demos' documents. It is ours, as the starter templates
 * are, so it runs without asking (trust.ts); code from a link or a file
 * still asks. Only the documents are read here, not the lessons, so the
 * page's first bundle stays as small as it was.
 */
import rewiring from './rewiring.mesh.json'
import smartRouter from './smart-router.mesh.json'

interface DocumentJson {
  nodes: readonly { code?: { source: string } }[]
}

const DOCUMENTS: readonly DocumentJson[] = [smartRouter, rewiring]

/** Every code node's source in a demo document. */
export const DEMO_CODE: readonly string[] = DOCUMENTS.flatMap((doc) => doc.nodes.flatMap((node) => (node.code ? [node.code.source] : [])))
