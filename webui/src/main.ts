// Rudi's dashboards: sign in, the role and scope always in view, the cohorts one may see, and each cohort's
// board, kept live over the websocket. Preact renders; htm gives it markup without a JSX build step.
import { h, render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import htm from "htm";
import { api, liveUrl, rememberCsrf } from "./api";
import type { components } from "./api-types";
import { applyEvent, boardFrom, column, counts, EMBASSY_STAGES, HOME_STAGES, type BoardState, type Card, type Stage } from "./board";
import { strings, type Lang, type Strings } from "./i18n";
import { LiveConnection, type LiveState } from "./live";
import { People } from "./people";
import "./styles.css";

const html = htm.bind(h);
type Me = components["schemas"]["Me"];
type Cohort = components["schemas"]["Cohort"];

function SignIn({ t, onDone }: { t: Strings; onDone: (me: Me) => void }) {
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

function Indicator({ t, state }: { t: Strings; state: LiveState }) {
  return html`<span class=${"indicator " + state} role="status" aria-live="polite" data-live=${state}>${t[state]}</span>`;
}

function CardView({ t, card }: { t: Strings; card: Card }) {
  const age = card.estimated_age ?? null;
  return html`<li class="card" data-person=${card.id}>
    <strong>${card.given_name} ${card.family_name}</strong>
    <span>${age !== null ? `${age}` : ""}</span>
    <span class="flags">
      ${card.flags?.minor && html`<em class="flag minor">${t.minor}</em>`}
      ${card.flags?.medical && html`<em class="flag medical">${t.medical}</em>`}
      ${card.on_hold && html`<em class="flag hold">${t.onHold}</em>`}
    </span>
    <small>${card.days_in_stage ?? 0} ${t.days}</small>
  </li>`;
}

function Board({ t, cohort, onState }: { t: Strings; cohort: Cohort; onState: (s: LiveState) => void }) {
  const [board, setBoard] = useState<BoardState | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live: LiveConnection | null = null;
    let cancelled = false;
    (async () => {
      const { data } = await api.GET("/api/v1/cohorts/{id}/board", { params: { path: { id: cohort.id! } } });
      if (!data || cancelled) return;
      setBoard(boardFrom(cohort.id!, data.people ?? [], data.as_of ?? 0));
      live = new LiveConnection(liveUrl(), {
        onEvent: (event) =>
          setBoard((current) => {
            if (!current) return current;
            const next = applyEvent(current, event);
            if (next.missing.size > current.missing.size) setReloads((n) => n + 1);
            return next;
          }),
        onState,
        onReset: () => setReloads((n) => n + 1),
      });
      live.follow([`cohort:${cohort.id}`], data.as_of ?? 0);
    })();
    return () => {
      cancelled = true;
      live?.stop();
    };
  }, [cohort.id, reloads]);

  if (!board) return html`<p>${t.connecting}</p>`;
  const n = counts(board);
  const side = (title: string, stages: Stage[]) => html`<section class="side" aria-label=${title}>
    <h3>${title}</h3>
    <div class="columns">
      ${stages.map(
        (stage) => html`<div class="column" data-stage=${stage}>
          <h4>${t.stages[stage]} <span class="count">${n[stage] ?? 0}</span></h4>
          <ul>${column(board, stage).map((card) => html`<${CardView} key=${card.id} t=${t} card=${card} />`)}</ul>
        </div>`,
      )}
    </div>
  </section>`;
  return html`<div class="board">
    <h2>${cohort.name}</h2>
    ${side(t.embassySide, EMBASSY_STAGES)} ${side(t.homeSide, HOME_STAGES)}
  </div>`;
}

function App() {
  const [lang, setLang] = useState<Lang>((localStorage.getItem("rudi.lang") as Lang) ?? "en");
  const t = strings[lang] ?? strings.en;
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [cohorts, setCohorts] = useState<Cohort[]>([]);
  const [open, setOpen] = useState<Cohort | null>(null);
  const [showPeople, setShowPeople] = useState(false);
  const [liveState, setLiveState] = useState<LiveState>("connecting");

  useEffect(() => {
    api.GET("/api/v1/me").then(({ data }) => {
      rememberCsrf(data?.csrf_token);
      setMe(data && (!data.second_factor?.required || data.second_factor.done) ? data : null);
    });
  }, []);
  useEffect(() => {
    if (!me) return;
    api.GET("/api/v1/cohorts").then(({ data }) => setCohorts(data?.items ?? []));
  }, [me]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem("rudi.lang", lang);
  }, [lang]);

  const header = useMemo(
    () =>
      me &&
      html`<header>
        <strong>${t.app}</strong>
        <span class="who" data-role=${me.role}>${me.display_name || me.username} · ${t.roles[me.role]} · ${me.scope}</span>
        ${open && html`<${Indicator} t=${t} state=${liveState} />`}
        <button type="button" onClick=${() => setLang(lang === "en" ? "sw" : "en")}>${t.language}</button>
        <button type="button" onClick=${async () => {
          await api.DELETE("/api/v1/session");
          setMe(null);
          setOpen(null);
        }}>${t.signOut}</button>
      </header>`,
    [me, t, open, liveState, lang],
  );

  if (me === undefined) return null;
  if (me === null) return html`<main><${SignIn} t=${t} onDone=${setMe} /></main>`;
  return html`${header}
    <main>
      <nav aria-label=${t.cohorts}>
        <h2>${t.cohorts}</h2>
        ${cohorts.length === 0 && html`<p>${t.noCohorts}</p>`}
        <ul>
          ${cohorts.map(
            (c) => html`<li key=${c.id}>
              <button type="button" aria-current=${!showPeople && open?.id === c.id} onClick=${() => { setShowPeople(false); setOpen(c); }}>${c.name}</button>
            </li>`,
          )}
        </ul>
        ${me.role !== "administrator" && me.role !== "auditor" &&
        html`<button type="button" aria-current=${showPeople} onClick=${() => { setShowPeople(true); setOpen(null); }}>${t.peopleTitle}</button>`}
      </nav>
      ${showPeople && html`<${People} t=${t} />`}
      ${open && html`<${Board} key=${open.id} t=${t} cohort=${open} onState=${setLiveState} />`}
    </main>`;
}

render(html`<${App} />`, document.getElementById("app")!);
