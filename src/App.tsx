/** The app shell: header with the run controls, notices, and the editor. */
import '@xyflow/react/dist/style.css'

import { ReactFlowProvider } from '@xyflow/react'

import { Embed } from './app/Embed'
import { DocumentShown } from './app/DocumentShown'
import { ErrorBoundary } from './app/ErrorBoundary'
import { Notices } from './app/Notices'
import { RunToolbar } from './app/RunToolbar'
import { usePlayground } from './app/use-playground'
import { Workspace } from './app/Workspace'
import { FitOnOpen } from './canvas/FitOnOpen'
import { CodeConsent } from './consent/CodeConsent'
import { LessonFocus } from './lessons/LessonFocus'
import { PresenterOr } from './lessons/PresenterOr'
import { Welcome } from './lessons/Welcome'
import { FileDrop } from './sharing/FileDrop'
import { ShareBar } from './sharing/ShareBar'
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
  const { store, embed, firstVisit, shown } = usePlayground()
  return (
    <MeshStoreProvider store={store}>
      <ReactFlowProvider>
        <FitOnOpen />
        <LessonFocus />
        {embed ? (
          <Embed />
        ) : (
          <PresenterOr>
            <div className="app">
              <header className="app-header">
                <Logo />
                <div className="app-title">
                  <h1>Mesh Playground</h1>
                  <p className="app-tagline">Explore tasklets, queues and schedulers</p>
                </div>
                <ShareBar />
                <RunToolbar />
              </header>
              <main className="app-main" id="main">
                <Notices />
                <CodeConsent />
                {firstVisit && <Welcome />}
                <Workspace />
              </main>
              <FileDrop />
            </div>
          </PresenterOr>
        )}
        <DocumentShown shown={shown} />
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
