// What the end-to-end scripts share: the environment the calling test sets, Chromium, a signed-in browser
// context per role (the test hands over session cookies), checks that name what held, and the "ask:"
// protocol through which a script has the test act on the server side at the moment it needs.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import readline from "node:readline";

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
export const base = env("RUDI_E2E_URL");
export const shots = new URL("../test-results/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

export { totp } from "./totp.mjs";

export function check(ok, what) {
  if (!ok) throw new Error(`failed: ${what}`);
  console.log(`ok: ${what}`);
}

const input = readline.createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
// Asks the calling test to do something; returns its answer line once done.
export async function ask(request) {
  console.log(`ask: ${request}`);
  const { value } = await lines.next();
  return value;
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.RUDI_CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
}

// A browser context signed in with the session cookie the test made for a user.
export async function signedIn(browser, cookie, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await context.addCookies([{ name: "__Host-rudi_session", value: cookie, domain: new URL(base).hostname, path: "/", secure: true, httpOnly: true, sameSite: "Strict" }]);
  return context;
}

export async function shot(page, name) {
  await page.screenshot({ path: shots + name + ".png", fullPage: true });
}

export async function finish(browser) {
  await browser.close();
  input.close();
}
