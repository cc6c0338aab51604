// The plan tracker: the methodical council makes a plan from its template and assigns a measure;
// the teacher, on a tablet with the network cut, marks progress and writes a note; after the sync
// the council's plan shows it; the director, on a phone, sees the plans on her start screen,
// opens the late measures and approves the new plan.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { PHONE, TABLET, signIn, waitForOfflineReady, screenshot } from "../lib/browser.mjs";

const MEASURE = "Определение «группы риска» по результатам оценочных процедур";
const NOTE = "Составлен список группы риска 9Б: шесть обучающихся.";
// A 1×1 PNG: the tablet scales a photo to a JPEG before it keeps it.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

const measureCard = (page) => page.getByTestId("measure").filter({ hasText: MEASURE });

test("the council plans, the teacher reports offline, the council and the director see it", async () => {
  // The teacher signs in first: her tablet keeps the app for offline use.
  const teacher = await signIn(browser, server, TABLET, "teacher");
  await teacher.page.getByTestId("my-classes").waitFor();
  await waitForOfflineReady(teacher.page);
  const teacherName = (await teacher.page.getByTestId("user").innerText()).trim();

  // The council creates the exam road map from its template and assigns the first measure.
  const council = await signIn(browser, server, TABLET, "council");
  await council.page.getByRole("link", { name: "План", exact: true }).click();
  await council.page.getByTestId("plans").waitFor();
  await council.page.locator("button[data-kind=exam_roadmap]").click();
  await council.page.getByTestId("section").first().waitFor();
  assert.equal(await council.page.getByTestId("section").count(), 4);
  const card = measureCard(council.page);
  await card.getByRole("button", { name: "Изменить" }).click();
  await card.getByTestId("add-responsible").selectOption({ label: teacherName });
  await card.getByTestId("due").fill("2026-12-15");
  await card.getByRole("button", { name: "Сохранить" }).click();
  await measureCard(council.page).filter({ hasText: "до 15.12.2026" }).filter({ hasText: teacherName }).waitFor();
  const planUrl = council.page.url();

  // The teacher opens her measures online, then the network goes.
  await teacher.page.getByRole("link", { name: "Мои мероприятия" }).click();
  await measureCard(teacher.page).waitFor();
  await teacher.context.setOffline(true);
  await teacher.page.getByTestId("network").filter({ hasText: "Нет связи" }).waitFor();
  const mine = measureCard(teacher.page);
  await mine.getByRole("button", { name: "В работу" }).click();
  await mine.getByTestId("status").filter({ hasText: "в работе" }).waitFor();
  await mine.getByTestId("unsent").waitFor();
  await mine.locator("summary").click();
  await mine.getByTestId("note-text").fill(NOTE);
  await mine.getByRole("button", { name: "Добавить заметку" }).click();
  await mine.getByTestId("notes").filter({ hasText: NOTE }).waitFor();
  // A photo of the list on the board, offline too: kept on the device until the sync.
  await mine.getByTestId("evidence-file").setInputFiles({ name: "доска.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await mine.getByTestId("evidence").filter({ hasText: "доска.jpg" }).filter({ hasText: "ждёт отправки" }).waitFor();
  await teacher.page.getByTestId("outbox").filter({ hasText: "ждут отправки" }).waitFor();
  await screenshot(teacher.page, "measures-offline-tablet");

  // A reload with no network: the list and the unsent progress are still there.
  await teacher.page.reload();
  const again = measureCard(teacher.page);
  await again.getByTestId("status").filter({ hasText: "в работе" }).waitFor();
  await again.getByTestId("unsent").waitFor();

  // The network returns: the outbox empties and the measure comes back from the server.
  await teacher.context.setOffline(false);
  await teacher.page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });
  await measureCard(teacher.page).getByTestId("unsent").waitFor({ state: "detached" });
  // Online again, she attaches the signed order as a PDF.
  const online = measureCard(teacher.page);
  if (!(await online.locator("details").evaluate((d) => d.open))) await online.locator("summary").click();
  await online.getByTestId("evidence-file").setInputFiles({
    name: "Приказ о группе риска.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% приказ\n"),
  });
  await measureCard(teacher.page).getByTestId("evidence").filter({ hasText: "Приказ о группе риска.pdf" }).waitFor();

  // The council's plan shows the teacher's progress and her note.
  await council.page.goto(planUrl);
  const seen = measureCard(council.page);
  await seen.getByTestId("status").filter({ hasText: "в работе" }).waitFor();
  await seen.locator("summary").click();
  await seen.getByTestId("notes").filter({ hasText: NOTE }).waitFor();
  await seen.getByTestId("evidence").getByRole("link", { name: "доска.jpg" }).waitFor();
  const file = seen.getByTestId("evidence").getByRole("link", { name: "Приказ о группе риска.pdf" });
  const href = await file.getAttribute("href");
  const download = await council.page.request.get(server.url + href);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()["content-type"], "application/pdf");
  await seen.getByRole("button", { name: "История" }).click();
  await seen.getByTestId("history").filter({ hasText: "«запланировано» → «в работе»" }).waitFor();

  // The director, on her phone: the plans on the school's screen, the late measures, the approval.
  const director = await signIn(browser, server, PHONE, "director");
  await director.page.waitForURL("**/dashboard");
  await director.page.getByRole("link", { name: "Школа", exact: true }).click();
  // The demo leaves three measures late on its own date (20.11.2026); as the real calendar moves
  // on, more may be.
  const digest = director.page.getByTestId("plan-digest");
  const badge = await digest.getByTestId("plan-late").first().innerText();
  const late = Number(badge.replace(/\D+/g, ""));
  assert.ok(late >= 3, badge);
  await digest.getByRole("link").first().click();
  await director.page.getByTestId("late-count").filter({ hasText: String(late) }).waitFor();
  await director.page.getByTestId("filter-late").check();
  await director.page.getByTestId("section").first().waitFor();
  assert.equal(await director.page.getByTestId("measure").count(), late);
  const width = await director.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on the phone (${width}px)`);
  await screenshot(director.page, "plan-late-phone");
  await director.page.goto(planUrl);
  await measureCard(director.page).getByTestId("status").filter({ hasText: "в работе" }).waitFor();
  await director.page.getByRole("button", { name: "Утвердить план" }).click();
  await director.page.getByTestId("approved").filter({ hasText: "утверждён" }).waitFor();

  for (const d of [teacher, council, director]) {
    assert.deepEqual(d.errors, []);
    await d.context.close();
  }
});

test("the council reads the year's deadlines on a timeline", async () => {
  const council = await signIn(browser, server, TABLET, "council");
  await council.page.getByRole("link", { name: "План", exact: true }).click();
  await council.page.getByTestId("plans").getByRole("link").first().click();
  await council.page.getByTestId("show-timeline").click();
  const timeline = council.page.getByTestId("timeline");
  await timeline.waitFor();
  // Every measure of seeds 001 has a deadline in the demo: 31 bars; the late ones are red, as
  // many as the plan's figure says.
  assert.equal(await timeline.locator(".bar").count(), 31);
  const late = Number(await council.page.getByTestId("late-count").innerText());
  assert.ok(late >= 3);
  assert.equal(await timeline.locator(".bar.late").count(), late);
  // Drawn as the dates say, within a pixel: each bar from its start to its deadline over
  // 1 September – 30 June, and each month's tick where the month begins (under the CSP the
  // timeline once drew no bars and piled its month labels at the left).
  const drawn = await timeline.evaluate((t) => {
    const day = (iso) => Date.parse(iso + "T00:00:00Z") / 86400000;
    const head = t.querySelector(".row.head");
    const [y0, y1] = [day(head.dataset.from), day(head.dataset.to)];
    const at = (d) => Math.min(100, Math.max(0, ((d - y0) / (y1 - y0)) * 100));
    const off = [];
    for (const r of t.querySelectorAll("rect.bar")) {
      const track = r.ownerSVGElement.getBoundingClientRect();
      const b = r.getBoundingClientRect();
      const [left, right] = [at(day(r.dataset.from)), at(day(r.dataset.to))];
      off.push(Math.abs(b.left - (track.left + (track.width * left) / 100)));
      off.push(Math.abs(b.width - (track.width * Math.max(right - left, 1)) / 100));
    }
    const svg = head.querySelector("svg").getBoundingClientRect();
    const start = new Date(head.dataset.from + "T00:00:00Z");
    const ticks = [...head.querySelectorAll(".month line")].map((l, i) => {
      const month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1) / 86400000;
      const x = l.getBoundingClientRect().left + l.getBoundingClientRect().width / 2;
      return Math.abs(x - (svg.left + (svg.width * at(month)) / 100));
    });
    return { bars: off, ticks, width: svg.width };
  });
  assert.equal(drawn.ticks.length, 10);
  assert.ok(drawn.width > 300, `the track is ${drawn.width} px wide`);
  assert.ok(Math.max(...drawn.bars) <= 1, `bars off by ${Math.max(...drawn.bars)} px`);
  assert.ok(Math.max(...drawn.ticks) <= 1, `month ticks off by ${Math.max(...drawn.ticks)} px`);
  await screenshot(council.page, "plan-timeline-tablet");
  // The printed plan carries the «Утверждаю» a school signs: the director approved it in Mera.
  await council.page.getByRole("link", { name: "Для печати" }).click();
  const approval = council.page.getByTestId("plan-approval");
  await approval.waitFor();
  assert.match(await approval.innerText(), /^УТВЕРЖДАЮ\s+Директор\s+\S.*№ 17\S*\s+_+ \S+ \S+ \S+\s+«01» сентября 2026 г\.$/);
  assert.deepEqual(council.errors, []);
  await council.context.close();
});
