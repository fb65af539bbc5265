import { describe, expect, it } from "vitest";
import { FrameBatch, type Scheduler } from "./frame_batch";

function manual() {
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  let cancelled = 0;
  const scheduler: Scheduler = {
    frame: (run) => frames.push(run),
    timer: (run) => timers.push(run),
    cancel: () => { cancelled++; },
  };
  return { scheduler, frames, timers, cancelled: () => cancelled };
}

describe("a frame's batch", () => {
  it("hands over a burst at once, at the next frame, in arrival order", () => {
    const s = manual();
    const flushed: number[][] = [];
    const batch = new FrameBatch<number>((items) => flushed.push(items), s.scheduler);
    for (let i = 1; i <= 100; i++) batch.add(i);
    expect(s.frames.length).toBe(1); // one frame asked for, not a hundred
    s.frames[0]!();
    expect(flushed).toEqual([Array.from({ length: 100 }, (_, i) => i + 1)]);
    batch.add(101);
    expect(s.frames.length).toBe(2);
  });
  it("flushes by the timer when no frame comes (a hidden page), and not twice", () => {
    const s = manual();
    const flushed: string[][] = [];
    const batch = new FrameBatch<string>((items) => flushed.push(items), s.scheduler);
    batch.add("a");
    s.timers[0]!();
    s.frames[0]!(); // a late frame finds nothing to do
    expect(flushed).toEqual([["a"]]);
  });
  it("drops what is pending when stopped", () => {
    const s = manual();
    const flushed: number[][] = [];
    const batch = new FrameBatch<number>((items) => flushed.push(items), s.scheduler);
    batch.add(1);
    batch.stop();
    s.frames[0]!();
    expect(flushed).toEqual([]);
  });
});
