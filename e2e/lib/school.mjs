// A school as a real one starts, with no demo: added from the console with its staff, then the
// app's own server functions called from a signed-in page, as the screens call them.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

import { MERA_BIN } from "./server.mjs";

/** The header the app's own requests carry (the server refuses a POST without it). */
export const APP = { "X-Requested-With": "mera" };

/** `mera school add` and `mera user add` for each of `staff`: [username, full name, role]. */
export function addSchool(server, { short, full, password, staff }) {
  const mera = (args, input) => execFileSync(MERA_BIN, args, { env: server.env, input, stdio: ["pipe", "ignore", "inherit"] });
  mera(["school", "add", short, "--name", full, "--municipality", "Город N"]);
  for (const [username, name, role] of staff) {
    mera(["user", "add", username, "--name", name, "--role", role, "--school", short], password);
  }
}

/** A server function called from the signed-in page; its answer as JSON (null when none). */
export async function post(server, page, endpoint, form) {
  const res = await page.request.post(`${server.url}/api/${endpoint}`, { form, headers: APP });
  assert.equal(res.status(), 200, `${endpoint}: ${await res.text()}`);
  return res.json().catch(() => null);
}

/** A CSV file for `setInputFiles`. */
export const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
