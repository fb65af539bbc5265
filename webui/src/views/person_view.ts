// A person: identity and documents (masked until asked for; fields the role may not see never arrive),
// vulnerabilities, consent per purpose with its history, the journey's timeline, the actions the user may
// take now, and for prosecutors the cases the person is linked to. Reloads live when the record changes.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { components } from "../api-types";
import type { Stage } from "../board";
import { html } from "../html";
import type { Strings } from "../i18n";
import type { LiveState } from "../live";
import {
  changedSince, checkPerson, rebase, correctionTargets, editOf, masked, mayMove, nextStage, patchOf,
  type PersonEdit, type Role,
} from "../person_rules";
import { fieldErrors, formMessage, type FieldErrors, type Problem } from "../problem";
import { href } from "../route";
import { useLiveReload } from "../use_live";
import type { Me } from "./sign_in";

type Person = components["schemas"]["Person"];
type Step = components["schemas"]["TimelineStep"];
type Consent = components["schemas"]["Consent"];
type Purpose = components["schemas"]["ConsentRequest"]["purpose"];
type HoldReason = NonNullable<components["schemas"]["TransitionRequest"]["hold_reason"]>;

const PURPOSES: Purpose[] = ["prosecution", "family_contact", "partner_referral", "statistics"];
const HOLD_REASONS: HoldReason[] = ["in_detention_abroad", "hospitalised", "declined_to_return", "missing_again", "deceased", "other"];

const value = (e: Event) => (e.target as HTMLInputElement).value;

export function PersonView({ t, me, id, onState }: { t: Strings; me: Me; id: number; onState: (s: LiveState) => void }) {
  const role = me.role as Role;
  const [person, setPerson] = useState<Person | null | undefined>(undefined);
  const [timeline, setTimeline] = useState<Step[]>([]);
  const [consent, setConsent] = useState<Consent | null>(null);

  async function reload() {
    const { data } = await api.GET("/api/v1/people/{id}", { params: { path: { id } } });
    setPerson(data ?? null);
    if (!data) return;
    const steps = await api.GET("/api/v1/people/{id}/timeline", { params: { path: { id } } });
    setTimeline(steps.data?.items ?? []);
    if (mayMove(role)) {
      const c = await api.GET("/api/v1/people/{id}/consents", { params: { path: { id } } });
      setConsent(c.data ?? null);
    }
  }
  useLiveReload([`person:${id}`], reload, onState);

  if (person === undefined) return html`<p>${t.loading}</p>`;
  if (person === null) return html`<p role="alert" class="not-found">${t.notFound}</p>`;
  const name = `${person.given_name ?? ""} ${person.family_name ?? ""}`;
  return html`<article class="person" aria-labelledby="person-name">
    <h2 id="person-name">${name}</h2>
    <p class="summary">
      <span data-stage=${person.stage}>${t.stage}: <strong>${t.stages[person.stage!]}</strong></span>
      · ${person.days_in_stage ?? 0} ${t.days}
      ${person.on_hold && html` · <em class="flag hold">${t.onHold}: ${t.holdReasons[person.hold_reason as HoldReason] ?? person.hold_reason}</em>`}
      ${person.cohort_id && html` · <a href=${href({ name: "cohort", id: person.cohort_id })}>${t.board}</a>`}
    </p>
    <div class="person-grid">
      <${Identity} t=${t} person=${person} />
      ${mayMove(role) && html`<${Actions} t=${t} role=${role} person=${person} done=${reload} />`}
      ${mayMove(role) && html`<${EditForm} key=${person.id} t=${t} person=${person} done=${reload} />`}
      ${mayMove(role) && consent && html`<${Consents} t=${t} id=${id} consent=${consent} done=${reload} />`}
      ${role === "prosecutor" && html`<${Cases} t=${t} person=${person} />`}
      <${Timeline} t=${t} steps=${timeline} />
    </div>
  </article>`;
}

