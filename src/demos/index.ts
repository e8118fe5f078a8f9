/**
 * The demo gallery: each demo a typed document plus a short lesson, opened
 * with `?demo=<id>`. Their documents live in `*.mesh.json` files beside
 * this one, so `npm run simulate -- src/demos/part3-mesh.mesh.json` runs
 * them too.
 */
import { flushVsNext } from './flush-vs-next'
import type { Demo } from './lesson'
import { part3Mesh } from './part3-mesh'
import { pingPong } from './ping-pong'
import { priorityEchoers } from './priority-echoers'
import { rewiring } from './rewiring'
import { smartRouter } from './smart-router'
import { taskletTour } from './tasklet-tour'
import { youAreTheScheduler } from './you-are-the-scheduler'

export type { Demo, DemoStep, LessonShows } from './lesson'
export { defineDemo, lessonless, openLessonStep, playStep, showing } from './lesson'

/** In gallery order. */
export const DEMOS: readonly Demo[] = [part3Mesh, priorityEchoers, pingPong, taskletTour, flushVsNext, smartRouter, rewiring, youAreTheScheduler]

/** The demo a `?demo=` value names, if any. */
export function findDemo(id: string): Demo | undefined {
  return DEMOS.find((demo) => demo.id === id)
}
