// End to end, in Chromium against a real `rudi serve` and database seeded by the calling test
// (tests/integration/app/webui_pg_test.cpp): each role signs in and sees only what its scope allows.
//  - an embassy officer sees their own mission's cohorts and people, never another mission's;
//  - the ministry's overview covers every mission, with alerts and expected arrivals;
//  - a prosecutor sees their case and its consenting victims, cannot find a victim without consent (not by
//    search, not by address), sees who else named a recruiter, and a victim whose consent is withdrawn
//    disappears from the open case page;
//  - an administrator sees no survivor's data.
// A screenshot of each screen goes to webui/test-results/.
import { readFileSync } from "node:fs";
import { ask, base, check, env, finish, launch, shot, signedIn } from "./common.mjs";

const bangkokCohort = env("RUDI_E2E_COHORT_NAME");
const pretoriaCohort = env("RUDI_E2E_OTHER_COHORT_NAME");
const browser = await launch();
try {
  // The embassy in Bangkok.
  const embassy = await (await signedIn(browser, env("RUDI_E2E_EMBASSY_COOKIE"))).newPage();
  await embassy.goto(base);
  await embassy.locator(".overview .per-stage").waitFor({ timeout: 10000 });
  await embassy.getByRole("link", { name: bangkokCohort }).first().waitFor();
  check((await embassy.getByText(pretoriaCohort).count()) === 0, "an embassy officer's overview and cohorts are their own mission's only");
  await shot(embassy, "overview-embassy");
  await embassy.getByRole("link", { name: "People" }).click();
  await embassy.locator(`tr[data-person="${env("RUDI_E2E_PERSON")}"]`).waitFor({ timeout: 10000 });
  check((await embassy.locator(`tr[data-person="${env("RUDI_E2E_OTHER_PERSON")}"]`).count()) === 0, "their people table has no one from another mission");
  await embassy.getByLabel("Search by name or document number").fill(env("RUDI_E2E_OTHER_PERSON_NAME"));
  await embassy.getByText("Nobody matches these filters.").waitFor({ timeout: 10000 });
  check(true, "and a search for another mission's person finds nobody");
  await embassy.getByLabel("Search by name or document number").fill("");
  await embassy.locator(`tr[data-person="${env("RUDI_E2E_PERSON")}"]`).waitFor({ timeout: 10000 });
  await shot(embassy, "people");
  const [download] = await Promise.all([embassy.waitForEvent("download"), embassy.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = readFileSync(await download.path(), "utf8");
  check(csv.startsWith("id,given_name,family_name") && csv.includes("Wanjiku") && !csv.includes("Zawadi"),
    `the export holds the mission's people and no one else's (${download.suggestedFilename()})`);
  await embassy.goto(`${base}#/people/${env("RUDI_E2E_OTHER_PERSON")}`);
  await embassy.getByRole("alert").filter({ hasText: "Not found" }).waitFor({ timeout: 10000 });
  check(true, "another mission's person, opened by address, is not found");

  // The ministry desk.
  const ministry = await (await signedIn(browser, env("RUDI_E2E_MINISTRY_COOKIE"))).newPage();
  await ministry.goto(base);
  await ministry.locator(".overview .per-stage").waitFor({ timeout: 10000 });
  await ministry.locator('[data-live="live"]').waitFor({ timeout: 10000 });
  await ministry.getByRole("link", { name: pretoriaCohort }).first().waitFor();
  await ministry.locator(`[data-alert="minors"] [data-person="${env("RUDI_E2E_MINOR")}"]`).waitFor({ timeout: 5000 });
  check((await ministry.getByRole("link", { name: bangkokCohort }).count()) >= 1, "the ministry's overview covers every mission, with a minor among its alerts");
  await shot(ministry, "overview-ministry");
  await ministry.getByRole("link", { name: pretoriaCohort }).first().click();
  await ministry.locator(".funnel canvas").waitFor({ timeout: 10000 });
  await ministry.locator(`[data-person="${env("RUDI_E2E_OTHER_PERSON")}"]`).waitFor({ timeout: 10000 });
  check(true, "and opens another mission's board, with its funnel");
  await shot(ministry, "board-ministry");

  // The prosecutor.
  const prosecutor = await (await signedIn(browser, env("RUDI_E2E_PROSECUTOR_COOKIE"))).newPage();
  await prosecutor.goto(base);
  const fileNumber = env("RUDI_E2E_CASE_FILE");
  await prosecutor.getByRole("link", { name: fileNumber }).click();
  const victim = env("RUDI_E2E_VICTIM");
  await prosecutor.locator(`.victims [data-person="${victim}"]`).waitFor({ timeout: 10000 });
  await prosecutor.locator('[data-live="live"]').waitFor({ timeout: 10000 });
  check(true, "a prosecutor's case page shows its consenting victim");
  await prosecutor.getByRole("button", { name: "Also named by…" }).first().click();
  await prosecutor.locator(".also-named").waitFor({ timeout: 5000 });
  await shot(prosecutor, "case");
  await prosecutor.goto(`${base}#/people/${victim}`);
  await prosecutor.getByText("not shared with your role").first().waitFor({ timeout: 10000 });
  check((await prosecutor.getByRole("heading", { name: "Consent" }).count()) === 0, "the victim's page withholds what the case does not need");
  await shot(prosecutor, "person-prosecutor");
  await prosecutor.goto(`${base}#/people`);
  await prosecutor.getByLabel("Search by name or document number").fill(env("RUDI_E2E_UNCONSENTING_NAME"));
  await prosecutor.getByText("Nobody matches these filters.").waitFor({ timeout: 10000 });
  await prosecutor.goto(`${base}#/people/${env("RUDI_E2E_UNCONSENTING")}`);
  await prosecutor.getByRole("alert").filter({ hasText: "Not found" }).waitFor({ timeout: 10000 });
  check(true, "a prosecutor cannot find a victim without consent, by search or by address");

  await prosecutor.goto(`${base}#/cases`);
  await shot(prosecutor, "cases");
  await prosecutor.getByRole("link", { name: fileNumber }).click();
  await prosecutor.locator(`.victims [data-person="${victim}"]`).waitFor({ timeout: 10000 });
  await prosecutor.locator('[data-live="live"]').waitFor({ timeout: 10000 });
  await ask("withdraw"); // the ministry records the victim's withdrawal of consent
  const started = Date.now();
  await prosecutor.locator(`.victims [data-person="${victim}"]`).waitFor({ state: "detached", timeout: 5000 });
  check(true, `a victim whose consent is withdrawn disappears from the open case page (${Date.now() - started} ms)`);
  await shot(prosecutor, "case-after-withdrawal");

  // An administrator manages users, not survivors.
  const admin = await (await signedIn(browser, env("RUDI_E2E_ADMIN_COOKIE"))).newPage();
  await admin.goto(base);
  await admin.locator('.who[data-role="administrator"]').waitFor({ timeout: 10000 });
  check((await admin.locator("nav, .card, table").count()) === 0, "an administrator sees no survivor's data");

  // Kiswahili, at tablet width.
  const tablet = await (await signedIn(browser, env("RUDI_E2E_MINISTRY_COOKIE"), { width: 768, height: 1024 })).newPage();
  await tablet.goto(base);
  await tablet.locator(".overview .per-stage").waitFor({ timeout: 10000 });
  await tablet.getByRole("button", { name: "Kiswahili" }).click();
  await tablet.getByRole("heading", { name: "Muhtasari" }).waitFor({ timeout: 5000 });
  check((await tablet.evaluate(() => document.documentElement.lang)) === "sw", "the overview reads in Kiswahili, at tablet width");
  await shot(tablet, "overview-kiswahili-tablet");
} finally {
  await finish(browser);
}
