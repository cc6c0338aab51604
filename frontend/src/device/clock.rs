//! Device time as people read it: in the device's own time zone.

use domain::format;

/// `2026-11-25T09:15:00Z` → `25.11.2026 12:15` on a tablet in Moscow time. Text that is not a
/// timestamp is shown as the device sent it.
pub fn local_date_time(iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return format::date_time(iso);
    }
    format!(
        "{:02}.{:02}.{} {}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        format::clock_time(date.get_hours(), date.get_minutes())
    )
}
