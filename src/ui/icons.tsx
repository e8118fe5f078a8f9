/** Small line icons for the run controls; decorative, since every button has a name of its own. */
const PATHS = {
  reset: 'M3 8a5 5 0 1 0 1.5-3.5M3 2.5V5h2.5',
  back: 'M4 3v10M13 3 6 8l7 5z',
  play: 'M5 3v10l8-5z',
  pause: 'M5 3v10M11 3v10',
  step: 'M12 3v10M3 3l7 5-7 5z',
  round: 'M13 3v10M2 3l5 5-5 5zM7 3l5 5-5 5z',
  end: 'M2 3l5 5-5 5zM8 3l5 5-5 5z',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name }: { name: IconName }) {
  const filled = name === 'play' || name === 'back' || name === 'step' || name === 'round' || name === 'end'
  return (
    <svg className="run-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={name === 'pause' ? 2.5 : 1.5} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
