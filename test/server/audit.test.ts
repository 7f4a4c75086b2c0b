/**
 * Hidden-information audit (issue 6): over a whole two-round game of three-powers, everything each
 * kind of client receives is recorded — a player, a team member of the same nation, another nation's
 * player, a spectator, late joiners (round 2), a client that reconnects with its seat token — and
 * searched for unique markers put in drafts, orders and chat. Nobody may ever receive another nation's
 * pending orders, drafts, secret objective (before the end), team chat or a bilateral chat it is not
 * part of; the seed stays hidden until the end; the facilitator reads every channel.
 */
import { describe, expect, it } from 'vitest';
import type { GameView } from '../../shared/engine/index.ts';
import {
  code,
  createGame,
  join,
  joinTeam,
  NO_TIMERS,
  type Player,
  spend,
  roomState as state,
  useServer,
  view,
  waitFor,
  welcome,
} from './harness.ts';

const server = useServer();

const SEED = 1_987_654_321;
const token = (p: Player) => welcome(p).seatToken;

/** Unique markers: one set per round, by what they are and whose. */
const markers = (r: number) => ({
  usDraft: `US-DRAFT-MARK-${r}`,
  cnDraft: `CN-DRAFT-MARK-${r}`,
  euDraft: `EU-DRAFT-MARK-${r}`,
  usDraftNumber: 13.3717 + r / 1e5,
  cnDraftNumber: 24.6813 + r / 1e5,
  usOrder: 4.32109 + r / 1e6,
  cnOrder: 2.46813 + r / 1e6,
  euOrder: 1.35791 + r / 1e6,
  usTeam: `US-TEAM-CHAT-${r}`,
  cnTeam: `CN-TEAM-CHAT-${r}`,
  euTeam: `EU-TEAM-CHAT-${r}`,
  usEu: `US-EU-CHAT-${r}`,
  cnEu: `CN-EU-CHAT-${r}`,
  usCn: `US-CN-CHAT-${r}`,
  whisperCn: `FAC-TO-CN-${r}`,
  pub: `PUBLIC-CHAT-${r}`,
});
type Marks = ReturnType<typeof markers>;

/** Everything a client received, with its earlier connections (a client that reconnected). */
interface Recorder {
  name: string;
  /** The nation it plays, or null (spectator, facilitator). */
  nation: string | null;
  role: 'player' | 'spectator' | 'facilitator';
  connections: Player[];
}
const all = (r: Recorder) => r.connections.flatMap((p) => p.messages);
/** Everything received before the game's final report (GameEnded). */
const beforeEnd = (r: Recorder) => {
  const msgs = all(r);
  const end = msgs.findIndex(
    (m) =>
      m.type === 'report' &&
      (m.message as { events: { type: string }[] }).events.some((e) => e.type === 'GameEnded'),
  );
  return end < 0 ? msgs : msgs.slice(0, end);
};

/** What only a nation's team (and the facilitator) may ever read. */
const teamSecrets = (m: Marks, nation: string) =>
  ({
    US: [m.usDraft, m.usDraftNumber, m.usOrder, m.usTeam],
    CN: [m.cnDraft, m.cnDraftNumber, m.cnOrder, m.cnTeam, m.whisperCn],
    EU: [m.euDraft, m.euOrder, m.euTeam],
  })[nation]!.map(String);
const bilateral = (m: Marks) => ({ 'EU-US': m.usEu, 'CN-EU': m.cnEu, 'CN-US': m.usCn });
/** Orders markers: revealed to all by the report once the game has ended (the debrief). */
const isOrder = (m: Marks, secret: string) => [m.usOrder, m.cnOrder, m.euOrder].map(String).includes(secret);

/** Every report format of the HTTP API (issue 16: the report was public and held every order). */
const REPORT_PATHS = [
  'report.json',
  'report.csv?table=history',
  'report.csv?table=orders',
  'report.csv?table=events',
  'report.csv?table=chat',
  // The after-action report (issue 19): the player's copy holds only what that player may see.
  'report.html',
];

/** Someone reading the game over HTTP: a member by its seat token, or an outsider without one. */
interface HttpReader {
  name: string;
  nation: string | null;
  role: 'player' | 'spectator' | 'facilitator' | 'outsider';
  token?: string;
}

/**
 * Reads every HTTP route about the game as each reader and lists what it must not see: other teams'
 * drafts, orders (until the end), team and bilateral chat and whispers, the seed and others' secret
 * objectives (until the end), and the private proposal from the US to CN.
 */
