//! One labelled control per form field: the label, the input, a hint and the
//! error, wired for screen readers (`aria-invalid`, `aria-describedby`, a
//! polite live region) and checked with kassa-card when the shopper types
//! and when they leave the field.

use kassa_card::{Date, ErrorCode, Formatted, InputKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::form::{Field, Values};
use crate::i18n::{self, Lang};

/// An error shown under a field: one of kassa-card's codes (shown in the
/// page's language) or the server's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    /// A kassa-card code.
    Code(ErrorCode),
    /// A message the server sent for a code the page does not know.
    Server(String),
}

impl FieldProblem {
    /// The message in the page's language.
    pub fn message(&self) -> String {
        match self {
            FieldProblem::Code(code) => i18n::words().message(*code).to_owned(),
            FieldProblem::Server(message) => message.clone(),
        }
    }
}

/// The errors on show, at most one per field.
///
/// A fixed slot per field rather than a `BTreeMap`: the page has fifteen
/// fields, and the map's balancing code was over 5 KB of the module.
///
/// ```
/// use kassa_checkout::components::fields::{FieldProblem, Problems};
/// use kassa_checkout::form::Field;
/// let mut problems = Problems::default();
/// problems.set(Field::Postal, Some(FieldProblem::Server("Unknown".into())));
/// problems.set(Field::Number, Some(FieldProblem::Server("Too short".into())));
/// assert_eq!(problems.first(), Some(Field::Number));
/// assert!(problems.contains(Field::Postal));
/// problems.set(Field::Number, None);
/// assert_eq!(problems.first(), Some(Field::Postal));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems([Option<FieldProblem>; Field::ALL.len()]);

impl Problems {
    /// The error on show for `field`.
    pub fn get(&self, field: Field) -> Option<&FieldProblem> {
        self.0[field as usize].as_ref()
    }

    /// Whether `field` shows an error.
    pub fn contains(&self, field: Field) -> bool {
        self.get(field).is_some()
    }

    /// Shows `problem` on `field`, or clears it with `None`.
    pub fn set(&mut self, field: Field, problem: Option<FieldProblem>) {
        self.0[field as usize] = problem;
    }

    /// The first field in page order with an error: it takes the focus.
    pub fn first(&self) -> Option<Field> {
        Field::ALL.into_iter().find(|field| self.contains(*field))
    }
}

/// The form's shared state, provided as context to every field.
#[derive(Clone, Copy, Debug)]
pub struct FormState {
    /// What the shopper typed.
    pub values: RwSignal<Values>,
    /// The errors on show.
    pub problems: RwSignal<Problems>,
    /// The page's language.
    pub lang: Lang,
    /// Today, for the expiry check.
    pub today: Date,
    /// What the page's one polite live region says: the error a field got
    /// when the shopper left it (the focus is elsewhere by then).
    pub announcement: RwSignal<String>,
}

impl FormState {
    /// Checks `field` as complete and shows or clears its error.
    pub fn check(self, field: Field) {
        let problem = self
            .values
            .with_untracked(|values| values.check(field, self.today));
        self.show(field, problem.map(FieldProblem::Code));
    }

    /// Shows (or clears) an error.
    pub fn show(self, field: Field, problem: Option<FieldProblem>) {
        self.problems
            .update(|problems| problems.set(field, problem));
    }

    /// After the shopper changed `field`: an error already on show is
    /// re-checked (so it leaves as soon as it is mended), otherwise only a
    /// mistake no more typing can mend is shown.
    pub fn recheck_while_typing(self, field: Field) {
        let shown = self
            .problems
            .with_untracked(|problems| problems.contains(field));
        if shown {
            self.check(field);
        } else if let Some(code) = self
            .values
            .with_untracked(|values| values.check_while_typing(field, self.today))
        {
            self.show(field, Some(FieldProblem::Code(code)));
        }
    }

    /// The error on show for `field`, in the page's language.
    pub fn message(self, field: Field) -> Option<String> {
        self.problems
            .with(|problems| problems.get(field).map(FieldProblem::message))
    }
}

