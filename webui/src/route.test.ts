import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./route";

describe("routes", () => {
  it("reads each screen from the fragment and writes it back", () => {
    for (const r of [
      { name: "home" },
      { name: "overview" },
      { name: "people" },
      { name: "cases" },
      { name: "cohort", id: 7 },
      { name: "person", id: 42 },
      { name: "case", id: 3 },
    ] as const) {
      expect(parseRoute(href(r))).toEqual(r);
    }
  });
  it("sends anything else home", () => {
    for (const h of ["", "#", "#/people/0", "#/people/-1", "#/people/1e3", "#/people/12/x", "#/admin", "#/cases/abc"]) {
      expect(parseRoute(h)).toEqual({ name: "home" });
    }
  });
});
