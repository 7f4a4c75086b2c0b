/**
 * The after-action report (issue 19, part 6): one self-contained HTML file per reader, from a real
 * server after real rounds. The facilitator's copy holds everything (orders, the chat per channel, the
 * seed); a player's copy only what that player may see (its own orders during the game, no chat, no
 * seed, no other nation's secret objective before the end). The audit of every route (audit.test.ts)
 * reads report.html too.
 */
import { describe, expect, it } from 'vitest';
import { useServer, view } from './harness.ts';
import { get, ok, playRound, threePowers, token } from './powerTools.ts';

const server = useServer();

const SEED = 1_234_567_891;
const US_ORDER = 3.14257;
const CN_ORDER = 2.71937;

describe('the after-action report', () => {
  it('is one HTML file per reader, the facilitator’s with everything, a player’s with its own share', async () => {
    const { fac, ann, chen, code } = await threePowers(server.url, { seed: SEED, rounds: 2 });
    await ok(chen, 'chat', { channel: 'team', text: 'CN-TEAM-SECRET' });
    await ok(ann, 'chat', { channel: 'public', text: 'PUBLIC-HELLO' });
    const players = [
      { p: ann, nation: 'US', safety: US_ORDER },
      { p: chen, nation: 'CN', safety: CN_ORDER },
    ];
    await playRound(fac, players);
    const secretCn = view(fac).nations.CN!.secretObjective as string;
    expect(secretCn).toEqual(expect.any(String));

    const html = (t?: string, extra = '') =>
      get(
        server.url,
        `/api/games/${code}/report.html${t ? `?token=${t}${extra}` : extra ? `?${extra.slice(1)}` : ''}`,
      );
    // During round 2.
    const facCopy = await html(token(fac));
    expect(facCopy.status).toBe(200);
    expect(facCopy.type).toContain('text/html');
    for (const must of [
      'CN-TEAM-SECRET',
      'PUBLIC-HELLO',
      String(SEED),
      String(US_ORDER),
      String(CN_ORDER),
      '<svg',
      'data-round="1"',
    ])
      expect(facCopy.text, must).toContain(must);
    expect(facCopy.text).not.toContain('<script');
    const annCopy = await html(token(ann));
    expect(annCopy.status).toBe(200);
    expect(annCopy.text).toContain(String(US_ORDER));
    for (const mustNot of [
      'CN-TEAM-SECRET',
      'PUBLIC-HELLO',
      String(SEED),
      String(CN_ORDER),
      `"${secretCn}"`,
      `>${secretCn}<`,
    ])
      expect(annCopy.text, mustNot).not.toContain(mustNot);
    const outsider = await html();
    expect(outsider.status).toBe(200);
    for (const mustNot of [String(US_ORDER), String(CN_ORDER), 'CN-TEAM-SECRET', String(SEED)])
      expect(outsider.text, mustNot).not.toContain(mustNot);

    await playRound(fac, players);
    expect(view(fac).status).toBe('ended');
    const end = await html(token(fac));
    expect(end.text).toContain('data-round="2"');
    // The charts, the ranking with its parts, the questions.
    expect((end.text.match(/<figure data-chart=/g) ?? []).length).toBe(6);
    expect(end.text).toContain('Questions for the discussion');
    expect(end.text).toMatch(/<ol class="questions"><li>/);
    expect(end.text).toContain('soft-power growth');
    // After the end every order is the debrief's, but the chat stays the facilitator's.
    const annEnd = await html(token(ann));
    expect(annEnd.text).toContain(String(CN_ORDER));
    expect(annEnd.text).not.toContain('CN-TEAM-SECRET');
    expect(annEnd.text).not.toContain('PUBLIC-HELLO');
    // In another language, and a clear refusal of an unknown one.
    const ja = await html(token(fac), '&lang=ja');
    expect(ja.text).toContain('事後検証レポート');
    const bad = await html(token(fac), '&lang=xx');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/^lang:/);
    const download = await fetch(
      `${server.url}/api/games/${code}/report.html?token=${token(fac)}&download=1`,
    );
    expect(download.headers.get('content-disposition')).toContain('attachment');
    for (const p of [fac, ann, chen]) await p.room.leave();
  });
});
