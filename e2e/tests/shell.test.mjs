// The app shell: Russian, usable at phone and tablet sizes, opening with the network cut.
import { test } from "node:test";
import assert from "node:assert/strict";

import { withDemo } from "../lib/demo.mjs";
import { SIZES, device, waitForOfflineReady, screenshot } from "../lib/browser.mjs";

const DEMO_MUNICIPALITY = "Заречный муниципальный округ";
let server;
let browser;
withDemo((s, b) => {
  server = s;
  browser = b;
});

for (const size of SIZES) {
  test(`the shell renders in Russian and responds on a ${size.name}`, async () => {
    const { context, errors } = await device(browser, size);
    const page = await context.newPage();
    await page.goto(server.url + "/");
    await page.getByTestId("home").waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "ru");
    assert.equal(await page.title(), "Мера");
    await page.getByTestId("school-name").filter({ hasText: DEMO_MUNICIPALITY }).waitFor();
    // Nobody is signed in yet: the start page says what Mera is and offers the way in.
    await page.getByRole("link", { name: "Войти" }).first().waitFor();

    // The wasm app is live: the connection indicator follows the browser's state.
    assert.equal(await page.getByTestId("network").innerText(), "В сети");
    await context.setOffline(true);
    await page.getByTestId("network").filter({ hasText: "Нет связи" }).waitFor();
    await context.setOffline(false);
    await page.getByTestId("network").filter({ hasText: "В сети" }).waitFor();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, `shell-${size.name}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`after one visit the app opens with the network cut on a ${size.name}`, async () => {
    const { context, errors } = await device(browser, size);
    const first = await context.newPage();
    await first.goto(server.url + "/");
    await waitForOfflineReady(first);
    await first.getByTestId("offline-ready").waitFor();
    await first.getByTestId("school-name").filter({ hasText: DEMO_MUNICIPALITY }).waitFor();
    await first.close();

    await context.setOffline(true);
    const page = await context.newPage();
    await page.goto(server.url + "/");
    await page.getByTestId("home").waitFor();
    assert.equal(await page.getByTestId("network").innerText(), "Нет связи");
    // The school's name was kept on the device.
    await page.getByTestId("school-name").filter({ hasText: DEMO_MUNICIPALITY }).waitFor();
    await screenshot(page, `offline-${size.name}`);

    // Any route opens offline: the same shell serves them all.
    await page.goto(server.url + "/no/such/page");
    await page.getByRole("heading", { name: "Страница не найдена" }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the manifest is valid and the service worker is registered", async () => {
  const { context } = await device(browser, SIZES[1]);
  const page = await context.newPage();
  await page.goto(server.url + "/");
  await waitForOfflineReady(page);

  const href = await page.getAttribute('link[rel="manifest"]', "href");
  const res = await page.request.get(server.url + href);
  assert.equal(res.headers()["content-type"], "application/manifest+json");
  const manifest = await res.json();
  assert.equal(manifest.short_name, "Мера");
  assert.equal(manifest.lang, "ru");
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.theme_color, await page.getAttribute('meta[name="theme-color"]', "content"));
  for (const side of [192, 512]) {
    const icon = manifest.icons.find((i) => i.sizes === `${side}x${side}`);
    assert.ok(icon, `no ${side}px icon`);
    const png = await (await page.request.get(server.url + icon.src)).body();
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.equal(png.readUInt32BE(16), side, `${icon.src} width`);
    assert.equal(png.readUInt32BE(20), side, `${icon.src} height`);
  }

  const worker = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const [name] = await caches.keys();
    const cached = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    return { scope: registration.scope, state: registration.active?.state, cached };
  });
  assert.equal(worker.scope, server.url + "/");
  assert.equal(worker.state, "activated");
  for (const file of ["/", "/pkg/mera.wasm", "/pkg/mera.js", "/pkg/mera.css", "/manifest.webmanifest"]) {
    assert.ok(worker.cached.includes(file), `${file} is not cached for offline use`);
  }
  await context.close();
});
