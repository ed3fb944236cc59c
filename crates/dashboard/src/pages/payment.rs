//! The payment screen.

use leptos::prelude::*;

/// The payment screen.
#[component]
pub fn Payment(#[prop(optional)] id: Option<String>) -> impl IntoView {
    let _ = id;
    view! { <h1>"Payment"</h1> }
}
