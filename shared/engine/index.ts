/**
 * The public entry point of the rules engine. Everything here is pure and deterministic: no I/O,
 * no clock, no Math.random; the PRNG state lives in the game state.
 */
export { concludeGame } from './concludeGame.ts';
export { createGame, type GameOptions, GameSetupError } from './createGame.ts';
export { evaluateObjective, type ObjectiveStatus } from './evaluateObjective.ts';
export {
  type AnyParams,
  EVENT_TYPES,
  type EventOf,
  type EventParams,
  type EventType,
  eventsFor,
  type GameEvent,
  isEvent,
  paramsOf,
  type Viewer,
} from './events.ts';
export { injectEvent } from './injectEvent.ts';
export { loadScenario } from './loadScenario.ts';
export { type ObjectiveProgress, objectivesInView } from './objectivesInView.ts';
export { emptyOrders, type Orders, type OrdersInput, OrdersSchema } from './ordersSchema.ts';
export { parseOrders } from './parseOrders.ts';
export { cloneState, resolveRound } from './resolveRound.ts';
export type { Problem, Result } from './result.ts';
export { type Rules, RulesSchema } from './rules.ts';
export {
  type EventCard,
  EventCardSchema,
  type MarketSpec,
  type NationSpec,
  type Objective,
  type Scenario,
  ScenarioSchema,
} from './scenarioSchema.ts';
export { type ObjectiveRow, type ScoreRow, scoreboard } from './scoreboard.ts';
export * from './types.ts';
export { type GameView, type OwnView, ownView, viewFor, withOwn } from './viewFor.ts';