function Identity({ t, person }: { t: Strings; person: Person }) {
  const [reveal, setReveal] = useState(false);
  const row = (label: string, v: unknown) =>
    html`<div><dt>${label}</dt><dd>${v === undefined ? html`<span class="withheld">${t.notForYourRole}</span>` : v === null || v === "" ? "—" : String(v)}</dd></div>`;
  const secret = (label: string, v: string | null | undefined) =>
    html`<div><dt>${label}</dt><dd>${v === undefined ? html`<span class="withheld">${t.notForYourRole}</span>` : !v ? "—" : reveal ? v : html`<span aria-label=${t.hidden}>${masked(v)}</span>`}</dd></div>`;
  const vulnerabilities = person.vulnerabilities ?? [];
  return html`<section aria-labelledby="identity-title">
    <h3 id="identity-title">${t.identity}</h3>
    <dl class="facts">
      ${row(t.givenName, person.given_name)} ${row(t.familyName, person.family_name)}
      ${row(t.dateOfBirth, person.date_of_birth)} ${row(t.age, person.estimated_age)} ${row(t.sex, person.sex)}
      ${row(t.nationality, person.nationality)} ${row(t.languages, (person.languages ?? []).join(", "))}
      ${row(t.documentKind, person.document_kind)} ${secret(t.documentNumber, person.document_number as string | null | undefined)}
      ${secret(t.phone, person.phone)} ${row(t.currentLocation, person.current_location)} ${row(t.homeCounty, person.home_county)}
      ${row(t.nextOfKin, person.next_of_kin_name)}
    </dl>
    <button type="button" aria-pressed=${reveal} onClick=${() => setReveal(!reveal)}>${reveal ? t.hideDetails : t.showDetails}</button>
    <h4>${t.vulnerabilities}</h4>
    ${vulnerabilities.length === 0 ? html`<p>—</p>` : html`<ul class="tags">${vulnerabilities.map((v) => html`<li>${t.vulnerabilityNames[v] ?? v}</li>`)}</ul>`}
  </section>`;
}

function Actions({ t, role, person, done }: { t: Strings; role: Role; person: Person; done: () => void }) {
  const [error, setError] = useState<{ message: string; fields: FieldErrors } | null>(null);
  const [holdReason, setHoldReason] = useState<HoldReason>("hospitalised");
  const [back, setBack] = useState<Stage | "">("");
  const [reason, setReason] = useState("");
  const next = nextStage(role, person.stage!);
  const targets = correctionTargets(role, person.stage!);

  async function move(body: components["schemas"]["TransitionRequest"]) {
    setError(null);
    const { error: problem } = await api.POST("/api/v1/people/{id}/transitions", { params: { path: { id: person.id! } }, body: body as never });
    if (problem) return setError({ message: formMessage(problem as Problem, t.failed), fields: fieldErrors(problem as Problem) });
    setReason("");
    setBack("");
    done();
  }
  return html`<section aria-labelledby="actions-title">
    <h3 id="actions-title">${t.actions}</h3>
    ${error && html`<p role="alert" class="error">${error.message}</p>`}
    <div class="actions">
      ${next && !person.on_hold && html`<button type="button" onClick=${() => move({ to: next })}>${t.moveTo} ${t.stages[next]}</button>`}
      ${person.on_hold
        ? html`<button type="button" onClick=${() => move({ release: true })}>${t.release}</button>`
        : html`<label>${t.holdReason}<select value=${holdReason} onChange=${(e: Event) => setHoldReason(value(e) as HoldReason)}>
              ${HOLD_REASONS.map((r) => html`<option value=${r}>${t.holdReasons[r]}</option>`)}
            </select></label>
            <button type="button" onClick=${() => move({ hold: true, hold_reason: holdReason, ...(reason ? { reason } : {}) })}>${t.hold}</button>`}
    </div>
    ${targets.length > 0 && html`<form class="correction" onSubmit=${(e: Event) => { e.preventDefault(); if (back) move({ to: back, reason }); }}>
      <label>${t.correctTo}<select value=${back} required onChange=${(e: Event) => setBack(value(e) as Stage)}>
        <option value="">—</option>
        ${targets.map((s) => html`<option value=${s}>${t.stages[s]}</option>`)}
      </select></label>
      <label>${t.reason}<input name="reason" required maxlength="1000" value=${reason} aria-invalid=${!!error?.fields.reason}
        aria-describedby="reason-error" onInput=${(e: Event) => setReason(value(e))} /></label>
      <span id="reason-error" class="field-error">${error?.fields.reason ?? ""}</span>
      <button type="submit">${t.correct}</button>
    </form>`}
  </section>`;
}

