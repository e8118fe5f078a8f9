/** The app shell: a header and the main area, where the mesh canvas will go. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
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
        <div>
          <h1>Mesh Playground</h1>
          <p className="app-tagline">Explore tasklets, queues and schedulers</p>
        </div>
      </header>
      <main className="app-main" id="main">
        <p className="app-placeholder">The mesh canvas will appear here.</p>
      </main>
    </div>
  )
}
