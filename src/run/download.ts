/** Saves text as a file the browser downloads. */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // Revoked once the download has had its turn to start.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
