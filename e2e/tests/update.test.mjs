// A new version of the app replaces the old one on a tablet that keeps the app open: no device
// is left running an old wasm from its cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import { MeraServer, copySite } from "../lib/server.mjs";
import { TABLET, launch, device, waitForOfflineReady, screenshot } from "../lib/browser.mjs";

const cacheNames = (page) => page.evaluate(() => caches.keys());
const stylesheet = (page) => page.getAttribute('link[rel="stylesheet"]', "href");

test("a new version replaces the cached shell cleanly", async () => {
  const site = copySite();
  const server = await new MeraServer({ siteRoot: site }).start();
  const browser = await launch();
  try {
    const { context, errors } = await device(browser, TABLET);
    const page = await context.newPage();
    await page.goto(server.url + "/");
    await waitForOfflineReady(page);
    const [oldCache] = await cacheNames(page);
    const oldCss = await stylesheet(page);

    // Deploy a new build: a changed stylesheet, served by a restarted server.
    await server.stop();
    const css = join(site, "pkg", "mera.css");
    appendFileSync(css, "\n.release-marker-v2 { color: inherit; }\n");
    rmSync(css + ".br", { force: true });
    rmSync(css + ".gz", { force: true });
    await server.start();

    // The open tab checks for a new version (the app does so hourly and on every start).
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.getByTestId("update-banner").waitFor({ timeout: 20000 });
    await screenshot(page, "update-banner-tablet");
    await page.getByRole("button", { name: "Обновить" }).click();
    await page.getByTestId("home").waitFor();

    const caches = await cacheNames(page);
    assert.equal(caches.length, 1, `old caches were left: ${caches}`);
    assert.notEqual(caches[0], oldCache);
    const newCss = await stylesheet(page);
    assert.notEqual(newCss, oldCss);

    // With the network cut, the device opens the new version, not the old one.
    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto(server.url + "/");
    await offline.getByTestId("home").waitFor();
    assert.equal(await stylesheet(offline), newCss);
    const body = await offline.evaluate(async (href) => (await fetch(href)).text(), newCss);
    assert.match(body, /release-marker-v2/);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(site, { recursive: true, force: true });
  }
});
