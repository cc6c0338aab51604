use std::net::SocketAddr;
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::routes::{router, AppState};
use crate::shell::Shell;
use crate::Error;

/// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
pub async fn run(config: Config, db: DatabaseConnection) -> Result<(), Error> {
    let shell = Shell::load(&config.site_root)?;
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    tracing::info!(version = %shell.version, "app shell ready");
    let state = AppState {
        db,
        shell: Arc::new(shell),
        config: Arc::new(config),
        batches: Default::default(),
    };
    println!("Мера работает: http://{addr}");
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
