// The prosecution's screens: their cases; a case with the victims the prosecutor may see now (linked and
// consenting: one whose consent is withdrawn drops from the open page at the next event), its suspects and
// recruiters, and who else named a recruiter — beyond the prosecutor's scope only as counts.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { components } from "../api-types";
import { html } from "../html";
import type { Strings } from "../i18n";
import type { LiveState } from "../live";
import { href } from "../route";
import { useLiveReload } from "../use_live";

type Case = components["schemas"]["Case"];
type Card = components["schemas"]["PersonCard"];
type AlsoNamed = components["schemas"]["AlsoNamed"];

export function CasesList({ t }: { t: Strings }) {
  const [cases, setCases] = useState<Case[] | null>(null);
  useEffect(() => {
    api.GET("/api/v1/cases", { params: { query: { limit: 100 } as never } }).then(({ data }) => setCases(data?.items ?? []));
  }, []);
  if (!cases) return html`<p>${t.loading}</p>`;
  return html`<section class="cases" aria-labelledby="cases-list-title">
    <h2 id="cases-list-title">${t.casesTitle}</h2>
    ${cases.length === 0 && html`<p role="status">${t.noCases}</p>`}
    <table>
      <thead><tr><th scope="col">${t.fileNumber}</th><th scope="col">${t.caseTitle}</th><th scope="col">${t.status}</th><th scope="col">${t.court}</th></tr></thead>
      <tbody>${cases.map((c) => html`<tr key=${c.id} data-case=${c.id}>
        <td><a href=${href({ name: "case", id: c.id! })}>${c.file_number}</a></td><td>${c.title}</td>
        <td>${t.caseStatus[c.status!] ?? c.status}</td><td>${c.court}</td></tr>`)}</tbody>
    </table>
  </section>`;
}

export function CaseView({ t, id, onState }: { t: Strings; id: number; onState: (s: LiveState) => void }) {
  const [file, setFile] = useState<Case | null | undefined>(undefined);
  const [names, setNames] = useState<Map<number, Card>>(new Map());
  const [alsoNamed, setAlsoNamed] = useState<AlsoNamed | null>(null);

  async function reload() {
    const { data } = await api.GET("/api/v1/cases/{id}", { params: { path: { id } } });
    setFile(data ?? null);
    if (!data?.victims?.length) return;
    // The victims' names: the people list is what the prosecutor may see (linked and consenting).
    const people = await api.GET("/api/v1/people", { params: { query: { limit: 200 } as never } });
    setNames(new Map((people.data?.items ?? []).map((p) => [p.id!, p])));
  }
  useLiveReload([`case:${id}`], reload, onState);

  async function showAlsoNamed(suspect: number) {
    const { data } = await api.GET("/api/v1/suspects/{id}/also-named", { params: { path: { id: suspect } } });
    setAlsoNamed(data ?? null);
  }

  if (file === undefined) return html`<p>${t.loading}</p>`;
  if (file === null) return html`<p role="alert" class="not-found">${t.notFound}</p>`;
  const victims = file.victims ?? [];
  return html`<article class="case" aria-labelledby="case-title" data-case=${file.id}>
    <h2 id="case-title">${file.file_number} · ${file.title}</h2>
    <p>${t.status}: ${t.caseStatus[file.status!] ?? file.status} · ${t.court}: ${file.court || "—"} · ${t.charges}: ${(file.charges ?? []).join(", ") || "—"}</p>
    <section aria-labelledby="victims-title">
      <h3 id="victims-title">${t.victims}</h3>
      ${victims.length === 0 && html`<p role="status">${t.noVictims}</p>`}
      <ul class="victims">${victims.map((v) => {
        const p = names.get(v.person_id!);
        return html`<li key=${v.person_id} data-person=${v.person_id}>
          <a href=${href({ name: "person", id: v.person_id! })}>${p ? `${p.given_name} ${p.family_name}` : `#${v.person_id}`}</a>
          · ${t.linkRoles[v.role!] ?? v.role}
        </li>`;
      })}</ul>
    </section>
    <section aria-labelledby="suspects-title">
      <h3 id="suspects-title">${t.suspects}</h3>
      <table>
        <thead><tr><th scope="col">${t.name}</th><th scope="col">${t.roleInProcess}</th><th scope="col">${t.aliases}</th><th scope="col"><span class="visually-hidden">${t.actions}</span></th></tr></thead>
        <tbody>${(file.suspects ?? []).map((s) => html`<tr key=${s.id} data-suspect=${s.id}>
          <td>${s.name}${s.recruiter ? html` <em class="flag">${t.recruiter}</em>` : ""}</td>
          <td>${(s.roles ?? []).join(", ")}</td><td>${(s.aliases ?? []).join(", ")}</td>
          <td>${s.recruiter && html`<button type="button" onClick=${() => showAlsoNamed(s.id!)}>${t.alsoNamed}</button>`}</td>
        </tr>`)}</tbody>
      </table>
    </section>
    ${alsoNamed && html`<section aria-labelledby="also-title" class="also-named">
      <h3 id="also-title">${t.alsoNamedBy} ${alsoNamed.suspect?.name}</h3>
      <p>${t.victims}: ${alsoNamed.victims?.visible ?? 0} ${t.inYourScope}, ${alsoNamed.victims?.beyond_your_scope ?? 0} ${t.beyondScope}.
         ${t.casesTitle}: ${alsoNamed.cases?.visible ?? 0} ${t.inYourScope}, ${alsoNamed.cases?.beyond_your_scope ?? 0} ${t.beyondScope}.</p>
      <ul>${(alsoNamed.matches ?? []).map((m) => html`<li>
        <a href=${href({ name: "case", id: m.case_id! })}>${t.caseNumber} ${m.case_id}</a>: ${m.name} (${(m.matched_on ?? []).map((k) => t.matchedOn[k] ?? k).join(", ")})
      </li>`)}</ul>
    </section>`}
  </article>`;
}
