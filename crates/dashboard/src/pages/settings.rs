//! The settings screen.

use leptos::prelude::*;

/// The settings screen.
#[component]
pub fn Settings(#[prop(optional)] id: Option<String>) -> impl IntoView {
    let _ = id;
    view! { <h1>"Settings"</h1> }
}