const FIELDS: { key: keyof PersonEdit; type?: string }[] = [
  { key: "given_name" }, { key: "family_name" }, { key: "date_of_birth", type: "date" },
  { key: "estimated_age", type: "number" }, { key: "phone", type: "tel" }, { key: "current_location" },
];

function EditForm({ t, person, done }: { t: Strings; person: Person; done: () => void }) {
  const [opened, setOpened] = useState<PersonEdit>(() => editOf(person as never));
  const [version, setVersion] = useState(person.version ?? 0);
  const [edit, setEdit] = useState<PersonEdit>(opened);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [server, setServer] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [saved, setSaved] = useState(false);
  const checks = checkPerson(edit);

  async function save(e: Event) {
    e.preventDefault();
    setTouched(new Set(FIELDS.map((f) => f.key)));
    setSaved(false);
    if (Object.keys(checks).length > 0) return;
    const body = patchOf(opened, edit);
    if (Object.keys(body).length === 0) return;
    const { data, error, response } = await api.PATCH("/api/v1/people/{id}", {
      params: { path: { id: person.id! }, header: { "If-Match": `"${version}"` } },
      body: body as never,
    });
    if (data) {
      setServer({});
      setMessage("");
      setSaved(true);
      return done();
    }
    if (response.status === 412) {
      // Someone else saved first: show what they changed, keep what this user typed, and let a second save
      // (now based on their version) replace it deliberately.
      const fresh = await api.GET("/api/v1/people/{id}", { params: { path: { id: person.id! } } });
      if (fresh.data) {
        const now = editOf(fresh.data as never);
        const changed = changedSince(opened, now);
        setMessage(`${t.staleEdit} ${changed.map((f) => `${t.fieldNames[f]}: “${now[f] || "—"}”`).join("; ")}`);
        setEdit((current) => rebase(opened, current, now));
        setOpened(now);
        setVersion(fresh.data.version ?? version);
      }
      return;
    }
    setServer(fieldErrors(error as Problem));
    setMessage(formMessage(error as Problem, t.failed));
  }

  const set = (key: keyof PersonEdit, v: string) => {
    setEdit((current) => ({ ...current, [key]: v }));
    setTouched((current) => new Set(current).add(key));
    setServer((current) => ({ ...current, [key]: "" }));
  };
  return html`<section aria-labelledby="edit-title">
    <h3 id="edit-title">${t.editRecord}</h3>
    <form class="edit" onSubmit=${save} novalidate>
      ${FIELDS.map(({ key, type }) => {
        const problem = server[key] || (touched.has(key) && checks[key] ? t.checks[checks[key]!] : "");
        return html`<label data-field=${key}>${t.fieldNames[key]}
          <input name=${key} type=${type ?? "text"} value=${edit[key]} aria-invalid=${!!problem}
            aria-describedby=${`${key}-error`} onInput=${(e: Event) => set(key, value(e))} />
          <span id=${`${key}-error`} class="field-error" role=${problem ? "alert" : undefined}>${problem}</span>
        </label>`;
      })}
      ${message && html`<p role="alert" class="error form-message">${message}</p>`}
      ${saved && html`<p role="status">${t.saved}</p>`}
      <button type="submit">${t.save}</button>
    </form>
  </section>`;
}

