// Entering a procedure's results on a tablet with the network cut: every cell is saved on the
// device at once, survives a reload, the class's figures follow offline, and everything syncs
// when the network returns, where a colleague on another tablet sees it.
import { test } from "node:test";
import assert from "node:assert/strict";

import { rateBars } from "../lib/geometry.mjs";
import { withDemo } from "../lib/demo.mjs";
import { TABLET, signIn, waitForOfflineReady, screenshot } from "../lib/browser.mjs";

const MIDTERM = "Промежуточная диагностика. Математика, 5 класс";
let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

async function openMidterm(page) {
  await page.getByRole("link", { name: "Работы" }).click();
  await page.getByTestId("procedures").getByRole("link", { name: new RegExp(MIDTERM) }).click();
  await page.getByTestId("grid").waitFor();
}

test("a teacher enters results offline on a tablet and they reach a colleague after sync", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "teacher");
  await page.getByTestId("my-classes").waitFor();
  await waitForOfflineReady(page);
  await openMidterm(page);
  const rows = page.getByTestId("grid-row");
  const first = rows.nth(0);
  const name = (await first.locator("th").innerText()).trim();
  const cells = first.locator("input[inputmode=numeric]");
  const tasks = await cells.count();
  assert.ok(tasks >= 8, `the midterm has ${tasks} tasks`);

  // The network goes; the teacher keeps typing.
  await context.setOffline(true);
  await page.getByTestId("network").filter({ hasText: "Нет связи" }).waitFor();
  await cells.nth(0).fill("1");
  // Enter moves down the column, like a spreadsheet.
  await cells.nth(0).press("Enter");
  const second = rows.nth(1).locator("input[inputmode=numeric]").nth(0);
  assert.equal(await second.evaluate((el) => el === document.activeElement), true);
  // A score above the task's maximum is refused on the spot, with the reason.
  await cells.nth(1).fill("7");
  await page.getByTestId("cell-error").filter({ hasText: "от 0 до 1" }).waitFor();
  // Fill the first student's row with full marks: every task at its maximum.
  for (let i = 0; i < tasks; i++) {
    const max = await page.locator("table.grid thead th").nth(i + 1).locator("small").innerText();
    await cells.nth(i).fill(max.replace("из ", ""));
  }
  await first.getByTestId("mark").filter({ hasText: "5" }).waitFor();
  // The second student did not write.
  await rows.nth(1).getByRole("checkbox").check();
  await page.getByTestId("fig-n").filter({ hasText: /^1 из / }).waitFor();
  assert.equal(await page.getByTestId("fig-quality").innerText(), "100,0 %");
  // A fourth student scores nothing: every task is solved by half of those who wrote, and each
  // bar is drawn half its track, within a pixel (under the CSP the bars were all full width).
  // One key a cell: a digit that can be the whole score moves to the next cell by itself.
  const fourth = rows.nth(3).locator("input[inputmode=numeric]");
  await fourth.nth(0).click();
  for (let i = 0; i < tasks; i++) await page.keyboard.press("0");
  for (let i = 0; i < tasks; i++) assert.equal(await fourth.nth(i).inputValue(), "0", `task ${i + 1}`);
  await page.getByTestId("fig-n").filter({ hasText: /^2 из / }).waitFor();
  const bars = await rateBars(page.getByTestId("task-rates"));
  assert.equal(bars.length, tasks);
  for (const b of bars) {
    assert.equal(b.share, 50, b.text);
    assert.ok(Math.abs(b.drawn - b.expected) <= 1, `${b.text}: drawn ${b.drawn} px, expected ${b.expected} px`);
  }
  // A digit typed into a tapped cell that holds a score replaces it, and moves on.
  await fourth.nth(0).click();
  await page.keyboard.press("1");
  assert.equal(await fourth.nth(0).inputValue(), "1");
  assert.equal(await fourth.nth(1).evaluate((el) => el === document.activeElement), true);
  await page.getByTestId("outbox").filter({ hasText: /жд(ёт|ут) отправки/ }).waitFor();
  await screenshot(page, "entry-offline-tablet");

  // A reload with no network: the app opens from the device, the edits are still there.
  await page.reload();
  await page.getByTestId("grid").waitFor();
  const again = page.getByTestId("grid-row").nth(0);
  assert.equal(await again.locator("input[inputmode=numeric]").nth(0).inputValue(), "1");
  await again.getByTestId("mark").filter({ hasText: "5" }).waitFor();
  await page.getByTestId("outbox").filter({ hasText: /жд(ёт|ут) отправки/ }).waitFor();
  // Her start screen opens from the device too, with no red error.
  await page.getByTestId("nav").getByRole("link", { name: "Мои классы" }).click();
  await page.getByTestId("classes-from-device").waitFor();
  assert.ok((await page.getByTestId("my-classes").locator("li").count()) >= 1);
  assert.equal(await page.locator(".error-note").count(), 0);
  await openMidterm(page);

  // The network returns: the outbox empties by itself.
  await context.setOffline(false);
  await page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });

  // teacher2 teaches mathematics in 5А too: on her tablet she sees what was entered.
  const other = await signIn(browser, server, TABLET, "teacher2");
  await other.page.getByTestId("my-classes").waitFor();
  await openMidterm(other.page);
  const row = other.page.getByTestId("grid-row").filter({ hasText: name });
  await row.getByTestId("mark").filter({ hasText: "5" }).waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.context.close();
  await context.close();
});

