//! The screen's size where a page lays itself out differently: on a phone the long parts of a
//! detail page start folded, on a desktop they start open.

/// The narrowest width (CSS pixels) at which a page shows everything at once.
pub const WIDE: f64 = 900.0;

pub fn wide() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= WIDE)
}
