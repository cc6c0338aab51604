// A real school, no demo: added from the console with its deputy and a teacher; the deputy adds
// 4А, its list and its teacher, makes the spring ВПР from the catalogue and a контрольная from a
// spreadsheet, sees both on the year's schedule; the teacher's tablet gets the ВПР at its next
// sync, she enters it with the network cut, and the deputy's report counts what she typed. The
// deputy issues the ВПР's participant codes at her desk, fills ФИС ОКО's collection form from what
// the tablet sent and reads the Ф1 report back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { MeraServer } from "../lib/server.mjs";
import { APP, addSchool, csv as file, post as call } from "../lib/school.mjs";
import { DESKTOP, TABLET, launch, signIn, waitForOfflineReady, screenshot } from "../lib/browser.mjs";
import { collectionForm, rowValues, unzip } from "../lib/xlsx.mjs";

const PASSWORD = "пароль школы 5";
let server;
let browser;

before(async () => {
  server = new MeraServer({ demo: false });
  addSchool(server, {
    short: "Школа № 5",
    full: "МБОУ «СОШ № 5»",
    password: PASSWORD,
    staff: [["zavuch", "Петрова Анна Ивановна", "deputy"], ["uchitel", "Смирнова Ольга Петровна", "teacher"]],
  });
  await server.start();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.dispose();
});

const post = (page, endpoint, form) => call(server, page, endpoint, form);

