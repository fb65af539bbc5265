// Rudi's dashboards: sign in, the role and scope always in view, and the screens the role may use, chosen
// by the URL's fragment. Views that show live data report their connection to the header's indicator.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, rememberCsrf } from "./api";
import type { components } from "./api-types";
import { html } from "./html";
import { strings, type Lang, type Strings } from "./i18n";
import type { LiveState } from "./live";
import { People } from "./people";
import { href, parseRoute, type Route } from "./route";
import { BoardView } from "./views/board_view";
import { CasesList, CaseView } from "./views/cases_view";
import { OverviewView } from "./views/overview_view";
import { PersonView } from "./views/person_view";
import { SignIn, type Me } from "./views/sign_in";
import "./styles.css";

type Cohort = components["schemas"]["Cohort"];

function Indicator({ t, state }: { t: Strings; state: LiveState }) {
  return html`<span class=${"indicator " + state} role="status" aria-live="polite" data-live=${state}>${t[state]}</span>`;
}

const seesSurvivors = (me: Me) => me.role === "embassy_officer" || me.role === "ministry_officer" || me.role === "prosecutor";
const isLive = (r: Route) => r.name === "cohort" || r.name === "person" || r.name === "case" || r.name === "overview";

// The screen a role lands on.
function home(me: Me): Route {
  if (me.role === "prosecutor") return { name: "cases" };
  return { name: "overview" };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", changed);
    return () => removeEventListener("hashchange", changed);
  }, []);
  return route;
}

function Nav({ t, me, route, cohorts }: { t: Strings; me: Me; route: Route; cohorts: Cohort[] }) {
  const link = (to: Route, label: string) => {
    const current = href(to) === href(route);
    return html`<li><a href=${href(to)} aria-current=${current ? "page" : undefined}>${label}</a></li>`;
  };
  return html`<nav aria-label=${t.navigation}>
    <ul>
      ${me.role !== "prosecutor" && link({ name: "overview" }, t.overview)}
      ${me.role === "prosecutor" && link({ name: "cases" }, t.casesTitle)}
      ${link({ name: "people" }, t.peopleTitle)}
    </ul>
    ${me.role !== "prosecutor" && html`<h2>${t.cohorts}</h2>
      ${cohorts.length === 0 && html`<p>${t.noCohorts}</p>`}
      <ul class="cohorts">${cohorts.map((c) => link({ name: "cohort", id: c.id! }, c.name ?? `#${c.id}`))}</ul>`}
  </nav>`;
}

function Screen({ t, me, route, onState }: { t: Strings; me: Me; route: Route; onState: (s: LiveState) => void }) {
  const r = route.name === "home" ? home(me) : route;
  switch (r.name) {
    case "overview":
      return html`<${OverviewView} t=${t} me=${me} onState=${onState} />`;
    case "cohort":
      return html`<${BoardView} key=${r.id} t=${t} id=${r.id} mayRecord=${me.role === "embassy_officer" || me.role === "ministry_officer"} onState=${onState} />`;
    case "people":
      return html`<${People} t=${t} mayExport=${me.role === "embassy_officer" || me.role === "ministry_officer"} />`;
    case "person":
      return html`<${PersonView} key=${r.id} t=${t} me=${me} id=${r.id} onState=${onState} />`;
    case "cases":
      return html`<${CasesList} t=${t} />`;
    case "case":
      return html`<${CaseView} key=${r.id} t=${t} id=${r.id} onState=${onState} />`;
    default:
      return null;
  }
}

function App() {
  const [lang, setLang] = useState<Lang>((localStorage.getItem("rudi.lang") as Lang) ?? "en");
  const t = strings[lang] ?? strings.en;
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [cohorts, setCohorts] = useState<Cohort[]>([]);
  const [liveState, setLiveState] = useState<LiveState>("connecting");
  const route = useRoute();

  useEffect(() => {
    api.GET("/api/v1/me").then(({ data }) => {
      rememberCsrf(data?.csrf_token);
      setMe(data && (!data.second_factor?.required || data.second_factor.done) ? data : null);
    });
  }, []);
  useEffect(() => {
    if (me && seesSurvivors(me) && me.role !== "prosecutor")
      api.GET("/api/v1/cohorts").then(({ data }) => setCohorts(data?.items ?? []));
  }, [me]);
  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem("rudi.lang", lang);
  }, [lang]);
  useEffect(() => setLiveState("connecting"), [href(route)]);

  if (me === undefined) return null;
  if (me === null) return html`<main id="main"><${SignIn} t=${t} onDone=${setMe} /></main>`;
  const shown = route.name === "home" ? home(me) : route;
  return html`<a class="skip" href="#main" onClick=${(e: Event) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>${t.skipToContent}</a>
    <header>
      <strong>${t.app}</strong>
      <span class="who" data-role=${me.role}>${me.display_name || me.username} · ${t.roles[me.role]} · ${me.scope}</span>
      ${seesSurvivors(me) && isLive(shown) && html`<${Indicator} t=${t} state=${liveState} />`}
      <button type="button" onClick=${() => setLang(lang === "en" ? "sw" : "en")}>${t.language}</button>
      <button type="button" onClick=${async () => {
        await api.DELETE("/api/v1/session");
        setMe(null);
        location.hash = "#/";
      }}>${t.signOut}</button>
    </header>
    ${seesSurvivors(me)
      ? html`<div class="layout"><${Nav} t=${t} me=${me} route=${shown} cohorts=${cohorts} />
          <main id="main" tabindex="-1"><${Screen} t=${t} me=${me} route=${route} onState=${setLiveState} /></main></div>`
      : html`<main id="main" tabindex="-1"><p class="note">${t.noSurvivorData}</p></main>`}`;
}

render(html`<${App} />`, document.getElementById("app")!);
