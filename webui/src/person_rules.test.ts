import { describe, expect, it } from "vitest";
import { changedSince, checkNewPerson, EMPTY_NEW_PERSON, fillFromMrz, newPersonBody, rebase, checkPerson, correctionTargets, editOf, masked, nextStage, patchOf } from "./person_rules";

const base = editOf({ given_name: "Achieng", family_name: "Otieno", estimated_age: 24 });

describe("the person form's checks", () => {
  it("accepts a plain record", () => {
    expect(checkPerson(base)).toEqual({});
  });
  it("names each field's problem", () => {
    const today = new Date("2026-01-01T00:00:00Z");
    expect(
      checkPerson({ ...base, given_name: " ", estimated_age: "130", phone: "0712 345678", date_of_birth: "2027-05-01" }, today),
    ).toEqual({ given_name: "required", estimated_age: "age", phone: "phone", date_of_birth: "future" });
    expect(checkPerson({ ...base, date_of_birth: "2001-02-30x" }).date_of_birth).toBe("date");
    expect(checkPerson({ ...base, family_name: "x".repeat(201) }).family_name).toBe("tooLong");
    expect(checkPerson({ ...base, phone: "+254712345678" })).toEqual({});
  });
  it("sends only what changed, typed as the API takes it", () => {
    expect(patchOf(base, { ...base, estimated_age: "25", phone: "" })).toEqual({ estimated_age: 25 });
    expect(patchOf({ ...base, phone: "+254700000001" }, { ...base, phone: "" })).toEqual({ phone: null });
    expect(patchOf(base, base)).toEqual({});
  });
  it("says what someone else changed, and keeps their change when this user saves again", () => {
    const theirs = { ...base, family_name: "Odhiambo" };
    expect(changedSince(base, theirs)).toEqual(["family_name"]);
    const mine = { ...base, phone: "+254712345678" };
    const rebased = rebase(base, mine, theirs);
    expect(rebased).toEqual({ ...base, family_name: "Odhiambo", phone: "+254712345678" });
    expect(patchOf(theirs, rebased)).toEqual({ phone: "+254712345678" });
  });
});

describe("moves a role is offered", () => {
  it("one stage forward, on the role's own side", () => {
    expect(nextStage("embassy_officer", "located")).toBe("verified");
    expect(nextStage("embassy_officer", "departed")).toBeNull(); // arrival is the home side's
    expect(nextStage("ministry_officer", "departed")).toBe("arrived");
    expect(nextStage("ministry_officer", "closed")).toBeNull();
    expect(nextStage("prosecutor", "located")).toBeNull();
  });
  it("corrections go back, within reach", () => {
    expect(correctionTargets("embassy_officer", "arrived")).toEqual(["reported", "located", "verified", "interviewed", "documented", "cleared", "departed"]);
    expect(correctionTargets("ministry_officer", "located")).toEqual(["reported"]);
    expect(correctionTargets("prosecutor", "arrived")).toEqual([]);
  });
});

describe("masking", () => {
  it("shows only the last four characters", () => {
    expect(masked("AK1234567")).toBe("•••••4567");
    expect(masked("123")).toBe("••••");
    expect(masked(null)).toBe("");
  });
});

describe("recording a new person", () => {
  it("checks the extra fields and builds the body without empty ones", () => {
    const form = { ...EMPTY_NEW_PERSON, given_name: "Anna Maria", family_name: "Eriksson", document_number: "L8989", nationality: "ke" };
    expect(checkNewPerson(form)).toEqual({ document_kind: "documentKind" });
    expect(checkNewPerson({ ...form, document_kind: "passport", nationality: "KEN" })).toEqual({ nationality: "country" });
    expect(newPersonBody({ ...form, document_kind: "passport", minor: true }, 7)).toEqual({
      cohort_id: 7, given_name: "Anna Maria", family_name: "Eriksson", stage: "located", nationality: "KE",
      document_number: "L8989", document_kind: "passport", vulnerabilities: ["minor"],
    });
  });
  it("fills identity from a machine-readable zone, names in title case", () => {
    const filled = fillFromMrz(EMPTY_NEW_PERSON, {
      given_name: "ANNA MARIA", family_name: "O'NEILL-ERIKSSON", date_of_birth: "1974-08-12", sex: "female",
      nationality: null, document_kind: "passport", document_number: "L898902C3",
    });
    expect(filled).toMatchObject({ given_name: "Anna Maria", family_name: "O'Neill-Eriksson", date_of_birth: "1974-08-12",
      sex: "female", nationality: "", document_kind: "passport", document_number: "L898902C3" });
  });
});
