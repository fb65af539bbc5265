// The API client, typed from the OpenAPI document (src/api-types.ts is generated from it by
// `npm run api-types`, never written by hand). The session cookie travels by itself; every change carries
// the session's CSRF token.
import createClient from "openapi-fetch";
import type { paths } from "./api-types";

let csrf = "";

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

api.use({
  onRequest({ request }) {
    if (request.method !== "GET" && csrf) request.headers.set("X-CSRF-Token", csrf);
    return request;
  },
});

export function rememberCsrf(token: string | undefined): void {
  csrf = token ?? "";
}

export function liveUrl(): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/v1/live`;
}
