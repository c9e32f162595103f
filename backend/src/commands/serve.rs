use std::sync::Arc;

use crate::clock::SystemClock;
use crate::config::ServeConfig;
use crate::server::{shutdown_signal, Application};

pub async fn run(config: ServeConfig, database_url: &str) -> anyhow::Result<()> {
    let app = Application::build(config, database_url, Arc::new(SystemClock)).await?;
    app.run_until(shutdown_signal()).await?;
    Ok(())
}
