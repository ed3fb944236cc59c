//! The overview screen.

use leptos::prelude::*;

/// The overview screen.
#[component]
pub fn Overview(#[prop(optional)] id: Option<String>) -> impl IntoView {
    let _ = id;
    view! { <h1>"Overview"</h1> }
}
