/** What a game session asks its transport to deliver (GameRoom implements it). */
import type { GameEvent } from '../../shared/engine/index.ts';
import type { BotExplanation, ChatLine, ReportKind } from '../../shared/protocol/serverMessages.ts';

export interface Delivery {
  /** The game changed: refresh every client's view and the public room state. */
  changed(): void;
  /** A team's draft or submission changed. */
  teamOrders(nation: string): void;
  chat(line: ChatLine): void;
  /**
   * Events to publish (a resolved round, an injected card, the end), with the bots' explanations:
   * `bots` as every client may read them, `botsFull` as the facilitator does (with their proposals).
   */
  report(
    kind: ReportKind,
    round: number,
    events: GameEvent[],
    bots?: BotExplanation[],
    botsFull?: BotExplanation[],
  ): void;
  /** A notice to a nation's team (or to everyone when nation is null). */
  notice(nation: string | null, text: string): void;
  /** A notice to the facilitator's clients. */
  noticeFacilitator(text: string): void;
  /** The requests to join a team changed: tell the members who may answer them. */
  joinRequests(): void;
  /** The game went back in time (a rewind): every client gets its whole view and reports again. */
  resync?(): void;
}
