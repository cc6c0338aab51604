// «График оценочных процедур»: two papers of 5Б on one day are marked on the grid and listed,
// drawn in the breach colour, and the deputy's lessons turn a subject's load over 10 %.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { TABLET, signIn, screenshot } from "../lib/browser.mjs";

/** The header the app's own requests carry (the server refuses a POST without it). */
const APP = { "X-Requested-With": "mera" };
let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

test("the schedule marks two papers of a class on one day, and the load check follows the lessons", async () => {
  const { context, page, errors } = await signIn(browser, server, TABLET, "deputy");
  const csp = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.waitForURL("**/analysis");
  const setup = await (await page.request.post(server.url + "/api/procedures/setup", { headers: APP })).json();
  const cls = setup.classes.find((c) => c.name === "5Б");
  const history = setup.subjects.find((s) => s.name === "История");
  const draft = (title) => ({
    draft: {
      kind: "Control", stage: null, subject_id: history.id, grade: 5, class_ids: [cls.id],
      held_on: "2027-02-17", title, source: null,
      paper: { tasks: [{ label: "1", max_score: 4, advanced: false, topic: "", skill_code: "" }],
        scale: { mark3_from: 2, mark4_from: 3, mark5_from: 4 } },
    },
  });
  for (const title of ["История: Древний Египет", "История: Древняя Греция"]) {
    const made = await page.request.post(server.url + "/api/procedures/create", { data: draft(title), headers: APP });
    assert.equal(made.status(), 200, await made.text());
  }

  await page.getByTestId("nav").getByRole("link", { name: "График" }).click();
  await page.waitForURL("**/schedule");
  await page.getByTestId("rule-source").filter({ hasText: "№ СК-228/03" }).waitFor();
  await page.getByTestId("breaches").filter({ hasText: "5Б, 17.02.2027: 2 работы в один день" }).waitFor();
  const marked = page.getByTestId("sitting-breach").filter({ hasText: "Ист 17" });
  assert.equal(await marked.count(), 2);
  // What a person sees: the marked cells are drawn in the breach colour, the others are not.
  const colour = (l) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(await colour(marked.first()), "rgb(253, 226, 225)");
  const plain = page.getByTestId("sitting").first();
  if ((await plain.count()) > 0) assert.notEqual(await colour(plain), "rgb(253, 226, 225)");
  await screenshot(page, "schedule-tablet");

  // 10 lessons of history a year allow one paper: the two are over.
  const lessons = page.getByLabel("Уроков в год: История, 5 класс");
  await lessons.fill("10");
  await lessons.dispatchEvent("change");
  await page.getByTestId("breaches").filter({ hasText: "5Б, История: 2 работы при 10 уроках в год" }).waitFor();
  await page.getByTestId("load-row").filter({ hasText: "История" }).filter({ hasText: "превышено" }).waitFor();
  assert.deepEqual(csp, []);
  assert.deepEqual(errors, []);
  await context.close();
});
