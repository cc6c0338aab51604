// The deputy on her tablet: the analysis by subject opens to classes; a procedure opens to its
// analytical report, whose first two stages come from the data alone; she writes conclusions
// and a decision, and makes the decision a measure of the school's plan.
import { test } from "node:test";
import assert from "node:assert/strict";

import { chartColours, chartLabels } from "../lib/geometry.mjs";
import { withDemo } from "../lib/demo.mjs";
import { PHONE, TABLET, screenshot, signIn } from "../lib/browser.mjs";

let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

test("the deputy analyses by subject and writes the analytical report of a ВПР", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "deputy");
  await page.waitForURL("**/analysis");
  const subject = page.getByTestId("subject-row").filter({ hasText: "Алгебра" });
  await subject.getByRole("button").click();
  await page.getByTestId("subject-class").filter({ hasText: "7В" }).waitFor();
  await page.getByTestId("low-by-subject").waitFor();
  const shares = await chartLabels(page.getByTestId("low-by-subject"));
  assert.deepEqual(shares.clipped, [], "no share label cut off");
  // Procedures grouped by kind, each kind with its total.
  await page.getByTestId("kind-row").filter({ hasText: "ВПР" }).waitFor();
  await screenshot(page, "analysis-deputy-tablet");
  // Last year's fourth term, chosen, then back to the latest.
  await page.getByTestId("term").selectOption({ label: "4 четверть 2025/2026" });
  await page.getByTestId("by-subject").getByText("Четвертные отметки: 4 четверть 2025/2026.").waitFor();
  await page.getByTestId("term").selectOption({ label: "1 четверть 2026/2027" });
  await page.getByTestId("by-subject").getByText("Четвертные отметки: 1 четверть 2026/2027.").waitFor();

  await page.getByTestId("by-procedure").getByRole("link", { name: "ВПР. Русский язык, 4 класс" }).click();
  await page.waitForURL(/\/procedures\/\d+\/report$/);
  const report = page.getByTestId("report");
  await report.getByRole("heading", { name: "1. Источники" }).waitFor();
  assert.match(await page.getByTestId("report-sources").innerText(), /ВПР, Русский язык, 4 класс/);
  assert.match(await page.getByTestId("report-sources").innerText(), /Отметки по журналу: 3 четверть 2025\/2026/);
  // A whole work: how much is entered is said, and no warning.
  const sources = await page.getByTestId("report-sources").innerText();
  const [, entered, roster] = sources.match(/внесено (\d+) из (\d+)/);
  assert.equal(entered, roster, sources);
  assert.equal(await page.getByTestId("report-partial").count(), 0);
  // The real 2026 paper: 15 tasks, each with its solve rate.
  assert.equal(await page.getByTestId("report-tasks").locator("tbody tr").count(), 15);
  await page.getByTestId("task-chart").waitFor();
  // The legend's swatches carry the chart's colours (under the CSP they once lost them).
  const chart = page.getByTestId("task-chart");
  const colours = await chartColours(chart, chart.locator("xpath=following-sibling::p[1]"));
  assert.equal(colours.legend.length, 2, `two colours in the legend: ${colours.legend}`);
  for (const c of colours.chart) assert.ok(colours.legend.includes(c), `${c} is in the legend ${colours.legend}`);
  // Labels at a readable size, none cut off at the chart's edge.
  for (const id of ["task-chart", "mark-chart"]) {
    const labels = await chartLabels(page.getByTestId(id));
    assert.ok(labels.smallest >= 11 && labels.largest <= 22, `${id} labels ${labels.smallest}–${labels.largest} px`);
    assert.deepEqual(labels.clipped, [], `${id} labels cut off`);
  }
  assert.match(await page.getByTestId("report-groups").innerText(), /Не достигли обязательного минимума/);
  assert.match(await page.getByTestId("report-gaps").innerText(), /две отметки/);
  await page.getByTestId("report-peaks").waitFor();

  // Nothing written yet: the conclusions start from a draft of what the figures say.
  await page.getByTestId("conclusions-draft").waitFor();
  const draft = await page.getByTestId("conclusions").inputValue();
  assert.match(draft, /^ВПР\. Русский язык, 4 класс \(\d\d\.\d\d\.\d{4}\): успеваемость [\d,]+ %/);
  assert.match(draft, /Недостаточный уровень решаемости|Все задания решены/);
  await page.getByTestId("conclusions").fill("Пробелы в морфологии (задания 9–10).");
  await page.getByRole("button", { name: "Добавить решение" }).click();
  await page.getByTestId("decision-text").last().fill("Провести консультации по морфологии в 5-х классах");
  await page.getByTestId("save-report").click();
  await page.getByTestId("report-saved").waitFor();

  // The decision becomes a measure of the innovation plan, in the section she chooses.
  await page.getByTestId("to-plan").click();
  await page.getByTestId("plan-section").selectOption({ index: 2 });
  await page.getByTestId("due").fill("2026-12-20");
  await page.getByTestId("measure-form").getByRole("button", { name: "Сохранить" }).click();
  await page.getByTestId("decision-measure").filter({ hasText: "в плане: Провести консультации" }).waitFor();
  await screenshot(page, "report-deputy-tablet");

  // Opened again, the report keeps what she typed.
  await page.reload();
  assert.equal(await page.getByTestId("conclusions").inputValue(), "Пробелы в морфологии (задания 9–10).");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the director reads the same report on her phone without sideways scrolling", async () => {
  const { context, page, errors } = await signIn(browser, server, PHONE, "director");
  await page.waitForURL("**/dashboard");
  await page.getByRole("link", { name: "Анализ", exact: true }).click();
  await page.getByTestId("by-procedure").getByRole("link", { name: "ВПР. Математика, 6 класс" }).click();
  await page.getByTestId("report").getByRole("heading", { name: "2. Анализ" }).waitFor();
  // Last spring's 6Б: flagged against its journal.
  await page.getByTestId("objectivity-row").filter({ hasText: "6Б" }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await screenshot(page, "report-director-phone");
  assert.deepEqual(errors, []);
  await context.close();
});
