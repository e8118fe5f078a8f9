/** Play speeds, in ticks a second, and Turbo: as fast as the engine goes, drawn once a frame. */
export type Speed = number | 'turbo'

export const SPEEDS: readonly Speed[] = [0.5, 1, 2, 4, 8, 15, 30, 60, 'turbo']
export const DEFAULT_SPEED: Speed = 2
/** Above this many ticks a second, tokens along the wires give way to counters and stroke weight. */
export const TOKEN_SPEED = 15

export function speedText(speed: Speed): string {
  return speed === 'turbo' ? 'Turbo' : `${speed} ticks/s`
}

/** The speed one notch faster (+1) or slower (−1), kept within the list. */
export function nextSpeed(speed: Speed, direction: 1 | -1): Speed {
  const index = SPEEDS.indexOf(speed)
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (index < 0 ? 3 : index) + direction))]!
}

/** How long a token takes along its wire at a speed: most of a tick, and never sluggish. */
export function tokenDuration(speed: Speed | null): number {
  if (speed === null || speed === 'turbo') return 450
  return Math.min(600, Math.round(800 / speed))
}
