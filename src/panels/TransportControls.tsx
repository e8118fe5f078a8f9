/** Reset, step back, play or pause, step, step round and run to end. */
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { Icon, type IconName } from '../ui/icons'

function RunButton({ icon, label, keys, onClick, disabled, primary }: { icon: IconName; label: string; keys: string; onClick: () => void; disabled?: boolean; primary?: boolean }) {
  return (
    <button
      type="button"
      className={primary ? 'run-button primary' : 'run-button'}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={`${label} (${keys.replace('Shift+ArrowRight', 'Shift+→')})`}
      onClick={onClick}
      disabled={disabled}
    >
      <Icon name={icon} />
    </button>
  )
}

export function TransportControls() {
  const api = useMeshStoreApi()
  const tick = useMeshStore((s) => s.run.tick)
  const status = useMeshStore((s) => s.run.status)
  const activity = useMeshStore((s) => s.player.activity)
  // A request to the code sandbox is out. The verbs go on being taken: the sandbox answers them in order, after it
  // (Step back goes one before the tick the answers leave the run at).
  const busy = useMeshStore((s) => s.runBusy && s.player.activity === 'paused')
  const state = api.getState()
  const done = status === 'idle'
  const moving = activity !== 'paused'
  return (
    <div className="run-group" role="group" aria-label="Step and play" aria-busy={busy}>
      <RunButton icon="reset" label="Reset" keys="R" onClick={() => state.reset()} disabled={tick === 0 && status !== 'halted' && !moving} />
      <RunButton icon="back" label="Step back" keys="," onClick={state.stepBack} disabled={tick === 0 && !busy} />
      <button
        type="button"
        className="run-button run-play primary"
        aria-keyshortcuts="Space"
        title={moving ? 'Pause (Space)' : 'Play at the chosen speed (Space)'}
        onClick={state.togglePlay}
        disabled={done && !moving}
      >
        <Icon name={moving ? 'pause' : 'play'} />
        <span>{moving ? 'Pause' : 'Play'}</span>
      </button>
      <RunButton icon="step" label="Step" keys="." onClick={state.step} disabled={done} />
      <RunButton icon="round" label="Step round" keys="Shift+ArrowRight" onClick={state.stepRound} disabled={done} />
      <RunButton icon="end" label="Run to end" keys="E" onClick={state.runToEnd} disabled={done} />
    </div>
  )
}
