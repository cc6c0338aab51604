// The shared fixture of the browser tests: one server with the demo loaded and one Chromium per
// test file, started before its tests and stopped after them.
import { before, after } from "node:test";

import { MeraServer } from "./server.mjs";
import { launch } from "./browser.mjs";

/** Registers the fixture; `ready(server, browser)` receives both once they run. */
export function withDemo(ready) {
  let server;
  let browser;
  before(async () => {
    server = await new MeraServer().start();
    browser = await launch();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.dispose();
  });
}
