//! The browser app: screens (`routes`), their parts (`components`) and what lives on the device
//! (`device`: the local store, the outbox, the sync engine). Built for wasm only; the server
//! compiles none of it. The server sends the same static shell for every route (so the service
//! worker can serve it offline for any URL), and [`mount`] mounts the app into its body: the app
//! is rendered in the browser, never on the server, so there is nothing to hydrate.
#![recursion_limit = "256"]

pub mod components;
pub mod device;
pub mod routes;
mod shell;

pub use shell::App;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
