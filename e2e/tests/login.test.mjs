// Each demo role signs in at its device size and lands on its own screen; what a role may not
// see stays closed; signing out ends the session.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { PHONE, TABLET, screenshot, signIn as signInAt } from "../lib/browser.mjs";

let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

function signIn(size, username, password) {
  return signInAt(browser, server, size, username, password);
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
}

// (account, device, the path it lands on, what its screen shows)
const ROLES = [
  ["director", PHONE, "/dashboard", async (page) => {
    // Her start screen is the dashboard: the first term against the one before, with N.
    await page.getByTestId("period").filter({ hasText: "1 четверть 2026/2027 против: 4 четверть 2025/2026" }).waitFor();
    assert.match(await page.getByTestId("fig-success").innerText(), /\d+,\d %[\s\S]*N = \d+/);
    assert.ok((await page.getByTestId("decision").count()) >= 3);
  }],
  ["deputy", TABLET, "/analysis", async (page) => {
    // Her start screen is the analysis; the school's structure is one tap away.
    await page.getByTestId("by-subject").getByTestId("subject-row").first().waitFor();
    await page.getByRole("link", { name: "Школа", exact: true }).click();
    await page.getByTestId("classes").getByRole("link", { name: "11А" }).waitFor();
    assert.equal(await page.getByTestId("class-count").innerText(), "25");
    const students = Number(await page.getByTestId("student-count").innerText());
    assert.ok(students > 550 && students < 700, `${students} students`);
    // The first term's results from the journal, the school and each class with its N.
    const term = page.getByTestId("term-results");
    await term.getByRole("heading", { name: "Итоги: 1 четверть" }).waitFor();
    assert.match(await page.getByTestId("school-success").innerText(), /^\d+,\d %$/);
    assert.equal(await page.getByTestId("term-classes").locator("tbody tr").count(), 22, "25 classes less the three first grades, which get no marks");
  }],
  ["teacher", TABLET, "/classes", async (page) => {
    const tiles = page.getByTestId("my-classes").locator(".tile-title");
    await tiles.first().waitFor(); // allInnerTexts does not wait for the list to arrive
    assert.deepEqual(await tiles.allInnerTexts(), ["5А", "5Б", "5В"]);
  }],
  ["teacher2", TABLET, "/classes", async (page) => {
    await page.getByTestId("my-classes").getByText("5А", { exact: true }).waitFor();
  }],
  ["class_teacher", TABLET, /\/classes\/\d+$/, async (page) => {
    await page.getByRole("heading", { name: "5А класс" }).waitFor();
    assert.ok((await page.getByTestId("roster").locator("li").count()) >= 20);
    // Her class's first term across all its subjects.
    await page.getByTestId("class-term").waitFor();
    assert.ok((await page.getByTestId("class-term-subject").count()) >= 8);
    // Last spring's ВПР of her pupils, with marks derived from the real 2026 scale.
    await page.getByTestId("procedures").getByText("ВПР. Русский язык, 4 класс").waitFor();
  }],
  ["mo_head", TABLET, "/analysis", async (page) => {
    // The analysis of her МО's subjects only.
    await page.getByTestId("analysis").getByText("Показаны предметы вашего методического объединения").waitFor();
    await page.getByRole("link", { name: "Школа", exact: true }).click();
    // She opens the classes she teaches; the others show without a link.
    await page.getByTestId("classes").getByRole("link", { name: "11А" }).waitFor();
    assert.equal(await page.getByTestId("classes").getByRole("link", { name: "5А" }).count(), 0);
  }],
  ["council", TABLET, "/school", async (page) => {
    await page.getByTestId("school").waitFor();
  }],
  ["psychologist", TABLET, "/school", async (page) => {
    await page.getByTestId("school").waitFor();
  }],
  ["municipal", TABLET, "/municipality", async (page) => {
    await page.getByTestId("schools").getByText("Школа № 20").waitFor();
    assert.match(await page.getByTestId("schools").innerText(), /ШНОР/);
    // Each school's latest term side by side, figures only, no group under five children.
    const shares = await page.getByTestId("school-success").allInnerTexts();
    assert.ok(shares.some((t) => /^\d+,\d %$/.test(t)), shares.join(" "));
    const groups = await page.getByTestId("school-group").allInnerTexts();
    assert.ok(groups.length >= 4, "the groups by lowest mark are drawn");
    for (const g of groups) assert.ok(g === "—" || g === "0" || Number(g) >= 5, `a group of ${g}`);
  }],
  ["admin", TABLET, "/accounts", async (page) => {
    await page.getByTestId("accounts").getByText("teacher2", { exact: true }).waitFor();
  }],
];

for (const [username, size, landing, check] of ROLES) {
  test(`${username} signs in on a ${size.name} and lands on their own screen`, async () => {
    const { context, page, errors } = await signIn(size, username);
    await page.waitForURL((url) => (typeof landing === "string" ? url.pathname === landing : landing.test(url.pathname)));
    await check(page);
    await page.getByTestId("user").getByRole("link").waitFor();
    await noSidewaysScroll(page);
    // Every section of the menu is in sight, none scrolled off the edge.
    const width = page.viewportSize().width;
    for (const link of await page.getByTestId("nav").getByRole("link").all()) {
      const box = await link.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width + 0.5, `«${await link.innerText()}» is in sight at ${width} px`);
    }
    await screenshot(page, `start-${username}-${size.name}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("a wrong password gets a Russian message and no session", async () => {
  const { context, page } = await signIn(PHONE, "teacher", "wrong-password");
  await page.getByTestId("login-error").filter({ hasText: "Неверное имя пользователя или пароль" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/login");
  await context.close();
});

test("a teacher cannot open what her role does not cover", async () => {
  const { context, page } = await signIn(TABLET, "teacher");
  await page.waitForURL("**/classes");
  await page.goto(server.url + "/municipality");
  await page.getByTestId("no-access").waitFor();
  // A class she does not teach: the server refuses, whatever the URL.
  await page.goto(server.url + "/school");
  await page.getByTestId("no-access").waitFor();
  const ids = await page.evaluate(async () => {
    const res = await fetch("/api/my-classes", { method: "POST", headers: { "X-Requested-With": "mera" } });
    return (await res.json()).map((c) => c.class.id);
  });
  const other = Math.max(...ids) + 12;
  await page.goto(`${server.url}/classes/${other}`);
  await page.getByTestId("error").filter({ hasText: "нет доступа" }).waitFor();
  await context.close();
});

test("signing out ends the session and the screens close", async () => {
  const { context, page } = await signIn(PHONE, "director");
  await page.waitForURL("**/dashboard");
  await page.getByRole("link", { name: "Профиль" }).click();
  await page.getByTestId("logout").click();
  await page.waitForURL("**/login");
  await page.goto(server.url + "/school");
  await page.waitForURL("**/login");
  const status = await page.evaluate(async () =>
    (await fetch("/api/me", { method: "POST", headers: { "X-Requested-With": "mera" } })).status);
  assert.equal(status, 401);
  await context.close();
});

test("a signed-in tablet stays signed in with the network cut", async () => {
  const { context, page } = await signIn(TABLET, "teacher");
  await page.waitForURL("**/classes");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  const name = await page.getByTestId("user").innerText();
  await context.setOffline(true);
  const again = await context.newPage();
  await again.goto(server.url + "/");
  await again.waitForURL("**/classes");
  assert.equal(await again.getByTestId("user").innerText(), name);
  assert.equal(await again.getByTestId("network").innerText(), "Нет связи");
  await context.close();
});
