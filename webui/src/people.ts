// The people table: the API's filters, typo-tolerant search, sorting and keyset paging ("more" asks for the
// page after the last row), for every national the user may see; and the export of what the filters select
// (a CSV the server writes and audits, its formula-like cells neutralised).
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import { EMBASSY_STAGES, HOME_STAGES, type Card, type Stage } from "./board";
import { html } from "./html";
import type { Strings } from "./i18n";
import { href } from "./route";

export interface PeopleFilter {
  q: string;
  stage: Stage | "";
  onHold: boolean;
  minor: boolean;
  sort: "id" | "name";
}

export interface Cursor {
  after: number;
  after_name?: string;
}

// The filters as the API takes them (empty fields left out), shared by the table and the export.
export function filterQuery(filter: PeopleFilter): Record<string, string | number | boolean> {
  return {
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.stage ? { stage: filter.stage } : {}),
    ...(filter.onHold ? { on_hold: true } : {}),
    ...(filter.minor ? { minor: true } : {}),
    ...(filter.sort === "name" ? { sort: "name" } : {}),
  };
}

// One page of the table: the filters, the cursor of the page before, and the page size.
export function peopleQuery(filter: PeopleFilter, after?: Cursor) {
  return { ...filterQuery(filter), ...(after ? after : {}), limit: 50 };
}

export function exportHref(filter: PeopleFilter): string {
  const { sort: _sort, ...query } = filterQuery(filter);
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const qs = params.toString();
  return "/api/v1/people/export.csv" + (qs ? "?" + qs : "");
}

export function People({ t, mayExport }: { t: Strings; mayExport: boolean }) {
  const [filter, setFilter] = useState<PeopleFilter>({ q: "", stage: "", onHold: false, minor: false, sort: "id" });
  const [rows, setRows] = useState<Card[]>([]);
  const [next, setNext] = useState<Cursor | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);

  async function load(after?: Cursor) {
    const { data } = await api.GET("/api/v1/people", { params: { query: peopleQuery(filter, after) as never } });
    setRows((current) => (after ? [...current, ...(data?.items ?? [])] : data?.items ?? []));
    setNext(data?.next?.after ? (data.next as Cursor) : undefined);
    setLoaded(true);
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
      <label>${t.sortBy}<select value=${filter.sort} onChange=${(e: Event) => set({ sort: (e.target as HTMLSelectElement).value as "id" | "name" })}>
        <option value="id">${t.sortRecorded}</option>
        <option value="name">${t.name}</option>
      </select></label>
      ${mayExport && html`<a class="button" href=${exportHref(filter)} download>${t.exportCsv}</a>`}
    </form>
    ${loaded && rows.length === 0 && html`<p role="status">${t.noPeople}</p>`}
    <table>
      <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.age}</th><th scope="col">${t.stage}</th><th scope="col">${t.days}</th><th scope="col">${t.flagsTitle}</th></tr></thead>
      <tbody>
        ${rows.map(
          (p) => html`<tr key=${p.id} data-person=${p.id}>
            <td><a href=${href({ name: "person", id: p.id! })}>${p.given_name} ${p.family_name}</a></td>
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
