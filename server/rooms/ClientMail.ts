/**
 * What a game room sends its clients: each message once every write made so far is durable, what a
 * (re)joining client needs, and the session's deliveries (GameSession's `Delivery`) wired to the
 * broadcaster (Broadcaster.ts) and to the clients who may see each. The room keeps its clients.
 */
import type { Client } from '@colyseus/core';
import type { Viewer } from '../../shared/engine/index.ts';
import type { ChatLine, ServerMessages } from '../../shared/protocol/serverMessages.ts';
import { maySeeChat } from '../game/chatAudience.ts';
import type { Delivery, GameSession } from '../game/GameSession.ts';
import type { MemberRecord, Storage } from '../storage/Storage.ts';
import type { Broadcaster, Recipient } from './Broadcaster.ts';

/** What the mail needs of its room (read when used: the room opens its session after it is built). */
export interface MailRoom<C extends Client> {
  session(): GameSession;
  storage(): Storage;
  broadcaster: Broadcaster;
  /** Seated clients (those waiting for their team's answer get nothing but the public room state). */
  seated(): C[];
  /** The member a seated client plays as. */
  memberOf(client: C): MemberRecord | undefined;
  /** The synced room state lags the session from now on (see GameRoom's onBeforePatch). */
  markStale(): void;
}

export class ClientMail<C extends Client> {
  private readonly room: MailRoom<C>;

  constructor(room: MailRoom<C>) {
    this.room = room;
  }

  /**
   * Sends what is true now, once every write made so far is durable (at once with SQLite), in the
   * order of the calls: nobody is told of an order, a round or a chat line that a crash could lose.
   */
  sendTo<K extends keyof ServerMessages>(client: Client, type: K, message: ServerMessages[K]) {
    this.room
      .storage()
      .flush()
      .then(
        () => client.send(type, message),
        (e: Error) =>
          console.error(`[${this.room.session().code}] not saved, '${type}' not sent:`, e.message),
      );
  }

  /** Everything a (re)joining client needs: the reports so far, its view, its team's orders and the chat. */
  catchUp(client: C) {
    const session = this.room.session();
    const m = this.room.memberOf(client);
    this.room.broadcaster.catchUp(this.recipient(client));
    if (m?.nation) this.sendTo(client, 'team', session.teamOrders(m.nation));
    if (m) this.sendTo(client, 'chatHistory', session.chatFor(m));
    if (m && (m.nation || m.role === 'facilitator'))
      this.sendTo(client, 'joinRequests', { requests: session.requestsFor(m) });
  }

  recipient(client: C): Recipient {
    return {
      sessionId: client.sessionId,
      viewer: this.viewerOf(client),
      send: (type, message) => this.sendTo(client, type, message),
    };
  }

  /** The session's deliveries, each to the seated clients who may see it. */
  delivery(): Delivery {
    const { room } = this;
    const each = (fn: (c: C) => void) => {
      for (const c of room.seated()) fn(c);
    };
    return {
      changed: () => {
        room.markStale();
        room.broadcaster.changed(room.seated().map((c) => this.recipient(c)));
      },
      teamOrders: (nation) =>
        each(
          (c) =>
            room.memberOf(c)?.nation === nation && this.sendTo(c, 'team', room.session().teamOrders(nation)),
        ),
      chat: (line: ChatLine) =>
        each((c) => {
          const m = room.memberOf(c);
          if (m && maySeeChat(line, m)) this.sendTo(c, 'chat', line);
        }),
      report: (kind, round, events, bots = [], botsFull = bots) =>
        room.broadcaster.report(
          room.seated().map((c) => this.recipient(c)),
          { kind, round, events, bots, botsFull },
        ),
      notice: (nation, text) =>
        each(
          (c) =>
            (nation === null || room.memberOf(c)?.nation === nation) && this.sendTo(c, 'notice', { text }),
        ),
      noticeFacilitator: (text) =>
        each((c) => room.memberOf(c)?.role === 'facilitator' && this.sendTo(c, 'notice', { text })),
      joinRequests: () =>
        each((c) => {
          const m = room.memberOf(c);
          if (m && (m.nation || m.role === 'facilitator'))
            this.sendTo(c, 'joinRequests', { requests: room.session().requestsFor(m) });
        }),
      resync: () => each((c) => this.catchUp(c)),
    };
  }

  private viewerOf(client: C): Viewer {
    const m = this.room.memberOf(client);
    if (!m || m.role === 'spectator') return { kind: 'spectator' };
    return m.nation ? { kind: 'nation', nation: m.nation } : { kind: 'facilitator' };
  }
}
