// The ministry's overview: every mission and cohort, people per stage across all of them, alerts (in a
// stage longer than a set number of days, minors, medical needs, holds) and the arrivals expected (people
// cleared to leave or already on their way). An embassy officer sees the same for their own mission: the
// server keeps every list to the caller's scope. Reloads live, at most once a second in a burst.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { components } from "../api-types";
import { EMBASSY_STAGES, HOME_STAGES, type Card, type Stage } from "../board";
import { html } from "../html";
import type { Strings } from "../i18n";
import type { LiveState } from "../live";
import { href } from "../route";
import { useLiveReload } from "../use_live";
import type { Me } from "./sign_in";

type Mission = components["schemas"]["Mission"];
type Cohort = components["schemas"]["Cohort"];
const STAGES: Stage[] = [...EMBASSY_STAGES, ...HOME_STAGES];
const MAX_COHORTS = 100;

interface Overview {
  missions: Mission[];
  rows: { cohort: Cohort; counts: Record<string, number> }[];
  alerts: Record<"long" | "minors" | "medical" | "holds" | "departed" | "cleared", Card[]>;
}

async function people(query: Record<string, unknown>): Promise<Card[]> {
  const { data } = await api.GET("/api/v1/people", { params: { query: { limit: 20, ...query } as never } });
  return data?.items ?? [];
}

export function OverviewView({ t, me, onState }: { t: Strings; me: Me; onState: (s: LiveState) => void }) {
  const [days, setDays] = useState(14);
  const [view, setView] = useState<Overview | null>(null);

  async function reload() {
    const [missions, cohorts] = await Promise.all([api.GET("/api/v1/missions"), api.GET("/api/v1/cohorts")]);
    const list = (cohorts.data?.items ?? []).slice(0, MAX_COHORTS);
    const boards = await Promise.all(list.map((c) => api.GET("/api/v1/cohorts/{id}/board", { params: { path: { id: c.id! } } })));
    const [long, minors, medical, holds, departed, cleared] = await Promise.all([
      people({ min_days_in_stage: days }), people({ minor: true }), people({ vulnerability: "medical_need" }),
      people({ on_hold: true }), people({ stage: "departed" }), people({ stage: "cleared" }),
    ]);
    setView({
      missions: missions.data?.items ?? [],
      rows: list.map((cohort, i) => ({ cohort, counts: boards[i]?.data?.counts ?? {} })),
      alerts: { long, minors, medical, holds, departed, cleared },
    });
  }
  const topics = me.role === "ministry_officer" ? ["nation"] : me.mission_id ? [`mission:${me.mission_id}`] : [];
  useLiveReload(topics, reload, onState, 1000);
  useEffect(() => {
    if (view || topics.length === 0) reload(); // a new threshold (the first load comes with the subscription)
  }, [days]);

  if (!view) return html`<p>${t.loading}</p>`;
  const total: Record<string, number> = {};
  for (const r of view.rows) for (const s of STAGES) total[s] = (total[s] ?? 0) + (r.counts[s] ?? 0);
  const missionName = (id?: number) => view.missions.find((m) => m.id === id)?.name ?? `#${id}`;
  const list = (title: string, key: keyof Overview["alerts"], more: string) => html`<section class="alert-list" data-alert=${key} aria-labelledby=${`alert-${key}`}>
    <h3 id=${`alert-${key}`}>${title} <span class="count">${view.alerts[key].length}${view.alerts[key].length === 20 ? "+" : ""}</span></h3>
    <ul>${view.alerts[key].map((p) => html`<li data-person=${p.id}><a href=${href({ name: "person", id: p.id! })}>${p.given_name} ${p.family_name}</a>
      · ${t.stages[p.stage!]} · ${p.days_in_stage ?? 0} ${t.days} · ${missionName(p.mission_id)}</li>`)}</ul>
    ${view.alerts[key].length === 20 && html`<a href=${href({ name: "people" })}>${more}</a>`}
  </section>`;
  return html`<div class="overview">
    <h2>${t.overview}</h2>
    <section aria-labelledby="per-stage-title">
      <h3 id="per-stage-title">${t.perStage}</h3>
      <div class="table-scroll"><table class="per-stage">
        <thead><tr><th scope="col">${t.mission}</th><th scope="col">${t.cohort}</th>
          ${STAGES.map((s) => html`<th scope="col">${t.stages[s]}</th>`)}</tr></thead>
        <tbody>
          ${view.rows.map((r) => html`<tr data-cohort=${r.cohort.id}><td>${missionName(r.cohort.mission_id)}</td>
            <th scope="row"><a href=${href({ name: "cohort", id: r.cohort.id! })}>${r.cohort.name}</a></th>
            ${STAGES.map((s) => html`<td>${r.counts[s] ?? 0}</td>`)}</tr>`)}
        </tbody>
        <tfoot><tr><th scope="row" colspan="2">${t.total}</th>${STAGES.map((s) => html`<td data-total=${s}>${total[s]}</td>`)}</tr></tfoot>
      </table></div>
    </section>
    <section class="alerts" aria-labelledby="alerts-title">
      <h3 id="alerts-title">${t.alerts}</h3>
      <label>${t.longerThan}<input type="number" min="1" max="365" value=${days}
        onChange=${(e: Event) => { const n = Number((e.target as HTMLInputElement).value); if (n >= 1 && n <= 365) setDays(n); }} /> ${t.daysWord}</label>
      <div class="alert-grid">
        ${list(`${t.stuck} (${days} ${t.daysWord})`, "long", t.seeAll)} ${list(t.minors, "minors", t.seeAll)}
        ${list(t.medicalNeeds, "medical", t.seeAll)} ${list(t.holds, "holds", t.seeAll)}
      </div>
    </section>
    <section class="arrivals" aria-labelledby="arrivals-title">
      <h3 id="arrivals-title">${t.arrivals}</h3>
      <div class="alert-grid">${list(t.onTheirWay, "departed", t.seeAll)} ${list(t.clearedToLeave, "cleared", t.seeAll)}</div>
    </section>
  </div>`;
}
