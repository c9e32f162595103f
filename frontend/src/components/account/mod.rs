//! The signed-in person's own account: changing their password, their signed-in browsers, their
//! passkeys (and signing in with one), and the new-password field the change and the reset
//! forms share.

pub mod change_password;
pub mod code_field;
pub mod new_password;
pub mod passkey_row;
pub mod passkey_sign_in;
pub mod passkeys;
pub mod second_factor_step;
pub mod session_row;
pub mod two_factor;
