import type { Amount } from '../chain/index.js'

/** An exact base-unit amount with thousands separators, e.g. `1234567n` → `1,234,567`. */
export function formatAmount(amount: Amount): string {
  const digits = (amount < 0n ? -amount : amount).toString()
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return amount < 0n ? `-${grouped}` : grouped
}
