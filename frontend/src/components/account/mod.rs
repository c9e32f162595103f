//! The signed-in person's own account: changing their password, their signed-in browsers, and
//! the new-password field the change and the reset forms share.

pub mod change_password;
pub mod new_password;
pub mod session_row;
