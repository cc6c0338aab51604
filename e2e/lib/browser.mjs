// Debian's Chromium driven by playwright-core; Playwright never downloads a browser here.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const PHONE = { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const TABLET = { name: "tablet", viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { name: "desktop", viewport: { width: 1366, height: 900 } };
export const SIZES = [PHONE, TABLET];

export const ARTIFACTS = resolve(import.meta.dirname, "..", "artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** A fresh browser profile at a device size; each has its own service worker and storage. */
export async function device(browser, size) {
  const { name, ...options } = size;
  const context = await browser.newContext({ ...options, locale: "ru-RU" });
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  // The CSP forbids inline styles: a screen that relies on one is drawn wrong, and says so only
  // here. Every violation is an error of the test.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.sample || ""} ${e.sourceFile || ""}:${e.lineNumber || ""}`);
    });
  });
  context.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" && (text.startsWith("CSP violation") || text.includes("Content Security Policy"))) errors.push(text);
  });
  return { context, errors };
}

/** Waits until a service worker controls the page: the shell is cached for offline use. */
export async function waitForOfflineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A fresh device at `size`, signed in through the login form (the demo password by default). */
export async function signIn(browser, server, size, username, password = "demo") {
  const { context, errors } = await device(browser, size);
  const page = await context.newPage();
  await page.goto(server.url + "/login");
  await page.getByLabel("Имя пользователя").fill(username);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
  return { context, page, errors };
}
