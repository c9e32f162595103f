//! A small axum server of the tests' own (an app's website, a resource server), served on a
//! loopback listener until its `Serving` handle is dropped.

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Stops the server when dropped (with its test).
pub struct Serving(Option<oneshot::Sender<()>>);

/// Serves `router` on `listener` in the background.
pub fn serve(listener: TcpListener, router: Router) -> Serving {
    let (shutdown, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    Serving(Some(shutdown))
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(shutdown) = self.0.take() {
            let _ = shutdown.send(());
        }
    }
}
