/** Small pure helpers over arrays and functions, shared by the domain, the services, the generator and the benchmarks. */

/** Items grouped by a key, each group in the items' order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

/**
 * A pure function with its answers kept, at most `max` of them (then all are forgotten at once): for
 * conversions asked millions of times over a few thousand inputs, as a rebuild asks of dates.
 */
export function keptAnswers<K, V>(compute: (key: K) => V, max: number): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined) return known;
    const answer = compute(key);
    if (answers.size >= max) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
