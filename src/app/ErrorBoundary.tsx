/** Shows what went wrong instead of a blank page, with a way out. */
import { Component, type ErrorInfo, type ReactNode } from 'react'

import { downloadText } from '../ui/download'
import { setAside, STORAGE_KEY } from '../store/autosave'

interface State {
  error: Error | null
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Mesh Playground crashed:', error, info.componentStack)
  }

  private startOver = () => {
    let downloading = false
    try {
      // Keep the mesh that may have caused this where it can still be found: a copy of its own (a second crash keeps the first's), or a download.
      const saved = localStorage.getItem(STORAGE_KEY)
      if (saved !== null && !setAside(localStorage, saved, 'crashed')) {
        downloadText('mesh-before-the-crash.mesh.json', saved, 'application/json')
        downloading = true
      }
      localStorage.removeItem(STORAGE_KEY)
    } catch {
      // Storage unavailable: reloading is all that is left.
    }
    // A download needs a moment to start before the page goes.
    setTimeout(() => location.reload(), downloading ? 500 : 0)
  }

  render() {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <main className="crash" role="alert">
        <h1>Mesh Playground hit a problem</h1>
        <p>Something went wrong while showing the playground:</p>
        <pre>{error.message}</pre>
        <div className="button-row">
          <button type="button" className="primary" onClick={() => location.reload()}>
            Reload
          </button>
          <button type="button" onClick={this.startOver}>
            Start over with the example mesh
          </button>
        </div>
      </main>
    )
  }
}
