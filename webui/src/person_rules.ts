// The person page's rules, pure so that they are tested without a browser: what the edit form checks as
// the user types (the server checks again and has the last word), which moves to offer a role, and what a
// stale edit (412) collided with.
import { EMBASSY_STAGES, HOME_STAGES, type Stage } from "./board";
import type { FieldErrors } from "./problem";

export const STAGES: Stage[] = [...EMBASSY_STAGES, ...HOME_STAGES];

export interface PersonEdit {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  estimated_age: string;
  phone: string;
  current_location: string;
}
export const EDITABLE: (keyof PersonEdit)[] = ["given_name", "family_name", "date_of_birth", "estimated_age", "phone", "current_location"];

export type Check = "required" | "tooLong" | "age" | "phone" | "date" | "future";

export function checkPerson(edit: PersonEdit, today: Date = new Date()): Partial<Record<keyof PersonEdit, Check>> {
  const out: Partial<Record<keyof PersonEdit, Check>> = {};
  for (const f of ["given_name", "family_name"] as const) {
    if (!edit[f].trim()) out[f] = "required";
    else if (edit[f].length > 200) out[f] = "tooLong";
  }
  if (edit.estimated_age.trim()) {
    const n = Number(edit.estimated_age);
    if (!Number.isInteger(n) || n < 0 || n > 120) out.estimated_age = "age";
  }
  if (edit.date_of_birth) {
    const d = new Date(edit.date_of_birth + "T00:00:00Z");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(edit.date_of_birth) || Number.isNaN(d.getTime())) out.date_of_birth = "date";
    else if (d.getTime() > today.getTime()) out.date_of_birth = "future";
  }
  if (edit.phone.trim() && !/^\+[1-9][0-9]{6,14}$/.test(edit.phone.trim())) out.phone = "phone";
  if (edit.current_location.length > 200) out.current_location = "tooLong";
  return out;
}

type Fields = Partial<Record<keyof PersonEdit, unknown>>;

export function editOf(person: Fields): PersonEdit {
  const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  return {
    given_name: s(person.given_name),
    family_name: s(person.family_name),
    date_of_birth: s(person.date_of_birth),
    estimated_age: s(person.estimated_age),
    phone: s(person.phone),
    current_location: s(person.current_location),
  };
}

// The body of a PATCH: only the fields the user changed, typed as the API takes them.
export function patchOf(before: PersonEdit, after: PersonEdit): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of EDITABLE) {
    if (before[f] === after[f]) continue;
    const v = after[f].trim();
    if (f === "estimated_age") body[f] = v === "" ? null : Number(v);
    else body[f] = v === "" && (f === "date_of_birth" || f === "phone") ? null : v;
  }
  return body;
}

// After a 412: the fields someone else changed since the form was opened.
export function changedSince(opened: PersonEdit, now: PersonEdit): (keyof PersonEdit)[] {
  return EDITABLE.filter((f) => opened[f] !== now[f]);
}

// After a 412: the form based on the newer record — what this user changed stays, everything else takes
// the other person's values, so that saving again never silently undoes their change to another field.
export function rebase(opened: PersonEdit, edit: PersonEdit, now: PersonEdit): PersonEdit {
  const out = { ...edit };
  for (const f of EDITABLE) if (edit[f] === opened[f]) out[f] = now[f];
  return out;
}

export type Role = "embassy_officer" | "ministry_officer" | "prosecutor" | "administrator" | "auditor";

// The stage a role may move a person into next, if any: one stage forward, into the side the role owns
// (the ministry acts on any stage).
export function nextStage(role: Role, stage: Stage): Stage | null {
  const i = STAGES.indexOf(stage);
  const next = STAGES[i + 1];
  if (i < 0 || !next) return null;
  if (role === "ministry_officer") return next;
  if (role === "embassy_officer" && EMBASSY_STAGES.includes(next)) return next;
  return null;
}

// The stages a correction may go back to: earlier ones on the side the role may act on.
export function correctionTargets(role: Role, stage: Stage): Stage[] {
  const earlier = STAGES.slice(0, Math.max(0, STAGES.indexOf(stage)));
  if (role === "ministry_officer") return earlier;
  if (role === "embassy_officer") return earlier.filter((s) => EMBASSY_STAGES.includes(s));
  return [];
}

