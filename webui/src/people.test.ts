import { describe, expect, it } from "vitest";
import { peopleQuery } from "./people";

describe("the people table's query", () => {
  it("sends only the filters that are set, and the cursor of the next page", () => {
    expect(peopleQuery({ q: "  neema ", stage: "", onHold: false, minor: false })).toEqual({ q: "neema", limit: 50 });
    expect(peopleQuery({ q: "", stage: "verified", onHold: true, minor: true }, 40)).toEqual({
      stage: "verified", on_hold: true, minor: true, after: 40, limit: 50,
    });
  });
});
