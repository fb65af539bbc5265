import { describe, expect, it } from "vitest";
import {
  addCard, applyEvent, boardFrom, column, columns, counts, needsReload, NO_FILTER, sameCards, shownCards, shows, type Card,
} from "./board";

const card = (id: number, stage: Card["stage"], version = 1): Card => ({
  id, cohort_id: 7, mission_id: 1, given_name: "Neema", family_name: "Wafula", stage, on_hold: false,
  days_in_stage: 3, flags: { minor: false, medical: false, on_hold: false }, version,
});

describe("the cohort board", () => {
  it("moves a card when a newer transition arrives, and resets its days in stage", () => {
    const board = boardFrom(7, [card(1, "located")], 10);
    const next = applyEvent(board, { seq: 11, type: "person.transitioned", topics: ["cohort:7"], data: { id: 1, stage: "verified", version: 2, on_hold: false } });
    expect(column(next, "verified").map((c) => c.id)).toEqual([1]);
    expect(column(next, "located")).toEqual([]);
    expect(next.cards.get(1)?.days_in_stage).toBe(0);
    expect(next.asOf).toBe(11);
  });

  it("ignores events it has already (by sequence) and changes older than the card (by version)", () => {
    const board = boardFrom(7, [card(1, "verified", 3)], 10);
    expect(applyEvent(board, { seq: 9, type: "person.transitioned", topics: [], data: { id: 1, stage: "located", version: 4 } })).toBe(board);
    const stale = applyEvent(board, { seq: 12, type: "person.transitioned", topics: [], data: { id: 1, stage: "located", version: 2 } });
    expect(stale.cards.get(1)?.stage).toBe("verified");
    expect(stale.asOf).toBe(12);
  });

  it("asks for the card of a person it has never seen, and drops one who moved to another cohort", () => {
    let board = boardFrom(7, [card(1, "located")], 10);
    board = applyEvent(board, { seq: 11, type: "person.created", topics: [], data: { id: 2, stage: "reported", version: 1, cohort_id: 7 } });
    expect([...board.missing]).toEqual([2]);
    board = addCard(board, card(2, "reported"));
    expect(board.missing.size).toBe(0);
    expect(counts(board)).toEqual({ located: 1, reported: 1 });
    board = applyEvent(board, { seq: 12, type: "person.updated", topics: [], data: { id: 1, cohort_id: 8, version: 2 } });
    expect(board.cards.has(1)).toBe(false);
  });

  it("reloads its snapshot when a roster import brings many people in one event, of its own cohort only", () => {
    const board = boardFrom(7, [card(1, "located")], 10);
    const imported = applyEvent(board, { seq: 11, type: "cohort.imported", topics: ["cohort:7"], data: { cohort_id: 7, imported: 120 } });
    expect(needsReload(board, imported)).toBe(true);
    expect(imported.asOf).toBe(11);
    const elsewhere = applyEvent(board, { seq: 11, type: "cohort.imported", topics: ["cohort:8"], data: { cohort_id: 8, imported: 120 } });
    expect(needsReload(board, elsewhere)).toBe(false);
    const again = applyEvent(board, { seq: 9, type: "cohort.imported", topics: ["cohort:7"], data: { cohort_id: 7, imported: 120 } });
    expect(needsReload(board, again)).toBe(false); // had it already
    const created = applyEvent(board, { seq: 12, type: "person.created", topics: [], data: { id: 2, stage: "reported", version: 1, cohort_id: 7 } });
    expect(needsReload(board, created)).toBe(true);
    const moved = applyEvent(board, { seq: 12, type: "person.transitioned", topics: [], data: { id: 1, stage: "verified", version: 2 } });
    expect(needsReload(board, moved)).toBe(false);
  });

  it("shows a hold without moving the card", () => {
    const board = applyEvent(boardFrom(7, [card(1, "interviewed")], 1), { seq: 2, type: "person.transitioned", topics: [], data: { id: 1, stage: "interviewed", on_hold: true, version: 2 } });
    expect(board.cards.get(1)?.flags?.on_hold).toBe(true);
    expect(board.cards.get(1)?.days_in_stage).toBe(3);
  });
});

describe("the board's filters", () => {
  const card = { id: 1, given_name: "Akinyi", family_name: "Barasa", stage: "located", on_hold: false, flags: { minor: true, medical: false } } as const;
  it("narrow by name and flags", () => {
    expect(shows(card, NO_FILTER)).toBe(true);
    expect(shows(card, { ...NO_FILTER, name: "bara" })).toBe(true);
    expect(shows(card, { ...NO_FILTER, name: "otieno" })).toBe(false);
    expect(shows(card, { ...NO_FILTER, minor: true })).toBe(true);
    expect(shows(card, { ...NO_FILTER, minor: true, medical: true })).toBe(false);
    expect(shows(card, { ...NO_FILTER, onHold: true })).toBe(false);
  });
});

describe("the board's columns", () => {
  it("groups every column in one pass, filtered, the longest waiting first", () => {
    const waited = (id: number, stage: Card["stage"], days: number, minor = false): Card => ({
      ...card(id, stage), days_in_stage: days, flags: { minor, medical: false, on_hold: false },
    });
    const board = boardFrom(7, [waited(1, "located", 2), waited(2, "located", 9, true), waited(3, "verified", 1),
      waited(4, "located", 2, true)], 10);
    const all = columns(board, NO_FILTER);
    expect(all.get("located")?.map((c) => c.id)).toEqual([2, 1, 4]);
    expect(all.get("verified")?.map((c) => c.id)).toEqual([3]);
    expect(all.has("cleared")).toBe(false);
    expect(columns(board, { ...NO_FILTER, minor: true }).get("located")?.map((c) => c.id)).toEqual([2, 4]);
  });

  it("shows a column a page at a time, and knows when its cards are the same", () => {
    const cards = [1, 2, 3, 4, 5].map((id) => card(id, "located"));
    expect(shownCards(cards, 3)).toEqual({ shown: cards.slice(0, 3), hidden: 2 });
    expect(shownCards(cards, 10)).toEqual({ shown: cards, hidden: 0 });
    expect(sameCards(cards.slice(0, 3), [...cards.slice(0, 3)])).toBe(true);
    expect(sameCards(cards.slice(0, 3), [cards[0]!, cards[1]!, { ...cards[2]! }])).toBe(false);
    expect(sameCards(cards.slice(0, 3), cards.slice(0, 2))).toBe(false);
  });
});
