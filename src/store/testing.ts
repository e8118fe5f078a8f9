/** Helpers for tests: localStorage in memory. */
/** localStorage as the browser has it, in memory; `failWrites` makes it refuse like a full one. */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  failWrites = false
  get length() {
    return this.items.size
  }
  clear() {
    this.items.clear()
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new Error('QuotaExceededError')
    this.items.set(key, value)
  }
}
