//! The developers screen.

use leptos::prelude::*;

/// The developers screen.
#[component]
pub fn Developers(#[prop(optional)] id: Option<String>) -> impl IntoView {
    let _ = id;
    view! { <h1>"Developers"</h1> }
}