/// How a field reformats itself while the shopper types.
pub type Formatter = fn(&str, usize, InputKind) -> Formatted;

/// A labelled text input bound to one field of [`FormState`].
#[component]
pub fn TextInput(
    /// The field.
    field: Field,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// The `autocomplete` token (`cc-number`, `email`…).
    autocomplete: &'static str,
    /// The `type` attribute.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `inputmode` attribute (`numeric`, `email`, `tel`, `text`).
    #[prop(default = "text")]
    inputmode: &'static str,
    /// Keeps the field left to right in right-to-left pages (card data).
    #[prop(optional)]
    ltr: bool,
    /// Whether the field may be left empty.
    #[prop(optional)]
    optional: bool,
    /// A hint under the label.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The `maxlength` attribute.
    #[prop(optional, into)]
    max_length: Option<Signal<u32>>,
    /// Reformats the text as the shopper types (card number, expiry).
    #[prop(optional)]
    formatter: Option<Formatter>,
    /// Called after each change (to re-check a dependent field).
    #[prop(optional)]
    on_change: Option<Callback<()>>,
    /// An element shown inside the field's row (the brand logo).
    #[prop(optional, into)]
    adornment: Option<ViewFn>,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let id = field.id();
    let error_id = field.error_id();
    let hint_id = [id, "-hint"].concat();
    let has_hint = hint.is_some();
    let describedby = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if state.message(field).is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_input = move |event: web_sys::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let mut text = input.value();
        if let Some(format) = formatter {
            // One character gone is a backspace or delete over a separator
            // maybe; a selection deleted is ordinary editing.
            let removed = state
                .values
                .with_untracked(|values| values.get(field).chars().count())
                .saturating_sub(text.chars().count());
            let kind = match event
                .dyn_ref::<web_sys::InputEvent>()
                .map(web_sys::InputEvent::input_type)
                .as_deref()
            {
                Some("deleteContentBackward") if removed == 1 => InputKind::DeleteBackward,
                Some("deleteContentForward") if removed == 1 => InputKind::DeleteForward,
                _ => InputKind::Other,
            };
            let caret = caret_in_chars(&text, input.selection_start().ok().flatten());
            let formatted = format(&text, caret, kind);
            if formatted.text() != text {
                input.set_value(formatted.text());
            }
            let caret = utf16_offset(formatted.text(), formatted.caret());
            let _ = input.set_selection_range(caret, caret);
            text = formatted.into_text();
        }
        state.values.update(|values| values.set(field, text));
        state.recheck_while_typing(field);
        if let Some(callback) = on_change {
            callback.run(());
        }
    };
    let on_blur = move |_| {
        let empty = state
            .values
            .with_untracked(|values| values.get(field).trim().is_empty());
        let shown = state
            .problems
            .with_untracked(|problems| problems.contains(field));
        if !empty || shown {
            state.check(field);
            if let Some(message) = state
                .problems
                .with_untracked(|problems| problems.get(field).map(FieldProblem::message))
            {
                state
                    .announcement
                    .set([label.get_untracked().as_str(), ": ", &message].concat());
            }
        }
    };
    let optional_text = i18n::texts().optional;
    view! {
        <div class="field" class:invalid=move || state.message(field).is_some()>
            <label for=id>
                {move || label.get()}
                {optional.then(|| view! { <span class="optional">" (" {optional_text} ")"</span> })}
            </label>
            {hint
                .map(|hint| {
                    view! {
                        <p class="hint" id=hint_id.clone()>
                            {move || hint.get()}
                        </p>
                    }
                })}
            <div class="control">
                <input
                    id=id
                    data-testid=id
                    type=input_type
                    inputmode=inputmode
                    autocomplete=autocomplete
                    dir=ltr.then_some("ltr")
                    spellcheck="false"
                    required=!optional
                    maxlength=move || max_length.map(|length| length.get())
                    aria-invalid=move || if state.message(field).is_some() { "true" } else { "false" }
                    aria-describedby=describedby
                    prop:value=move || state.values.with(|values| values.get(field).to_owned())
                    on:input=on_input
                    on:blur=on_blur
                />
                {adornment.map(|adornment| adornment.run())}
            </div>
            <p class="error" id=error_id.clone() data-testid=error_id>
                {move || state.message(field)}
            </p>
        </div>
    }
}

