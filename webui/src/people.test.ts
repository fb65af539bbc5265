import { describe, expect, it } from "vitest";
import { exportHref, peopleQuery } from "./people";

const none = { q: "", stage: "", onHold: false, minor: false, sort: "id" } as const;

describe("the people table's query", () => {
  it("sends only the filters that are set, and the cursor of the next page", () => {
    expect(peopleQuery({ ...none, q: "  neema " })).toEqual({ q: "neema", limit: 50 });
    expect(peopleQuery({ ...none, stage: "verified", onHold: true, minor: true }, { after: 40 })).toEqual({
      stage: "verified", on_hold: true, minor: true, after: 40, limit: 50,
    });
    expect(peopleQuery({ ...none, sort: "name" }, { after: 40, after_name: "wafula neema" })).toEqual({
      sort: "name", after: 40, after_name: "wafula neema", limit: 50,
    });
  });
  it("exports what the filters select, not just the page on screen", () => {
    expect(exportHref(none)).toBe("/api/v1/people/export.csv");
    expect(exportHref({ ...none, q: "a&b", minor: true, sort: "name" })).toBe("/api/v1/people/export.csv?q=a%26b&minor=true");
  });
});
