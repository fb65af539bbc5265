// End to end, in Debian's Chromium driven by playwright-core, against a real `rudi serve` and database that
// the calling test (tests/integration/app/webui_pg_test.cpp) has seeded:
//  - the sign-in form: an auditor signs in and sees their role; a prosecutor's first sign-in enrols a
//    second factor (TOTP) and shows the recovery codes;
//  - a ministry officer's open board shows an embassy officer's move within one second, without a reload;
//  - the connection indicator turns to reconnecting when the server goes away (the test stops it when this
//    script says so) — and back to live when it returns.
// Screenshots go to webui/test-results/. Exit status 0 when every check held.
import { chromium } from "playwright-core";
import { createHmac } from "node:crypto";
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

// RFC 6238 (30 s, 6 digits, SHA-1) from a base32 secret: what an authenticator app shows.
function totp(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, "0");
}

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

  // A first sign-in of a role that sees survivors' data enrols an authenticator app.
  const first = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  await first.goto(base);
  await first.getByLabel("Username").fill(env("RUDI_E2E_NEW_PROSECUTOR"));
  await first.getByLabel("Password").fill(env("RUDI_E2E_PASSWORD"));
  await first.getByRole("button", { name: "Sign in" }).click();
  const secret = (await first.locator("code.secret").textContent({ timeout: 10000 })).trim();
  await first.getByLabel("Code from your authenticator app").fill(totp(secret));
  await first.getByRole("button", { name: "Verify" }).click();
  await first.locator(".codes li").first().waitFor({ timeout: 10000 });
  await first.screenshot({ path: shots + "recovery-codes.png" });
  await first.getByRole("button", { name: "Continue" }).click();
  await first.locator('.who[data-role="prosecutor"]').waitFor({ timeout: 10000 });
  check(true, "a prosecutor's first sign-in enrols a second factor and shows the recovery codes");

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