/// A labelled `<select>` bound to one field of [`FormState`].
#[component]
pub fn SelectInput(
    /// The field.
    field: Field,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// The `autocomplete` token.
    autocomplete: &'static str,
    /// `(value, text)` pairs; an empty value is the "choose" entry.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Called after each change.
    #[prop(optional)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let state = expect_context::<FormState>();
    let id = field.id();
    let error_id = field.error_id();
    let on_select = move |event: web_sys::Event| {
        let Some(select) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        state
            .values
            .update(|values| values.set(field, select.value()));
        state.recheck_while_typing(field);
        if let Some(callback) = on_change {
            callback.run(());
        }
    };
    let described = error_id.clone();
    // The options as one piece of HTML, set in one step: 249 countries as
    // separate elements were the largest part of the form's first render.
    // Rebuilt only when the list changes (the region list, with the
    // country); the choice itself is the select's `value`, set after.
    let options_html = Memo::new(move |_| options.with(|options| options_html(options)));
    let current = Memo::new(move |_| state.values.with(|values| values.get(field).to_owned()));
    view! {
        <div class="field" class:invalid=move || state.message(field).is_some()>
            <label for=id>{move || label.get()}</label>
            <div class="control">
                <select
                    id=id
                    data-testid=id
                    autocomplete=autocomplete
                    required=true
                    aria-invalid=move || if state.message(field).is_some() { "true" } else { "false" }
                    aria-describedby=move || state.message(field).map(|_| described.clone())
                    on:change=on_select
                    inner_html=options_html
                    prop:value=move || {
                        // After the options (a new list resets the choice).
                        options_html.track();
                        current.get()
                    }
                ></select>
            </div>
            <p class="error" id=error_id.clone() data-testid=error_id>
                {move || state.message(field)}
            </p>
        </div>
    }
}

/// `<option>` elements for `(value, text)` pairs, escaped.
///
/// ```
/// use kassa_checkout::components::fields::options_html;
/// let html = options_html(&[(String::new(), "Choose…".into()), ("TT".into(), "Trinité & <Tobago>".into())]);
/// assert_eq!(html, r#"<option value="">Choose…</option><option value="TT">Trinité &amp; &lt;Tobago&gt;</option>"#);
/// ```
pub fn options_html(options: &[(String, String)]) -> String {
    let mut html = String::new();
    for (value, text) in options {
        html.push_str("<option value=\"");
        escape_into(&mut html, value);
        html.push_str("\">");
        escape_into(&mut html, text);
        html.push_str("</option>");
    }
    html
}

/// `text` with the characters HTML gives meaning to as entities.
fn escape_into(html: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            other => html.push(other),
        }
    }
}

/// The caret position in characters, from the browser's UTF-16 offset.
fn caret_in_chars(text: &str, utf16_caret: Option<u32>) -> usize {
    let Some(target) = utf16_caret.map(|caret| caret as usize) else {
        return text.chars().count();
    };
    let mut units = 0;
    for (index, character) in text.chars().enumerate() {
        if units >= target {
            return index;
        }
        units += character.len_utf16();
    }
    text.chars().count()
}

/// The browser's UTF-16 offset of a caret given in characters.
fn utf16_offset(text: &str, caret_chars: usize) -> u32 {
    let units: usize = text.chars().take(caret_chars).map(char::len_utf16).sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_convert_between_characters_and_utf16_units() {
        assert_eq!(caret_in_chars("4242 42", Some(4)), 4);
        assert_eq!(caret_in_chars("a\u{1F600}b", Some(3)), 2);
        assert_eq!(caret_in_chars("abc", None), 3);
        assert_eq!(utf16_offset("a\u{1F600}b", 2), 3);
    }
}