test("a conflicting edit is applied and kept in sight on the device", async () => {
  const a = await signIn(browser, server, TABLET, "teacher");
  await a.page.getByTestId("my-classes").waitFor();
  await openMidterm(a.page);
  const b = await signIn(browser, server, TABLET, "teacher2");
  await b.page.getByTestId("my-classes").waitFor();
  await openMidterm(b.page);
  // Both see the same empty cell of the last student; teacher goes offline and types 0,
  // teacher2 types 1 online; teacher's later sync wins and she is told what she overwrote.
  const cellOf = (p) => p.getByTestId("grid-row").last().locator("input[inputmode=numeric]").nth(0);
  await a.context.setOffline(true);
  await cellOf(a.page).fill("0");
  await cellOf(b.page).fill("1");
  await b.page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });
  await a.context.setOffline(false);
  await a.page.getByTestId("attention").waitFor({ timeout: 20000 });
  await a.page.getByTestId("attention").click();
  await a.page.getByTestId("attention-list").filter({ hasText: "Перезаписано чужое значение" }).waitFor();
  await screenshot(a.page, "entry-conflict-tablet");
  // The colleague whose value was overwritten sees it too, until one of them settles it.
  await b.page.reload();
  const disputes = b.page.getByTestId("disputes");
  await disputes.filter({ hasText: "перезаписал(а) значение «1»" }).waitFor();
  await disputes.getByRole("button", { name: "Проверено, оставить текущее" }).click();
  await disputes.waitFor({ state: "detached" });
  await b.page.reload();
  await b.page.getByTestId("grid").waitFor();
  assert.equal(await b.page.getByTestId("disputes").count(), 0);
  assert.deepEqual(a.errors, []);
  await a.context.close();
  await b.context.close();
});

test("an expired session keeps the outbox, and the sync goes on after signing in again", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "teacher");
  await page.getByTestId("my-classes").waitFor();
  await openMidterm(page);
  // The session ends on the server side (expired, or signed out elsewhere) while offline.
  await context.setOffline(true);
  await context.clearCookies();
  const cell = page.getByTestId("grid-row").nth(2).locator("input[inputmode=numeric]").nth(0);
  await cell.fill("1");
  await page.getByTestId("outbox").filter({ hasText: "1 изменение ждёт отправки" }).waitFor();
  await context.setOffline(false);
  await page.getByTestId("outbox").filter({ hasText: "Нужно войти снова" }).waitFor({ timeout: 20000 });
  // Signing out is refused while something is unsent.
  await page.getByTestId("nav").getByRole("link", { name: "Профиль" }).click();
  await page.getByTestId("logout-refused").waitFor();
  assert.equal(await page.getByTestId("logout").isDisabled(), true);

  await page.goto(server.url + "/login");
  await page.getByLabel("Имя пользователя").fill("teacher");
  await page.getByLabel("Пароль").fill("demo");
  await page.getByRole("button", { name: "Войти" }).click();
  await page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });
  await openMidterm(page);
  const row = page.getByTestId("grid-row").nth(2);
  assert.equal(await row.locator("input[inputmode=numeric]").nth(0).inputValue(), "1");
  assert.equal(await row.locator("td.unsent").count(), 0, "nothing left unsent");
  assert.deepEqual(errors, []);
  await context.close();
});