export function mayMove(role: Role): boolean {
  return role === "embassy_officer" || role === "ministry_officer";
}

// Document numbers and phone numbers are shown masked until the user asks (the read is audited either way).
export function masked(value: string | null | undefined): string {
  if (!value) return "";
  return value.length <= 4 ? "••••" : "•".repeat(Math.min(8, value.length - 4)) + value.slice(-4);
}

export type { FieldErrors };

// The form that records a new person (on a cohort's board), with what a passport's zone can fill in.
export interface NewPersonForm extends PersonEdit {
  sex: "" | "female" | "male" | "other" | "unknown";
  nationality: string;
  document_kind: "" | "passport" | "national_id" | "emergency_travel_document" | "other";
  document_number: string;
  stage: "reported" | "located";
  minor: boolean;
  medical_need: boolean;
}

export const EMPTY_NEW_PERSON: NewPersonForm = {
  ...editOf({}),
  sex: "",
  nationality: "KE",
  document_kind: "",
  document_number: "",
  stage: "located",
  minor: false,
  medical_need: false,
};

export type NewCheck = Check | "country" | "document" | "documentKind";

export function checkNewPerson(form: NewPersonForm, today: Date = new Date()): Partial<Record<keyof NewPersonForm, NewCheck>> {
  const out: Partial<Record<keyof NewPersonForm, NewCheck>> = checkPerson(form, today);
  if (form.nationality && !/^[A-Z]{2}$/.test(form.nationality.trim().toUpperCase())) out.nationality = "country";
  const number = form.document_number.replace(/[\s-]/g, "");
  if (number && !/^[A-Za-z0-9]{4,30}$/.test(number)) out.document_number = "document";
  if (number && !form.document_kind) out.document_kind = "documentKind";
  return out;
}

// The body of POST /api/v1/people: empty fields left out.
export function newPersonBody(form: NewPersonForm, cohortId: number, missionId?: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    cohort_id: cohortId,
    given_name: form.given_name.trim(),
    family_name: form.family_name.trim(),
    stage: form.stage,
  };
  if (missionId) body.mission_id = missionId;
  if (form.date_of_birth) body.date_of_birth = form.date_of_birth;
  if (form.estimated_age.trim()) body.estimated_age = Number(form.estimated_age);
  if (form.phone.trim()) body.phone = form.phone.trim();
  if (form.current_location.trim()) body.current_location = form.current_location.trim();
  if (form.sex) body.sex = form.sex;
  if (form.nationality.trim()) body.nationality = form.nationality.trim().toUpperCase();
  if (form.document_number.trim()) {
    body.document_number = form.document_number.trim();
    body.document_kind = form.document_kind;
  }
  const vulnerabilities = [...(form.minor ? ["minor"] : []), ...(form.medical_need ? ["medical_need"] : [])];
  if (vulnerabilities.length) body.vulnerabilities = vulnerabilities;
  return body;
}

// What a passport's or identity card's zone, as the server read it, fills in (names as the zone prints them,
// in capitals: the officer corrects the spelling with the person).
export interface MrzPerson {
  given_name?: string;
  family_name?: string;
  date_of_birth?: string | null;
  sex?: string;
  nationality?: string | null;
  document_kind?: string;
  document_number?: string;
}

export function fillFromMrz(form: NewPersonForm, read: MrzPerson): NewPersonForm {
  const title = (s: string) => s.toLowerCase().replace(/(^|[\s'-])\p{L}/gu, (m) => m.toUpperCase());
  return {
    ...form,
    given_name: read.given_name ? title(read.given_name) : form.given_name,
    family_name: read.family_name ? title(read.family_name) : form.family_name,
    date_of_birth: read.date_of_birth ?? form.date_of_birth,
    sex: (read.sex as NewPersonForm["sex"]) || form.sex,
    nationality: read.nationality === undefined ? form.nationality : (read.nationality ?? ""), // null: the zone names no country
    document_kind: (read.document_kind as NewPersonForm["document_kind"]) || form.document_kind,
    document_number: read.document_number ?? form.document_number,
  };
}
