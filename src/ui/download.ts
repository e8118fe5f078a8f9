/** Saving a file from the page: a download of a Blob under a name. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken the data once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** Saves text as a file the browser downloads. */
export function downloadText(name: string, text: string, type = 'text/plain'): void {
  downloadBlob(name, new Blob([text], { type: `${type};charset=utf-8` }))
}
