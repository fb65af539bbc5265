// Recording a person on a cohort's board: the form checks as the officer types, can be filled from a
// passport's or identity card's machine-readable zone (read by the server, nothing stored), shows the
// server's field errors beside their fields, and when people with a similar name and the same date of
// birth are on record it names them and asks before recording someone new.
import { useState } from "preact/hooks";
import { api } from "../api";
import { html } from "../html";
import type { Strings } from "../i18n";
import { checkNewPerson, EMPTY_NEW_PERSON, fillFromMrz, newPersonBody, type MrzPerson, type NewPersonForm } from "../person_rules";
import { fieldErrors, formMessage, type FieldErrors, type Problem } from "../problem";
import { href } from "../route";

const value = (e: Event) => (e.target as HTMLInputElement).value;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  // The typed client covers these routes too; a plain call keeps the form's one generic path.
  const { data, error, response } = await (api.POST as unknown as (p: string, o: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>)(
    path, { body, headers });
  return { data, problem: error as Problem | undefined, status: response.status };
}

export function NewPerson({ t, cohortId, missionId, done }: { t: Strings; cohortId: number; missionId?: number; done: () => void }) {
  const [form, setForm] = useState<NewPersonForm>(EMPTY_NEW_PERSON);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [server, setServer] = useState<FieldErrors>({});
  const [message, setMessage] = useState("");
  const [similar, setSimilar] = useState<number[] | null>(null);
  const [mrz, setMrz] = useState("");
  const [mrzError, setMrzError] = useState("");
  const [key, setKey] = useState(() => crypto.randomUUID()); // a retried submission records nobody twice
  const checks = checkNewPerson(form);

  const set = (patch: Partial<NewPersonForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((s) => { const n = new Set(s); for (const k of Object.keys(patch)) n.add(k); return n; });
    setServer((s) => { const n = { ...s }; for (const k of Object.keys(patch)) delete n[k]; return n; });
    setSimilar(null);
  };

  async function readZone() {
    setMrzError("");
    const { data, problem } = await post("/api/v1/mrz/parse", { mrz: mrz.trim() });
    if (!data) return setMrzError([formMessage(problem, t.failed), ...(problem?.errors ?? []).map((e) => e.detail)].join(" · "));
    const read = (data as { person: MrzPerson }).person;
    setForm((f) => fillFromMrz(f, read));
    setTouched(new Set(Object.keys(read)));
  }

  async function save(ev: Event, allowSimilar = false) {
    ev.preventDefault();
    setTouched(new Set(Object.keys(form)));
    if (Object.keys(checks).length > 0) return;
    const path = "/api/v1/people" + (allowSimilar ? "?allow_similar=true" : "");
    const { data, problem, status } = await post(path, newPersonBody(form, cohortId, missionId), { "Idempotency-Key": key });
    if (data) {
      setForm(EMPTY_NEW_PERSON);
      setTouched(new Set());
      setMessage("");
      setSimilar(null);
      setMrz("");
      setKey(crypto.randomUUID());
      return done();
    }
    setKey(crypto.randomUUID()); // what was sent was refused: the next attempt is a new request
    if (status === 409 && problem?.type?.endsWith("possible-duplicate")) {
      setSimilar((problem as Problem & { candidate_ids?: number[] }).candidate_ids ?? []);
      return setMessage(t.similarOnRecord);
    }
    setServer(fieldErrors(problem));
    setMessage(formMessage(problem, t.failed));
  }

  const field = (key: keyof NewPersonForm, label: string, input: unknown) => {
    const problem = server[key] || (touched.has(key) && checks[key] ? t.checks[checks[key]!] : "");
    return html`<label data-field=${key}>${label} ${input}
      <span id=${`new-${key}-error`} class="field-error" role=${problem ? "alert" : undefined}>${problem}</span></label>`;
  };
  const text = (key: keyof NewPersonForm, type = "text", extra = {}) => {
    const problem = server[key] || (touched.has(key) && checks[key]);
    return html`<input name=${key} type=${type} value=${form[key] as string} aria-invalid=${!!problem}
      aria-describedby=${`new-${key}-error`} onInput=${(e: Event) => set({ [key]: value(e) })} ...${extra} />`;
  };
  return html`<section class="new-person" aria-labelledby="new-person-title">
    <h3 id="new-person-title">${t.recordPerson}</h3>
    <div class="mrz">
      <label>${t.mrzLabel}<textarea name="mrz" rows="3" maxlength="200" spellcheck="false" value=${mrz}
        onInput=${(e: Event) => setMrz(value(e))}></textarea></label>
      <button type="button" onClick=${readZone} disabled=${!mrz.trim()}>${t.mrzRead}</button>
      ${mrzError && html`<p role="alert" class="error">${mrzError}</p>`}
    </div>
    <form class="edit" onSubmit=${save} novalidate>
      ${field("given_name", t.givenName, text("given_name", "text", { autocomplete: "off" }))}
      ${field("family_name", t.familyName, text("family_name", "text", { autocomplete: "off" }))}
      ${field("sex", t.sex, html`<select name="sex" value=${form.sex} onChange=${(e: Event) => set({ sex: value(e) as NewPersonForm["sex"] })}>
        <option value="">—</option>${(["female", "male", "other", "unknown"] as const).map((s) => html`<option value=${s}>${t.sexes[s]}</option>`)}</select>`)}
      ${field("date_of_birth", t.dateOfBirth, text("date_of_birth", "date"))}
      ${field("estimated_age", t.fieldNames.estimated_age, text("estimated_age", "number"))}
      ${field("nationality", t.nationality, text("nationality", "text", { maxlength: 2 }))}
      ${field("document_kind", t.documentKind, html`<select name="document_kind" value=${form.document_kind}
        aria-invalid=${!!(server.document_kind || (touched.has("document_kind") && checks.document_kind))} aria-describedby="new-document_kind-error"
        onChange=${(e: Event) => set({ document_kind: value(e) as NewPersonForm["document_kind"] })}>
        <option value="">—</option>${(["passport", "national_id", "emergency_travel_document", "other"] as const).map((k) => html`<option value=${k}>${t.documentKinds[k]}</option>`)}</select>`)}
      ${field("document_number", t.documentNumber, text("document_number", "text", { autocomplete: "off" }))}
      ${field("phone", t.phone, text("phone", "tel"))}
      ${field("stage", t.stage, html`<select name="stage" value=${form.stage} onChange=${(e: Event) => set({ stage: value(e) as NewPersonForm["stage"] })}>
        <option value="located">${t.stages.located}</option><option value="reported">${t.stages.reported}</option></select>`)}
      <fieldset class="checks"><legend>${t.vulnerabilities}</legend>
        <label><input type="checkbox" checked=${form.minor} onChange=${(e: Event) => set({ minor: (e.target as HTMLInputElement).checked })} /> ${t.minor}</label>
        <label><input type="checkbox" checked=${form.medical_need} onChange=${(e: Event) => set({ medical_need: (e.target as HTMLInputElement).checked })} /> ${t.medical}</label>
      </fieldset>
      ${message && html`<p role="alert" class="error form-message">${message}</p>`}
      ${similar && html`<div class="similar"><ul>${similar.map((id) => html`<li><a href=${href({ name: "person", id })}>${t.person} #${id}</a></li>`)}</ul>
        <button type="button" onClick=${(e: Event) => save(e, true)}>${t.recordAnyway}</button></div>`}
      <button type="submit">${t.record}</button>
    </form>
  </section>`;
}
