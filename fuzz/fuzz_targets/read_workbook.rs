#![no_main]
//! Arbitrary bytes as a workbook: read, extract and check must never panic outside the
//! reader's own guard, and never abort.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    hyoka_fuzz_common::run(data);
});

#[path = "common.rs"]
mod hyoka_fuzz_common;
