/** The app shell: header with the run controls, notices, and the editor. */
import '@xyflow/react/dist/style.css'

import { ReactFlowProvider } from '@xyflow/react'
import { useEffect, useState } from 'react'

import { bootStore, browserStorage } from './app/boot'
import { ErrorBoundary } from './app/ErrorBoundary'
import { Notices } from './app/Notices'
import { RunToolbar } from './app/RunToolbar'
import { Workspace } from './app/Workspace'
import { attachAutosave } from './store/autosave'
import { MeshStoreProvider } from './store/context'

function Logo() {
  return (
    <svg className="app-logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <g stroke="currentColor" strokeWidth="2.5" strokeLinecap="round">
        <line x1="8" y1="23" x2="16" y2="8" />
        <line x1="16" y1="8" x2="24" y2="23" />
        <line x1="8" y1="23" x2="24" y2="23" />
      </g>
      <circle cx="16" cy="8" r="5" fill="#6366f1" />
      <circle cx="8" cy="23" r="5" fill="#0ea5e9" />
      <circle cx="24" cy="23" r="5" fill="#f59e0b" />
    </svg>
  )
}

function Playground() {
  const [store] = useState(() => bootStore(browserStorage()))
  useEffect(() => {
    const storage = browserStorage()
    return storage ? attachAutosave(store, storage) : undefined
  }, [store])
  return (
    <MeshStoreProvider store={store}>
      <ReactFlowProvider>
        <div className="app">
          <header className="app-header">
            <Logo />
            <div className="app-title">
              <h1>Mesh Playground</h1>
              <p className="app-tagline">Explore tasklets, queues and schedulers</p>
            </div>
            <RunToolbar />
          </header>
          <main className="app-main" id="main">
            <Notices />
            <Workspace />
          </main>
        </div>
      </ReactFlowProvider>
    </MeshStoreProvider>
  )
}

export function App() {
  return (
    <ErrorBoundary>
      <Playground />
    </ErrorBoundary>
  )
}
