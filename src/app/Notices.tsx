/** Notices for the person at the screen (a saved mesh that could not be read, a run that needs a reset…). */
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { OpeningProgress } from './OpeningProgress'

export function Notices() {
  const api = useMeshStoreApi()
  const notices = useMeshStore((s) => s.notices)
  return (
    <>
      <OpeningProgress />
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => (
          <p key={notice.id} className="notice" data-tone={notice.tone}>
            <span>{notice.text}</span>
            {notice.actions?.map((action) => (
              <button
                key={action.label}
                type="button"
                className="notice-action"
                onClick={() => {
                  api.getState().dismissNotice(notice.id)
                  action.run()
                }}
              >
                {action.label}
              </button>
            ))}
            <button type="button" className="notice-dismiss" onClick={() => api.getState().dismissNotice(notice.id)} aria-label="Dismiss notice">
              ×
            </button>
          </p>
        ))}
      </div>
    </>
  )
}
