#![no_main]
// The property lives in the checks crate, which the regression tests also run.
libfuzzer_sys::fuzz_target!(|data: &[u8]| clientele_fuzz_checks::redirect_uri::check(data));
