// A paper's life on two devices: the deputy makes a контрольная for 5Б; the teacher's tablet
// gets it at its next sync and she enters it with the network cut; the deputy then removes a
// task, is told whose mark moves, confirms; the teacher's open sheet redraws with the new paper.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { TABLET, signIn, waitForOfflineReady, screenshot } from "../lib/browser.mjs";

const TITLE = "Контрольная по дробям";
let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

/** Cuts the network and gives it back: the tablet syncs when it returns. */
async function syncByReconnecting(context, page) {
  await context.setOffline(true);
  await page.getByTestId("network").filter({ hasText: "Нет связи" }).waitFor();
  await context.setOffline(false);
  await page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });
}

test("a new paper reaches the tablet, is entered offline, and a later change redraws the open sheet", async () => {
  const teacher = await signIn(browser, server, TABLET, "teacher");
  await teacher.page.getByTestId("my-classes").waitFor();
  await waitForOfflineReady(teacher.page);
  await teacher.page.getByRole("link", { name: "Работы" }).click();
  await teacher.page.getByTestId("procedures").waitFor();

  // The deputy makes the paper: 2 + 1 + 1 points, «3» from 1, «4» from 2, «5» from 3.
  const deputy = await signIn(browser, server, TABLET, "deputy");
  await deputy.page.waitForURL("**/analysis");
  await deputy.page.goto(server.url + "/procedures/new");
  const form = deputy.page.getByTestId("new-procedure");
  await form.getByTestId("kind").selectOption("control");
  await form.getByTestId("subject").selectOption({ label: "Математика" });
  await form.getByTestId("grade").selectOption("5");
  await form.getByTestId("classes").getByLabel("5Б").check();
  await form.getByTestId("held-on").fill("2026-12-09");
  await form.getByTestId("title").fill(TITLE);
  await form.getByTestId("add-task").click();
  await form.getByTestId("add-task").click();
  await form.getByLabel("Максимальный балл задания 1").fill("2");
  await form.getByLabel("Максимальный балл задания 1").dispatchEvent("change");
  await form.getByTestId("create-procedure").click();
  await deputy.page.waitForURL(/\/procedures\/\d+$/);
  const id = deputy.page.url().split("/").pop();

  // One sync later the tablet holds the new sheet: it opens with the network cut.
  await syncByReconnecting(teacher.context, teacher.page);
  await teacher.page.waitForFunction(
    (key) => localStorage.getItem(key) !== null,
    `mera.sheet.${id}.teacher`,
    { timeout: 20000 },
  );
  await teacher.context.setOffline(true);
  await teacher.page.goto(server.url + "/procedures");
  await teacher.page.getByTestId("procedures").getByRole("link", { name: new RegExp(TITLE) }).click();
  await teacher.page.getByTestId("grid").waitFor();
  const rows = teacher.page.getByTestId("grid-row");
  const enter = async (row, scores) => {
    const cells = rows.nth(row).locator("input[inputmode=numeric]");
    for (const [i, s] of scores.entries()) await cells.nth(i).fill(String(s));
  };
  // 2+1+1 = 4 is a «5»; 1+0+1 = 2 is a «4».
  await enter(0, [2, 1, 1]);
  await enter(1, [1, 0, 1]);
  await teacher.page.getByTestId("outbox").filter({ hasText: "6 изменений ждут отправки" }).waitFor();
  await teacher.context.setOffline(false);
  await teacher.page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });

  // Task 3 goes: the first keeps her «5» (3 of 3), the second's 1 point is now a «3».
  await deputy.page.goto(`${server.url}/procedures/${id}`);
  await deputy.page.getByTestId("change-link").click();
  await deputy.page.waitForURL(`**/procedures/${id}/edit`);
  const change = deputy.page.getByTestId("change-procedure");
  await deputy.page.getByTestId("results-in").filter({ hasText: "Внесено результатов: 2" }).waitFor();
  await change.getByLabel("Убрать задание 3").click();
  await change.getByTestId("save-change").click();
  const preview = change.getByTestId("change-preview");
  await preview.filter({ hasText: "У 1 ученика изменится отметка; баллы за задание 3 удаляются у 2 учеников." }).waitFor();
  assert.equal(await preview.getByTestId("mark-moves").locator("tbody tr").count(), 1);
  assert.deepEqual(
    await preview.getByTestId("mark-moves").locator("tbody td").allInnerTexts(),
    [await rows.nth(1).locator("th").innerText(), "5Б", "4", "3"],
  );
  await screenshot(deputy.page, "procedure-change-preview-tablet");
  await preview.getByTestId("confirm-change").click();
  await deputy.page.waitForURL(`**/procedures/${id}`);
  await deputy.page.getByTestId("grid").waitFor();

  // The teacher's sheet, still open, shows two tasks after her next sync.
  assert.equal(await rows.nth(0).locator("input[inputmode=numeric]").count(), 3);
  await syncByReconnecting(teacher.context, teacher.page);
  await teacher.page.waitForFunction(
    () => document.querySelectorAll('[data-testid="grid-row"]')[0]?.querySelectorAll("input[inputmode=numeric]").length === 2,
    null,
    { timeout: 20000 },
  );
  assert.equal(await rows.nth(1).locator("input[inputmode=numeric]").nth(1).inputValue(), "0");
  assert.deepEqual(teacher.errors, []);
  assert.deepEqual(deputy.errors, []);
  await teacher.context.close();
  await deputy.context.close();
});
