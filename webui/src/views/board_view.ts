// The cohort board: the stages as columns (embassy side, home side), people as cards, counts per stage, a
// funnel, filters, and one click to a person. Kept live: cards move as others move people.
import { Component } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, liveUrl } from "../api";
import type { components } from "../api-types";
import {
  applyEvent, boardFrom, COLUMN_PAGE, columns, counts, EMBASSY_STAGES, HOME_STAGES, needsReload, NO_FILTER,
  sameCards, shownCards, type BoardFilter, type LiveEvent, type BoardState, type Card, type Stage,
} from "../board";
import { html } from "../html";
import type { Strings } from "../i18n";
import { FrameBatch } from "../frame_batch";
import { LiveConnection, type LiveState } from "../live";
import { href } from "../route";
import { FunnelChart } from "./funnel_chart";
import { NewPerson } from "./new_person";

type Cohort = components["schemas"]["Cohort"];

// A card re-renders only when its own record changed: a burst of moves redraws the moved cards, not 500.
class CardView extends Component<{ t: Strings; card: Card }> {
  shouldComponentUpdate(next: { t: Strings; card: Card }) {
    return next.card !== this.props.card || next.t !== this.props.t;
  }
  render({ t, card }: { t: Strings; card: Card }) {
    const age = card.estimated_age ?? null;
    return html`<li class="card" data-person=${card.id}>
      <a href=${href({ name: "person", id: card.id! })}>${card.given_name} ${card.family_name}</a>
      <span>${age !== null ? `${t.age} ${age}` : ""}</span>
      <span class="flags">
        ${card.flags?.minor && html`<em class="flag minor">${t.minor}</em>`}
        ${card.flags?.medical && html`<em class="flag medical">${t.medical}</em>`}
        ${card.on_hold && html`<em class="flag hold">${t.onHold}</em>`}
      </span>
      <small>${card.days_in_stage ?? 0} ${t.days}</small>
    </li>`;
  }
}

interface ColumnProps {
  t: Strings;
  stage: Stage;
  total: number; // everyone in the stage, whatever the filters
  shown: Card[];
  hidden: number;
  onMore: (stage: Stage) => void;
}

// A column re-renders only when the cards it shows or its counts changed: a burst of moves between two
// stages leaves the other eleven alone.
class ColumnView extends Component<ColumnProps> {
  shouldComponentUpdate(next: ColumnProps) {
    const now = this.props;
    return next.t !== now.t || next.total !== now.total || next.hidden !== now.hidden || !sameCards(next.shown, now.shown);
  }
  render({ t, stage, total, shown, hidden, onMore }: ColumnProps) {
    return html`<section class="column" data-stage=${stage} aria-label=${t.stages[stage]}>
      <h4>${t.stages[stage]} <span class="count" aria-label=${t.people}>${total}</span></h4>
      <ul>${shown.map((card) => html`<${CardView} key=${card.id} t=${t} card=${card} />`)}</ul>
      ${hidden > 0 && html`<button type="button" class="more" onClick=${() => onMore(stage)}>${t.showMore} (${hidden})</button>`}
    </section>`;
  }
}

export function BoardView({ t, id, mayRecord, onState }: { t: Strings; id: number; mayRecord: boolean; onState: (s: LiveState) => void }) {
  const [recording, setRecording] = useState(false);
  const [cohort, setCohort] = useState<Cohort | null>(null);
  const [board, setBoard] = useState<BoardState | null>(null);
  const [missing, setMissing] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [limits, setLimits] = useState<Partial<Record<Stage, number>>>({});

  useEffect(() => {
    let live: LiveConnection | null = null;
    let batch: FrameBatch<LiveEvent> | null = null;
    let cancelled = false;
    (async () => {
      const { data } = await api.GET("/api/v1/cohorts/{id}/board", { params: { path: { id } } });
      if (cancelled) return;
      if (!data) return setMissing(true);
      setCohort(data.cohort ?? null);
      setBoard(boardFrom(id, data.people ?? [], data.as_of ?? 0));
      // A burst of moves is applied once per frame, not once per message: one render for all of them.
      batch = new FrameBatch<LiveEvent>((events) =>
        setBoard((current) => {
          if (!current) return current;
          let next = current;
          for (const event of events) next = applyEvent(next, event);
          // Someone joined the cohort, or a roster brought many: the board takes a fresh snapshot and
          // resumes from it.
          if (needsReload(current, next)) setReloads((n) => n + 1);
          return next;
        }),
      );
      live = new LiveConnection(liveUrl(), {
        onEvent: (event) => batch?.add(event),
        onState,
        onReset: () => setReloads((n) => n + 1),
      });
      live.follow([`cohort:${id}`], data.as_of ?? 0);
    })();
    return () => {
      cancelled = true;
      live?.stop();
      batch?.stop();
    };
  }, [id, reloads]);

  const cards = board?.cards;
  const byStage = useMemo(() => (board ? columns(board, filter) : new Map<Stage, Card[]>()), [cards, filter]);
  const n = useMemo(() => (board ? counts(board) : {}), [cards]);
  if (missing) return html`<p role="alert">${t.notFound}</p>`;
  if (!board) return html`<p>${t.loading}</p>`;
  const set = (patch: Partial<BoardFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const more = (stage: Stage) => setLimits((l) => ({ ...l, [stage]: (l[stage] ?? COLUMN_PAGE) + COLUMN_PAGE }));
  const side = (title: string, stages: Stage[]) => html`<section class="side" aria-label=${title}>
    <h3>${title}</h3>
    <div class="columns">
      ${stages.map((stage) => {
        const { shown, hidden } = shownCards(byStage.get(stage) ?? [], limits[stage] ?? COLUMN_PAGE);
        return html`<${ColumnView} key=${stage} t=${t} stage=${stage} total=${n[stage] ?? 0} shown=${shown} hidden=${hidden} onMore=${more} />`;
      })}
    </div>
  </section>`;
  return html`<div class="board">
    <h2>${cohort?.name}</h2>
    ${mayRecord && html`<button type="button" aria-expanded=${recording} onClick=${() => setRecording(!recording)}>${t.recordPerson}</button>`}
    ${mayRecord && recording && html`<${NewPerson} t=${t} cohortId=${id} missionId=${cohort?.mission_id} done=${() => setRecording(false)} />`}
    <div class="board-top">
      <form class="filters" role="search" aria-label=${t.filters} onSubmit=${(e: Event) => e.preventDefault()}>
        <label>${t.name}<input type="search" value=${filter.name}
          onInput=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })} /></label>
        <label><input type="checkbox" checked=${filter.minor} onChange=${(e: Event) => set({ minor: (e.target as HTMLInputElement).checked })} /> ${t.minor}</label>
        <label><input type="checkbox" checked=${filter.medical} onChange=${(e: Event) => set({ medical: (e.target as HTMLInputElement).checked })} /> ${t.medical}</label>
        <label><input type="checkbox" checked=${filter.onHold} onChange=${(e: Event) => set({ onHold: (e.target as HTMLInputElement).checked })} /> ${t.onHold}</label>
      </form>
      <${FunnelChart} t=${t} counts=${n} stages=${FUNNEL_STAGES} />
    </div>
    ${side(t.embassySide, EMBASSY_STAGES)} ${side(t.homeSide, HOME_STAGES)}
  </div>`;
}

const FUNNEL_STAGES: Stage[] = [...EMBASSY_STAGES, ...HOME_STAGES];
