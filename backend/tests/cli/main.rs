//! The `clientele` command as operators run it. One test binary for every command: each
//! integration-test file would otherwise link the whole server again.

mod cli_api;
mod cli_app;
mod cli_db;
mod cli_keys;
mod cli_user;
