//! Reading a file the user picked, for uploads that travel inside a server function call.

use base64::Engine as _;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The first file chosen in an `<input type="file">`: its name and its bytes in base64.
pub async fn picked(input: &web_sys::HtmlInputElement) -> Option<(String, String)> {
    let file = input.files()?.get(0)?;
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec();
    Some((
        file.name(),
        base64::engine::general_purpose::STANDARD.encode(bytes),
    ))
}
