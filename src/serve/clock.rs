//! The time a round records: for people (with its offset) and for names of stored files.

/// Now, in the machine's time zone: for people (`2026-12-01 18:30:05 +09:00`) and for a
/// version's file name (`20261201T183005`).
pub fn now() -> (String, String) {
    let t = jiff::Zoned::now();
    (
        t.strftime("%Y-%m-%d %H:%M:%S %:z").to_string(),
        t.strftime("%Y%m%dT%H%M%S").to_string(),
    )
}
