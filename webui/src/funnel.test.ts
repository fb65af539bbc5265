import { describe, expect, it } from "vitest";
import { funnel } from "./funnel";

describe("the funnel", () => {
  it("counts everyone who reached each stage", () => {
    expect(funnel({ located: 3, verified: 1, departed: 2 }, ["located", "verified", "interviewed", "departed"])).toEqual([
      { stage: "located", reached: 6, at: 3 },
      { stage: "verified", reached: 3, at: 1 },
      { stage: "interviewed", reached: 2, at: 0 },
      { stage: "departed", reached: 2, at: 2 },
    ]);
  });
});