function Consents({ t, id, consent, done }: { t: Strings; id: number; consent: Consent; done: () => void }) {
  const [purpose, setPurpose] = useState<Purpose>("prosecution");
  const [method, setMethod] = useState<"verbal" | "written">("written");
  const [note, setNote] = useState("");
  const [error, setError] = useState("");

  async function record(status: "granted" | "refused" | "withdrawn") {
    setError("");
    const { error: problem } = await api.POST("/api/v1/people/{id}/consents", {
      params: { path: { id } },
      body: { purpose, status, method, ...(note ? { note } : {}) },
    });
    if (problem) return setError(formMessage(problem as Problem, t.failed));
    setNote("");
    done();
  }
  const inForce = consent.in_force ?? {};
  return html`<section aria-labelledby="consent-title">
    <h3 id="consent-title">${t.consent}</h3>
    <table class="consent">
      <thead><tr><th scope="col">${t.purpose}</th><th scope="col">${t.status}</th></tr></thead>
      <tbody>${PURPOSES.map((p) => html`<tr data-purpose=${p}><td>${t.purposes[p]}</td><td>${t.consentStatus[inForce[p] as keyof Strings["consentStatus"]] ?? t.notAsked}</td></tr>`)}</tbody>
    </table>
    <form class="consent-form" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>${t.purpose}<select value=${purpose} onChange=${(e: Event) => setPurpose(value(e) as Purpose)}>
        ${PURPOSES.map((p) => html`<option value=${p}>${t.purposes[p]}</option>`)}</select></label>
      <label>${t.method}<select value=${method} onChange=${(e: Event) => setMethod(value(e) as "verbal" | "written")}>
        <option value="written">${t.written}</option><option value="verbal">${t.verbal}</option></select></label>
      <label>${t.note}<input value=${note} maxlength="1000" onInput=${(e: Event) => setNote(value(e))} /></label>
      ${error && html`<p role="alert" class="error">${error}</p>`}
      <div class="actions">
        <button type="button" onClick=${() => record("granted")}>${t.recordGranted}</button>
        <button type="button" onClick=${() => record("refused")}>${t.recordRefused}</button>
        <button type="button" onClick=${() => record("withdrawn")}>${t.recordWithdrawn}</button>
      </div>
    </form>
    <h4>${t.history}</h4>
    <ol class="history">${(consent.history ?? []).map((c) => html`<li>
      <time datetime=${c.recorded_at}>${new Date(c.recorded_at!).toLocaleString()}</time> — ${t.purposes[c.purpose as Purpose] ?? c.purpose}:
      ${t.consentStatus[c.status as keyof Strings["consentStatus"]] ?? c.status} (${c.method === "verbal" ? t.verbal : t.written})
      ${c.recorded_by ? ` · ${t.user} #${c.recorded_by}` : ""}${c.note ? ` · ${c.note}` : ""}
    </li>`)}</ol>
  </section>`;
}

function Cases({ t, person }: { t: Strings; person: Person }) {
  const cases = person.cases ?? [];
  return html`<section aria-labelledby="cases-title">
    <h3 id="cases-title">${t.casesTitle}</h3>
    <ul>${cases.map((c) => html`<li><a href=${href({ name: "case", id: c.case_id! })}>${t.caseNumber} ${c.case_id}</a> · ${t.linkRoles[c.role!] ?? c.role}</li>`)}</ul>
  </section>`;
}

function Timeline({ t, steps }: { t: Strings; steps: Step[] }) {
  return html`<section aria-labelledby="timeline-title" class="timeline">
    <h3 id="timeline-title">${t.timeline}</h3>
    <ol>${steps.map((s) => html`<li data-kind=${s.kind}>
      <time datetime=${s.occurred_at}>${new Date(s.occurred_at!).toLocaleString()}</time>
      <strong>${s.from ? `${t.stages[s.from as Stage] ?? s.from} → ` : ""}${t.stages[s.to as Stage] ?? s.to}</strong>
      ${s.on_hold && html` <em class="flag hold">${t.onHold}</em>`}
      <span class="kind">${t.stepKinds[s.kind as keyof Strings["stepKinds"]] ?? s.kind}</span>
      ${s.actor_id ? html` <span>${t.user} #${s.actor_id}</span>` : ""}
      ${s.reason && html`<p>${t.reason}: ${s.reason}</p>`} ${s.note && html`<p>${s.note}</p>`}
    </li>`)}</ol>
  </section>`;
}
