import { describe, expect, it } from "vitest";
import { fieldErrors, formMessage } from "./problem";

describe("problems", () => {
  it("puts each field error beside its field, the first one winning", () => {
    const problem = {
      status: 422,
      detail: "the record cannot be saved as given",
      errors: [
        { pointer: "#/estimated_age", detail: "does not match the date of birth" },
        { pointer: "/languages/2", detail: "too long" },
        { pointer: "#/estimated_age", detail: "second" },
      ],
    };
    expect(fieldErrors(problem)).toEqual({ estimated_age: "does not match the date of birth", languages: "too long" });
    expect(formMessage(problem, "x")).toBe("the record cannot be saved as given");
  });
  it("copes with no problem at all", () => {
    expect(fieldErrors(undefined)).toEqual({});
    expect(formMessage(null, "Something went wrong")).toBe("Something went wrong");
  });
});
