import { afterEach, describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, pyStr, type MeshDocument } from '../engine'
import { meshDocument } from '../engine/testing'
import { runsInSandbox } from '../sandbox/trust'
import { DEFAULT_POLICY, POLICY_TEMPLATES } from '../sandbox/policy-templates'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle } from './sandbox-testing'

const FOREIGN = `function (mesh) {
  // Someone else's: the last tasklet with items.
  return mesh.tasklets.filter((t) => t.queued > 0).at(-1).id
}`

function part3(): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

const withPolicy = (source: string, name = 'Theirs'): MeshDocument => ({ ...part3(), scheduler: 'policy', policy: { name, source } })
const sinkGot = (s: MeshStore) => s.getState().run.outputs.s?.map((o) => pyStr(o.value)) ?? []

const stores: MeshStore[] = []
afterEach(() => {
  for (const s of stores) s.getState().reset(meshDocument({ nodes: [] }))
  stores.length = 0
})

function store(document?: MeshDocument): MeshStore {
  const made = sandboxStore(document)
  stores.push(made)
  return made
}

describe('a written policy in the store', () => {
  it('starts as the first template when "Written policy" is first chosen, and undo takes the choice back', () => {
    const s = createMeshStore({ document: part3() })
    s.getState().setScheduler('policy', 'flush')
    expect(s.getState().document.scheduler).toBe('policy')
    expect(s.getState().document.policy).toEqual({ name: DEFAULT_POLICY.title, source: DEFAULT_POLICY.source })
    s.getState().undo()
    expect(s.getState().document.scheduler).toBe('taskmaster')
    expect(s.getState().document.policy).toBeUndefined()
    s.getState().redo()
    // Back to the taskmaster and again to the policy: the policy written is kept.
    s.getState().setPolicy({ name: 'Mine' })
    s.getState().setScheduler('taskmaster', 'flush')
    s.getState().setScheduler('policy', 'flush')
    expect(s.getState().document.policy?.name).toBe('Mine')
  })

  it('is edited as one undoable step per change, and trusted when typed here', () => {
    const s = createMeshStore({ document: withPolicy(DEFAULT_POLICY.source, 'Round robin') })
    const edited = DEFAULT_POLICY.source.replace('ran last', 'ran most recently')
    s.getState().setPolicy({ source: edited })
    expect(s.getState().document.policy?.source).toBe(edited)
    expect(s.getState().isCodeTrusted(edited)).toBe(true)
    const template = POLICY_TEMPLATES.find((t) => t.id === 'lottery')!
    s.getState().setPolicy({ name: template.title, source: template.source })
    expect(s.getState().document.policy).toEqual({ name: 'Lottery', source: template.source })
    s.getState().undo()
    expect(s.getState().document.policy).toEqual({ name: 'Round robin', source: edited })
    s.getState().setPolicy({ source: 'x'.repeat(20_001) })
    expect(s.getState().document.policy?.source).toBe(edited)
  })

  it('asks before a policy from a link runs, never runs it before, and runs it once agreed', async () => {
    const s = store()
    s.getState().openMesh(withPolicy(FOREIGN), { from: 'link' })
    await settle(s)
    expect(s.getState().codeReviewOpen).toBe(true)
    expect(s.getState().untrustedPolicy()).toEqual({ name: 'Theirs', source: FOREIGN })
    expect(runsInSandbox(s.getState().document, s.getState().isCodeTrusted)).toBe(false)
    expect(s.getState().run).toMatchObject({ status: 'halted', halt: 'policy', haltDetail: 'the policy "Theirs" cannot run: its code has not been allowed to run' })
    s.getState().runToEnd()
    await settle(s)
    expect(s.getState().run.tick).toBe(0)
    // Editing code still waiting for consent does not make it trusted.
    s.getState().setPolicy({ source: `${FOREIGN} ` })
    expect(s.getState().isCodeTrusted(`${FOREIGN} `)).toBe(false)
    s.getState().undo()
    s.getState().allowDocumentCode()
    await settle(s)
    expect(s.getState().untrustedPolicy()).toBeNull()
    s.getState().runToEnd()
    await settle(s)
    expect(s.getState().run.status).toBe('idle')
    expect(sinkGot(s).length).toBeGreaterThan(0)
  })

  it('runs in the sandbox once it may, and an edit reaches the run at its tick', async () => {
    const s = store(part3())
    s.getState().setScheduler('policy', 'flush')
    await settle(s)
    expect(runsInSandbox(s.getState().document, s.getState().isCodeTrusted)).toBe(true)
    s.getState().step()
    s.getState().step()
    await settle(s)
    expect(s.getState().run.tick).toBe(2)
    expect(s.getState().run.schedulerView).toMatchObject({ kind: 'policy', name: 'Round robin' })
    s.getState().setPolicy({ source: 'function (mesh) { return "nobody" }' })
    await settle(s)
    expect(s.getState().run.tick).toBe(2)
    expect(s.getState().run.haltDetail).toBe('the policy "Round robin" returned "nobody", but no tasklet of this mesh has the id "nobody"')
    s.getState().undo()
    await settle(s)
    s.getState().runToEnd()
    await settle(s)
    expect(s.getState().run.status).toBe('idle')
  })

  it('shows the policy how long items waited when a mesh already in the sandbox is given one mid-run', async () => {
    const PASS = `function* (ports) {
  while (true) ports.out.send(yield)
}`
    const s = store(codeChain(PASS, 'pass', [1, 2, 3]))
    s.getState().trustCode([PASS])
    await settle(s)
    s.getState().step()
    s.getState().step()
    await settle(s)
    const AGES = 'function (mesh) { throw new Error("ages " + mesh.tasklets.map((t) => t.headAge).join(" ")) }'
    s.getState().setScheduler('policy', 'flush')
    s.getState().setPolicy({ source: AGES })
    await settle(s)
    expect(s.getState().run.tick).toBe(2)
    // start's 3 has waited since tick 0; the code node's 2 came at tick 1… (all -1 without the ledger).
    expect(s.getState().run.haltDetail).toMatch(/threw Error: ages 2 \d -1/)
  })

  it('does not ask about a policy the document keeps but does not run', () => {
    const s = createMeshStore()
    s.getState().openMesh({ ...withPolicy(FOREIGN), scheduler: 'priority' }, { from: 'link' })
    expect(s.getState().codeReviewOpen).toBe(false)
    expect(s.getState().untrustedPolicy()).toBeNull()
  })
})
