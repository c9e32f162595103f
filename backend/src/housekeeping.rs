//! The background task that removes expired codes, tokens and sessions (see `store::prune`),
//! every `--prune-interval` seconds. Several nodes may run it at once: each batch deletes
//! what is still there.

use std::time::Duration;

use crate::state::AppState;

/// Starts the task unless the interval is 0. The first pass runs one interval after start,
/// so that starting the server stays quick.
pub fn start(state: &AppState) {
    let seconds = state.config.housekeeping.prune_interval;
    if seconds == 0 {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(seconds));
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        interval.tick().await;
        loop {
            interval.tick().await;
            prune_once(&state).await;
        }
    });
}

async fn prune_once(state: &AppState) {
    let unused_for = state.config.registration.unused_days.max(1) * 86_400;
    match state
        .store
        .delete_unused_registrations(state.now() - unused_for)
        .await
    {
        Ok(0) => {}
        Ok(removed) => tracing::info!(removed, "removed self-registered clients never used"),
        Err(err) => tracing::warn!(error = %err, "removing unused registrations failed"),
    }
    match state.store.prune_expired(state.now()).await {
        Ok(report) if report.total() > 0 => tracing::info!(
            tokens = report.tokens,
            codes = report.codes,
            sessions = report.sessions,
            "removed expired rows"
        ),
        Ok(_) => {}
        Err(err) => tracing::warn!(error = %err, "removing expired rows failed"),
    }
}
