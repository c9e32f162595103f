//! The end-to-end suite: the real server over HTTP, a real headless browser, real OAuth
//! clients. One test binary for every suite, because each integration-test file would otherwise
//! link the server, reqwest, sqlx and the browser driver again: 16 debug binaries filled a CI
//! disk. `cargo test` runs it against SQLite; the test command runs it again inside
//! scripts/with-postgres.sh, the only pass that runs the `multi_node` tests.

mod account_log_api;
mod account_sessions_api;
mod accounts_api;
mod admin_api;
mod apis_api;
mod apps_api;
mod audit_export;
mod authorization_pages;
mod client_metadata_documents;
mod console_account;
mod console_admin;
mod console_apis;
mod console_apps;
mod console_connections;
mod console_first_load;
mod console_forms;
mod console_navigation;
mod console_passkeys;
mod console_phone;
mod console_secrets;
mod console_shell;
mod console_sign_up;
mod console_size;
mod console_sudo;
mod console_teams;
mod console_two_factor;
mod device_flow;
mod dynamic_registration;
mod http_basics;
mod jwt_access_tokens;
mod live_token_effects;
mod mcp_clients;
mod metrics;
mod multi_node;
mod oauth2_crate_client;
mod oauth_flows;
mod oauth_security;
mod openapi;
mod openid_connect;
mod passkey_second_factor;
mod passkeys_api;
mod password_reset_api;
mod pruning;
mod refresh_security;
mod request_refusals;
mod resource_indicators;
mod secrets_api;
mod sign_in_attacks;
mod sign_up_abuse;
mod slow_clients;
mod sudo_mode_api;
mod svg_icons;
mod team_audit;
mod team_invitation_mail;
mod team_invitations;
mod team_lists;
mod team_permissions;
mod team_transfer;
mod teams_api;
mod two_factor_api;
mod two_factor_pages;
