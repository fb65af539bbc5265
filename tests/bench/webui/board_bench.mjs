// The cohort board's frames in Debian's Chromium (headless, driven by playwright-core from webui/node_modules),
// against a real `rudi serve` that tests/bench/webui_bench.sh has started and given two users:
//  1. an embassy officer records a cohort of PEOPLE people at stage "located" through the API;
//  2. a ministry officer's board (a session cookie put into the browser, as webui/e2e/board.e2e.mjs does)
//     opens the cohort from the navigation: time from the click to the board painted with all PEOPLE counted
//     (a column shows its longest-waiting people a page at a time, webui/src/board.ts COLUMN_PAGE);
//  3. the embassy officer moves MOVES of them to "verified" as fast as the API takes them (PARALLEL
//     requests in flight): time from the first move sent to the board painted with every move counted in
//     its new column.
// Frames come from Chromium's performance timeline: Long Animation Frames (frames of 50 ms and more, with
// the scripts that ran in them), or long tasks where that API is missing; and the gaps between
// requestAnimationFrame callbacks during the burst, for frames under 50 ms. Exit status: 0 when no frame
// during the render or the burst took longer than RUDI_BENCH_FRAME_LIMIT_MS (100), 1 when one did, 2 when the
// run failed.
// With RUDI_BENCH_PROFILE=DIR, the burst is also traced (Chromium's trace and V8's sampling profiler, which
// slow it down: its frame times are then not the figures) and the main thread's time is summarised by
// activity and by function; DIR keeps burst-trace.json and burst.cpuprofile for DevTools, and
// render.cpuprofile, the initial render's.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { totp } from "../../../webui/e2e/totp.mjs";

