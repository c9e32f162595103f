//! What surrounds every page: the header and the signed-in guard.

pub mod header;
pub mod require_session;
pub mod setup_guard;
