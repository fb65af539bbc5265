import { describe, expect, it } from "vitest";
import { backoff, LiveConnection, type LiveState, type SocketLike } from "./live";

// A socket the test drives by hand: what the client sends, and what the server would answer.
class ScriptedSocket implements SocketLike {
  sent: unknown[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.closed = true; }
  server(message: unknown) { this.onmessage?.({ data: JSON.stringify(message) }); }
  drop(code = 1006) { this.onclose?.({ code, reason: "" }); }
}

function harness() {
  const sockets: ScriptedSocket[] = [];
  const states: LiveState[] = [];
  const seqs: number[] = [];
  const timers: (() => void)[] = [];
  const live = new LiveConnection(
    "ws://rudi/api/v1/live",
    { onEvent: (e) => seqs.push(e.seq), onState: (s) => states.push(s), onReset: () => states.push("stale") },
    () => { const s = new ScriptedSocket(); sockets.push(s); return s; },
    { setTimeout: (run) => { timers.push(run); return timers.length; }, clearTimeout: () => {}, random: () => 0.5 },
  );
  return { live, sockets, states, seqs, timers };
}

describe("the live connection", () => {
  it("is live only once the server confirms, and resumes from the last event after a drop", () => {
    const { live, sockets, states, seqs, timers } = harness();
    live.follow(["cohort:7"], 100);
    sockets[0]!.onopen?.({});
    expect(sockets[0]!.sent).toEqual([{ op: "subscribe", topics: ["cohort:7"], since: 100 }]);
    expect(states).toEqual([]);
    sockets[0]!.server({ op: "event", seq: 101, type: "person.transitioned", topics: ["cohort:7"], data: {} });
    sockets[0]!.server({ op: "subscribed", topics: ["cohort:7"], as_of: 101 });
    expect(states).toEqual(["live"]);
    sockets[0]!.server({ op: "event", seq: 102, type: "person.transitioned", topics: ["cohort:7"], data: {} });
    sockets[0]!.drop();
    expect(states).toEqual(["live", "reconnecting"]);
    timers.shift()!();
    sockets[1]!.onopen?.({});
    expect(sockets[1]!.sent).toEqual([{ op: "subscribe", topics: ["cohort:7"], since: 102 }]);
    sockets[1]!.server({ op: "event", seq: 102, type: "person.transitioned", topics: [], data: {} });
    sockets[1]!.server({ op: "event", seq: 103, type: "person.transitioned", topics: [], data: {} });
    sockets[1]!.server({ op: "subscribed", topics: ["cohort:7"], as_of: 103 });
    expect(seqs).toEqual([101, 102, 103]);
    expect(states.at(-1)).toBe("live");
  });

  it("stops and says so when access ends, and when the resume point is gone", () => {
    const { live, sockets, states, timers } = harness();
    live.follow(["nation"], 5);
    sockets[0]!.onopen?.({});
    sockets[0]!.server({ op: "subscribed", topics: ["nation"], as_of: 5 });
    sockets[0]!.drop(4001);
    expect(states.at(-1)).toBe("stale");
    expect(timers).toEqual([]);

    const second = harness();
    second.live.follow(["nation"], 1);
    second.sockets[0]!.onopen?.({});
    second.sockets[0]!.server({ op: "reset", reason: "events after 1 are no longer kept" });
    expect(second.states.at(-1)).toBe("stale");
  });

  it("follows from now without a position, and resumes from the confirmed one", () => {
    const { live, sockets, states, seqs, timers } = harness();
    live.follow(["person:9"]);
    sockets[0]!.onopen?.({});
    expect(sockets[0]!.sent).toEqual([{ op: "subscribe", topics: ["person:9"] }]);
    sockets[0]!.server({ op: "subscribed", topics: ["person:9"], as_of: 50 });
    expect(live.position).toBe(50);
    sockets[0]!.drop();
    timers.shift()!();
    sockets[1]!.onopen?.({});
    expect(sockets[1]!.sent).toEqual([{ op: "subscribe", topics: ["person:9"], since: 50 }]);
    sockets[1]!.server({ op: "event", seq: 51, type: "person.updated", topics: ["person:9"], data: {} });
    expect(seqs).toEqual([51]);
    expect(states).toEqual(["live", "reconnecting"]);
  });

  it("says so when the server refuses the topics", () => {
    let refused = 0;
    const sockets: ScriptedSocket[] = [];
    const states: LiveState[] = [];
    const live = new LiveConnection("ws://rudi/api/v1/live", { onEvent: () => {}, onState: (s) => states.push(s), onReset: () => {}, onRefused: () => refused++ },
      () => { const s = new ScriptedSocket(); sockets.push(s); return s; });
    live.follow(["person:404"]);
    sockets[0]!.onopen?.({});
    sockets[0]!.server({ op: "error", code: "forbidden", message: "/topics: you may not follow these topics" });
    expect(states).toEqual(["stale"]);
    expect(refused).toBe(1);
  });

  it("backs off from half a second to fifteen, with jitter", () => {
    expect(backoff(0, () => 0.5)).toBe(500);
    expect(backoff(3, () => 0.5)).toBe(4000);
    expect(backoff(20, () => 0.5)).toBe(15000);
    expect(backoff(20, () => 0)).toBe(11250);
  });
});
