// The cohort board as the dashboard holds it: cards by person, kept current by live events. Pure functions,
// so that the rules (which event moves which card, what is stale) are tested without a browser.
import type { components } from "./api-types";

export type Stage = components["schemas"]["Stage"];
export type Card = components["schemas"]["PersonCard"];

export const EMBASSY_STAGES: Stage[] = ["reported", "located", "verified", "interviewed", "documented", "cleared", "departed"];
export const HOME_STAGES: Stage[] = ["arrived", "received", "referred", "reunited", "reintegrating", "closed"];

export interface LiveEvent {
  seq: number;
  type: string;
  topics: string[];
  data: {
    id?: number; stage?: Stage; on_hold?: boolean; version?: number; cohort_id?: number | null;
    imported?: number; person_ids?: number[]; // cohort.imported: many people at once
  };
}

export interface BoardState {
  cohortId: number;
  asOf: number; // the last event applied (or the snapshot's as_of)
  cards: Map<number, Card>;
  missing: Set<number>; // people an event named that the board has no card for: fetch them
  stale: boolean; // an event brought more people than are worth fetching one by one: take a new snapshot
}

export function boardFrom(cohortId: number, people: Card[], asOf: number): BoardState {
  return { cohortId, asOf, cards: new Map(people.map((p) => [p.id!, p])), missing: new Set(), stale: false };
}

// Applies one event; returns the same state object when nothing changed (so a view need not re-render).
export function applyEvent(state: BoardState, event: LiveEvent): BoardState {
  if (event.seq <= state.asOf) return state; // had it already
  const next: BoardState = { ...state, asOf: event.seq };
  // A roster import arrives as one event for all its people: the board reloads its snapshot.
  if (event.type === "cohort.imported") return event.data.cohort_id === state.cohortId ? { ...next, stale: true } : next;
  const id = event.data.id;
  if (!id || !event.type.startsWith("person.")) return next;
  const card = state.cards.get(id);
  if (event.data.cohort_id !== undefined && event.data.cohort_id !== state.cohortId) {
    if (!card) return next;
    const cards = new Map(state.cards);
    cards.delete(id); // moved to another cohort
    return { ...next, cards };
  }
  if (!card) {
    next.missing = new Set(state.missing).add(id);
    return next;
  }
  if ((card.version ?? 0) >= (event.data.version ?? 0)) return next; // older than what is shown
  const cards = new Map(state.cards);
  const onHold = event.data.on_hold ?? card.on_hold;
  const moved = event.data.stage !== undefined && event.data.stage !== card.stage;
  cards.set(id, {
    ...card,
    stage: event.data.stage ?? card.stage,
    on_hold: onHold,
    flags: { ...card.flags, on_hold: onHold },
    version: event.data.version ?? card.version,
    days_in_stage: moved ? 0 : card.days_in_stage,
  });
  return { ...next, cards };
}

// Whether applying an event made the board need a fresh snapshot: someone joined whom it has no card for,
// or a batch of people came at once.
export function needsReload(before: BoardState, after: BoardState): boolean {
  return after.missing.size > before.missing.size || (after.stale && !before.stale);
}

export function addCard(state: BoardState, card: Card): BoardState {
  const cards = new Map(state.cards);
  if (card.cohort_id === state.cohortId) cards.set(card.id!, card);
  const missing = new Set(state.missing);
  missing.delete(card.id!);
  return { ...state, cards, missing };
}

const longestWaitingFirst = (a: Card, b: Card) =>
  (b.days_in_stage ?? 0) - (a.days_in_stage ?? 0) || (a.id ?? 0) - (b.id ?? 0);

export function column(state: BoardState, stage: Stage): Card[] {
  return columns(state, NO_FILTER).get(stage) ?? [];
}

// Every stage's cards that pass the filter, longest in stage first, in one pass over the board (not one pass
// per column: a board of 500 people has 13 columns).
export function columns(state: BoardState, filter: BoardFilter): Map<Stage, Card[]> {
  const out = new Map<Stage, Card[]>();
  for (const card of state.cards.values()) {
    if (!shows(card, filter)) continue;
    const list = out.get(card.stage!);
    if (list) list.push(card);
    else out.set(card.stage!, [card]);
  }
  for (const list of out.values()) list.sort(longestWaitingFirst);
  return out;
}

// A column shows its cards a page at a time: the people waiting longest first, then "show more". A column
// of 400 people is read through the filters or the People list, not by scrolling; and the page keeps the
// board's work for a burst of moves proportional to what is shown, not to the cohort (ops/bench webui:
// 40 a page left frames of up to 241 ms on two cores, 25 none over 85 ms).
export const COLUMN_PAGE = 25;

export function shownCards(cards: Card[], limit: number): { shown: Card[]; hidden: number } {
  return { shown: cards.length > limit ? cards.slice(0, limit) : cards, hidden: Math.max(0, cards.length - limit) };
}

// Whether two lists of cards are the same cards, each unchanged (so their column need not re-render).
export function sameCards(a: Card[], b: Card[]): boolean {
  return a.length === b.length && a.every((card, i) => card === b[i]);
}

export function counts(state: BoardState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of state.cards.values()) out[c.stage!] = (out[c.stage!] ?? 0) + 1;
  return out;
}

// The board's filters: a name fragment and flags; every filter narrows.
export interface BoardFilter {
  name: string;
  minor: boolean;
  medical: boolean;
  onHold: boolean;
}
export const NO_FILTER: BoardFilter = { name: "", minor: false, medical: false, onHold: false };

export function shows(card: Card, filter: BoardFilter): boolean {
  const name = filter.name.trim().toLocaleLowerCase();
  if (name && !`${card.given_name ?? ""} ${card.family_name ?? ""}`.toLocaleLowerCase().includes(name)) return false;
  if (filter.minor && !card.flags?.minor) return false;
  if (filter.medical && !card.flags?.medical) return false;
  if (filter.onHold && !card.on_hold) return false;
  return true;
}
