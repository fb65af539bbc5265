// The funnel as a horizontal bar chart (Chart.js on a canvas: no inline style or script, so the strict
// Content-Security-Policy holds). Only the parts the chart uses are registered, to keep the build small.
import { useEffect, useRef } from "preact/hooks";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import type { Stage } from "../board";
import { funnel } from "../funnel";
import { html } from "../html";
import type { Strings } from "../i18n";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const REDRAW_INTERVAL_MS = 250;

export function FunnelChart({ t, counts, stages }: { t: Strings; counts: Record<string, number>; stages: Stage[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar"> | null>(null);
  const latest = useRef<{ labels: string[]; reached: number[]; label: string }>({ labels: [], reached: [], label: "" });
  const redraw = useRef<ReturnType<typeof setTimeout> | null>(null);
  const drawn = useRef(false);
  const steps = funnel(counts, stages);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: "bar",
      data: { labels: [], datasets: [{ label: t.reached, data: [], backgroundColor: "#3a6ea5" }] },
      options: {
        indexAxis: "y",
        animation: false, // live updates arrive in bursts: draw each state at once
        maintainAspectRatio: false,
        scales: {
          // Whole people, written plainly: Chart.js's default formatter builds an Intl.NumberFormat, whose
          // first construction costs some 40 ms on a slow machine, in the frame that opens the board.
          x: { beginAtZero: true, ticks: { precision: 0, callback: (value) => String(value) } },
          y: { ticks: { autoSkip: false } },
        },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  // A burst of live moves changes the counts many times a second, and each Chart.js update resolves the
  // chart's options afresh (20–30 ms on a slow machine). So the chart is redrawn at most every
  // REDRAW_INTERVAL_MS, in a task of its own, never in the frame that moves the board's cards; the table
  // below, which screen readers read, follows at once.
  latest.current = { labels: steps.map((s) => t.stages[s.stage]), reached: steps.map((s) => s.reached), label: t.reached };
  useEffect(() => {
    if (!chart.current || redraw.current !== null) return;
    redraw.current = setTimeout(() => {
      redraw.current = null;
      const c = chart.current;
      if (!c) return;
      c.data.labels = latest.current.labels;
      c.data.datasets[0]!.data = latest.current.reached;
      c.data.datasets[0]!.label = latest.current.label;
      c.update();
    }, drawn.current ? REDRAW_INTERVAL_MS : 0);
    drawn.current = true;
  }, [steps.map((s) => s.reached).join(","), t]);
  useEffect(() => () => {
    if (redraw.current !== null) clearTimeout(redraw.current);
  }, []);

  // The same figures as a table for screen readers (a canvas says nothing to them).
  return html`<figure class="funnel">
    <figcaption>${t.funnelTitle}</figcaption>
    <div class="funnel-canvas"><canvas ref=${canvas} role="img" aria-label=${t.funnelTitle}></canvas></div>
    <table class="visually-hidden">
      <thead><tr><th scope="col">${t.stage}</th><th scope="col">${t.reached}</th></tr></thead>
      <tbody>${steps.map((s) => html`<tr><td>${t.stages[s.stage]}</td><td>${s.reached}</td></tr>`)}</tbody>
    </table>
  </figure>`;
}
