// "Did you mean": the nearest known word by edit distance, when near enough to be a typo.

/** The candidate nearest to `word` by edit distance, if near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // A shortened form of exactly one candidate (硕士 → 硕士研究生) is a clear intent, however short.
  const extending = word.length >= 2 ? candidates.filter((c) => c !== word && c.startsWith(word)) : []
  if (extending.length === 1) return extending[0]
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = c.includes(word) || word.includes(c) ? Math.abs(c.length - word.length) : editDistance(word, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  const limit = Math.max(1, Math.ceil([...word].length / 3))
  return best !== undefined && bestDistance > 0 && bestDistance <= limit ? best : undefined
}

function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[y.length]!
}
