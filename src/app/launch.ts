/**
 * What the page's address asks for: a shared mesh in the hash (`#mesh=…`,
 * maybe `&tick=N`), a demo (`?demo=<id>`), the embed view (`?embed`),
 * presenter mode (`?present`, on the lesson of the link or demo).
 * Reading it has no effect; `openLaunch` then opens the mesh or demo, and a
 * bad link or unknown demo becomes a notice that leaves the work as it was.
 */
import type { MeshStore } from '../store/mesh-store'
import { OPEN_NOTICE_KEY } from '../store/open-slice'

export interface Launch {
  /** The hash, when it holds a mesh. */
  link: string | null
  demo: string | null
  embed: boolean
  /** Presenter mode, once the mesh and its lesson are open (not in the embed view, which has no lesson). */
  present: boolean
}

export function readLaunch(address: string): Launch {
  const url = new URL(address)
  const link = /^#(?:.*&)?mesh=/.test(url.hash) ? url.hash : null
  const embed = url.searchParams.has('embed')
  return { link, demo: url.searchParams.get('demo'), embed, present: !embed && url.searchParams.has('present') }
}

/** The address without the mesh in its hash: once opened, the mesh is the page's own, and a reload shows the saved work. */
export function withoutLink(address: string): string {
  const url = new URL(address)
  if (readLaunch(address).link) url.hash = ''
  return url.href.replace(/#$/, '')
}

/** The address with `?present` while presenter mode is on, so a reload presents again. */
export function withPresent(address: string, present: boolean): string {
  const url = new URL(address)
  if (present === url.searchParams.has('present')) return url.href
  if (present) url.searchParams.set('present', '')
  else url.searchParams.delete('present')
  // `?present`, as a person writes it, rather than `?present=`.
  return url.href.replace(/([?&]present)=(?=&|#|$)/, '$1')
}

/** The address with `?demo=` set to the demo followed (or removed). */
export function withDemo(address: string, demo: string | null): string {
  const url = new URL(address)
  if (demo) url.searchParams.set('demo', demo)
  else url.searchParams.delete('demo')
  return url.href
}

export async function openLaunch(store: MeshStore, launch: Launch): Promise<void> {
  const refuse = (text: string) => store.getState().notify({ key: OPEN_NOTICE_KEY, tone: 'error', text })
  if (launch.link) {
    const { decodeLink } = await import('../formats/link')
    const opened = decodeLink(launch.link)
    if (!opened.ok) return refuse(`${opened.error} ${launch.embed ? '' : 'Your own mesh is as you left it.'}`.trim())
    store.getState().openMesh(opened.document, { tick: opened.tick, from: launch.embed ? undefined : 'link', ...(opened.recording ? { recording: opened.recording } : {}) })
    if (launch.present) store.getState().present()
    return
  }
  if (launch.demo !== null) {
    const { DEMOS, findDemo } = await import('../demos')
    const demo = findDemo(launch.demo)
    if (!demo) {
      const name = launch.demo.length > 40 ? `${launch.demo.slice(0, 40)}…` : launch.demo
      return refuse(`There is no demo called "${name}". The demos are ${DEMOS.map((d) => d.id).join(', ')}.`)
    }
    // The embed view shows the lesson too, with its own step controls (Embed.tsx).
    store.getState().openDemo(demo)
    if (launch.present) store.getState().present()
    return
  }
  if (launch.present) store.getState().present()
}
