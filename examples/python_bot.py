#!/usr/bin/env python3
"""A Sovereign bot in Python with only the standard library, over the plain JSON API (docs/AGENTS.md).

    python3 examples/python_bot.py --url http://localhost:2567 --code ABCDE [--name PyBot] [--nation US]

It joins a game, says it is ready in the briefing and negotiation phases, spends its budget by fixed
shares in the orders phase, accepts every treaty proposed to it, long-polls for the next phase, and
prints the final ranking and exits 0 when the game ends.
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.request

SHARES = {"compute": 0.3, "training": 0.3, "chips": 0.1, "talent": 0.1, "safety": 0.1, "aid": 0.05}


class Refused(Exception):
    """The server refused a message: `problems` is its list of { path, message }."""

    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


def call(url, method="GET", body=None, token=None, timeout=40):
    """One request; a 429 for going too fast (20 messages, 40 reads a second) waits and tries again."""
    for _ in range(5):
        try:
            return request(url, method, body, token, timeout)
        except Refused as e:
            if e.status != 429 or "second" not in str(e.body):
                raise
            time.sleep(1)
    return request(url, method, body, token, timeout)


def request(url, method, body, token, timeout):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return json.loads(res.read())
    except urllib.error.HTTPError as e:
        raise Refused(e.code, json.loads(e.read() or b"{}")) from None


def log(*parts):
    print(*parts, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--code", required=True)
    ap.add_argument("--name", default="PyBot")
    ap.add_argument("--nation")
    a = ap.parse_args()
    base = a.url.rstrip("/")
    game = f"{base}/api/games/{a.code}"

    join = {"name": a.name}
    if a.nation:
        join["nation"] = a.nation
    try:
        me = call(f"{game}/join", "POST", join)
    except Refused as e:
        log("could not join:", e.body)
        return 1
    token, nation = me["seatToken"], me["nation"]
    log(f"joined {me['code']} as {me['name']}, playing {nation}")
    scenario = call(f"{base}/api/scenarios/{me['scenario']}")
    region = scenario["markets"][0]["region"]

    key = ""
    while True:
        status = call(f"{game}/seat?view=0", token=token)["game"]
        if status["status"] == "ended":
            break
        phase = status["phase"]
        if phase in ("briefing", "negotiation") and not status["ready"]:
            call(f"{game}/seat/ready", "POST", {"ready": True}, token)
        elif phase == "orders" and not status["submitted"]:
            view = call(f"{game}/seat", token=token)["view"]
            mine = view["nations"][nation]
            budget = {k: int(mine["budget"] * v * 100) / 100 for k, v in SHARES.items()}
            orders = {"budget": budget}
            if not mine["policies"]["aidRegion"]:
                orders["aidRegion"] = region
            answers = [{"id": p["id"], "accept": True} for p in view["proposals"] if p["to"] == nation]
            if answers:
                orders["treaties"] = {"answer": answers}
            try:
                call(f"{game}/seat/submit", "POST", {"orders": orders}, token)
                log(f"round {status['round']}: orders accepted")
            except Refused as e:
                log(f"round {status['round']}: refused", json.dumps(e.body))
                call(f"{game}/seat/submit", "POST", {"orders": {"budget": {"compute": budget["compute"]}}}, token)
        wait = call(f"{game}/seat/wait?since={key}&timeout=25", token=token)
        key = wait["key"]

    report = call(f"{game}/report.json")
    log("final ranking:")
    for row in report["ranking"]:
        log(f"  {row['rank']}. {row['nation']} {row['score']}{'  <- us' if row['nation'] == nation else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
