// The deputy loads the school's student list from a file and moves a student between classes.
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

async function deputy() {
  const signedIn = await signIn(browser, server, TABLET, "deputy");
  await signedIn.page.waitForURL("**/analysis");
  return signedIn;
}

const csv = (text) => ({ name: "ученики.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

test("a list with mistakes is explained row by row and cannot be loaded", async () => {
  const { context, page, errors } = await deputy();
  await page.getByRole("link", { name: "Настройка" }).click();
  await page.getByLabel("Файл со списком").setInputFiles(
    csv("ФИО;Класс\nСоколова Мария Андреевна;5Г\nБелов Игорь;\nСоколова Мария Андреевна;6А\n"));
  const problems = page.getByTestId("import-problems");
  await problems.waitFor();
  const rows = await problems.locator("tbody tr td:first-child").allInnerTexts();
  assert.deepEqual(rows, ["2", "3"]);
  assert.match(await problems.innerText(), /«5Г»/);
  assert.ok(await page.getByTestId("import-load").isDisabled());
  await screenshot(page, "import-problems-tablet");

  // The deputy adds the missing class; the same file then has one problem left.
  await page.getByTestId("class-setup").getByLabel("Параллель").selectOption("5");
  await page.getByTestId("class-setup").getByLabel("Буква").fill("г");
  await page.getByRole("button", { name: "Добавить класс" }).click();
  await page.getByTestId("class-message").filter({ hasText: "Класс 5Г добавлен" }).waitFor();
  await page.getByTestId("class-list").filter({ hasText: "5Г" }).waitFor();
  await page.getByLabel("Файл со списком").setInputFiles(
    csv("ФИО;Класс\nСоколова Мария Андреевна;5Г\nБелов Игорь;\nСоколова Мария Андреевна;6А\n"));
  await page.getByTestId("import-problems").filter({ hasNotText: "«5Г»" }).waitFor();
  assert.deepEqual(await problems.locator("tbody tr td:first-child").allInnerTexts(), ["3"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a good list is previewed, loaded, and its students appear in their class", async () => {
  const { context, page, errors } = await deputy();
  await page.goto(server.url + "/setup");
  await page.getByLabel("Файл со списком").setInputFiles(
    csv("ФИО;Класс;ОВЗ\nЯрцева Злата Олеговна;5А;\nЮдин Арсений Павлович;5а;да\n"));
  await page.getByTestId("import-new").filter({ hasText: "2" }).waitFor();
  await page.getByTestId("import-load").click();
  await page.getByTestId("import-message").filter({ hasText: "Список загружен: добавлено 2 ученика" }).waitFor();

  await page.goto(server.url + "/school");
  await page.getByTestId("classes").getByRole("link", { name: "5А" }).click();
  const roster = page.getByTestId("roster");
  await roster.getByText("Ярцева Злата Олеговна").waitFor();

  // Move the new student to 5Б: she leaves 5А's list.
  await page.getByLabel("Перевести: Ярцева Злата Олеговна").selectOption({ label: "5Б" });
  await page.getByTestId("move-message").filter({ hasText: "переведён(а) в 5Б" }).waitFor();
  await roster.getByText("Ярцева Злата Олеговна").waitFor({ state: "detached" });
  await screenshot(page, "class-after-move-tablet");

  // In 5Б she leaves the school, after a question: off the list there too.
  await page.goto(server.url + "/school");
  await page.getByTestId("classes").getByRole("link", { name: "5Б" }).click();
  await roster.getByText("Ярцева Злата Олеговна").waitFor();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByLabel("Перевести: Ярцева Злата Олеговна").selectOption({ label: "Выбыл(а) из школы" });
  await page.getByTestId("move-message").filter({ hasText: "Ярцева Злата Олеговна выбыл(а) из школы." }).waitFor();
  await roster.getByText("Ярцева Злата Олеговна").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the deputy sees and changes a class's teaching load", async () => {
  const { context, page, errors } = await deputy();
  await page.goto(server.url + "/setup");
  const staffing = page.getByTestId("staffing");
  await staffing.locator('select[name="class"]').selectOption({ label: "5А" });
  await staffing.getByTestId("teaching").getByText("Математика").first().waitFor();
  const before = await staffing.getByTestId("teaching").locator("tbody tr").count();
  await staffing.locator('select[name="subject"]').selectOption({ label: "Информатика" });
  await staffing.locator('select[name="teacher"]').selectOption({ index: 1 });
  await staffing.getByRole("button", { name: "Назначить" }).click();
  await page.getByTestId("staffing-message").filter({ hasText: "Нагрузка в 5А назначена" }).waitFor();
  await staffing.getByTestId("teaching").locator("tbody tr").nth(before).waitFor();
  await screenshot(page, "staffing-tablet");
  assert.deepEqual(errors, []);
  await context.close();
});
