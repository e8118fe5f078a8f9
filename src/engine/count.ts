/**
 * A number as people write it: 1,000,000. Written out rather than with
 * `toLocaleString`, which the sandbox's hardened realm (and the CLI once it
 * runs code) tames to plain `toString`, and which would otherwise depend on
 * the machine's locale.
 */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const [whole, fraction] = String(Math.abs(n)).split('.') as [string, string?]
  if (/e/i.test(whole)) return String(n)
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}