test("after the deputy closes a procedure a late result waits for her decision", async () => {
  const deputy = await signIn(browser, server, TABLET, "deputy");
  await deputy.page.getByTestId("nav").waitFor();
  await openMidterm(deputy.page);
  await deputy.page.getByTestId("close-switch").filter({ hasText: "Закрыть для изменений" }).click();
  // Nothing of it is entered yet: closing asks first, and says how much is in.
  await deputy.page.getByTestId("close-ask").filter({ hasText: /Работа внесена не полностью: внесено \d+ из \d+/ }).waitFor();
  await deputy.page.getByTestId("close-confirm").click();
  await deputy.page.getByTestId("close-switch").filter({ hasText: "Открыть для изменений" }).waitFor();

  const teacher = await signIn(browser, server, TABLET, "teacher");
  await teacher.page.getByTestId("my-classes").waitFor();
  await openMidterm(teacher.page);
  await teacher.page.getByText("Работа закрыта для изменений").waitFor();
  // The grid of a closed procedure takes no typing: a late result comes from a tablet that was
  // offline when the deputy closed it. Here that tablet is the teacher's, opened before the close.
  await teacher.context.close();

  const late = await signIn(browser, server, TABLET, "teacher2");
  await late.page.getByTestId("my-classes").waitFor();
  await deputy.page.getByTestId("close-switch").click();
  await deputy.page.getByTestId("close-switch").filter({ hasText: "Закрыть для изменений" }).waitFor();
  await openMidterm(late.page);
  await late.context.setOffline(true);
  await deputy.page.getByTestId("close-switch").click();
  await deputy.page.getByTestId("close-confirm").click();
  await deputy.page.getByTestId("close-switch").filter({ hasText: "Открыть для изменений" }).waitFor();
  // A class's worth typed offline: three cells in two rows.
  const cells = (r) => late.page.getByTestId("grid-row").nth(r).locator("input[inputmode=numeric]");
  await cells(3).nth(1).fill("1");
  await cells(4).nth(0).fill("1");
  await cells(4).nth(1).fill("0");
  await late.context.setOffline(false);
  await late.page.getByTestId("attention").waitFor({ timeout: 20000 });
  // Acknowledged but not applied: the values stay in her grid, marked, and she is told why.
  await late.page.getByTestId("held-note").filter({ hasText: "3 ваших значения" }).waitFor();
  assert.equal(await late.page.locator("td.held").count(), 3);
  assert.equal(await cells(3).nth(1).inputValue(), "1");
  assert.equal(await cells(4).nth(1).inputValue(), "0");
  await screenshot(late.page, "held-cells-tablet");
  await late.page.getByTestId("attention").click();
  await late.page.getByTestId("attention-list").filter({ hasText: "Ждёт решения завуча" }).first().waitFor();

  // One card for the teacher's class, settled with one decision.
  await deputy.page.getByTestId("nav").getByRole("link", { name: "Работы" }).click();
  const held = deputy.page.getByTestId("held-edits");
  await held.getByTestId("held-group").filter({ hasText: "3 изменения" }).waitFor();
  assert.equal(await held.getByTestId("held-group").count(), 1);
  await held.getByText("Что изменено").click();
  await held.getByTestId("held-cells").filter({ hasText: "Задание 2: 1" }).waitFor();
  await screenshot(deputy.page, "held-edits-tablet");
  await held.getByTestId("held-approve").click();
  await held.waitFor({ state: "detached" });

  // The approved results reach the teacher's tablet with its next sync, and the marks go.
  await late.page.getByTestId("nav").getByRole("link", { name: "Работы" }).click();
  await late.page.getByTestId("procedures").getByRole("link", { name: new RegExp(MIDTERM) }).click();
  await late.page.getByTestId("grid").waitFor();
  await late.page.getByTestId("held-note").waitFor({ state: "detached", timeout: 20000 });
  assert.equal(await cells(3).nth(1).inputValue(), "1");
  assert.equal(await cells(4).nth(0).inputValue(), "1");
  assert.equal(await late.page.locator("td.held").count(), 0);
  assert.equal(await late.page.getByTestId("grid-row").nth(3).locator("td.unsent").count(), 0);
  assert.equal(await late.page.getByTestId("attention").count(), 0, "nothing left to attend to");
  assert.deepEqual(deputy.errors, []);
  assert.deepEqual(late.errors, []);
  await late.context.close();
  await deputy.context.close();
});
