// The dashboard's live connection: one websocket to /api/v1/live, subscriptions resumed from the last
// sequence number after every disconnect (so nothing is missed and nothing is applied twice), and a state
// for the connection indicator. Data is never shown as live unless the server has confirmed the
// subscription since the last (re)connect.
import type { LiveEvent } from "./board";

export type LiveState = "connecting" | "live" | "reconnecting" | "stale";

export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
}

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  onState(state: LiveState): void;
  // The resume point is no longer kept: reload the snapshot, then follow() again from its as_of.
  onReset(reason: string): void;
  // The server confirmed the subscription, as of this sequence number (after any replay).
  onSubscribed?(asOf: number): void;
  // The server refused the topics: unknown, or not the caller's to follow.
  onRefused?(): void;
}

export interface Clock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

const browserClock: Clock = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
  random: Math.random,
};

export const ACCESS_ENDED = 4001;

// The delay before reconnect attempt `n` (0-based): doubling from 0.5 s to 15 s, with jitter so that a
// restarted server is not hit by every dashboard at once.
export function backoff(attempt: number, random: () => number): number {
  const base = Math.min(15000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + 0.5 * random()));
}

export class LiveConnection {
  private socket: SocketLike | null = null;
  private topics: string[] = [];
  private lastSeq: number | null = null; // null: live from now, no replay
  private attempt = 0;
  private timer: unknown = null;
  private stopped = false;
  private state: LiveState = "connecting";

  constructor(
    private readonly url: string,
    private readonly handlers: LiveHandlers,
    private readonly open: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike,
    private readonly clock: Clock = browserClock,
  ) {}

  get position(): number | null {
    return this.lastSeq;
  }

  // Follows `topics` from `since` (a snapshot's as_of): what happened after it is replayed, then live.
  // Without `since`, live from now on: a view that reloads on every event reloads once subscribed.
  follow(topics: string[], since?: number): void {
    this.topics = [...new Set(topics)];
    this.lastSeq = since ?? null;
    if (this.socket) this.socket.close(1000, "following other topics");
    else this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.socket?.close(1000, "leaving");
    this.socket = null;
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState(state);
  }

  private connect(): void {
    if (this.stopped || this.topics.length === 0) return;
    const socket = this.open(this.url);
    this.socket = socket;
    socket.onopen = () => {
      const since = this.lastSeq === null ? {} : { since: this.lastSeq };
      socket.send(JSON.stringify({ op: "subscribe", topics: this.topics, ...since }));
    };
    socket.onmessage = (ev) => this.receive(String(ev.data));
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (ev.code === ACCESS_ENDED) {
        this.setState("stale");
        return;
      }
      this.setState("reconnecting");
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        this.connect();
      }, backoff(this.attempt++, this.clock.random));
    };
  }

  private receive(text: string): void {
    let message: { op?: string; seq?: number; reason?: string } & Record<string, unknown>;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    switch (message.op) {
      case "subscribed": {
        this.attempt = 0;
        // From here a reconnect resumes: the replay covered everything up to as_of.
        const asOf = typeof message.as_of === "number" ? message.as_of : (this.lastSeq ?? 0);
        if (this.lastSeq === null || asOf > this.lastSeq) this.lastSeq = asOf;
        this.setState("live");
        this.handlers.onSubscribed?.(asOf);
        break;
      }
      case "event":
        if (typeof message.seq === "number" && message.seq > (this.lastSeq ?? 0)) {
          this.lastSeq = message.seq;
          this.handlers.onEvent(message as unknown as LiveEvent);
        }
        break;
      case "reset":
        this.setState("stale");
        this.handlers.onReset(String(message.reason ?? ""));
        break;
      case "error":
        if (message.code === "forbidden") {
          this.setState("stale");
          this.handlers.onRefused?.();
        }
        break;
    }
  }
}