test("an empty school makes its papers, schedules them, and a teacher enters one offline", async () => {
  // The deputy at her desk, the teacher on a tablet in class.
  const deputy = await signIn(browser, server, DESKTOP, "zavuch", PASSWORD);
  const d = deputy.page;
  await d.waitForURL((u) => !u.pathname.startsWith("/login"));
  // The school's own structure, through the same endpoints «Настройка» uses.
  await post(d, "classes/create", { grade: "4", letter: "А" });
  const school = await post(d, "school", {});
  const class4a = school.classes.find((c) => c.name === "4А");
  await d.goto(server.url + "/setup");
  await d.getByLabel("Файл со списком").setInputFiles(file("4а.csv", "ФИО;Класс\nАкимова Анна Сергеевна;4А\nБелов Борис Ильич;4А\n"));
  await d.getByTestId("import-load").click();
  await d.getByTestId("import-message").filter({ hasText: "добавлено 2 ученика" }).waitFor();
  const setup = await post(d, "procedures/setup", {});
  const russian = setup.subjects.find((s) => s.name === "Русский язык");
  const staffing = await post(d, "staffing", {});
  const teacherId = staffing.teachers.find((p) => p.name.startsWith("Смирнова"))?.id;
  assert.ok(teacherId, "the teacher is on the staffing list");
  await post(d, "staffing/teach", { class_id: String(class4a.id), subject_id: String(russian.id), account_id: String(teacherId) });

  // The spring ВПР from the catalogue.
  await d.goto(server.url + "/procedures/new");
  const form = d.getByTestId("new-procedure");
  await form.getByTestId("start-from").selectOption({ label: "ВПР. Русский язык, 4 класс (2026)" });
  await form.getByTestId("classes").getByLabel("4А").check();
  const year = Number((await d.request.post(server.url + "/api/schedule", { headers: APP }).then((r) => r.json())).weeks[0].slice(0, 4));
  await form.getByTestId("held-on").fill(`${year + 1}-04-15`);
  await form.getByTestId("create-procedure").click();
  await d.waitForURL(/\/procedures\/\d+$/);
  const vpr = d.url().split("/").pop();

  // An autumn контрольная from a spreadsheet.
  await d.goto(server.url + "/procedures/new");
  await form.getByTestId("kind").selectOption("control");
  await form.getByTestId("subject").selectOption({ label: "Русский язык" });
  await form.getByTestId("tasks-file").setInputFiles(file("задания.csv", "Номер;Макс. балл;Уровень;Код\n1;2;Б;1.1\n2;2;Б;1.2\n3;1;П;2.1\n"));
  await form.getByTestId("tasks-file-message").filter({ hasText: "взято заданий: 3" }).waitFor();
  await form.getByTestId("classes").getByLabel("4А").check();
  await form.getByTestId("held-on").fill(`${year}-10-21`);
  await form.getByTestId("create-procedure").click();
  await d.waitForURL(/\/procedures\/\d+$/);

  await d.getByTestId("nav").getByRole("link", { name: "График" }).click();
  const grade4 = d.getByTestId("schedule-grade").filter({ hasText: "4 класс" });
  await grade4.getByTestId("sitting").filter({ hasText: "Рус 15" }).waitFor();
  await grade4.getByTestId("sitting").filter({ hasText: "Рус 21" }).waitFor();
  await screenshot(d, "own-school-schedule-desktop");
  // Printed, each grade level is a page of its own, landscape.
  await d.emulateMedia({ media: "print" });
  assert.equal(await grade4.evaluate((e) => getComputedStyle(e).breakAfter), "page");
  assert.ok(await d.getByTestId("print").isHidden(), "the buttons are not printed");
  await d.emulateMedia({ media: "screen" });

  // The organiser's codes for ФИС ОКО, issued once and printed.
  await d.goto(`${server.url}/procedures/${vpr}`);
  await d.getByTestId("codes-link").click();
  await d.waitForURL(`**/procedures/${vpr}/codes`);
  await d.getByTestId("issue-codes").click();
  await d.getByTestId("codes-message").filter({ hasText: "Коды выданы" }).waitFor();
  assert.deepEqual(await d.getByTestId("code-row").locator("td:nth-child(2)").allInnerTexts(), ["40001", "40002"]);
  assert.match(await d.getByTestId("code-class").first().innerText(), /4А класс · порядковый номер 1/);
  assert.ok(await d.getByTestId("issue-codes").isDisabled(), "nothing more to issue");

  // The teacher's tablet: one sync brings the ВПР, then the network goes.
  const teacher = await signIn(browser, server, TABLET, "uchitel", PASSWORD);
  const t = teacher.page;
  await t.waitForURL((u) => !u.pathname.startsWith("/login"));
  await waitForOfflineReady(t);
  await t.waitForFunction((key) => localStorage.getItem(key) !== null, `mera.sheet.${vpr}.uchitel`, { timeout: 20000 });
  const paperTasks = (await post(t, "procedure/sheet", { procedure_id: vpr })).tasks;
  const maxima = paperTasks.map((x) => x.max_score);
  await teacher.context.setOffline(true);
  await t.goto(`${server.url}/procedures/${vpr}`);
  await t.getByTestId("grid").waitFor();
  const rows = t.getByTestId("grid-row");
  assert.equal(await rows.count(), 2);
  // Анна: every task at its maximum (24, a «5»); Борис absent.
  const cells = rows.nth(0).locator("input[inputmode=numeric]");
  const n = await cells.count();
  assert.equal(n, 15);
  for (let i = 0; i < n; i++) await cells.nth(i).fill(String(maxima[i]));
  await rows.nth(1).getByRole("checkbox").check();
  await rows.nth(0).getByTestId("mark").filter({ hasText: "5" }).waitFor();
  await teacher.context.setOffline(false);
  await t.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 30000 });

  await d.goto(`${server.url}/procedures/${vpr}/report`);
  await d.getByTestId("report-tasks").waitFor();
  const report = await (await d.request.post(`${server.url}/api/report`, { form: { procedure_id: vpr }, headers: APP })).json();
  assert.deepEqual(report.school.marks.slice(1), [0, 0, 0, 1], "one «5» among the marks");
  assert.equal(report.absent, 1);

  // The empty collection form ФИС ОКО issued comes back filled from what the tablet sent, its
  // drop-downs and formulas as they were.
  const taskHeaders = paperTasks.map((x) => `${x.label} (${x.max_score}б)`);
  const empty = collectionForm(taskHeaders);
  const formName = "Форма сбора результатов Русский язык 4 класс ВПР 2027.xlsx";
  await d.goto(`${server.url}/procedures/${vpr}/codes`);
  // The page has its codes before a file is given: a file set while it is still loading is lost.
  await d.getByTestId("code-row").first().waitFor();
  await d.getByTestId("form-file").setInputFiles({ name: formName, mimeType: "application/octet-stream", buffer: empty });
  await d.getByTestId("form-summary").filter({ hasText: "Заполнено участников: 2. Писали: 1. Отсутствовали: 1." }).waitFor();
  assert.match(await d.getByTestId("form-notes").innerText(), /Вариант не известен у 1/);
  const [download] = await Promise.all([d.waitForEvent("download"), d.getByTestId("form-download").click()]);
  assert.equal(download.suggestedFilename(), formName);
  const filled = unzip(readFileSync(await download.path()));
  const sheet = "xl/worksheets/sheet1.xml";
  const anna = rowValues(filled, sheet, 2);
  const letters = paperTasks.map((_, i) => String.fromCharCode(67 + i));
  assert.equal(anna.A, "40001");
  assert.deepEqual(letters.map((l) => anna[l]), maxima.map(String), "Анна's scores as typed");
  const boris = rowValues(filled, sheet, 3);
  assert.equal(boris.B, "отсутствовал");
  const mark = String.fromCharCode(67 + paperTasks.length + 1);
  assert.equal(boris[mark], "нет отметки");
  const original = unzip(empty);
  const validations = (parts) => parts.get(sheet).match(/<dataValidations.*<\/dataValidations>/s)[0];
  assert.equal(validations(filled), validations(original), "the drop-downs are the form's");
  assert.equal(filled.get("xl/worksheets/sheet2.xml"), original.get("xl/worksheets/sheet2.xml"));
  assert.match(filled.get(sheet), /<row r="200"><c r="[A-Z]+200"><f>SUM\(C200:/, "the prepared rows keep their formula");
  await screenshot(d, "collection-form-desktop");

  // ФИС ОКО's Ф1 report comes back: Анна's scores agree; Борис was marked absent but the report
  // has him writing, which is shown and not changed.
  const header = ["Код участника", "Класс", "Вариант", ...paperTasks.map((x) => `${x.label} (${x.max_score}б)`), "Первичный балл", "Отметка"];
  const full = maxima.reduce((a, b) => a + b, 0);
  const f1 = [
    "Индивидуальные результаты", "ВПР Русский язык 4 класс", header.join(";"),
    ["40001", "1", "1", ...maxima, full, "5"].join(";"),
    ["40002", "1", "2", ...maxima.map(() => "0"), "0", "2"].join(";"),
  ].join("\n");
  await d.getByTestId("f1-file").setInputFiles(file("Ф1.csv", f1));
  await d.getByTestId("f1-summary").filter({ hasText: `Участников: 2. Будет внесено баллов: 0. Совпадает с внесённым: ${maxima.length}. Расхождений: 1.` }).waitFor();
  assert.match(await d.getByTestId("f1-differences").innerText(), /40002.*не писал\(а\)/s);
  assert.equal(await d.getByTestId("f1-load").count(), 0, "nothing to load");
  await screenshot(d, "f1-preview-desktop");
  assert.deepEqual(deputy.errors, []);
  assert.deepEqual(teacher.errors, []);
  await deputy.context.close();
  await teacher.context.close();
});
