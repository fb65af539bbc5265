// The funnel of a cohort: how many people have reached each stage (are at it or beyond), so that the
// narrowing shows where people are stuck.
import type { Stage } from "./board";

export interface FunnelStep {
  stage: Stage;
  reached: number;
  at: number;
}

export function funnel(counts: Record<string, number>, stages: Stage[]): FunnelStep[] {
  const out: FunnelStep[] = [];
  let beyond = 0;
  for (const stage of [...stages].reverse()) {
    const at = counts[stage] ?? 0;
    beyond += at;
    out.unshift({ stage, reached: beyond, at });
  }
  return out;
}
