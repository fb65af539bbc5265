// End to end, in Debian's Chromium driven by playwright-core, against a real `rudi serve` and database that
// the calling test (tests/integration/app/webui_pg_test.cpp) has seeded:
//  - the sign-in form: an auditor signs in and sees their role;
//  - a ministry officer's open board shows an embassy officer's move within one second, without a reload;
//  - the connection indicator turns to reconnecting when the server goes away (the test stops it when this
//    script says so) — and back to live when it returns.
// Screenshots go to webui/test-results/. Exit status 0 when every check held.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import readline from "node:readline";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const base = env("RUDI_E2E_URL");
const shots = new URL("../test-results/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

function check(ok, what) {
  if (!ok) throw new Error(`failed: ${what}`);
  console.log(`ok: ${what}`);
}

// The calling test answers on stdin when it has done what this script asks for.
const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
async function ask(request) {
  console.log(`ask: ${request}`);
  const { value } = await lines.next();
  return value;
}

const browser = await chromium.launch({ executablePath: process.env.RUDI_CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
try {
  // Sign-in form.
  const auditor = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const signIn = await auditor.newPage();
  await signIn.goto(base);
  await signIn.getByLabel("Username").fill(env("RUDI_E2E_AUDITOR"));
  await signIn.getByLabel("Password").fill(env("RUDI_E2E_PASSWORD"));
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await signIn.locator('.who[data-role="auditor"]').waitFor({ timeout: 10000 });
  check(true, "an auditor signs in through the form and sees their role");
  await signIn.screenshot({ path: shots + "signed-in.png" });

  // The ministry's board, live.
  const ministry = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const origin = new URL(base);
  await ministry.addCookies([{ name: "__Host-rudi_session", value: env("RUDI_E2E_MINISTRY_COOKIE"), domain: origin.hostname, path: "/", secure: true, httpOnly: true, sameSite: "Strict" }]);
  const page = await ministry.newPage();
  await page.goto(base);
  await page.getByRole("button", { name: env("RUDI_E2E_COHORT_NAME") }).click();
  await page.locator('[data-live="live"]').waitFor({ timeout: 10000 });
  const person = env("RUDI_E2E_PERSON");
  await page.locator(`.column[data-stage="located"] [data-person="${person}"]`).waitFor({ timeout: 5000 });
  check(true, "the ministry's board is live and shows the person as located");
  await page.screenshot({ path: shots + "board.png" });

  await ask("move");  // the test moves the person to verified through the API, as the embassy
  const started = Date.now();
  await page.locator(`.column[data-stage="verified"] [data-person="${person}"]`).waitFor({ timeout: 1000 });
  check(true, `the move shows on the open board within one second (${Date.now() - started} ms after the API answered)`);
  await page.screenshot({ path: shots + "board-after-move.png" });

  await ask("stop-server");
  await page.locator('[data-live="reconnecting"]').waitFor({ timeout: 10000 });
  check(true, "the indicator says reconnecting while the server is away");
  await page.screenshot({ path: shots + "reconnecting.png" });
  await ask("start-server");
  await page.locator('[data-live="live"]').waitFor({ timeout: 20000 });
  check(true, "and live again once it is back");
} finally {
  await browser.close();
  input.close();
}
