// Starts a real `mera` server for a test: its own SQLite file, a free port, the demo loaded.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, cpSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const MERA_BIN = process.env.MERA_BIN ?? join(ROOT, "target", "release", "mera");
export const SITE_ROOT = process.env.MERA_SITE_ROOT ?? join(ROOT, "target", "site");

async function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** A private copy of the built site, for tests that change the app's files. */
export function copySite() {
  const dir = mkdtempSync(join(tmpdir(), "mera-site-"));
  cpSync(SITE_ROOT, dir, { recursive: true });
  return dir;
}

export class MeraServer {
  constructor({ siteRoot = SITE_ROOT, demo = true } = {}) {
    this.siteRoot = siteRoot;
    this.dataDir = mkdtempSync(join(tmpdir(), "mera-e2e-"));
    this.env = {
      ...process.env,
      DATABASE_URL: `sqlite://${join(this.dataDir, "mera.db")}`,
      MERA_SITE_ROOT: siteRoot,
      RUST_LOG: "warn",
    };
    execFileSync(MERA_BIN, ["migrate"], { env: this.env, stdio: "ignore" });
    if (demo) execFileSync(MERA_BIN, ["demo"], { env: this.env, stdio: "ignore" });
  }

  async start() {
    this.port ??= await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.process = spawn(MERA_BIN, ["serve"], {
      env: { ...this.env, MERA_ADDR: `127.0.0.1:${this.port}` },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return this;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`mera serve did not answer on ${this.url}`);
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process.once("exit", r));
    this.process.kill("SIGTERM");
    await exited;
  }

  async dispose() {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
