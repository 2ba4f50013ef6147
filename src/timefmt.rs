//! Claim timestamps rendered as UTC and local wall-clock text plus a signed delta to "now".
//!
//! Owns calendar arithmetic (proleptic Gregorian, civil-from-days after Howard Hinnant's
//! public-domain algorithm) for years 0..=9999; anything outside is clamped and flagged, never a
//! panic or overflow, for every `i64`. Must not read a clock (`now` and the local offset are
//! inputs) and must not hold sentences: relative phrases live in `explain::decode`.

/// 0000-01-01 00:00:00 UTC in seconds since the epoch: the earliest instant rendered.
pub const MIN_SECS: i64 = -62_167_219_200;
/// 9999-12-31 23:59:59 UTC in seconds since the epoch: the latest instant rendered.
pub const MAX_SECS: i64 = 253_402_300_799;
/// Largest local offset accepted, in minutes (±18 h, as ISO 8601 and `java.time` allow).
pub const MAX_OFFSET_MINUTES: i32 = 18 * 60;

const SECS_PER_DAY: i64 = 86_400;

/// Whether an instant had to be clamped into years 0..=9999 to be rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clamp {
    /// Rendered as is.
    InRange,
    /// Before 0000-01-01; rendered as that instant.
    BeforeYear0,
    /// After 9999-12-31 23:59:59; rendered as that instant.
    AfterYear9999,
}

/// A timestamp ready to display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeView {
    /// E.g. `2026-11-24 02:11:03 UTC`.
    pub utc: String,
    /// E.g. `2026-11-24 03:11:03 UTC+01:00`.
    pub local: String,
    /// `value − now` in seconds (saturating): negative means in the past.
    pub delta_secs: i64,
    /// Whether `utc`/`local` show a clamped instant.
    pub clamp: Clamp,
}

/// A calendar date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// Year (astronomical: year 0 exists).
    pub year: i64,
    /// 1..=12.
    pub month: u8,
    /// 1..=31.
    pub day: u8,
    /// 0..=23.
    pub hour: u8,
    /// 0..=59.
    pub minute: u8,
    /// 0..=59.
    pub second: u8,
}

/// A delta split into units for display; `days` carries everything above 24 h.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// True when the delta is negative (the instant is in the past).
    pub past: bool,
    /// Whole days.
    pub days: u64,
    /// 0..=23.
    pub hours: u64,
    /// 0..=59.
    pub minutes: u64,
    /// 0..=59.
    pub seconds: u64,
}

/// Splits a delta in seconds into days, hours, minutes and seconds (works for every `i64`).
pub fn split(delta_secs: i64) -> Span {
    let abs = delta_secs.unsigned_abs();
    Span {
        past: delta_secs < 0,
        days: abs / 86_400,
        hours: abs % 86_400 / 3_600,
        minutes: abs % 3_600 / 60,
        seconds: abs % 60,
    }
}

/// Clamps seconds into the renderable range.
pub fn clamp(secs: i64) -> (i64, Clamp) {
    if secs < MIN_SECS {
        (MIN_SECS, Clamp::BeforeYear0)
    } else if secs > MAX_SECS {
        (MAX_SECS, Clamp::AfterYear9999)
    } else {
        (secs, Clamp::InRange)
    }
}

/// Days since 1970-01-01 → (year, month, day). Exact for |days| below ~2.5 × 10^16; callers
/// pass clamped values, far inside that.
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe
        .saturating_add(era.saturating_mul(400))
        .saturating_add(i64::from(month <= 2));
    (year, month as u8, day as u8)
}

/// (year, month, day) → days since 1970-01-01; the inverse of [`civil_from_days`] for valid
/// dates in years 0..=9999 (other input is computed without panicking but meaninglessly).
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = year.saturating_sub(i64::from(month <= 2));
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era.saturating_mul(146_097)
        .saturating_add(doe)
        .saturating_sub(719_468)
}

/// Seconds since the epoch → calendar date and time, after clamping into years 0..=9999.
pub fn civil(secs: i64) -> (Civil, Clamp) {
    let (secs, clamp) = clamp(secs);
    (civil_unclamped(secs), clamp)
}

