// Figures for `make bench`, from a real tablet-sized Chromium against a release server:
// - the save latency of one cell edit (the input handler, which writes the edit and its outbox
//   entry to local storage), p50 and p95, aim p95 under 16 ms (one frame);
// - one tablet with 2,000 waiting mutations: seconds from reconnect to «Синхронизировано», aim
//   under 3 s.
import { MeraServer } from "../lib/server.mjs";
import { launch, signIn, TABLET } from "../lib/browser.mjs";

const MIDTERM = /Промежуточная диагностика\. Математика, 5 класс/;
const WAITING = 2000;

const server = await new MeraServer().start();
const browser = await launch();
try {
  const { context, page } = await signIn(browser, server, TABLET, "teacher");
  await page.getByTestId("my-classes").waitFor();
  await page.getByRole("link", { name: "Работы" }).click();
  await page.getByTestId("procedures").getByRole("link", { name: MIDTERM }).click();
  await page.getByTestId("grid-row").first().waitFor();
  await page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 20000 });
  await context.setOffline(true);

  // Every cell of the class, typed one after another; the handler's time is the save latency.
  const times = await page.evaluate(() => {
    const inputs = [...document.querySelectorAll("table.grid input[inputmode=numeric]")];
    const out = [];
    for (const el of inputs) {
      const t = performance.now();
      el.value = "1";
      el.dispatchEvent(new Event("input", { bubbles: true }));
      out.push(performance.now() - t);
    }
    return out;
  });
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(`cell edit saved on the device: ${times.length} edits, p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms (aim p95 < 16 ms)`);

  // The outbox grows to 2,000 edits (the same cells typed again and again), as after a long
  // day offline.
  const made = await page.evaluate((waiting) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("mera.sync."));
    const state = JSON.parse(localStorage.getItem(key));
    const typed = state.pending.slice();
    while (state.pending.length < waiting) {
      const from = typed[state.pending.length % typed.length];
      const round = Math.floor(state.pending.length / typed.length);
      state.pending.push({
        ...from,
        id: crypto.randomUUID(),
        seq: state.next_seq,
        payload: { ...from.payload, score: round % 2 },
      });
      state.next_seq += 1;
    }
    localStorage.setItem(key, JSON.stringify(state));
    return state.pending.length;
  }, WAITING);

  const start = Date.now();
  await context.setOffline(false);
  await page.getByTestId("outbox").filter({ hasText: "Синхронизировано в" }).waitFor({ timeout: 120000 });
  const seconds = (Date.now() - start) / 1000;
  console.log(`one tablet with ${made} waiting edits: ${seconds.toFixed(2)} s from reconnect to «Синхронизировано» (aim < 3 s)`);
  await context.close();
} finally {
  await browser.close();
  await server.dispose();
}
