//! The wasm entry point. The server sends the same static shell for every route (so the
//! service worker can serve it offline for any URL), and the app mounts into its body.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
