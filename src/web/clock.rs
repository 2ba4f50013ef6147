//! The browser's clock and time zone, the only sources of "now" in the app.

/// Seconds since the Unix epoch, from the browser's clock.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The viewer's UTC offset in minutes (east positive) at the given instant, so that daylight
/// saving time is right for each date rather than for today.
pub fn local_offset_minutes(at_secs: i64) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_secs as f64 * 1000.0));
    let west = date.get_timezone_offset();
    if west.is_finite() {
        -(west as i32)
    } else {
        0
    }
}

/// The current time of day in UTC, `HH:MM:SS`, for the network log.
pub fn time_of_day() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.get(11..19).unwrap_or_default().to_owned()
}
