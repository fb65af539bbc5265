// The funnel as a horizontal bar chart (Chart.js on a canvas: no inline style or script, so the strict
// Content-Security-Policy holds). Only the parts the chart uses are registered, to keep the build small.
import { useEffect, useRef } from "preact/hooks";
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from "chart.js";
import type { Stage } from "../board";
import { funnel } from "../funnel";
import { html } from "../html";
import type { Strings } from "../i18n";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export function FunnelChart({ t, counts, stages }: { t: Strings; counts: Record<string, number>; stages: Stage[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar"> | null>(null);
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
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
      },
    });
    return () => chart.current?.destroy();
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = steps.map((s) => t.stages[s.stage]);
    c.data.datasets[0]!.data = steps.map((s) => s.reached);
    c.data.datasets[0]!.label = t.reached;
    c.update();
  }, [steps.map((s) => s.reached).join(","), t]);

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
