/**
 * The lesson the person is following, as the lesson views read it: its
 * title, its steps and the step shown. The one place that knows where a
 * lesson lives (today a demo's, in the lesson slice), so views built on it
 * need no change when lessons move into the document.
 */
import type { LessonStep } from '../demos/lesson'
import type { MeshState } from './mesh-store'

/** The lesson's steps, or null with no lesson open (the same array while the lesson stays open). */
export const lessonSteps = (s: MeshState): readonly LessonStep[] | null => s.lesson?.demo.lesson ?? null

/** What the lesson is called (the demo's title). */
export const lessonTitle = (s: MeshState): string => s.lesson?.demo.title ?? ''

/** The step shown, from 0. */
export const lessonStepIndex = (s: MeshState): number => s.lesson?.step ?? 0
