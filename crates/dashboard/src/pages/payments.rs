//! The payments screen.

use leptos::prelude::*;

/// The payments screen.
#[component]
pub fn Payments(#[prop(optional)] id: Option<String>) -> impl IntoView {
    let _ = id;
    view! { <h1>"Payments"</h1> }
}
