// End to end, in Debian's Chromium driven by playwright-core, against a real `rudi serve` and database that
// the calling test (tests/integration/app/webui_pg_test.cpp) has seeded:
//  - the sign-in form: an auditor signs in and sees their role (and no survivor's data); a prosecutor's
//    first sign-in enrols a second factor (TOTP) and shows the recovery codes;
//  - a ministry officer's open board shows an embassy officer's move within one second, without a reload;
//  - the person page: a bad value is reported at its field as the user types, the server's own field error
//    is shown beside its field, and a stale edit (412) says what the other person changed;
//  - the connection indicator turns to reconnecting when the server goes away, and back to live;
//  - a column of more than 25 shows 25 cards and "Show more" for the rest.
// Screenshots go to webui/test-results/. Exit status 0 when every check held.
import { ask, base, check, env, finish, launch, shot, signedIn, totp } from "./common.mjs";

const browser = await launch();
try {
  // Sign-in form.
  const auditor = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const signIn = await auditor.newPage();
  await signIn.goto(base);
  await shot(signIn, "sign-in");
  await signIn.getByLabel("Username").fill(env("RUDI_E2E_AUDITOR"));
  await signIn.getByLabel("Password").fill(env("RUDI_E2E_PASSWORD"));
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await signIn.locator('.who[data-role="auditor"]').waitFor({ timeout: 10000 });
  check((await signIn.locator(".card, table, nav").count()) === 0, "an auditor signs in through the form, sees their role and no survivor's data");
  await shot(signIn, "signed-in-auditor");

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
  await shot(first, "recovery-codes");
  await first.getByRole("button", { name: "Continue" }).click();
  await first.locator('.who[data-role="prosecutor"]').waitFor({ timeout: 10000 });
  check(true, "a prosecutor's first sign-in enrols a second factor and shows the recovery codes");

  // The ministry's board, live.
  const page = await (await signedIn(browser, env("RUDI_E2E_MINISTRY_COOKIE"))).newPage();
  await page.goto(base);
  await page.getByRole("link", { name: env("RUDI_E2E_COHORT_NAME") }).first().click();
  await page.locator('[data-live="live"]').waitFor({ timeout: 10000 });
  const person = env("RUDI_E2E_PERSON");
  await page.locator(`.column[data-stage="located"] [data-person="${person}"]`).waitFor({ timeout: 5000 });
  check(true, "the ministry's board is live and shows the person as located");
  await shot(page, "board");

  await ask("move"); // the test moves the person to verified through the API, as the embassy
  const started = Date.now();
  await page.locator(`.column[data-stage="verified"] [data-person="${person}"]`).waitFor({ timeout: 1000 });
  check(true, `the move shows on the open board within one second (${Date.now() - started} ms after the API answered)`);
  await shot(page, "board-after-move");

  // The person page, as the embassy officer: validation as one types, the server's field errors, a stale edit.
  const embassy = await (await signedIn(browser, env("RUDI_E2E_EMBASSY_COOKIE"))).newPage();
  await embassy.goto(`${base}#/people/${person}`);
  await embassy.getByRole("heading", { name: "Identity and documents" }).waitFor({ timeout: 10000 });
  await embassy.locator('[data-live="live"]').waitFor({ timeout: 10000 });
  const phone = embassy.locator('[data-field="phone"]');
  await phone.getByRole("textbox").fill("0712 345");
  await phone.locator(".field-error").filter({ hasText: "An international number" }).waitFor({ timeout: 2000 });
  check((await phone.getByRole("textbox").getAttribute("aria-invalid")) === "true", "a bad phone number is reported at its field as it is typed");
  await phone.getByRole("textbox").fill("+254712345678");
  await embassy.locator('[data-field="date_of_birth"] input').fill("2001-03-04");
  await embassy.locator('[data-field="estimated_age"] input').fill("7");
  await embassy.getByRole("button", { name: "Save" }).click();
  const ageError = embassy.locator('[data-field="estimated_age"] .field-error');
  await ageError.filter({ hasText: /.+/ }).waitFor({ timeout: 5000 });
  check((await embassy.locator('[data-field="phone"] .field-error').textContent()) === "", `the server's field error is shown beside its field: "${await ageError.textContent()}"`);
  await shot(embassy, "person-validation");

  // The age that matches the date of birth today.
  const now = new Date();
  const age = now.getUTCFullYear() - 2001 - (now.getUTCMonth() < 2 || (now.getUTCMonth() === 2 && now.getUTCDate() < 4) ? 1 : 0);
  await embassy.locator('[data-field="estimated_age"] input').fill(String(age));
  await ask("edit-behind"); // someone else changes the family name meanwhile
  await embassy.getByRole("button", { name: "Save" }).click();
  const stale = embassy.locator(".form-message");
  await stale.filter({ hasText: "Someone else changed this record" }).waitFor({ timeout: 5000 });
  check((await stale.textContent()).includes(env("RUDI_E2E_CHANGED_FAMILY_NAME")), "a stale edit (412) says what the other person changed");
  await shot(embassy, "person-stale-edit");
  await embassy.getByRole("button", { name: "Save" }).click(); // deliberately, over their version
  await embassy.getByRole("status").filter({ hasText: "Saved." }).waitFor({ timeout: 5000 });
  check(true, "saving again after reading what changed succeeds");
  await embassy.getByRole("button", { name: "Show document and phone numbers" }).click();
  await shot(embassy, "person");

  // Recording a person from a passport's machine-readable zone (the ICAO 9303 specimen), on the board.
  await embassy.getByRole("link", { name: "Board" }).click();
  await embassy.getByRole("button", { name: "Record a person in this cohort" }).first().click();
  const zone = embassy.getByLabel(/Passport or ID card zone/);
  await zone.fill("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<19");
  await embassy.getByRole("button", { name: "Fill from the zone" }).click();
  await embassy.locator(".new-person").getByRole("alert").filter({ hasText: /check digit/i }).waitFor({ timeout: 5000 });
  check(true, "a zone with a wrong check digit is refused, saying which");
  await zone.fill("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10");
  await embassy.getByRole("button", { name: "Fill from the zone" }).click();
  const given = embassy.locator('.new-person [data-field="given_name"] input');
  await embassy.waitForFunction(() => document.querySelector('.new-person [name="given_name"]')?.value === "Anna Maria", null, { timeout: 5000 });
  check((await embassy.locator('.new-person [name="document_number"]').inputValue()) === "L898902C3", "the zone fills the name, date of birth and document");
  await embassy.locator('.new-person [name="nationality"]').fill("KE");
  await shot(embassy, "record-person");
  await embassy.locator(".new-person").getByRole("button", { name: "Record", exact: true }).click();
  await embassy.locator('.column[data-stage="located"] .card', { hasText: "Anna Maria Eriksson" }).waitFor({ timeout: 5000 });
  check((await given.count()) === 0, "the person is recorded and appears on the board");

  await ask("stop-server");
  await page.locator('[data-live="reconnecting"]').waitFor({ timeout: 10000 });
  check(true, "the indicator says reconnecting while the server is away");
  await shot(page, "reconnecting");
  await ask("start-server");
  await page.locator('[data-live="live"]').waitFor({ timeout: 20000 });
  check(true, "and live again once it is back");

  // A column shows 25 cards, the longest in the stage first, and "Show more" for the rest.
  await ask("fill-column"); // 25 more people at "located": 26 there in all
  const located = page.locator('.column[data-stage="located"]');
  await located.locator(".count").filter({ hasText: /^26$/ }).waitFor({ timeout: 10000 });
  const more = located.getByRole("button", { name: /Show more \(1\)/ });
  check((await located.locator(".card").count()) === 25 && (await more.count()) === 1, "a column of 26 shows 25 cards and offers the one more");
  await shot(page, "board-column-paged");
  await more.click();
  await located.locator(".card").nth(25).waitFor({ timeout: 5000 });
  check((await located.getByRole("button", { name: /Show more/ }).count()) === 0, "Show more shows the rest");
} finally {
  await finish(browser);
}
