// Items that arrive in bursts (live events), handed over together once per animation frame: a view renders
// once for a hundred moves instead of a hundred times. A timer stands in when the page is hidden (no frames
// are drawn then), so the batch never grows without bound.
export interface Scheduler {
  frame(run: () => void): unknown;
  timer(run: () => void, ms: number): unknown;
  cancel(frame: unknown, timer: unknown): void;
}

const browser: Scheduler = {
  frame: (run) => requestAnimationFrame(run),
  timer: (run, ms) => setTimeout(run, ms),
  cancel: (frame, timer) => {
    if (frame !== null) cancelAnimationFrame(frame as number);
    if (timer !== null) clearTimeout(timer as number);
  },
};

export class FrameBatch<T> {
  private items: T[] = [];
  private frame: unknown = null;
  private timer: unknown = null;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly scheduler: Scheduler = browser,
    private readonly hiddenMs = 250,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (this.frame !== null || this.timer !== null) return;
    this.frame = this.scheduler.frame(() => this.run());
    this.timer = this.scheduler.timer(() => this.run(), this.hiddenMs);
  }

  stop(): void {
    this.scheduler.cancel(this.frame, this.timer);
    this.frame = this.timer = null;
    this.items = [];
  }

  private run(): void {
    this.scheduler.cancel(this.frame, this.timer);
    this.frame = this.timer = null;
    const items = this.items;
    this.items = [];
    if (items.length > 0) this.flush(items);
  }
}
