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

/// Every file chosen in an `<input type="file" multiple>`, each as [`picked`] gives one; `None`
/// when one could not be read.
pub async fn picked_all(input: &web_sys::HtmlInputElement) -> Option<Vec<(String, String)>> {
    let files = input.files()?;
    let mut out = Vec::new();
    for i in 0..files.length() {
        let file = files.get(i)?;
        let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
        let bytes = js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec();
        out.push((
            file.name(),
            base64::engine::general_purpose::STANDARD.encode(bytes),
        ));
    }
    Some(out)
}

/// The first file chosen, as the browser holds it.
pub fn picked_file(input: &web_sys::HtmlInputElement) -> Option<web_sys::File> {
    input.files()?.get(0)
}

/// The first file chosen, as UTF-8 text.
pub async fn picked_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}

/// Offers `text` as a download named `name` (a JSON file the user keeps).
pub fn download(name: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    offer(name, &parts, "application/json")
}

/// Offers a file the server made (base64) as a download named `name`.
pub fn download_base64(name: &str, base64: &str, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .map_err(|_| wasm_bindgen::JsValue::from_str("base64"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    offer(name, &parts, mime)
}

fn offer(name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = leptos::prelude::document()
        .create_element("a")?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}
