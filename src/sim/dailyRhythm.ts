/**
 * How busy the chain is at `time` relative to its daily mean (mean 1): quietest around 04:00 UTC,
 * busiest around 16:00 UTC, as public chain activity is.
 */
export function dailyRhythm(time: number): number {
  const hour = (time % 86_400) / 3600
  return 1 + 0.5 * Math.sin(((hour - 10) / 24) * 2 * Math.PI)
}
