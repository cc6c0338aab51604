// The director on her phone: the dashboard shows the demo school's real figures against the
// previous term, and each item that needs a decision opens to its detail. Screenshots go to
// e2e/artifacts.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { PHONE, screenshot, signIn } from "../lib/browser.mjs";

// A detail page on the phone, with its long parts folded, is at most this many screens long.
const SCREENS = 4;

let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
}

/// «87,3 %» as the screen writes a share of `part` in `n`.
function share(part, n) {
  return `${(Math.round((part * 1000) / n) / 10).toFixed(1).replace(".", ",")} %`;
}

test("the director reads where the school stands and opens what needs her decision", async () => {
  const { context, page, errors } = await signIn(browser, server, PHONE, "director");
  await page.waitForURL("**/dashboard");
  await page.getByTestId("period").filter({ hasText: "1 четверть 2026/2027 против: 4 четверть 2025/2026" }).waitFor();

  // The figures on the screen are the server's, worked out again here from the counts it sent.
  const data = await page.evaluate(async () =>
    (await fetch("/api/dashboard/director", { method: "POST", headers: { "X-Requested-With": "mera" } })).json());
  const marks = data.now.summary.students.marks;
  const n = marks.reduce((a, b) => a + b, 0) + data.now.summary.students.not_attested;
  assert.ok(n > 500, `${n} students with term marks`);
  const success = await page.getByTestId("fig-success").innerText();
  assert.ok(success.includes(share(marks[2] + marks[3] + marks[4], n)), success);
  assert.ok(success.includes(`N = ${n}`), success);
  const quality = await page.getByTestId("fig-quality").innerText();
  assert.ok(quality.includes(share(marks[3] + marks[4], n)), quality);
  // Each figure says which way it moved since the previous term.
  for (const id of ["fig-success", "fig-quality", "fig-mean", "fig-sou", "fig-missed", "fig-unexcused"]) {
    assert.match(await page.getByTestId(id).innerText(), /[↑↓→]/, id);
  }
  await page.getByTestId("mark-chart").waitFor();
  await noSidewaysScroll(page);
  await screenshot(page, "dashboard-director-phone");

  const decision = (title) => page.getByTestId("decision").filter({ hasText: title });
  const items = await page.getByTestId("decision").allInnerTexts();
  assert.equal(items.length, 4, items.join(" | "));

  // Objectivity: last spring's ВПР in mathematics, 6Б marked against its inflated journal.
  await decision("необъективности").click();
  await page.waitForURL("**/dashboard/objectivity");
  // On the phone the page leads with the works that need a decision, grouped by kind and folded;
  // the rest folded too. A group opens with a tap.
  await page.getByTestId("objectivity-summary").waitFor();
  assert.match(await page.getByTestId("objectivity-summary").innerText(), /^Требуют внимания: \d+ работ/);
  assert.equal(await page.getByTestId("objectivity-rest").evaluate((d) => d.open), false);
  const screens = await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
  assert.ok(screens <= SCREENS, `objectivity is ${screens.toFixed(1)} screens long on the phone`);
  const group = page.getByTestId("objectivity-group").filter({ hasText: /^ВПР: \d+/ });
  await group.locator("summary").click();
  const vpr = group.getByTestId("objectivity-procedure").filter({ hasText: "ВПР. Математика, 6 класс" });
  await vpr.waitFor();
  assert.match(await vpr.getAttribute("class"), /flagged/);
  assert.match(await vpr.innerText(), /сравнение с: 3 четверть 2025\/2026/);
  const row = vpr.getByTestId("objectivity-row").filter({ hasText: "6Б" });
  assert.match(await row.getAttribute("class"), /bad/);
  await vpr.getByText(/понизили отметку \d+,\d %/).first().waitFor();
  await noSidewaysScroll(page);
  // Every column of every class table is in sight on the phone, «Повыс.» included.
  const cut = await page.getByTestId("objectivity-procedure").evaluateAll((cards) =>
    cards.flatMap((c) => [...c.querySelectorAll(".table-wrap")]).filter((w) => w.scrollWidth > w.clientWidth + 1).length);
  assert.equal(cut, 0, "no objectivity table runs past the phone's edge");
  await screenshot(page, "dashboard-objectivity-phone");
  // The same table downloads as a workbook.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("xlsx").click(),
  ]);
  assert.equal(download.suggestedFilename(), "Объективность оценивания.xlsx");
  assert.ok((await download.createReadStream()) !== null);
  await page.getByRole("link", { name: "← К сводке" }).click();

  // The risk group: names, classes and the reasons why.
  const riskCount = Number(await decision("Группа риска").locator(".count").innerText());
  await decision("Группа риска").click();
  await page.waitForURL("**/dashboard/risk");
  await page.getByTestId("risk-summary").waitFor();
  assert.equal(await page.getByTestId("risk-student").count(), riskCount);
  assert.match(await page.getByTestId("risk-summary").innerText(), new RegExp(`^${riskCount} учени`));
  // Folded by class on the phone: short, and a class opens with a tap.
  const riskScreens = await page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
  assert.ok(riskScreens <= SCREENS, `the risk group is ${riskScreens.toFixed(1)} screens long on the phone`);
  const firstClass = page.getByTestId("risk-class").first();
  if (!(await firstClass.evaluate((d) => d.open))) await firstClass.locator("summary").click();
  await firstClass.getByTestId("risk-student").first().waitFor();
  assert.match(await page.getByTestId("risk-student").first().innerText(), /«2»|пропущено/);
  await noSidewaysScroll(page);
  await screenshot(page, "dashboard-risk-phone");
  await page.goBack();

  // Classes below the obligatory minimum, each opening to the class.
  const classes = Number(await decision("минимума").locator(".count").innerText());
  await decision("минимума").click();
  await page.waitForURL("**/dashboard/minimum");
  await page.getByTestId("minimum-class").first().waitFor();
  assert.equal(await page.getByTestId("minimum-class").count(), classes);
  await noSidewaysScroll(page);
  await page.goBack();

  // Late measures: the plan opens on what is late.
  const late = Number(await decision("Просроченные").locator(".count").innerText());
  await decision("Просроченные").click();
  await page.waitForURL(/\/plans\/\d+\?late/);
  await page.getByTestId("section").first().waitFor();
  assert.equal(await page.getByTestId("filter-late").isChecked(), true);
  assert.equal(await page.getByTestId("measure").count(), late);

  assert.deepEqual(errors, []);
  await context.close();
});
