/**
 * Which process creates a new game when several share Redis: the one with the fewest rooms, and
 * among equals one drawn at random. Colyseus' own choice breaks ties by the order Redis lists the
 * processes, and each process's count reaches Redis at most once a second, so a burst of games
 * created within that second (a class starting together) all went to the same process.
 */
import { randomInt } from 'node:crypto';
import { matchMaker } from '@colyseus/core';

export async function placeGame(): Promise<string> {
  const all = await matchMaker.stats.fetchAll();
  if (all.length === 0) return matchMaker.processId;
  const least = Math.min(...all.map((p) => p.roomCount));
  const candidates = all.filter((p) => p.roomCount === least);
  return candidates[randomInt(candidates.length)]?.processId ?? matchMaker.processId;
}
