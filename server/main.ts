/**
 * Start-up: the game server on PORT (default 2567), its SQLite database in DATA_DIR (default ./data).
 * Unfinished games saved by an earlier run are restored; players rejoin with their seat tokens.
 */
import { createGameServer } from './createGameServer.ts';

const port = Number(process.env.PORT ?? 2567);
const dataDir = process.env.DATA_DIR ?? 'data';
const game = await createGameServer({ port, dataDir });
console.log(
  `Sovereign on http://localhost:${port} (data in ${dataDir}/sovereign.sqlite` +
    `${game.restored.length ? `, restored ${game.restored.length} unfinished game(s): ${game.restored.join(', ')}` : ''})`,
);
const stop = async () => {
  await game.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