const require = createRequire(new URL("../../../webui/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
};
const base = env("RUDI_BENCH_URL").replace(/\/$/, "");
const password = env("RUDI_BENCH_PASSWORD");
const missionId = Number(env("RUDI_BENCH_MISSION"));
const peopleCount = Number(env("RUDI_BENCH_PEOPLE", "500"));
const moveCount = Number(env("RUDI_BENCH_MOVES", "100"));
const parallel = Number(env("RUDI_BENCH_PARALLEL", "8"));
const limitMs = Number(env("RUDI_BENCH_FRAME_LIMIT_MS", "100"));
const chromiumPath = env("RUDI_CHROMIUM", "/usr/bin/chromium");
const profileDir = process.env.RUDI_BENCH_PROFILE;
const cohortName = `Board bench cohort ${process.pid}`;
if (moveCount > peopleCount) throw new Error("more moves than people");

// A signed-in user: the session cookie and its CSRF token, the second factor enrolled on the first sign-in.
class Session {
  cookie = "";
  csrf = "";

  async signIn(username) {
    const reply = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (reply.status !== 201) throw new Error(`sign-in of ${username}: ${reply.status} ${await reply.text()}`);
    const setCookie = reply.headers.getSetCookie().find((c) => c.startsWith("__Host-rudi_session="));
    this.cookie = setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";"));
    const me = await reply.json();
    this.csrf = me.csrf_token;
    if (me.second_factor?.required && !me.second_factor.done) {
      const { secret } = await this.call("POST", "/api/v1/me/second-factor", undefined, 201);
      await this.call("POST", "/api/v1/me/second-factor/confirm", { code: totp(secret) }, 200);
    }
    return this;
  }

  async call(method, path, body, expected) {
    const reply = await fetch(base + path, {
      method,
      headers: {
        Cookie: `__Host-rudi_session=${this.cookie}`,
        "X-CSRF-Token": this.csrf,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await reply.text();
    if (reply.status !== expected) throw new Error(`${method} ${path}: ${reply.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
}

// Runs `work(i)` for i in [0, n) with at most `width` at a time.
async function inParallel(n, width, work) {
  let next = 0;
  const worker = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
}

async function within(promise, limit, what) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} after ${limit / 1000} s`)), limit);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

// Invented names, combined: 20 × 25 distinct people before a name comes round again.
const givenNames = ["Tavren", "Miloa", "Oskiri", "Belun", "Quessa", "Dorvane", "Ylsira", "Kemaru", "Pellin", "Zarith",
  "Anvolo", "Rusela", "Hethra", "Ivomi", "Joskel", "Lunaré", "Nobrek", "Orlisa", "Sevito", "Umbrel"];
const familyNames = ["Varkesh", "Ombrelli", "Tessikar", "Quorran", "Lindavu", "Pashkorin", "Edrovel", "Mokutai",
  "Zelbrand", "Huvasti", "Krenolo", "Aldrisse", "Borwenka", "Cimmaro", "Drusvala", "Fennokir", "Gorvasht", "Istrelle",
  "Jommaru", "Kalvetti", "Lorsquin", "Mavrodel", "Norquessa", "Ostrevik", "Pridwena"];
function personFields(i) {
  const fields = {
    given_name: givenNames[i % givenNames.length],
    family_name: familyNames[Math.floor(i / givenNames.length) % familyNames.length],
    estimated_age: 19 + (i % 23),
    stage: "located",
  };
  if (i % 9 === 4) Object.assign(fields, { estimated_age: 16, vulnerabilities: ["minor"] });
  if (i % 7 === 3) fields.vulnerabilities = [...(fields.vulnerabilities ?? []), "medical_need"];
  return fields;
}

// Installed in the page before its own scripts: every long frame (or long task) from the start, and a helper
// that resolves once a selector matches `count` elements, with the time the DOM got there and the time the
// frame that shows it was done (a task queued from the next animation frame callback runs after its paint).
function instrument() {
  const type = PerformanceObserver.supportedEntryTypes.includes("long-animation-frame") ? "long-animation-frame" : "longtask";
  const bench = (window.__bench = { type, frames: [], clicks: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.frames.push({
        startTime: e.startTime,
        duration: e.duration,
        blockingDuration: e.blockingDuration ?? null,
        renderStart: e.renderStart ?? null,
        styleAndLayoutStart: e.styleAndLayoutStart ?? null,
        scripts: (e.scripts ?? []).map((s) => ({
          invoker: s.invoker,
          invokerType: s.invokerType,
          sourceURL: s.sourceURL,
          sourceFunctionName: s.sourceFunctionName,
          sourceCharPosition: s.sourceCharPosition,
          duration: s.duration,
          forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
        })),
      });
    }
  }).observe({ type, buffered: true });
  addEventListener("click", (e) => bench.clicks.push(e.timeStamp), { capture: true });

  // Resolves once the board's columns show the expected counts ({stage: people}), with the time the DOM got
  // there and the time the frame that shows it was done (a task queued from the next animation frame callback
  // runs after its paint).
  bench.when = (expected) =>
    new Promise((resolve) => {
      const check = () => {
        for (const [stage, n] of Object.entries(expected)) {
          const count = document.querySelector(`.column[data-stage="${stage}"] .count`);
          if (!count || Number(count.textContent) !== n) return false;
        }
        const dom = performance.now();
        requestAnimationFrame(() => setTimeout(() => resolve({ dom, painted: performance.now() })));
        return true;
      };
      const start = () => {
        if (check()) return;
        const observer = new MutationObserver(() => check() && observer.disconnect());
        observer.observe(document, { childList: true, subtree: true, characterData: true });
      };
      if (document.readyState === "loading") addEventListener("DOMContentLoaded", start);
      else start();
    });
  // Gaps between animation frames, for the frames shorter than a long animation frame.
  bench.watchFrames = () => {
    bench.gaps = [];
    bench.watching = true;
    let last = performance.now();
    const tick = (now) => {
      bench.gaps.push(now - last);
      last = now;
      if (bench.watching) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  // Resolves when the main thread has been idle, so that the entries of the frames before have arrived.
  bench.settled = () =>
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(resolve, { timeout: 2000 }))));
}