fn civil_unclamped(secs: i64) -> Civil {
    let (year, month, day) = civil_from_days(secs.div_euclid(SECS_PER_DAY));
    let sod = secs.rem_euclid(SECS_PER_DAY);
    Civil {
        year,
        month,
        day,
        hour: (sod / 3_600) as u8,
        minute: (sod % 3_600 / 60) as u8,
        second: (sod % 60) as u8,
    }
}

fn format_civil(c: &Civil) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `YYYY-MM-DD hh:mm:ss UTC`, clamped into years 0..=9999.
pub fn format_utc(secs: i64) -> String {
    format!("{} UTC", format_civil(&civil(secs).0))
}

/// Renders `value_secs` in UTC and at `local_offset_minutes` east of UTC (clamped to
/// ±[`MAX_OFFSET_MINUTES`]), with its delta to `now_secs`.
pub fn describe(value_secs: i64, now_secs: i64, local_offset_minutes: i32) -> TimeView {
    let (secs, clamp) = clamp(value_secs);
    let offset = local_offset_minutes.clamp(-MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES);
    // Near the ends the local time may fall in year -1 or 10000; that still renders.
    let local_secs = secs.saturating_add(i64::from(offset) * 60);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    TimeView {
        utc: format!("{} UTC", format_civil(&civil_unclamped(secs))),
        local: format!(
            "{} UTC{sign}{:02}:{:02}",
            format_civil(&civil_unclamped(local_secs)),
            abs / 60,
            abs % 60
        ),
        delta_secs: value_secs.saturating_sub(now_secs),
        clamp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_is_1970_01_01() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(civil_from_days(0), (1970, 1, 1));
    }

    #[test]
    fn leap_days_exist_in_2000_and_2024_but_not_1900() {
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_709_164_800), "2024-02-29 00:00:00 UTC");
        assert_eq!(
            days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28),
            1
        );
    }

    #[test]
    fn the_last_renderable_second_is_9999_12_31() {
        assert_eq!(format_utc(MAX_SECS), "9999-12-31 23:59:59 UTC");
        assert_eq!(format_utc(MIN_SECS), "0000-01-01 00:00:00 UTC");
    }

    #[test]
    fn negative_values_are_before_the_epoch() {
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59 UTC");
        assert_eq!(format_utc(-86_400 * 365), "1969-01-01 00:00:00 UTC");
    }

    #[test]
    fn extremes_are_clamped_and_flagged() {
        let v = describe(i64::MAX, i64::MIN, i32::MAX);
        assert_eq!(v.clamp, Clamp::AfterYear9999);
        assert_eq!(v.utc, "9999-12-31 23:59:59 UTC");
        assert_eq!(v.local, "10000-01-01 17:59:59 UTC+18:00");
        assert_eq!(v.delta_secs, i64::MAX);
        let v = describe(i64::MIN, i64::MAX, i32::MIN);
        assert_eq!(v.clamp, Clamp::BeforeYear0);
        assert_eq!(v.delta_secs, i64::MIN);
        assert_eq!(v.local, "-001-12-31 06:00:00 UTC-18:00");
    }

    #[test]
    fn describe_renders_utc_local_and_delta() {
        let v = describe(1_795_486_263, 1_795_486_263 - 300, 60);
        assert_eq!(v.utc, "2026-11-24 02:11:03 UTC");
        assert_eq!(v.local, "2026-11-24 03:11:03 UTC+01:00");
        assert_eq!(v.delta_secs, 300);
        assert_eq!(v.clamp, Clamp::InRange);
        assert_eq!(describe(0, 0, -330).local, "1969-12-31 18:30:00 UTC-05:30");
    }

    #[test]
    fn days_from_civil_inverts_civil_from_days_across_the_range() {
        let mut d = days_from_civil(0, 1, 1);
        let end = days_from_civil(9999, 12, 31);
        while d <= end {
            let (y, m, day) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, day), d);
            d += 997;
        }
    }

    #[test]
    fn split_handles_every_i64() {
        assert_eq!(
            split(-(3 * 3_600 + 12 * 60 + 5)),
            Span {
                past: true,
                days: 0,
                hours: 3,
                minutes: 12,
                seconds: 5
            }
        );
        assert_eq!(split(i64::MIN).days, 106_751_991_167_300);
        assert!(!split(0).past);
    }
}
