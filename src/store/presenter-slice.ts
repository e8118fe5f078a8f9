/**
 * The presenter slice: presenter mode, for a projector. While it is on the
 * page shows the canvas and the lesson in large type, and the mesh is shown
 * read-only (no dragging, wiring or deleting), as the embed view shows it,
 * except that a hand-scheduled mesh can still be picked (`canPick`);
 * leaving it gives back the editing the page had. It needs a lesson to
 * present, and ends when the lesson does.
 */
import type { MeshState, SliceCreator } from './mesh-store'
import { lessonSteps } from './shown-lesson'

/**
 * Whether the person may pick who runs by hand: not in a read-only view, except presenter mode's, where a teacher
 * picks in front of the class; and not while a group is open (picks are of the outer mesh's tasklets).
 */
export const canPick = (s: Pick<MeshState, 'readOnly' | 'presenting' | 'openPath'>): boolean => (!s.readOnly || s.presenting) && s.openPath.length === 0

/** Notices about presenter mode replace each other. */
export const PRESENT_NOTICE_KEY = 'present'

export interface PresenterSlice {
  presenting: boolean
  /** Starts presenter mode on the lesson open; with none, says so and stays as it was. Returns whether it started. */
  present(): boolean
  /** Ends presenter mode, the page as editable as it was before it. */
  stopPresenting(): void
}

export const createPresenterSlice: SliceCreator<PresenterSlice> = (set, get) => {
  /** Whether the page was read-only before presenting (the embed view is, and stays so). */
  let readOnlyBefore = false
  return {
    presenting: false,

    present() {
      if (get().presenting) return true
      if (!lessonSteps(get())?.length) {
        get().notify({ key: PRESENT_NOTICE_KEY, tone: 'info', text: 'Presenter mode shows a lesson, and this mesh has none. Open a demo (Demos) to present its lesson.' })
        return false
      }
      readOnlyBefore = get().readOnly
      // A selected card would look marked beside the watched one, and cannot be unselected on the slide.
      get().setSelection({ nodes: [], edges: [] })
      set({ presenting: true, readOnly: true })
      return true
    },

    stopPresenting() {
      if (!get().presenting) return
      set({ presenting: false, readOnly: readOnlyBefore })
    },
  }
}
