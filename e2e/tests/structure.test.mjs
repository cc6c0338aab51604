// The administrator gives and takes back scoped roles; the deputy sets up subjects and МО and
// sees what moving to the next school year would do.
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

test("the administrator makes a teacher an МО head and takes the role back", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "admin");
  await page.waitForURL("**/accounts");
  const form = page.getByTestId("give-role");
  const person = form.getByLabel("Сотрудник");
  await person.locator("option", { hasText: "(teacher2)" }).waitFor({ state: "attached" });
  const value = await person.locator("option", { hasText: "(teacher2)" }).getAttribute("value");
  await person.selectOption(value);
  await form.getByLabel("Роль").selectOption("mo_head");

  // Without its МО the role is refused with the reason.
  await form.getByRole("button", { name: "Назначить" }).click();
  await page.getByText("Выберите МО, которым руководит сотрудник.").waitFor();
  const group = form.getByTestId("role-scope");
  const first = await group.locator("option").nth(1).innerText();
  await group.selectOption({ label: first });
  await form.getByRole("button", { name: "Назначить" }).click();
  await page.getByText("Роль «Руководитель МО» назначена.").waitFor();

  const row = page.getByTestId("accounts").locator("tr", { hasText: "teacher2" });
  await row.getByText(`Руководитель МО (${first})`).waitFor();
  await screenshot(page, "accounts-roles-tablet");
  await row.getByRole("button", { name: `Снять роль «Руководитель МО (${first})»` }).click();
  await page.getByText(/Роль «Руководитель МО \(.*\)» снята/).waitFor();
  await row.getByText(`Руководитель МО (${first})`).waitFor({ state: "detached" });

  // The school's only administrator cannot take her own role away.
  const own = page.getByTestId("accounts").locator("tr", { hasText: "admin" }).first();
  await own.getByRole("button", { name: "Снять роль «Администратор»" }).click();
  await page.getByText("Это единственный администратор школы: сначала назначьте другого.").waitFor();

  // teacher2 forgot her password: the administrator gives her a new one, and it works.
  const reset = page.getByTestId("new-password");
  await reset.getByLabel("Сотрудник").selectOption(value);
  await reset.getByLabel("Новый пароль").fill("сирень в мае");
  await reset.getByRole("button", { name: "Сменить пароль" }).click();
  await page.getByText(/^Пароль изменён/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  const teacher = await signIn(browser, server, TABLET, "teacher2", "сирень в мае");
  await teacher.page.waitForURL("**/classes");
  assert.deepEqual(teacher.errors, []);
  await teacher.context.close();
});

test("the deputy adds a subject to a new МО and sees next year's classes", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "deputy");
  await page.waitForURL("**/analysis");
  await page.goto(server.url + "/setup");
  const subjects = page.getByTestId("subjects");
  await subjects.getByLabel("Новое МО").fill("МО учителей технологии");
  await subjects.getByRole("button", { name: "Добавить МО" }).click();
  await page.getByTestId("subjects-message").filter({ hasText: "МО «МО учителей технологии» добавлено." }).waitFor();
  const newSubject = subjects.getByTestId("new-subject");
  // The list is drawn again with the new МО: the form is ready once it offers it.
  await newSubject.locator("option", { hasText: "МО учителей технологии" }).waitFor({ state: "attached" });
  await newSubject.getByLabel("Новый предмет").fill("Черчение");
  await newSubject.getByTestId("subject-group").selectOption({ label: "МО учителей технологии" });
  await newSubject.getByRole("button", { name: "Добавить предмет" }).click();
  await page.getByTestId("subjects-message").filter({ hasText: "Предмет «Черчение» добавлен." }).waitFor();
  const select = subjects.getByLabel("МО предмета «Черчение»");
  await select.waitFor();
  assert.equal(await select.locator("option:checked").innerText(), "МО учителей технологии");

  // A second «черчение» is refused and nothing is added.
  await newSubject.getByLabel("Новый предмет").fill("черчение");
  await newSubject.getByRole("button", { name: "Добавить предмет" }).click();
  await page.getByTestId("subjects-message").filter({ hasText: "Предмет «черчение» уже есть." }).waitFor();
  assert.equal(await subjects.getByTestId("subject-list").locator("tbody tr", { hasText: /^\s*черчение/i }).count(), 1);

  const year = page.getByTestId("new-year");
  await year.locator("summary", { hasText: "Классы" }).click();
  const steps = year.getByTestId("year-steps");
  await steps.locator("tr", { hasText: "5А" }).getByText("6А").waitFor();
  await steps.locator("tr", { hasText: "11А" }).getByText("выпуск").waitFor();
  await screenshot(page, "setup-subjects-tablet");
  assert.deepEqual(errors, []);
  await context.close();
});
