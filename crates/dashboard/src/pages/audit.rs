//! The audit screen.

use leptos::prelude::*;

/// The audit screen.
#[component]
pub fn Audit(#[prop(optional)] id: Option<String>) -> impl IntoView {
    let _ = id;
    view! { <h1>"Audit"</h1> }
}
