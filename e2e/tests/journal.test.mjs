// A real school, no demo, brings its first term in from the e-journal: the deputy chooses three
// class files at once on «Настройка» → «Загрузка из журнала», reads what each holds, tells Mera
// which subject the journal's «Матем-ка» is, loads, and the director's phone dashboard shows the
// term with «н/а» counted as failing and «осв» left out, says where the figures come from, and
// names the class whose journal has not come in yet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import { MeraServer } from "../lib/server.mjs";
import { DESKTOP, PHONE, launch, signIn, screenshot } from "../lib/browser.mjs";
import { addSchool, csv, post as call } from "../lib/school.mjs";

const PASSWORD = "пароль школы 7";
let server;
let browser;

before(async () => {
  server = new MeraServer({ demo: false });
  addSchool(server, {
    short: "Школа № 7",
    full: "МБОУ «СОШ № 7»",
    password: PASSWORD,
    staff: [["zavuch", "Петрова Анна Ивановна", "deputy"], ["direktor", "Орлов Олег Олегович", "director"]],
  });
  await server.start();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.dispose();
});

const HEADER = "ФИО;Класс;Предмет;Период;Отметка\n";
const post = (page, endpoint, form) => call(server, page, endpoint, form);

test("the first term comes in from three class files and the director sees it on her phone", async () => {
  const deputy = await signIn(browser, server, DESKTOP, "zavuch", PASSWORD);
  const d = deputy.page;
  await d.waitForURL((u) => !u.pathname.startsWith("/login"));
  for (const [grade, letter] of [["5", "А"], ["5", "Б"], ["6", "А"], ["7", "А"]]) await post(d, "classes/create", { grade, letter });
  await d.goto(server.url + "/setup");
  const list = "ФИО;Класс\nАкимова Анна;5А\nБелов Борис;5А\nВолкова Вера;5Б\nГусев Глеб;5Б\nДёмина Дарья Олеговна;6А\nЖуков Женя;7А\n";
  await d.getByLabel("Файл со списком").setInputFiles(csv("список.csv", list));
  await d.getByTestId("import-load").click();
  await d.getByTestId("import-message").filter({ hasText: "добавлено 6 учеников" }).waitFor();

  const section = d.getByTestId("journal-import");
  await section.getByRole("heading", { name: "Загрузка из журнала" }).waitFor();
  await section.getByTestId("journal-files").setInputFiles([
    csv("5А.csv", `${HEADER}Акимова Анна;5А;Математика;1 четверть;5\nАкимова Анна;5А;Русский язык;1 четверть;5\nБелов Борис;5А;Математика;1 четверть;н/а\nБелов Борис;5А;Русский язык;1 четверть;4\n`),
    csv("5Б.csv", `${HEADER}Волкова Вера;5Б;Матем-ка;1 четверть;4\nВолкова Вера;5Б;Русский язык;1 четверть;4\nГусев Глеб;5Б;Матем-ка;1 четверть;3\nГусев Глеб;5Б;Физ-ра;1 четверть;осв\n`),
    csv("6А.csv", `${HEADER}Дёмина Дарья;6А;Математика;1 четверть;2\nДёмина Дарья;6А;Рус. яз.;1 четверть;4\n`),
  ]);
  const read = section.getByTestId("journal-files-read");
  await read.waitFor();
  assert.equal(await read.locator("tbody tr").count(), 3, "a row per file");
  assert.match(await read.locator("tbody tr").nth(1).innerText(), /5Б\.csv\s+шаблон Mera\s+4\s+2\s+2\s+0\s+0/);
  // «Матем-ка» is no subject Mera knows: nothing loads until the deputy says which it is.
  const unknown = section.getByTestId("journal-subjects");
  assert.match(await unknown.innerText(), /«Матем-ка» \(2 отметки\)/);
  assert.equal(await section.getByTestId("journal-load").count(), 0);
  await screenshot(d, "journal-preview-desktop");
  await unknown.getByTestId("journal-subject-choice").selectOption({ label: "Математика" });
  await section.getByTestId("journal-summary").filter({ hasText: "Будет добавлено 10, изменено 0, удалено 0; без изменений 0." }).waitFor();
  assert.match(await section.getByTestId("journal-summary").innerText(), /Классы: 5А, 5Б, 6А\./);
  await section.getByTestId("journal-load").click();
  // The load runs on the server: the deputy may leave and find its outcome when she comes back.
  await d.goto(server.url + "/analysis");
  await d.goto(server.url + "/setup");
  await section.getByTestId("journal-summary").filter({ hasText: "Загружено: добавлено 10" }).waitFor();
  assert.match(await section.getByTestId("journal-batch").innerText(), /^3 файла, выбрал\(а\) \S+/);

  // Chosen again, the same files change nothing; the mapping is remembered.
  await section.getByTestId("journal-files").setInputFiles([
    csv("5Б.csv", `${HEADER}Волкова Вера;5Б;Матем-ка;1 четверть;4\nВолкова Вера;5Б;Русский язык;1 четверть;4\nГусев Глеб;5Б;Матем-ка;1 четверть;3\nГусев Глеб;5Б;Физ-ра;1 четверть;осв\n`),
  ]);
  await section.getByTestId("journal-summary").filter({ hasText: "Всё в файлах уже есть в Mera (4): загружать нечего." }).waitFor();
  assert.equal(await section.getByTestId("journal-subjects").count(), 0);

  // The director, on her phone: five pupils with term marks; Акимова, Волкова, Гусев succeed
  // (3 of 5), Белов's «н/а» and Дёмина's «2» fail; Гусев's «осв» is not a mark.
  const director = await signIn(browser, server, PHONE, "direktor", PASSWORD);
  const p = director.page;
  await p.waitForURL((u) => !u.pathname.startsWith("/login"));
  await p.goto(server.url + "/dashboard");
  const success = p.getByTestId("fig-success");
  await success.waitFor();
  assert.equal(await success.locator(".value").innerText(), "60,0 %");
  assert.equal(await p.getByTestId("fig-quality").locator(".value").innerText(), "40,0 %");
  assert.match(await p.getByTestId("fig-success").innerText(), /N = 5/);
  // средний балл over the eight marks: (5 + 5 + 4 + 4 + 4 + 3 + 2 + 4) / 8 = 3.875.
  assert.equal(await p.getByTestId("fig-mean").locator(".value").innerText(), "3,9");
  assert.match(
    await p.getByTestId("journal-source").innerText(),
    /Отметки из журнала: 3 файла: 5А\.csv, 5Б\.csv, …, загружен \d\d\.\d\d\.\d{4} в \d\d:\d\d, Петрова А\. И\./,
  );
  // 7А's journal has not come in: the director is told its pupils are not in the figures.
  assert.match(await p.getByTestId("without-marks").innerText(), /^Нет четвертных отметок: 7А — эти классы не вошли в цифры\./);
  await screenshot(p, "journal-dashboard-phone");
  assert.deepEqual(deputy.errors, []);
  assert.deepEqual(director.errors, []);
  await deputy.context.close();
  await director.context.close();
});
