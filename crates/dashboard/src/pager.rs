//! "Previous page" and "Next page" over the API's keyset pages.
//!
//! The API hands out only a `next_cursor` (keyset pages stay fast on
//! 100,000 invoices, where offsets would not); going back is the app
//! remembering the cursor of every page it opened on the way.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::Ctx;
use crate::api::Failure;
use crate::i18n::fill;

/// The cursors of the pages opened since the first: `None` is the first
/// page, each `Some` the `next_cursor` that opened the page after.
///
/// ```
/// use kassa_dashboard::pager::Trail;
/// let mut trail = Trail::default();
/// assert_eq!(trail.forward("c2".into()), Some("c2".into()));
/// assert_eq!(trail.forward("c3".into()), Some("c3".into()));
/// assert_eq!(trail.number(), 3);
/// assert_eq!(trail.back(), Some("c2".into()), "page 2 again");
/// assert_eq!(trail.back(), None, "the first page");
/// assert_eq!(trail.back(), None, "and no further");
/// assert_eq!(trail.number(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trail {
    cursors: Vec<Option<String>>,
}

impl Default for Trail {
    fn default() -> Self {
        Trail {
            cursors: vec![None],
        }
    }
}

impl Trail {
    /// Opens the page after this one; its cursor, to load it.
    pub fn forward(&mut self, cursor: String) -> Option<String> {
        self.cursors.push(Some(cursor.clone()));
        Some(cursor)
    }

    /// Goes back a page (not before the first); the cursor to load it.
    pub fn back(&mut self) -> Option<String> {
        if self.cursors.len() > 1 {
            self.cursors.pop();
        }
        self.cursors.last().cloned().flatten()
    }

    /// Which page this is, from 1.
    pub fn number(&self) -> usize {
        self.cursors.len()
    }
}

/// A keyset-paged list screen's state: the page shown, the pages opened
/// on the way to it, and the last call's error.
#[derive(Debug)]
pub struct PagedList<T: Send + Sync + 'static> {
    /// The page shown; `None` while the first loads.
    pub page: RwSignal<Option<T>>,
    /// The pages opened so far.
    pub trail: RwSignal<Trail>,
    /// What went wrong with the last load.
    pub error: RwSignal<Option<String>>,
}

impl<T: Send + Sync + 'static> Clone for PagedList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for PagedList<T> {}

impl<T: Send + Sync + 'static> PagedList<T> {
    /// An empty list, nothing loaded.
    pub fn new() -> Self {
        PagedList {
            page: RwSignal::new(None),
            trail: RwSignal::new(Trail::default()),
            error: RwSignal::new(None),
        }
    }

    /// Loads the page of a cursor (`None`: the first) with `fetch`, showing
    /// it or the error; a lost session goes back to sign-in.
    pub fn loader<F, Fut>(self, fetch: F) -> impl Fn(Option<String>) + Copy + 'static
    where
        F: Fn(Option<String>) -> Fut + Copy + 'static,
        Fut: Future<Output = Result<T, Failure>> + 'static,
    {
        let ctx = Ctx::get();
        move |cursor: Option<String>| {
            self.error.set(None);
            spawn_local(async move {
                match fetch(cursor).await {
                    Ok(list) => self.page.set(Some(list)),
                    Err(failure) => self.error.set(Some(ctx.fail(&failure))),
                }
            });
        }
    }
}

impl<T: Send + Sync + 'static> Default for PagedList<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The list's page controls: "Previous page" after the first page, the
/// page's number, and "Next page" while the server has more. Each loads
/// through `load` with the cursor of the page to show.
#[component]
pub fn Pager(
    /// The pages opened so far; the caller resets it for a new search.
    trail: RwSignal<Trail>,
    /// The server's `next_cursor` for the page shown.
    next: Option<String>,
    /// Loads the page of a cursor (`None`: the first).
    load: Callback<Option<String>>,
) -> impl IntoView {
    let t = Ctx::get().t();
    let number = trail.with_untracked(Trail::number);
    if number == 1 && next.is_none() {
        return ().into_any();
    }
    view! {
        <nav class="pager" aria-label=t.pages>
            {(number > 1).then(|| view! {
                <button
                    id="previous-page"
                    type="button"
                    on:click=move |_| {
                        let mut cursor = None;
                        trail.update(|trail| cursor = trail.back());
                        load.run(cursor);
                    }
                >
                    {t.previous_page}
                </button>
            })}
            <span id="page-number" aria-current="page">
                {fill(t.page_number, &[("n", &number.to_string())])}
            </span>
            {next.map(|cursor| view! {
                <button
                    id="next-page"
                    type="button"
                    on:click=move |_| {
                        let mut opened = None;
                        trail.update(|trail| opened = trail.forward(cursor.clone()));
                        load.run(opened);
                    }
                >
                    {t.next_page}
                </button>
            })}
        </nav>
    }
    .into_any()
}