async function httpAudit(
  url: string,
  gameCode: string,
  readers: HttpReader[],
  when: 'during' | 'after',
  rounds: number[],
  secrets: Record<string, string>,
): Promise<string[]> {
  const found: string[] = [];
  for (const r of readers) {
    const texts: [string, string][] = [];
    for (const path of REPORT_PATHS) {
      const tokenPart = r.token
        ? `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(r.token)}`
        : '';
      const res = await fetch(`${url}/api/games/${gameCode}/${path}${tokenPart}`);
      if (res.status !== 200) found.push(`${r.name} ${when}: ${path} answered ${res.status}`);
      texts.push([path, await res.text()]);
    }
    for (const path of ['/api/games', `/api/games/${gameCode}`])
      texts.push([path, await (await fetch(`${url}${path}`)).text()]);
    const seen = (text: string) => texts.find(([, t]) => t.includes(text))?.[0];
    const mustNot = (text: string, what: string) => {
      const where = seen(text);
      if (where) found.push(`${r.name} ${when} read ${what} '${text}' in ${where}`);
    };
    for (const round of rounds) {
      const m = markers(round);
      for (const nation of ['US', 'CN', 'EU'])
        if (r.role !== 'facilitator' && r.nation !== nation)
          for (const secret of teamSecrets(m, nation))
            if (!(when === 'after' && isOrder(m, secret))) mustNot(secret, `${nation}'s private`);
      for (const [channel, text] of Object.entries(bilateral(m)))
        if (r.role !== 'facilitator' && !(r.nation && channel.split('-').includes(r.nation)))
          mustNot(text, `bilateral ${channel}`);
      // Drafts are the team's working copy: in no report, not even the facilitator's.
      for (const draft of [m.usDraft, m.cnDraft, m.euDraft]) mustNot(draft, 'a draft');
    }
    const party = r.role === 'facilitator' || r.nation === 'US' || r.nation === 'CN';
    const proposal = seen('TreatyProposed');
    if (!party && proposal) found.push(`${r.name} ${when} read the US proposal to CN in ${proposal}`);
    if (party && !proposal) found.push(`${r.name} ${when} did not read the US proposal to CN`);
    if (when === 'during' && r.role !== 'facilitator') {
      mustNot(String(SEED), 'the seed');
      for (const [nation, secret] of Object.entries(secrets))
        if (r.nation !== nation && secret !== secrets[r.nation ?? ''])
          mustNot(`"${secret}"`, `${nation}'s secret objective`);
      // During the game a spectator or an outsider reads no orders at all.
      const orders = (JSON.parse(texts[0]![1]) as { orders: { nation: string }[] }).orders;
      const others = orders.filter((o) => o.nation !== r.nation);
      if (others.length) found.push(`${r.name} ${when} read ${others.length} orders of other nations`);
    }
  }
  return found;
}

