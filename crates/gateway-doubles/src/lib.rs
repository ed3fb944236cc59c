//! Test doubles of the card gateways Kassa's connectors speak to, for the
//! tests of `kassa-processor` and `kassa-server`.
//!
//! Each double is a real HTTP server on loopback that speaks its gateway's
//! documented wire format and is as strict as the gateway: it checks the
//! credentials, the required fields and their formats, and answers in the
//! documented shape. It was written from the gateway's documents
//! (`../shared/seeds/`, `../shared/gateways.md`, the gateways' public API
//! references), never from Kassa's connector; where the documents are
//! silent, the double's module says what it chose.
//!
//! Shared here: [`start`], which serves a double's router, records every
//! request ([`Recorded`]) and plays scripted [`Fault`]s.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub mod creditguard;
pub mod icount;
pub mod stripe;

/// One request as the double received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `POST`, `GET`, …
    pub method: String,
    /// The path and query.
    pub path: String,
    /// Every header, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: String,
}

/// Something a double does wrong on purpose, once, to the next request
/// whose path contains the fault's pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer 500 without processing the request (nothing happens).
    ServerError,
    /// Process the request (a charge is made), then answer 502: the answer
    /// is lost although the work was done.
    ServerErrorAfterProcessing,
    /// Process the request, then hold the answer this long (a client with a
    /// shorter timeout gives up: the charge exists, its answer is lost).
    AnswerAfter(Duration),
    /// Process the request, then answer with a body no client can read.
    Malformed,
}

/// A fault waiting for its request: the path pattern, what the body must
/// contain (if anything), the fault.
type Scripted = (String, Option<String>, Fault);

/// What every double shares: its request log and its scripted faults.
#[derive(Clone, Debug, Default)]
pub struct Control {
    log: Arc<Mutex<Vec<Recorded>>>,
    faults: Arc<Mutex<VecDeque<Scripted>>>,
}

impl Control {
    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Plays `fault` on the next request whose path contains `pattern`.
    pub fn fail_next(&self, pattern: &str, fault: Fault) {
        self.faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back((pattern.to_owned(), None, fault));
    }

    /// Plays `fault` on the next request whose path contains `pattern` and
    /// whose raw body contains `body`: for gateways whose every command
    /// takes one path (CreditGuard's relay names its command in the body).
    ///
    /// ```
    /// use kassa_gateway_doubles::{Control, Fault};
    ///
    /// let control = Control::default();
    /// control.fail_next_with_body("/xpo/Relay", "cancelDeal", Fault::ServerErrorAfterProcessing);
    /// assert!(control.requests().is_empty());
    /// ```
    pub fn fail_next_with_body(&self, pattern: &str, body: &str, fault: Fault) {
        self.faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back((pattern.to_owned(), Some(body.to_owned()), fault));
    }

    fn take_fault(&self, path: &str, body: &str) -> Option<Fault> {
        let mut faults = self.faults.lock().unwrap_or_else(PoisonError::into_inner);
        let index = faults.iter().position(|(pattern, wanted, _)| {
            path.contains(pattern.as_str()) && wanted.as_deref().is_none_or(|w| body.contains(w))
        })?;
        faults.remove(index).map(|(_, _, fault)| fault)
    }
}

/// A running double: its address and its [`Control`].
#[derive(Debug)]
pub struct Running {
    /// `http://127.0.0.1:<port>`.
    pub origin: String,
    /// The log and the faults.
    pub control: Control,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `router` on a free loopback port, recording every request and
/// playing the faults scripted on the returned [`Running::control`].
///
/// # Panics
/// When no loopback port can be bound (a broken test machine).
pub async fn start(router: Router) -> Running {
    let control = Control::default();
    let app = router.layer(axum::middleware::from_fn_with_state(
        control.clone(),
        record_and_fault,
    ));
    #[allow(clippy::expect_used)]
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind a loopback port");
    #[allow(clippy::expect_used)]
    let address = listener.local_addr().expect("local address");
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Running {
        origin: format!("http://{address}"),
        control,
        task,
    }
}

async fn record_and_fault(
    State(control): State<Control>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), ToString::to_string);
    control
        .log
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Recorded {
            method: parts.method.to_string(),
            path: path.clone(),
            headers: parts
                .headers
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: String::from_utf8_lossy(&bytes).into_owned(),
        });
    let fault = control.take_fault(&path, &String::from_utf8_lossy(&bytes));
    if fault == Some(Fault::ServerError) {
        return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(Bytes::clone(&bytes))))
        .await;
    match fault {
        Some(Fault::ServerErrorAfterProcessing) => {
            (StatusCode::BAD_GATEWAY, "bad gateway").into_response()
        }
        Some(Fault::AnswerAfter(delay)) => {
            tokio::time::sleep(delay).await;
            response
        }
        Some(Fault::Malformed) => {
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(axum::http::header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from("<html><body>upstream hiccup"))
        }
        _ => response,
    }
}
