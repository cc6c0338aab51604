// A whole lesson on a shared tablet: a teacher enters a diagnostic for a whole class with the
// network cut, closes the page and opens it again offline, gets the network back and everything
// syncs; the deputy sees the results; a clean sign-out leaves no child's data on the tablet, and
// the next teacher's outbox is her own.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { TABLET, signIn, waitForOfflineReady } from "../lib/browser.mjs";

const MIDTERM = "Промежуточная диагностика. Математика, 5 класс";
const CLASS = "5Б";
let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

/** What the tablet keeps in local storage: its keys and, in one string, all their values. */
async function storage(page) {
  return page.evaluate(() => {
    const keys = Object.keys(localStorage);
    return { keys, text: keys.map((k) => localStorage.getItem(k)).join("\n") };
  });
}

test("a class's whole diagnostic entered offline on a shared tablet arrives, and signing out clears it", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "teacher");
  await page.getByTestId("my-classes").waitFor();
  await waitForOfflineReady(page);
  await page.getByRole("link", { name: "Работы" }).click();
  await page.getByTestId("procedures").getByRole("link", { name: new RegExp(MIDTERM) }).click();
  await page.getByTestId("grid").waitFor();
  const sheetUrl = page.url();
  // Shows one class of the sheet; returns its rows once the grid has settled on them.
  const pickClass = async (p) => {
    await p.locator("button.chip", { hasText: CLASS }).click();
    await p.locator("button.chip.active", { hasText: CLASS }).waitFor();
    let seen = -1;
    for (;;) {
      await p.waitForTimeout(200);
      const n = await p.getByTestId("grid-row").count();
      if (n === seen && n > 0) return n;
      seen = n;
    }
  };
  const STUDENTS = await pickClass(page);
  const rows = page.getByTestId("grid-row");
  assert.ok(STUDENTS >= 20, `a whole class: ${STUDENTS} students`);
  const firstName = (await rows.nth(0).locator("th").innerText()).trim();

  await context.setOffline(true);
  await page.getByTestId("network").filter({ hasText: "Нет связи" }).waitFor();
  const tasks = await rows.nth(0).locator("input[inputmode=numeric]").count();
  for (let r = 0; r < STUDENTS; r++) {
    const cells = rows.nth(r).locator("input[inputmode=numeric]");
    for (let t = 0; t < tasks; t++) await cells.nth(t).fill(String((r + t) % 2));
  }
  const edits = STUDENTS * tasks;
  await page.getByTestId("outbox").filter({ hasText: new RegExp(`· ${edits} изменени.* ждут отправки`) }).waitFor();

  // The tab is closed and opened again, still with no network: the app and the entries are there.
  await page.close();
  const again = await context.newPage();
  await again.goto(sheetUrl);
  await again.getByTestId("grid").waitFor();
  assert.equal(await pickClass(again), STUDENTS);
  const back = again.getByTestId("grid-row");
  assert.equal(await back.nth(STUDENTS - 1).locator("input[inputmode=numeric]").nth(0).inputValue(), String((STUDENTS - 1) % 2));
  assert.equal(await back.nth(0).locator("td.unsent").count(), tasks, "every cell still waits");

  // The next day the network is back: everything goes, in more than one request.
  await context.setOffline(false);
  await again.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 30000 });
  assert.equal(await again.locator("td.unsent").count(), 0);

  // The deputy sees the class's results.
  const deputy = await signIn(browser, server, TABLET, "deputy");
  await deputy.page.getByRole("link", { name: "Работы" }).click();
  await deputy.page.getByTestId("procedures").getByRole("link", { name: new RegExp(MIDTERM) })
    .filter({ hasText: `внесено ${STUDENTS} из` }).waitFor();
  await deputy.context.close();

  // Before signing out, the tablet holds the class's names; after, nothing of this teacher.
  const before = await storage(again);
  assert.ok(before.text.includes(firstName), "the sheet was kept on the tablet");
  await again.getByTestId("nav").getByRole("link", { name: "Профиль" }).click();
  await again.getByTestId("logout").click();
  await again.getByLabel("Имя пользователя").waitFor();
  const after = await storage(again);
  assert.deepEqual(after.keys.filter((k) => k.endsWith(".teacher")), []);
  assert.ok(!after.text.includes(firstName), "no child's name is left on the tablet");

  // The next teacher on the same tablet: her outbox is her own.
  await again.getByLabel("Имя пользователя").fill("teacher2");
  await again.getByLabel("Пароль").fill("demo");
  await again.getByRole("button", { name: "Войти" }).click();
  await again.getByTestId("my-classes").waitFor();
  await again.goto(sheetUrl);
  await again.getByTestId("grid").waitFor();
  await context.setOffline(true);
  await again.getByTestId("grid-row").nth(0).locator("input[inputmode=numeric]").nth(0).fill("1");
  await again.getByTestId("outbox").filter({ hasText: "1 изменение ждёт отправки" }).waitFor();
  const shared = await storage(again);
  assert.ok(shared.keys.includes("mera.sync.teacher2"));
  assert.ok(!shared.keys.some((k) => k.endsWith(".teacher")));
  await context.setOffline(false);
  await again.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });
  assert.deepEqual(errors, []);
  await context.close();
});