describe('hidden-information audit', () => {
  it('no client ever receives what its role and nation may not see', async () => {
    const fac = await createGame(server.url, {
      scenario: 'three-powers',
      rounds: 2,
      timers: NO_TIMERS,
      seed: SEED,
    });
    const c = code(fac);
    const ann = await join(server.url, c, { name: 'Ann', nation: 'US' });
    // A second member of a nation asks its team: the first US player lets Bo in.
    const bo = await joinTeam(server.url, c, { name: 'Bo', nation: 'US' }, ann);
    const chen = await join(server.url, c, { name: 'Chen', nation: 'CN' });
    const eve = await join(server.url, c, { name: 'Eve', nation: 'EU' });
    const screen = await join(server.url, c, { name: 'Screen', role: 'spectator' });
    const rec: Record<string, Recorder> = {
      fac: { name: 'fac', nation: null, role: 'facilitator', connections: [fac] },
      ann: { name: 'ann', nation: 'US', role: 'player', connections: [ann] },
      bo: { name: 'bo', nation: 'US', role: 'player', connections: [bo] },
      chen: { name: 'chen', nation: 'CN', role: 'player', connections: [chen] },
      eve: { name: 'eve', nation: 'EU', role: 'player', connections: [eve] },
      screen: { name: 'screen', nation: null, role: 'spectator', connections: [screen] },
    };
    const ok = async (p: Player, type: string, message: unknown) => {
      const reply = await p.request(type, message);
      expect(reply.type, `${type} ${JSON.stringify(message)} → ${JSON.stringify(reply.message)}`).toBe('ok');
    };
    const players = () => [ann, chen, rec.eve!.connections.at(-1)!];
    const httpFound: string[] = [];
    const httpReaders = (): HttpReader[] => [
      ...Object.values(rec).map((r) => ({
        name: r.name,
        nation: r.nation,
        role: r.role,
        token: token(r.connections[0]!),
      })),
      { name: 'outsider', nation: null, role: 'outsider' },
    ];
    const readyUntil = async (phase: string) => {
      while (state(fac).phase !== phase) {
        const before = state(fac).phase;
        for (const p of players()) await ok(p, 'ready', { ready: true });
        await waitFor(`leaving ${before}`, () => state(fac).phase !== before);
      }
    };

    expect((await fac.request('command', { type: 'Start' })).type).toBe('ok');
    await waitFor('briefing', () => state(fac).phase === 'briefing');
    // Secret objectives, as only the facilitator sees them during the game.
    const secrets = Object.fromEntries(
      ['US', 'CN', 'EU'].map((n) => [n, view(fac).nations[n]!.secretObjective as string]),
    );
    for (const s of Object.values(secrets)) expect(s).toEqual(expect.any(String));
    expect(view(fac).seed).toBe(SEED);

    for (const round of [1, 2]) {
      const m = markers(round);
      if (round === 2) {
        // Late joiners: a CN player and a spectator.
        const lena = await joinTeam(server.url, c, { name: 'Lena', nation: 'CN' }, chen);
        const late = await join(server.url, c, { name: 'Late', role: 'spectator' });
        rec.lena = { name: 'lena', nation: 'CN', role: 'player', connections: [lena] };
        rec.late = { name: 'late', nation: null, role: 'spectator', connections: [late] };
        // The history a late joiner gets: its team's chat and the public channel, nothing else.
        const history = JSON.stringify(lena.last('chatHistory'));
        expect(history).toContain(markers(1).cnTeam);
        expect(history).toContain(markers(1).pub);
        expect(JSON.stringify(late.last('chatHistory'))).toContain(markers(1).pub);
        // Round 1 resolved, round 2 running: every HTTP route, as every reader.
        httpFound.push(...(await httpAudit(server.url, c, httpReaders(), 'during', [1], secrets)));
      }
      // Drafts in the briefing, chat in the negotiation.
      await ok(bo, 'draft', { orders: { budget: { compute: m.usDraftNumber }, aidRegion: m.usDraft } });
      await ok(chen, 'draft', { orders: { budget: { compute: m.cnDraftNumber }, aidRegion: m.cnDraft } });
      await ok(eve.room.connection.isOpen ? eve : rec.eve!.connections.at(-1)!, 'draft', {
        orders: { aidRegion: m.euDraft },
      });
      await readyUntil('negotiation');
      const euNow = rec.eve!.connections.at(-1)!;
      await ok(ann, 'chat', { channel: 'team', text: m.usTeam });
      await ok(chen, 'chat', { channel: 'team', text: m.cnTeam });
      await ok(euNow, 'chat', { channel: 'team', text: m.euTeam });
      await ok(bo, 'chat', { channel: 'EU', text: m.usEu });
      await ok(chen, 'chat', { channel: 'EU', text: m.cnEu });
      await ok(ann, 'chat', { channel: 'CN', text: m.usCn });
      await ok(fac, 'chat', { channel: 'CN', text: m.whisperCn });
      await ok(euNow, 'chat', { channel: 'public', text: m.pub });
      await readyUntil('orders');

      // Orders: US and EU submit; EU reconnects with its seat token while the round is pending; CN last.
      const budgets = Object.fromEntries(['US', 'CN', 'EU'].map((n) => [n, view(fac).nations[n]!.budget]));
      // In round 1 the US proposes a treaty to CN: an event private to the two (and the facilitator).
      await ok(ann, 'submit', {
        orders: {
          budget: { ...spend(budgets.US!), safety: m.usOrder },
          ...(round === 1 ? { treaties: { propose: [{ type: 'AiForum', to: 'CN' }] } } : {}),
        },
      });
      await ok(euNow, 'submit', { orders: { budget: { ...spend(budgets.EU!), safety: m.euOrder } } });
      if (round === 1) {
        await euNow.room.leave();
        const back = await join(server.url, c, { seatToken: token(euNow), name: 'ignored' });
        rec.eve!.connections.push(back);
        // It gets its own team's pending submission back, and its bilateral chat.
        const team = await waitFor('team', () => back.last<{ submitted: unknown }>('team'));
        expect(JSON.stringify(team.submitted)).toContain(String(m.euOrder));
        expect(JSON.stringify(back.last('chatHistory'))).toContain(m.usEu);
      }
      const report = chen.next<{ round: number }>('report');
      await ok(chen, 'submit', { orders: { budget: { ...spend(budgets.CN!), safety: m.cnOrder } } });
      expect((await report).round).toBe(round);
      // The synced room state follows the report by a patch: wait for it before the next round.
      await waitFor('the next round', () => state(fac).round === round + 1 || state(fac).phase === 'ended');
    }
    await waitFor('the end', () => state(fac).phase === 'ended');
    httpFound.push(...(await httpAudit(server.url, c, httpReaders(), 'after', [1, 2], secrets)));
    console.log(`HTTP audit: ${httpReaders().length} readers × ${REPORT_PATHS.length + 2} routes, twice`);
    expect(httpFound).toEqual([]);
    for (const r of Object.values(rec))
      await waitFor(`${r.name}'s final view`, () => view(r.connections.at(-1)!)?.status === 'ended');

    // ---- the audit ----
    const found: string[] = [];
    const mustNot = (r: Recorder, text: string, what: string, msgs = all(r)) => {
      const hit = msgs.find((x) => JSON.stringify(x).includes(text));
      if (hit)
        found.push(
          `${r.name} received ${what} '${text}' in '${hit.type}': ${JSON.stringify(hit).slice(0, 200)}`,
        );
    };
    const must = (r: Recorder, text: string, what: string) => {
      if (!all(r).some((x) => JSON.stringify(x).includes(text)))
        found.push(`${r.name} did not receive ${what} '${text}'`);
    };
    for (const round of [1, 2]) {
      const m = markers(round);
      for (const r of Object.values(rec)) {
        for (const nation of ['US', 'CN', 'EU']) {
          const mine = r.role === 'facilitator' || r.nation === nation;
          for (const secret of teamSecrets(m, nation)) {
            // A late joiner joined in round 2: it cannot have round 1's drafts and orders, only chat history.
            const lateForIt = round === 1 && (r.name === 'lena' || r.name === 'late');
            const chat = secret.includes('CHAT') || secret.includes('FAC');
            if (!mine) mustNot(r, secret, `${nation}'s private`);
            // The facilitator reads every channel (drafts and orders go to the team only).
            else if (r.role === 'facilitator') {
              if (chat) must(r, secret, 'a team chat');
            } else if (!lateForIt || chat) must(r, secret, 'its own');
          }
        }
        for (const [channel, text] of Object.entries(bilateral(m))) {
          const party =
            r.role === 'facilitator' || (r.nation !== null && channel.split('-').includes(r.nation));
          if (party) must(r, text, `bilateral ${channel}`);
          else mustNot(r, text, `bilateral ${channel}`);
        }
        must(r, m.pub, 'public chat');
      }
    }
    // The treaty proposal's event reaches its two parties and the facilitator only.
    for (const r of Object.values(rec)) {
      const got = all(r).some(
        (x) => x.type === 'report' && JSON.stringify(x.message).includes('"type":"TreatyProposed"'),
      );
      const party = r.role === 'facilitator' || r.nation === 'US' || r.nation === 'CN';
      const late = r.name === 'lena' || r.name === 'late';
      if (!party && got) found.push(`${r.name} received the US proposal to CN`);
      if (party && !late && !got) found.push(`${r.name} did not receive the US proposal to CN`);
    }
    // Secret objectives and the seed, before the end.
    for (const r of Object.values(rec)) {
      const early = beforeEnd(r);
      expect(early.length, r.name).toBeGreaterThan(3);
      if (r.role !== 'facilitator') mustNot(r, String(SEED), 'the seed', early);
      // (Unless two nations drew the same secret objective: then it is also the reader's own.)
      for (const [nation, secret] of Object.entries(secrets))
        if (r.role !== 'facilitator' && r.nation !== nation && secret !== secrets[r.nation ?? ''])
          mustNot(r, `"${secret}"`, `${nation}'s secret objective`, early);
      for (const v of early.filter((x) => x.type === 'view').map((x) => x.message as GameView)) {
        if (r.role !== 'facilitator') expect(v.seed, r.name).toBeNull();
        for (const n of ['US', 'CN', 'EU'])
          if (r.role !== 'facilitator' && r.nation !== n)
            expect(v.nations[n]!.secretObjective, r.name).toBeNull();
      }
      // The synced room state carries none of it either.
      const st = JSON.stringify(r.connections.at(-1)!.room.state.toJSON());
      for (const round of [1, 2])
        for (const text of [...teamSecrets(markers(round), 'US'), ...teamSecrets(markers(round), 'CN')])
          if (st.includes(text)) found.push(`${r.name}'s room state contains '${text}'`);
    }
    // At the end, secrets are revealed to all.
    expect(view(chen).nations.US!.secretObjective).toBe(secrets.US);
    expect(view(screen).seed).toBe(SEED);
    console.log(
      `audit: ${Object.values(rec)
        .map((r) => `${r.name} ${all(r).length} messages`)
        .join(', ')}`,
    );
    expect(found).toEqual([]);
    // Every view and report was read (deflated, each primed with the previous one of its connection).
    for (const r of Object.values(rec)) {
      expect(
        all(r).filter((x) => x.type === 'inflate-error'),
        r.name,
      ).toEqual([]);
      expect(all(r).filter((x) => x.type === 'report').length, r.name).toBeGreaterThan(0);
    }
    for (const r of Object.values(rec)) {
      const p = r.connections.at(-1)!;
      if (p.room.connection.isOpen) await p.room.leave();
    }
  });
});
