// Where the user is, kept in the URL's fragment so that the browser's back button, a reload and a shared
// link all land on the same screen (the server sends index.html for any path; the fragment never leaves
// the browser, so no id reaches an access log).
export type Route =
  | { name: "home" }
  | { name: "overview" }
  | { name: "cohort"; id: number }
  | { name: "people" }
  | { name: "person"; id: number }
  | { name: "cases" }
  | { name: "case"; id: number };

const withId = { cohorts: "cohort", people: "person", cases: "case" } as const;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts.length === 0) return { name: "home" };
  const [head = "", id = ""] = parts;
  if (parts.length === 1) {
    if (head === "overview" || head === "people" || head === "cases") return { name: head };
    return { name: "home" };
  }
  if (parts.length === 2 && head in withId && /^[1-9][0-9]{0,15}$/.test(id)) {
    return { name: withId[head as keyof typeof withId], id: Number(id) } as Route;
  }
  return { name: "home" };
}

export function href(route: Route): string {
  switch (route.name) {
    case "home":
      return "#/";
    case "overview":
    case "people":
    case "cases":
      return `#/${route.name}`;
    case "cohort":
      return `#/cohorts/${route.id}`;
    case "person":
      return `#/people/${route.id}`;
    case "case":
      return `#/cases/${route.id}`;
  }
}
