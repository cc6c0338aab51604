// The server process is killed (SIGKILL) while it applies a tablet's batch; restarted on the same
// database, it holds the batch entirely or not at all, and the tablet's resend applies each edit
// exactly once. Runs over the HTTP surface, as a tablet talks to it.
import { test, after } from "node:test";
import assert from "node:assert/strict";

import { MeraServer } from "../lib/server.mjs";

const MIDTERM = "Промежуточная диагностика. Математика, 5 класс";
const server = new MeraServer();
after(() => server.dispose());

async function call(endpoint, body, cookie, json = false) {
  const res = await fetch(`${server.url}/api/${endpoint}`, {
    method: "POST",
    headers: {
      "x-requested-with": "mera",
      "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** The cells of the sheet that hold a score. */
function filled(sheet) {
  return sheet.results.flatMap((r) => r.scores.filter((s) => s.score !== null)).length;
}

test("a batch cut by SIGKILL is all or nothing, and the resend applies it exactly once", async () => {
  await server.start();
  const login = await call("login", { username: "teacher", password: "demo" });
  assert.equal(login.status, 200);
  const cookie = login.headers.get("set-cookie").split(";")[0];
  const list = await call("procedures/mine", {}, cookie);
  const midterm = list.body.find((p) => p.title === MIDTERM);
  const sheetOf = async () => (await call("procedure/sheet", { procedure_id: midterm.id }, cookie)).body;
  const sheet = await sheetOf();
  assert.equal(filled(sheet), 0, "the demo leaves the midterm unentered");

  const hello = await call("sync", { device: null, cursor: 0, last_seq_made: 0, mutations: [] }, cookie, true);
  const device = hello.body.device;
  // Every cell of the sheet: a batch the size the server takes at most.
  const mutations = [];
  for (const student of sheet.students) {
    for (const task of sheet.tasks) {
      if (mutations.length === 500) break;
      mutations.push({
        id: crypto.randomUUID(),
        seq: mutations.length + 1,
        kind: "result.score@1",
        payload: { procedure_id: midterm.id, student_id: student.id, task_id: task.id, score: 0 },
        base: null,
        at: new Date().toISOString(),
      });
    }
  }
  const batch = { device, cursor: 0, last_seq_made: mutations.length, mutations };

  // The batch goes out and the server dies under it; the tablet never gets an answer.
  const lost = call("sync", batch, cookie, true).then(() => "answered", () => "no answer");
  await new Promise((r) => setTimeout(r, 40));
  const exited = new Promise((r) => server.process.once("exit", r));
  server.process.kill("SIGKILL");
  await exited;
  const fate = await lost;

  // Restarted on the same database file: the batch is there entirely or not at all.
  await server.start();
  const afterCrash = filled(await sheetOf());
  assert.ok(afterCrash === 0 || afterCrash === mutations.length, `half-applied: ${afterCrash} of ${mutations.length} (${fate})`);

  // The tablet resends the same batch: every edit is applied, once.
  const resent = await call("sync", batch, cookie, true);
  assert.equal(resent.status, 200);
  assert.equal(resent.body.acked_seq, mutations.length);
  assert.equal(resent.body.applied.length, mutations.length);
  assert.deepEqual(resent.body.rejected, []);
  assert.equal(filled(await sheetOf()), mutations.length);
  // And once more: nothing changes, the same answers come back.
  const again = await call("sync", batch, cookie, true);
  assert.deepEqual(again.body.applied.sort(), resent.body.applied.sort());
  console.log(`# SIGKILL ${afterCrash === 0 ? "before the commit" : "after the commit"} (${fate}); ${mutations.length} edits applied once after the restart`);
});
