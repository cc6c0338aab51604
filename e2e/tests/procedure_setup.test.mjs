// «Новая работа»: the deputy builds a ВПР from the catalogue, is told on the spot what a broken
// scale does, fixes it, and lands on the new paper's sheet with all its tasks.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { TABLET, signIn, screenshot } from "../lib/browser.mjs";

let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

test("the deputy makes a ВПР from the catalogue and opens its sheet", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "deputy");
  await page.waitForURL("**/analysis");
  await page.goto(server.url + "/procedures");
  await page.getByTestId("new-procedure-link").click();
  await page.waitForURL("**/procedures/new");
  const form = page.getByTestId("new-procedure");
  await form.getByTestId("start-from").selectOption({ label: "ВПР. Русский язык, 4 класс (2026)" });
  await form.getByTestId("paper-source").filter({ hasText: "по открытым данным" }).waitFor();
  assert.equal(await form.getByTestId("tasks").locator("tbody tr").count(), 15);
  assert.equal(await form.getByTestId("mark5").inputValue(), "21");
  assert.equal(await form.getByTestId("title").getAttribute("placeholder"), "ВПР. Русский язык, 4 класс");

  // A threshold above the paper's maximum is said at once and keeps the button off.
  await form.getByTestId("mark5").fill("30");
  await form.getByTestId("mark5").dispatchEvent("change");
  await form.getByTestId("paper-problems").filter({ hasText: "больше максимума работы (24)" }).waitFor();
  assert.ok(await form.getByTestId("create-procedure").isDisabled());
  await screenshot(page, "new-procedure-problem-tablet");
  await form.getByTestId("mark5").fill("21");
  await form.getByTestId("mark5").dispatchEvent("change");
  await form.getByTestId("paper-problems").waitFor({ state: "detached" });

  await form.getByTestId("classes").getByLabel("4А").check();
  await form.getByTestId("held-on").fill("2027-04-15");
  await form.getByTestId("create-procedure").click();
  await page.waitForURL(/\/procedures\/\d+$/);
  await page.getByText("ВПР. Русский язык, 4 класс").first().waitFor();
  await page.getByText("12.2").first().waitFor();
  await screenshot(page, "new-procedure-sheet-tablet");
  assert.deepEqual(errors, []);
  await context.close();
});

const csv = (text) => ({ name: "задания.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

test("tasks come from a spreadsheet, and a broken one names its rows", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "deputy");
  await page.waitForURL("**/analysis");
  await page.goto(server.url + "/procedures/new");
  const form = page.getByTestId("new-procedure");
  await form.getByTestId("tasks-file").setInputFiles(csv("Номер;Макс. балл;Уровень\n1;2;Б\n1;1;Б\n2;0;П\n"));
  const message = form.getByTestId("tasks-file-message");
  await message.filter({ hasText: "Строка 3" }).waitFor();
  assert.match(await message.innerText(), /Строка 4/);
  assert.equal(await form.getByTestId("tasks").locator("tbody tr").count(), 1, "nothing replaced");
  await form.getByTestId("tasks-file").setInputFiles(csv("Номер;Макс. балл;Уровень;Тема\n1;2;Б;Дроби\n2;1;Б;\n3;3;П;Задача\n"));
  await message.filter({ hasText: "Из таблицы взято заданий: 3" }).waitFor();
  assert.equal(await form.getByTestId("tasks").locator("tbody tr").count(), 3);
  assert.equal(await form.getByLabel("Максимальный балл задания 3").inputValue(), "3");
  assert.deepEqual(errors, []);
  await context.close();
});
