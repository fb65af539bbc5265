// Sign in: username and password, then the second factor; a first sign-in of a role that sees survivors'
// data enrols an authenticator app and shows the recovery codes once.
import { useState } from "preact/hooks";
import { api, rememberCsrf } from "../api";
import type { components } from "../api-types";
import { html } from "../html";
import type { Strings } from "../i18n";

export type Me = components["schemas"]["Me"];

export function SignIn({ t, onDone }: { t: Strings; onDone: (me: Me) => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [pending, setPending] = useState<Me | null>(null);
  const [enrolment, setEnrolment] = useState<{ secret?: string; otpauth_uri?: string } | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState("");

  async function submit(ev: Event) {
    ev.preventDefault();
    setError("");
    if (!pending) {
      const { data, error: problem } = await api.POST("/api/v1/session", { body: { username, password } });
      if (!data) return setError((problem as { detail?: string } | undefined)?.detail ?? t.signInFailed);
      rememberCsrf(data.csrf_token);
      if (data.second_factor?.required && !data.second_factor.done) {
        setPending(data);
        // A first sign-in of a role that sees survivors' data: enrol an authenticator app first.
        if (!data.second_factor.enrolled) {
          const started = await api.POST("/api/v1/me/second-factor");
          if (started.data) setEnrolment(started.data);
        }
        return;
      }
      return onDone(data);
    }
    if (enrolment) {
      const confirmed = await api.POST("/api/v1/me/second-factor/confirm", { body: { code } });
      if (!confirmed.data) return setError(t.signInFailed);
      setEnrolment(null);
      return setRecovery(confirmed.data.recovery_codes ?? []);
    }
    const { response } = await api.POST("/api/v1/session/second-factor", { body: { code } });
    if (response.status !== 204) return setError(t.signInFailed);
    const me = await api.GET("/api/v1/me");
    if (me.data) onDone(me.data);
  }

  async function finish() {
    const me = await api.GET("/api/v1/me");
    if (me.data) onDone(me.data);
  }

  if (recovery)
    return html`<section class="sign-in" aria-labelledby="recovery-title">
      <h1 id="recovery-title">${t.recoveryTitle}</h1>
      <p>${t.recoveryHelp}</p>
      <ul class="codes">${recovery.map((c) => html`<li><code>${c}</code></li>`)}</ul>
      <button type="button" onClick=${finish}>${t.continue}</button>
    </section>`;

  return html`<form class="sign-in" onSubmit=${submit} aria-labelledby="sign-in-title">
    <h1 id="sign-in-title">${t.app}</h1>
    ${!pending
      ? html`<label>${t.username}<input name="username" autocomplete="username" required value=${username}
              onInput=${(e: Event) => setUsername((e.target as HTMLInputElement).value)} /></label>
          <label>${t.password}<input name="password" type="password" autocomplete="current-password" required
              value=${password} onInput=${(e: Event) => setPassword((e.target as HTMLInputElement).value)} /></label>`
      : html`${enrolment && html`<p>${t.enrolHelp}</p><p><code class="secret">${enrolment.secret}</code></p>`}
          <label>${t.code}<input name="code" inputmode="numeric" autocomplete="one-time-code" required
              value=${code} onInput=${(e: Event) => setCode((e.target as HTMLInputElement).value)} /></label>`}
    ${error && html`<p role="alert" class="error">${error}</p>`}
    <button type="submit">${pending ? t.verify : t.signIn}</button>
  </form>`;
}
