/** Sharded builds: which cities a shard builds (src/lib/shard.ts). */
import { describe, expect, it } from "vitest";
import { parseShard, shardCities } from "../../src/lib/shard.ts";

describe("parseShard", () => {
  it("reads K/N", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
  });
  it("refuses anything else, with the rule in words", () => {
    for (const bad of ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1.5/3", ""]) expect(() => parseShard(bad), bad).toThrow(/must be K\/N/u);
  });
});

describe("shardCities", () => {
  const cities = ["yangquan", "xinzhou", "datong", "taiyuan", "jinzhong", "yangquan"];
  it("deals the sorted cities out in turn: every city in exactly one shard", () => {
    const shards = [1, 2, 3].map((index) => shardCities(cities, { index, count: 3 }));
    expect(shards.map((s) => [...s])).toEqual([["datong", "xinzhou"], ["jinzhong", "yangquan"], ["taiyuan"]]);
    expect(shards.flatMap((s) => [...s]).sort()).toEqual([...new Set(cities)].sort());
  });
  it("one shard is every city; more shards than cities leaves some empty", () => {
    expect(shardCities(cities, { index: 1, count: 1 }).size).toBe(5);
    expect(shardCities(cities, { index: 7, count: 7 }).size).toBe(0);
  });
});
