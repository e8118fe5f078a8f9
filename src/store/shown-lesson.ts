/**
 * The lesson the person is following, as the lesson views read it: its
 * title, its steps and the step shown. The one place presenter mode learns
 * where a lesson lives: in the open document (`document.lesson`), while the
 * lesson slice follows it.
 */
import type { LessonStep } from '../engine'
import type { MeshState } from './mesh-store'

/** The lesson's steps, or null with no lesson followed (the same array while the lesson is unchanged). */
export const lessonSteps = (s: MeshState): readonly LessonStep[] | null => (s.lesson ? (s.document.lesson?.steps ?? null) : null)

/** What the lesson is called (the mesh's title when the lesson has none). */
export const lessonTitle = (s: MeshState): string => s.document.lesson?.title ?? s.document.title

/** The step shown, from 0. */
export const lessonStepIndex = (s: MeshState): number => s.lesson?.step ?? 0
