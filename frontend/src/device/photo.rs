//! Photos taken as evidence are scaled down on the device before they are kept: a phone photo of
//! 4 MB becomes a JPEG of a few hundred KB that fits the outbox in local storage and travels in
//! one sync, and is still sharp enough to read a document or see a whiteboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The longest side kept, in pixels.
const MAX_SIDE: f64 = 1600.0;
const QUALITY: f64 = 0.82;

pub fn is_photo(file: &web_sys::File) -> bool {
    matches!(
        file.type_().as_str(),
        "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "image/heif"
    )
}

/// The photo as a JPEG in base64, its longest side at most 1600 px; `None` when the browser
/// cannot read it.
pub async fn scaled_jpeg(file: &web_sys::File) -> Option<String> {
    let url = web_sys::Url::create_object_url_with_blob(file).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result.ok()?;
    let (w, h) = (
        f64::from(image.natural_width()),
        f64::from(image.natural_height()),
    );
    if w < 1.0 || h < 1.0 {
        return None;
    }
    let scale = (MAX_SIDE / w.max(h)).min(1.0);
    let (cw, ch) = ((w * scale).round(), (h * scale).round());
    let canvas: web_sys::HtmlCanvasElement = leptos::prelude::document()
        .create_element("canvas")
        .ok()?
        .unchecked_into();
    canvas.set_width(cw as u32);
    canvas.set_height(ch as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, cw, ch)
        .ok()?;
    let data = canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(QUALITY))
        .ok()?;
    data.split_once("base64,").map(|(_, b64)| b64.to_string())
}

/// The name the photo is kept under: its own, ending in .jpg.
pub fn jpeg_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    format!("{stem}.jpg")
}
