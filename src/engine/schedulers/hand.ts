/**
 * The person as the scheduler: their picks, kept in the document
 * (`hand.picks`), are the decisions of a policy the PolicyScheduler runs
 * like any written one — decision k is pick k, checked as a policy's
 * decision is (an unknown tasklet, an empty queue: the run stops, saying
 * so). Past the last pick it waits (PolicyWaits): the run stops with
 * `halt` 'pick', their turn, and takes the next pick once there is one.
 * The picks can also be kept as a written policy's source
 * (`picksAsPolicy`), to compare with the others.
 */
import { MAX_CODE, type HandPick, type MeshDocument } from '../document'
import { excerpt, HIDDEN_CHAR_SOURCE } from '../hidden-text'
import { PolicyWaits, type PolicyProgram } from './policy'

/** The run's stop detail while it waits for the next pick. */
export const YOUR_TURN = 'your turn: pick a tasklet'

/** What the hand scheduler is called in messages and the scheduler panel. */
export const HAND_NAME = 'your picks'

/** The name a written policy kept from the picks gets. */
export const KEPT_POLICY_NAME = 'My picks'

/**
 * The picks as a policy: `picks()` is read at each decision, so the run
 * takes a pick added while it waits.
 */
export function handProgram(picks: () => readonly HandPick[]): PolicyProgram {
  return {
    name: HAND_NAME,
    decide: (mesh) => {
      const pick = picks()[mesh.decision]
      if (!pick) throw new PolicyWaits(YOUR_TURN)
      return { run: pick.run, take: pick.take }
    },
  }
}

/** The document scheduled by hand with these picks (the other fields as they are). */
export function withPicks(doc: MeshDocument, picks: readonly HandPick[]): MeshDocument {
  return { ...doc, scheduler: 'hand', hand: { picks: picks.map((p) => ({ run: p.run, take: p.take })) } }
}

const HIDDEN = new RegExp(HIDDEN_CHAR_SOURCE, 'gu')

/** An id as a string literal in the kept source: JSON's quoting, with every hidden character escaped so the source reads as it runs. */
function literal(id: string): string {
  return JSON.stringify(id).replace(HIDDEN, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** One line of a comment: hidden characters and line ends shown as markers, cut short. */
const commentText = (text: string, max: number) => excerpt(text, max)

const TAKE_WORDS = { one: 'takes one', all: 'drains its queue' } as const

/**
 * The picks kept as a written policy (see docs/scheduling.md): a function
 * that runs decision k as pick k, listed one a line with the tasklet's
 * name, and after the last pick the first tasklet in the mesh's order that
 * has items, one item at a time. The same document then runs the same,
 * pick for pick. Null when the picks would not fit a policy's source
 * (MAX_CODE characters).
 */
export function picksAsPolicy(doc: MeshDocument): { name: string; source: string } | null {
  const picks = doc.hand?.picks ?? []
  const labels = new Map(doc.nodes.map((n) => [n.id, n.label]))
  const title = doc.title ? ` on "${commentText(doc.title, 60)}"` : ''
  const head = [
    'function (mesh) {',
    `  // My ${picks.length} pick${picks.length === 1 ? '' : 's'}${title}, kept as a policy: decision k`,
    "  // (mesh.decision, from 0) runs picks[k], taking one item ('one') or",
    "  // draining its queue ('all').",
  ]
  const tail = [
    '  const pick = picks[mesh.decision]',
    '  if (pick) return { run: pick[0], take: pick[1] }',
    "  // After my picks: the first tasklet in the mesh's order that has items, one item.",
    '  return mesh.tasklets.find((t) => t.queued > 0).id',
    '}',
    '',
  ]
  // One pick a line, named; if that is too long, several a line.
  const named = picks.map((pick, k) => {
    const label = labels.get(pick.run)
    return `    [${literal(pick.run)}, '${pick.take}'], // ${k + 1}. ${label === undefined ? 'no such tasklet' : commentText(label, 40)} ${TAKE_WORDS[pick.take]}`
  })
  const listed = (lines: string[]) => [...head, picks.length ? '  const picks = [' : '  const picks = []', ...(picks.length ? [...lines, '  ]'] : []), ...tail].join('\n')
  let source = listed(named)
  if (source.length > MAX_CODE) {
    const bare = picks.map((pick) => `[${literal(pick.run)}, '${pick.take}']`)
    const lines: string[] = []
    for (let i = 0; i < bare.length; i += 8) lines.push(`    ${bare.slice(i, i + 8).join(', ')},`)
    source = listed(lines)
  }
  return source.length > MAX_CODE ? null : { name: KEPT_POLICY_NAME, source }
}