const ms = (x) => (x === null || x === undefined ? "n/a" : `${x.toFixed(1)} ms`);
const frameEnd = (f) => f.startTime + f.duration;
function summary(frames) {
  const longest = frames.reduce((m, f) => Math.max(m, f.duration), 0);
  return {
    longest,
    over50: frames.filter((f) => f.duration > 50).length,
    overLimit: frames.filter((f) => f.duration > limitMs).length,
  };
}
// One long frame in words: where its time went, and the scripts that took the most of it.
function describe(f, origin) {
  const parts = [`at +${(f.startTime - origin).toFixed(0)} ms: ${ms(f.duration)}`];
  if (f.blockingDuration !== null) parts.push(`blocking ${ms(f.blockingDuration)}`);
  if (f.renderStart !== null) {
    // Scripts are listed from 5 ms; the rendering runs from renderStart (animation frame callbacks first) and
    // its style and layout from styleAndLayoutStart to the frame's end (the start of its paint).
    const scripts = f.scripts.reduce((s, x) => s + x.duration, 0);
    const forced = f.scripts.reduce((s, x) => s + (x.forcedStyleAndLayoutDuration ?? 0), 0);
    parts.push(`scripts of 5 ms or more ${ms(scripts)} (forced style and layout in them ${ms(forced)})`);
    if (f.renderStart > 0) {
      parts.push(`rendering ${ms(frameEnd(f) - f.renderStart)}: before style and layout ` +
        `${ms(f.styleAndLayoutStart - f.renderStart)}, style and layout ${ms(frameEnd(f) - f.styleAndLayoutStart)}`);
    } else {
      parts.push("no rendering");
    }
  }
  const lines = [`    ${parts.join("; ")}`];
  const top = [...f.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
  for (const s of top) {
    const where = s.sourceURL ? `${s.sourceURL.replace(base, "")}${s.sourceFunctionName ? " " + s.sourceFunctionName : ""}:${s.sourceCharPosition}` : "";
    lines.push(`      script ${ms(s.duration)}: ${s.invokerType} ${s.invoker} ${where}`.trimEnd());
  }
  return lines.join("\n");
}
function report(title, frames, origin, type) {
  const s = summary(frames);
  const kind = type === "long-animation-frame" ? "animation frame" : "task";
  console.log(`  longest ${kind}: ${s.longest > 0 ? ms(s.longest) : "none of 50 ms or more"}; ` +
    `over 50 ms: ${s.over50}; over ${limitMs} ms: ${s.overLimit}`);
  const worst = [...frames].sort((a, b) => b.duration - a.duration).slice(0, 3);
  if (worst.length) console.log(`  the longest ${kind}s of ${title}:`);
  for (const f of worst) console.log(describe(f, origin));
  return s;
}

// Self time on the renderer's main thread by trace event (scripts, style, layout, paint, GC, ...), from a
// Chromium trace: complete events nest on a thread, so an event's self time is its duration less its
// children's.
function mainThreadActivity(trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) return [];
  const own = events.filter((e) => e.ph === "X" && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const close = (e) => self.set(e.name, (self.get(e.name) ?? 0) + e.self);
  for (const e of own) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) close(stack.pop());
    const item = { name: e.name, ts: e.ts, dur: e.dur, self: e.dur };
    if (stack.length) stack.at(-1).self -= e.dur;
    stack.push(item);
  }
  while (stack.length) close(stack.pop());
  return [...self.entries()].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
}
// Self time by function from V8's sampling profiler.
function functionsBySelfTime(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url ? `${f.url.replace(base, "")}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...self.entries()].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
}

async function main() {
  const embassy = await new Session().signIn(env("RUDI_BENCH_EMBASSY"));
  const ministry = await new Session().signIn(env("RUDI_BENCH_MINISTRY"));

  const setupStart = performance.now();
  const cohort = await embassy.call("POST", "/api/v1/cohorts",
    { name: cohortName, released_on: "2025-03-14", country: "MM", mission_id: missionId }, 201);
  const ids = new Array(peopleCount);
  await inParallel(peopleCount, 8, async (i) => {
    const person = await embassy.call("POST", "/api/v1/people?allow_similar=true", { cohort_id: cohort.id, ...personFields(i) }, 201);
    ids[i] = person.id;
  });
  console.log(`setup: cohort ${cohort.id} with ${peopleCount} people at "located", recorded in ` +
    `${((performance.now() - setupStart) / 1000).toFixed(1)} s (8 requests at a time)`);

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: "__Host-rudi_session", value: ministry.cookie, domain: new URL(base).hostname, path: "/", secure: true, httpOnly: true, sameSite: "Strict" }]);
    await context.addInitScript(instrument);
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
    await page.goto(base + "/");
    // The cohort's entry in the navigation (a link, or a button in earlier versions of the UI).
    const button = page.locator("nav").getByText(cohortName, { exact: true });
    await button.waitFor({ timeout: 15000 });
    const type = await page.evaluate(() => window.__bench.type);

    // 1. The click on the cohort to the board painted with all its people.
    await page.evaluate((n) => { window.__rendered = window.__bench.when({ located: n }); }, peopleCount);
    // With RUDI_BENCH_PROFILE, V8's sampling profiler also runs through the initial render.
    let renderProfiler = null;
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      renderProfiler = await context.newCDPSession(page);
      await renderProfiler.send("Profiler.enable");
      await renderProfiler.send("Profiler.setSamplingInterval", { interval: 100 });
      await renderProfiler.send("Profiler.start");
    }
    await button.click();
    const rendered = await within(page.evaluate(() => window.__rendered), 60000, `${peopleCount} people on the board`);
    await page.locator('[data-live="live"]').waitFor({ timeout: 15000 });
    await page.evaluate(() => window.__bench.settled());
    if (renderProfiler) {
      const { profile } = await renderProfiler.send("Profiler.stop");
      writeFileSync(`${profileDir}/render.cpuprofile`, JSON.stringify(profile));
      await renderProfiler.detach();
    }
    const afterRender = await page.evaluate(() => ({
      clickAt: window.__bench.clicks.at(-1),
      now: performance.now(),
      timeOrigin: performance.timeOrigin,
      board: performance.getEntriesByType("resource").filter((r) => /\/board$/.test(r.name))
        .map((r) => ({ duration: r.duration, decoded: r.decodedBodySize })).at(-1),
    }));
    const clickAt = afterRender.clickAt;

    // 2. The burst: MOVES transitions through the API, the board following over its websocket.
    let profiler = null;
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink"] });
      profiler = await context.newCDPSession(page);
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 100 });
      await profiler.send("Profiler.start");
    }
    await page.evaluate(({ total, n }) => {
      window.__moved = window.__bench.when({ located: total - n, verified: n });
      window.__bench.watchFrames();
    }, { total: peopleCount, n: moveCount });
    const burstStartEpoch = performance.timeOrigin + performance.now();
    const answered = [];
    await inParallel(moveCount, parallel, async (i) => {
      await embassy.call("POST", `/api/v1/people/${ids[i]}/transitions`, { to: "verified" }, 201);
      answered.push(performance.timeOrigin + performance.now());
    });
    const lastAnsweredEpoch = Math.max(...answered);
    const moved = await within(page.evaluate(() => window.__moved), 60000, `${moveCount} people in "verified"`);
    await page.evaluate(() => window.__bench.settled());
    const afterBurst = await page.evaluate(() => {
      window.__bench.watching = false;
      return { frames: window.__bench.frames, gaps: window.__bench.gaps };
    });
    if (process.env.RUDI_BENCH_SCREENSHOT) await page.screenshot({ path: process.env.RUDI_BENCH_SCREENSHOT });

    let activity = [];
    let functions = [];
    if (profiler) {
      const { profile } = await profiler.send("Profiler.stop");
      writeFileSync(`${profileDir}/burst.cpuprofile`, JSON.stringify(profile));
      const trace = await browser.stopTracing();
      writeFileSync(`${profileDir}/burst-trace.json`, trace);
      writeFileSync(`${profileDir}/frames.json`, JSON.stringify(afterBurst.frames, null, 1));
      activity = mainThreadActivity(JSON.parse(trace.toString()));
      functions = functionsBySelfTime(profile);
    }
    // Frames split by the page's clock: the burst's from the first move sent (in the page's time) onwards.
    const burstStart = burstStartEpoch - afterRender.timeOrigin;
    const renderFrames = afterBurst.frames.filter((f) => frameEnd(f) > clickAt && f.startTime < afterRender.now);
    const burstFrames = afterBurst.frames.filter((f) => frameEnd(f) > burstStart);
    const gaps = afterBurst.gaps.slice(1); // the first is from the watch's start to its first frame
    const longestGap = gaps.length ? Math.max(...gaps) : null;
    const sortedGaps = [...gaps].sort((a, b) => a - b);
    const p50Gap = sortedGaps.length ? sortedGaps[Math.floor(sortedGaps.length / 2)] : null;

    console.log();
    console.log(`== initial render: a click on the cohort to ${peopleCount} people on the board, painted`);
    if (afterRender.board) {
      console.log(`  GET /api/v1/cohorts/${cohort.id}/board: ${ms(afterRender.board.duration)}, ` +
        `${(afterRender.board.decoded / 1024).toFixed(0)} KiB of JSON`);
    }
    const shownCards = await page.evaluate(() => document.querySelectorAll(".card").length);
    console.log(`  ${peopleCount} people counted, ${shownCards} cards shown, in the DOM ${ms(rendered.dom - clickAt)} after the click; ` +
      `painted after ${ms(rendered.painted - clickAt)}`);
    const renderSummary = report("the initial render", renderFrames, clickAt, type);

    console.log();
    console.log(`== burst: ${moveCount} moves located → verified through the API, ${parallel} requests in flight`);
    console.log(`  the API answered all ${moveCount} ${ms(lastAnsweredEpoch - burstStartEpoch)} after the first was sent`);
    console.log(`  all ${moveCount} counted in "verified" ${ms(moved.dom - burstStart)} after the first move was sent; ` +
      `painted after ${ms(moved.painted - burstStart)}`);
    const burstSummary = report("the burst", burstFrames, burstStart, type);
    console.log(`  frames (requestAnimationFrame to requestAnimationFrame) during the burst: ${gaps.length}, ` +
      `median ${ms(p50Gap)}, longest ${ms(longestGap)}`);

    if (profiler) {
      console.log(`  (traced and profiled: the figures above are slowed by it; files in ${profileDir})`);
      console.log("  main thread during the burst, self time by activity (Chromium's trace):");
      for (const a of activity.slice(0, 12)) console.log(`    ${a.ms.toFixed(1).padStart(8)} ms  ${a.name}`);
      console.log("  JavaScript during the burst, self time by function (V8's profiler):");
      for (const f of functions.slice(0, 15)) console.log(`    ${f.ms.toFixed(1).padStart(8)} ms  ${f.name}`);
    }

    console.log();
    let failed = false;
    for (const [what, part] of [["the initial render", renderSummary], ["the burst", burstSummary]]) {
      if (part.longest <= limitMs) continue;
      console.log(`FAIL: a frame during ${what} took ${ms(part.longest)}, over the ${limitMs} ms limit ` +
        `(${part.overLimit} such frames)`);
      failed = true;
    }
    if (failed) return 1;
    console.log(`PASS: no frame during the initial render or the burst over ${limitMs} ms`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.error(`board_bench: ${error.stack ?? error}`);
    process.exit(2);
  },
);
