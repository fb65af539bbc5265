// The people table: the API's filters, typo-tolerant search, and keyset paging ("more" asks for the page
// after the last row), for every national the user may see.
import { h } from "preact";
import { useEffect, useState } from "preact/hooks";
import htm from "htm";
import { api } from "./api";
import { EMBASSY_STAGES, HOME_STAGES, type Card, type Stage } from "./board";
import type { Strings } from "./i18n";

const html = htm.bind(h);

export interface PeopleFilter {
  q: string;
  stage: Stage | "";
  onHold: boolean;
  minor: boolean;
}

// The query the API takes for a filter (empty fields left out).
export function peopleQuery(filter: PeopleFilter, after?: number) {
  return {
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.stage ? { stage: filter.stage } : {}),
    ...(filter.onHold ? { on_hold: true } : {}),
    ...(filter.minor ? { minor: true } : {}),
    ...(after ? { after } : {}),
    limit: 50,
  };
}

export function People({ t }: { t: Strings }) {
  const [filter, setFilter] = useState<PeopleFilter>({ q: "", stage: "", onHold: false, minor: false });
  const [rows, setRows] = useState<Card[]>([]);
  const [next, setNext] = useState<number | undefined>(undefined);

  async function load(after?: number) {
    const { data } = await api.GET("/api/v1/people", { params: { query: peopleQuery(filter, after) as never } });
    setRows((current) => (after ? [...current, ...(data?.items ?? [])] : data?.items ?? []));
    setNext(data?.next?.after);
  }
  useEffect(() => {
    const timer = setTimeout(() => load(), 250); // while the user types, one request when they pause
    return () => clearTimeout(timer);
  }, [filter]);

  const set = (patch: Partial<PeopleFilter>) => setFilter((f) => ({ ...f, ...patch }));
  return html`<section class="people" aria-label=${t.people}>
    <form class="filters" role="search" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>${t.search}<input type="search" value=${filter.q} onInput=${(e: Event) => set({ q: (e.target as HTMLInputElement).value })} /></label>
      <label>${t.stage}<select value=${filter.stage} onChange=${(e: Event) => set({ stage: (e.target as HTMLSelectElement).value as Stage | "" })}>
        <option value="">${t.any}</option>
        ${[...EMBASSY_STAGES, ...HOME_STAGES].map((s) => html`<option value=${s}>${t.stages[s]}</option>`)}
      </select></label>
      <label><input type="checkbox" checked=${filter.onHold} onChange=${(e: Event) => set({ onHold: (e.target as HTMLInputElement).checked })} /> ${t.onHold}</label>
      <label><input type="checkbox" checked=${filter.minor} onChange=${(e: Event) => set({ minor: (e.target as HTMLInputElement).checked })} /> ${t.minor}</label>
    </form>
    <table>
      <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.age}</th><th scope="col">${t.stage}</th><th scope="col">${t.days}</th><th scope="col">${t.flagsTitle}</th></tr></thead>
      <tbody>
        ${rows.map(
          (p) => html`<tr key=${p.id} data-person=${p.id}>
            <td>${p.given_name} ${p.family_name}</td>
            <td>${p.estimated_age ?? ""}</td>
            <td>${p.stage ? t.stages[p.stage] : ""}</td>
            <td>${p.days_in_stage ?? 0}</td>
            <td>${[p.flags?.minor && t.minor, p.flags?.medical && t.medical, p.on_hold && t.onHold].filter(Boolean).join(", ")}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${next !== undefined && html`<button type="button" onClick=${() => load(next)}>${t.more}</button>`}
  </section>`;
}
