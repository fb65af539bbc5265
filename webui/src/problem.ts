// The server's RFC 9457 problems, turned into what a form shows: a message per field (from the JSON
// pointers of `errors`) and one for the form as a whole.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

export type FieldErrors = Record<string, string>;

// "#/given_name" or "/given_name" → "given_name"; "#/languages/2" → "languages".
export function fieldOf(pointer: string): string {
  return pointer.replace(/^#?\//, "").split("/")[0] ?? "";
}

export function fieldErrors(problem: Problem | undefined | null): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem?.errors ?? []) {
    const field = fieldOf(e.pointer);
    if (field && !(field in out)) out[field] = e.detail;
  }
  return out;
}

export function formMessage(problem: Problem | undefined | null, fallback: string): string {
  return problem?.detail || problem?.title || fallback;
}
