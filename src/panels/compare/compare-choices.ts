/**
 * What a lane of the Compare panel can run: the seed's two schedulers in
 * both modes, the mesh's own written policy (if it has one), the policy
 * templates, so that a learner can race "longest queue first" against the
 * taskmaster without touching their mesh, and the person's own picks (if
 * the mesh has some), replayed and stopping where they end. Each is a LaneSpec,
 * the scheduler fields of a document; the panel names them and lists them.
 */
import { excerpt, MODES, type LaneSpec, type MeshDocument, type SchedulerKind } from '../../engine'
import { POLICY_TEMPLATES } from '../../sandbox/policy-templates'
import { modeName } from '../SchedulerControls'

/** The seed's schedulers: built in, each in both modes. */
const SEED_SCHEDULERS = ['taskmaster', 'priority'] as const satisfies readonly SchedulerKind[]

export interface LaneChoice {
  /** Stands for it in a `<select>`. */
  key: string
  /** What the list says. */
  label: string
  group: 'built-in' | 'written' | 'hand'
  spec: LaneSpec
}

/** A lane's name, as its heading and its region say: "taskmaster, flush", "Longest queue first (written policy)". */
export function specName(spec: LaneSpec): string {
  if (spec.scheduler === 'policy') return `${excerpt(spec.policy?.name || 'untitled', 60)} (written policy)`
  if (spec.scheduler === 'hand') return 'your picks (by hand)'
  return `${spec.scheduler}, ${modeName(spec.scheduler, spec.mode)}`
}

/** The mesh's own policy's choice key. */
const OWN = 'policy:mesh'

/** The picks' choice key. */
const HAND = 'hand'

/** Every lane the panel offers for `document`: the built-in schedulers first, then the written policies, then the picks. */
export function laneChoices(document: Pick<MeshDocument, 'policy' | 'hand'>): LaneChoice[] {
  const choices: LaneChoice[] = SEED_SCHEDULERS.flatMap((scheduler) =>
    MODES.map((mode) => ({ key: `${scheduler}:${mode}`, label: specName({ scheduler, mode }), group: 'built-in' as const, spec: { scheduler, mode } })),
  )
  if (document.policy) {
    const policy = { name: document.policy.name, source: document.policy.source }
    choices.push({ key: OWN, label: `${excerpt(policy.name || 'untitled', 60)} (this mesh's policy)`, group: 'written', spec: { scheduler: 'policy', mode: 'flush', policy } })
  }
  for (const template of POLICY_TEMPLATES) {
    choices.push({
      key: `policy:${template.id}`,
      label: `${template.title} (template)`,
      group: 'written',
      spec: { scheduler: 'policy', mode: 'flush', policy: { name: template.title, source: template.source } },
    })
  }
  if (document.hand) {
    const n = document.hand.picks.length
    choices.push({ key: HAND, label: `Your ${n.toLocaleString('en')} pick${n === 1 ? '' : 's'} (by hand)`, group: 'hand', spec: { scheduler: 'hand', mode: 'flush' } })
  }
  return choices
}

/**
 * The choice a lane's spec is, or null when none of `choices` is it (a
 * written policy the mesh no longer has). A written policy is known by its
 * source: the mesh's own first, then a template's.
 */
export function choiceOf(spec: LaneSpec | undefined, choices: readonly LaneChoice[]): LaneChoice | null {
  if (!spec) return null
  // The picks say for themselves how much a tasklet takes: a hand lane is one, whatever its mode.
  if (spec.scheduler === 'hand') return choices.find((c) => c.key === HAND) ?? null
  if (spec.scheduler !== 'policy') return choices.find((c) => c.spec.scheduler === spec.scheduler && c.spec.mode === spec.mode) ?? null
  return choices.find((c) => c.spec.scheduler === 'policy' && c.spec.policy?.source === spec.policy?.source) ?? null
}

/**
 * The lanes a comparison starts with: the open lesson's (its demo's pair,
 * as "Side by side" in Flush versus next has it), else the mesh's own
 * scheduler and the other seed scheduler in the same mode (a written
 * policy's mesh: its policy, and the taskmaster taking one item a turn; a
 * mesh scheduled by hand: its picks, and the taskmaster).
 */
export function firstLanes(document: Pick<MeshDocument, 'scheduler' | 'mode' | 'policy'>, lesson?: readonly LaneSpec[]): LaneSpec[] {
  if (lesson && lesson.length >= 2) return lesson.map((spec) => ({ ...spec }))
  if (document.scheduler === 'policy') {
    const own = laneChoices(document).find((c) => c.key === OWN)
    return [own ? own.spec : { scheduler: 'policy', mode: document.mode }, { scheduler: 'taskmaster', mode: 'next' }]
  }
  const other = SEED_SCHEDULERS.find((s) => s !== document.scheduler) ?? 'priority'
  return [
    { scheduler: document.scheduler, mode: document.mode },
    { scheduler: other, mode: document.mode },
  ]
}

/** The lane "Add a lane" adds: the first choice no lane runs yet (the first choice when every one is taken). */
export function nextLane(specs: readonly LaneSpec[], choices: readonly LaneChoice[]): LaneSpec {
  const used = new Set(specs.map((spec) => choiceOf(spec, choices)?.key))
  return (choices.find((c) => !used.has(c.key)) ?? choices[0]!).spec
}
