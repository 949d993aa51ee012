/**
 * Sharded builds (`npm run build -- --shard K/N`): the reports are split by city — the cities with reports, sorted by
 * id, dealt out in turn (city i to shard i mod N + 1) — so a shard holds whole cities and the shards are about even.
 */
export interface Shard {
  /** 1 … count. */
  index: number;
  count: number;
}

/** `"2/3"` → the second of three shards; throws with the rule in words for anything else. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/u.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !(count >= 1) || !(index >= 1) || index > count) {
    throw new Error(`--shard ${text}: must be K/N, the K-th of N shards, with 1 ≤ K ≤ N (such as 1/3)`);
  }
  return { index, count };
}

/** The cities of a shard, of the cities the reports are in. */
export function shardCities(cityIds: Iterable<string>, shard: Shard): Set<string> {
  const cities = [...new Set(cityIds)].sort();
  return new Set(cities.filter((_, i) => i % shard.count === shard.index - 1));
}
