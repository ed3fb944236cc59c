//! A router that is also its OpenAPI document.
//!
//! Routes come in through [`utoipa_axum::routes!`], which takes each
//! handler's method and path from its `#[utoipa::path]`, so what is served
//! and what is documented cannot drift apart. Every path given is also
//! remembered, [`route`](DocumentedRoutes::route)'s undocumented ones too,
//! so a test can check that the router serves nothing the document leaves
//! out.

use axum::Router;
use axum::routing::MethodRouter;
use utoipa::openapi::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use crate::state::AppState;

/// The application's routes with their OpenAPI document, and every path
/// they serve.
#[derive(Clone)]
pub struct DocumentedRoutes {
    router: OpenApiRouter<AppState>,
    paths: Vec<String>,
}

impl std::fmt::Debug for DocumentedRoutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentedRoutes")
            .field("paths", &self.paths)
            .finish_non_exhaustive()
    }
}

impl DocumentedRoutes {
    /// No routes yet; the document starts as `base`.
    pub fn new(base: OpenApi) -> DocumentedRoutes {
        DocumentedRoutes {
            router: OpenApiRouter::with_openapi(base),
            paths: Vec::new(),
        }
    }

    /// Adds handlers made into a method router by `routes!`, and their
    /// operations to the document.
    #[must_use]
    pub fn routes(mut self, routes: UtoipaMethodRouter<AppState>) -> DocumentedRoutes {
        self.paths.extend(routes.1.paths.keys().cloned());
        self.router = self.router.routes(routes);
        self
    }

    /// Adds a route without documenting it. The test that compares the
    /// router with `/api/openapi.json` fails until its handler has a
    /// `#[utoipa::path]` and comes in through [`routes`](Self::routes).
    #[must_use]
    pub fn route(mut self, path: &str, method_router: MethodRouter<AppState>) -> DocumentedRoutes {
        self.paths.push(path.to_owned());
        self.router = self.router.route(path, method_router);
        self
    }

    /// Every path given, in the order given (a path given twice, with
    /// different methods, appears twice).
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// The axum router and the document.
    pub fn split(self) -> (Router<AppState>, OpenApi) {
        self.router.split_for_parts()
    }
}
