//! The payment form: the order summary, the card and billing fields, the
//! installment choice, the pay button and the cancel link.

use kassa_api::{
    ChallengeInfo, CheckoutView, ErrorDetail, PayResponse, PayStatus, SaveCardMode, SavedCardOption,
};
use kassa_card::{
    Brand, CardNumber, Country, PostalCode, PostalKind, format_card_number, format_expiry,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiFailure};
use crate::browser;
use crate::components::brand_logo::BrandLogo;
use crate::components::fields::{FieldProblem, FormState, Problems, SelectInput, TextInput};
use crate::components::screens::Screen;
use crate::embed::Embed;
use crate::form::{Field, Values};
use crate::i18n::{self, Lang, Texts, decimal, fill};

/// The form for an open invoice.
#[component]
pub fn PayForm(
    /// The invoice as the checkout API describes it.
    view: CheckoutView,
    /// The page's language.
    lang: Lang,
    /// Switches the page to another screen (after a payment, on expiry).
    on_screen: Callback<Screen>,
    /// Fetches the invoice again (it changed under us).
    on_reload: Callback<()>,
) -> impl IntoView {
    let texts = i18n::texts();
    let today = browser::today();
    let use_embed = use_context::<Embed>();
    let state = FormState {
        values: RwSignal::new(initial_values(&view, lang)),
        problems: RwSignal::new(Problems::default()),
        lang,
        today,
        announcement: RwSignal::new(String::new()),
    };
    provide_context(state);

    let invoice_id = view.invoice_id.clone();
    let merchant = view.merchant_name.clone();
    let merchant_for_surcharge = merchant.clone();
    let amount_text = browser::format_money(&view.amount, &view.currency, lang);
    let money = {
        let currency = view.currency.clone();
        move |amount: &str| browser::format_money(amount, &currency, lang)
    };

    let installments = RwSignal::new(1u8);
    let network = RwSignal::new(None::<Brand>);
    let busy = RwSignal::new(false);
    let banner = Banner {
        title: RwSignal::new(String::new()),
        message: RwSignal::new(None),
    };
    let attempts_left = RwSignal::new(view.attempts_left);
    let idempotency_key = RwSignal::new(None::<String>);
    let seconds_left = RwSignal::new(view.expires_in);
    // Counted from a deadline, not from ticks: a throttled tab or a laptop
    // waking from sleep still shows the right time.
    let deadline_ms = browser::now_ms() + view.expires_in as f64 * 1000.0;
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let left = ((deadline_ms - browser::now_ms()) / 1000.0).ceil() as i64;
            seconds_left.set(left.max(0));
            // Time is up on this clock: ask the server (its clock decides),
            // unless a payment is in flight and its answer is on the way.
            if left <= 0 && !busy.get_untracked() {
                on_reload.run(());
            }
        },
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    let brand = Memo::new(move |_| state.values.with(Values::brand));
    // A new card is typed in; a saved one needs only its security code.
    let new_card = Memo::new(move |_| state.values.with(|values| values.saved_card.is_none()));
    // The merchant's card surcharge, worked out as the server will (the
    // same kassa-api terms on the same kassa-card rule) once the number says
    // which card it is. A saved card is never surcharged: its number is not
    // on the page.
    // A `bool` memo, the amounts beside it: a memo of the amounts was a
    // type of its own for the signal code (1 KB of the module gzipped).
    let surcharged = {
        let offer = view.surcharge.clone();
        Memo::new(move |_| {
            let Some(offer) = offer.as_ref() else {
                return false;
            };
            new_card.get()
                && state
                    .values
                    .with(|values| CardNumber::parse(&values.number).ok())
                    .is_some_and(|card| offer.applies_to(&card))
        })
    };
    // The surcharge and the total with it, while they apply.
    let surcharge = {
        let terms = view
            .surcharge
            .as_ref()
            .map(|offer| (offer.amount.clone(), offer.total.clone()));
        move || terms.clone().filter(|_| surcharged.get())
    };
    let surcharge_untracked = {
        let surcharge = surcharge.clone();
        move || untrack(&surcharge)
    };
    let networks = Memo::new(move |_| state.values.with(Values::networks));
    // Plain closures over the `brand` memo rather than memos of their own:
    // they change only with it, and a `Memo<&str>` and a `Memo<u8>` were
    // each a type of their own for leptos's signal code.
    let security_code_name = move || {
        brand
            .get()
            .and_then(Brand::security_code_name)
            .map_or("CVV", |name| name.as_str())
    };
    // A brand without a security code (UATP) still leaves the field open.
    let security_code_size = move || brand.get().map_or(4, Brand::security_code_size).max(3);
    // The country read from a memo of its code: a `Memo<String>` is a type
    // the page has anyway (each select's choice), a `Memo<Option<Country>>`
    // was one of its own for leptos's signal code.
    let country_code = Memo::new(move |_| state.values.with(|values| values.country.clone()));
    let country = move || country_code.with(|code| Country::parse(code).ok());
    let country_untracked = move || country_code.with_untracked(|code| Country::parse(code).ok());

    let on_number_change = Callback::new(move |()| {
        network.set(networks.get_untracked().first().copied());
        if state
            .problems
            .with_untracked(|problems| problems.contains(Field::Cvv))
        {
            state.check(Field::Cvv);
        }
    });
    // The shopper picks a saved card (`Some`) or a new one: the other
    // choice's code and errors go, the fields follow.
    let choose_card = move |card: Option<SavedCardOption>| {
        state.values.update(|values| {
            values.saved_card = card;
            values.cvv.clear();
        });
        state.problems.update(|problems| {
            for field in [
                Field::PaymentMethod,
                Field::Number,
                Field::Expiry,
                Field::Cvv,
                Field::Name,
                Field::SaveCard,
            ] {
                problems.set(field, None);
            }
        });
        network.set(networks.get_untracked().first().copied());
    };
    let on_country_change = Callback::new(move |()| {
        let regions_known =
            country_untracked().is_some_and(|country| country.regions().next().is_some());
        if regions_known {
            state.values.update(|values| {
                if country_untracked()
                    .and_then(|country| country.region(&values.region))
                    .is_none()
                {
                    values.region.clear();
                }
            });
        }
        for field in [Field::Region, Field::Postal, Field::Phone] {
            if state
                .problems
                .with_untracked(|problems| problems.contains(field))
            {
                state.check(field);
            }
        }
    });

    let country_options = {
        let countries = browser::countries_by_name(lang);
        Signal::derive(move || countries.clone())
    };
    let region_options = Signal::derive(move || {
        let mut options = vec![(String::new(), texts.choose.to_owned())];
        if let Some(country) = country() {
            options.extend(
                country
                    .regions()
                    .map(|region| (region.code().to_owned(), region.name().to_owned())),
            );
        }
        options
    });
    // Memos, as <Show> kept them: each field is rebuilt only when the
    // answer changes, not with every country.
    let has_region_list =
        Memo::new(move |_| country().is_some_and(|country| country.regions().next().is_some()));
    let uses_postal_codes =
        Memo::new(move |_| country().is_none_or(|country| !PostalCode::not_used_in(country)));
    let co_badged = Memo::new(move |_| networks.with(|networks| networks.len() > 1));
    let postal_label = Signal::derive(move || {
        let kind = country().map_or(PostalKind::Postal, PostalCode::kind);
        let index = match kind {
            PostalKind::Zip => 1,
            PostalKind::Postcode => 2,
            PostalKind::Pin => 3,
            PostalKind::Cep => 4,
            PostalKind::Eircode => 5,
            _ => 0,
        };
        texts.postal[index].to_owned()
    });
    let postal_hint = Signal::derive(move || {
        country()
            .and_then(PostalCode::example)
            .map(str::to_owned)
            .unwrap_or_default()
    });

    // The issuer's credit: the issuer sets each payment, so the plan is
    // named by its count, with what credit means and its fee beside it.
    let credit = view.installments_credit;
    let schedule: Vec<(u8, String)> = {
        let money = money.clone();
        std::iter::once((1, fill(texts.pay_in_full, &[("amount", &amount_text)])))
            .chain(
                view.installment_options
                    .iter()
                    .filter(|option| option.count > 1)
                    .map(|option| {
                        let count = decimal(option.count.into(), 1);
                        let text = match &option.other_payment {
                            _ if credit => fill(texts.credit[0], &[("n", &count)]),
                            Some(other) if other != &option.first_payment => fill(
                                texts.adjusted_payments,
                                &[
                                    ("n", &count),
                                    ("first", &money(&option.first_payment)),
                                    ("rest", &decimal((option.count - 1).into(), 1)),
                                    ("other", &money(other)),
                                ],
                            ),
                            _ => fill(
                                texts.equal_payments,
                                &[("n", &count), ("amount", &money(&option.first_payment))],
                            ),
                        };
                        (option.count, text)
                    }),
            )
            .collect()
    };
    let offers_installments = schedule.len() > 1;
    let credit_terms = credit.then(|| {
        let fee = view
            .installments_fee
            .as_deref()
            .map(|fee| fill(texts.credit[2], &[("fee", &money(fee))]));
        (fill(texts.credit[1], &[("merchant", &merchant)]), fee)
    });

    // A problem that is not about one field: said at the top of the form,
    // which takes the focus, and the form is the shopper's again.
    let say = move |message: String| {
        banner.show(String::new(), message);
        busy.set(false);
        browser::focus_soon("banner");
    };
    // The shopper's bank may ask for a 3-D Secure challenge first; a page
    // reloaded during one shows it again.
    let challenge = Challenge {
        id: RwSignal::new(None),
        url: RwSignal::new(String::new()),
    };
    challenge.set(view.challenge.clone());
    let on_answer = {
        let merchant = merchant.clone();
        Callback::new(
            move |paid: PayResponse| match (paid.status, paid.redirect_url) {
                (PayStatus::Challenge, _) => {
                    // Still busy: the payment waits for the bank.
                    challenge.set(paid.challenge);
                    browser::focus_soon("challenge-frame");
                }
                (PayStatus::Declined, _) | (_, None) => {
                    attempts_left.set(paid.attempts_left);
                    let reason =
                        decline_reason(paid.decline.as_ref().map(|d| d.code.as_str()), texts);
                    banner.show(texts.declined.to_owned(), reason);
                    busy.set(false);
                    browser::focus_soon("banner");
                }
                (status, Some(url)) => match use_embed {
                    // Framed: the widget decides where the shopper goes.
                    Some(embed) => {
                        embed.status(pay_status_name(status), &url);
                        on_screen.run(Screen::Redirecting {
                            status,
                            merchant: String::new(),
                        });
                    }
                    None => {
                        on_screen.run(Screen::Redirecting {
                            status,
                            merchant: merchant.clone(),
                        });
                        browser::go_to(&url);
                    }
                },
            },
        )
    };
    if view.challenge.is_some() {
        busy.set(true);
    }
    // While a challenge is shown, ask every second how it stands: the
    // bank's page (another document, without script) cannot tell us.
    let asking = RwSignal::new(false);
    if let Ok(handle) = set_interval_with_handle(
        {
            let invoice_id = invoice_id.clone();
            move || {
                let Some(open) = challenge.get_untracked() else {
                    return;
                };
                if asking.get_untracked() {
                    return;
                }
                asking.set(true);
                let invoice_id = invoice_id.clone();
                spawn_local(async move {
                    let answer = api::challenge_status(&invoice_id, &open.id).await;
                    asking.set(false);
                    // Closed meanwhile: the close's own answer counts.
                    if challenge
                        .id
                        .with_untracked(|now| now.as_ref() != Some(&open.id))
                    {
                        return;
                    }
                    match answer {
                        Ok(paid) if paid.status == PayStatus::Challenge => {}
                        Ok(paid) => {
                            challenge.set(None);
                            on_answer.run(paid);
                        }
                        Err(ApiFailure::Refused {
                            status: 404 | 410, ..
                        }) => {
                            challenge.set(None);
                            say(texts.challenge[4].to_owned());
                        }
                        // Offline for a moment: ask again on the next tick.
                        Err(_) => {}
                    }
                });
            }
        },
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let close_challenge = {
        let invoice_id = invoice_id.clone();
        move |_| {
            let Some(open) = challenge.get_untracked() else {
                return;
            };
            challenge.set(None);
            let invoice_id = invoice_id.clone();
            spawn_local(async move {
                match api::abandon_challenge(&invoice_id, &open.id).await {
                    Ok(paid) => on_answer.run(paid),
                    Err(ApiFailure::Refused {
                        status: 404 | 410, ..
                    }) => {
                        say(texts.challenge[4].to_owned());
                    }
                    Err(ApiFailure::Refused { body, .. }) => {
                        say(body.error.message);
                    }
                    Err(ApiFailure::Network) => {
                        say(texts.pay_network_error.to_owned());
                    }
                }
            });
        }
    };

    let submit = {
        let invoice_id = invoice_id.clone();
        move |event: web_sys::SubmitEvent| {
            event.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let problems = state
                .values
                .with_untracked(|values| values.check_all(today));
            let mut shown = Problems::default();
            for (field, code) in &problems {
                shown.set(*field, Some(FieldProblem::Code(*code)));
            }
            state.problems.set(shown);
            if let Some((first, _)) = problems.first() {
                browser::focus(first.id());
                return;
            }
            busy.set(true);
            banner.clear();
            let key = idempotency_key
                .get_untracked()
                .unwrap_or_else(browser::random_id);
            idempotency_key.set(Some(key.clone()));
            let mut request = state.values.with_untracked(|values| {
                values.to_request(installments.get_untracked(), network.get_untracked())
            });
            // What the shopper was shown: the server charges it only if it
            // works out the same.
            request.surcharge = surcharge_untracked().map(|(extra, _)| extra);
            let invoice_id = invoice_id.clone();
            spawn_local(async move {
                let answer = api::pay(&invoice_id, &request, &key).await;
                if !matches!(
                    answer,
                    Err(ApiFailure::Network | ApiFailure::Refused { status: 500.., .. })
                ) {
                    idempotency_key.set(None);
                }
                match answer {
                    Ok(paid) => on_answer.run(paid),
                    Err(ApiFailure::Refused { status: 400, body }) => {
                        let mut shown = Problems::default();
                        for error in body.errors.iter().chain(std::iter::once(&body.error)) {
                            // A saved card the server refused is about the
                            // choice, whether or not the error names it.
                            let about = error.field.as_deref().or_else(|| {
                                error
                                    .code
                                    .starts_with("payment_method.")
                                    .then_some(Field::PaymentMethod.api_name())
                            });
                            if let Some(field) = about.and_then(Field::from_api_name) {
                                let problem = server_problem(error, texts);
                                if !shown.contains(field) {
                                    shown.set(field, Some(problem));
                                }
                            }
                        }
                        let first = shown.first();
                        if first.is_none() {
                            banner.show(String::new(), body.error.message.clone());
                        }
                        state.problems.set(shown);
                        busy.set(false);
                        match first {
                            Some(field) => browser::focus_soon(field.id()),
                            None => browser::focus_soon("banner"),
                        }
                    }
                    Err(ApiFailure::Refused {
                        status: 404 | 409 | 410,
                        ..
                    }) => on_reload.run(()),
                    Err(ApiFailure::Refused { status: 429, .. }) => {
                        say(texts.too_many_requests.to_owned());
                    }
                    Err(ApiFailure::Refused { body, .. }) => {
                        say(body.error.message);
                    }
                    Err(ApiFailure::Network) => {
                        say(texts.pay_network_error.to_owned());
                    }
                }
            });
        }
    };

    let cancel = {
        let invoice_id = invoice_id.clone();
        move |_| {
            if busy.get_untracked() {
                return;
            }
            let invoice_id = invoice_id.clone();
            spawn_local(async move {
                match api::cancel(&invoice_id).await {
                    Ok(answer) => match use_embed {
                        Some(embed) => {
                            embed.status("canceled", &answer.redirect_url);
                            on_screen.run(Screen::Canceled);
                        }
                        None => browser::go_to(&answer.redirect_url),
                    },
                    Err(ApiFailure::Refused {
                        status: 404 | 409 | 410,
                        ..
                    }) => on_reload.run(()),
                    Err(_) => banner.show(String::new(), texts.pay_network_error.to_owned()),
                }
            });
        }
    };

    let pay_text = {
        let money = money.clone();
        let amount_text = amount_text.clone();
        let surcharge = surcharge.clone();
        move || match surcharge() {
            Some((_, total)) => fill(texts.pay, &[("amount", &money(&total))]),
            None => fill(texts.pay, &[("amount", &amount_text)]),
        }
    };
    let surcharge_line = {
        let money = money.clone();
        move || {
            surcharge().map(|(extra, _)| {
                view! {
                    <p class="surcharge" data-testid="surcharge" role="status">
                        {fill(texts.surcharge, &[("amount", &money(&extra)), ("merchant", &merchant_for_surcharge)])}
                    </p>
                }
            })
        }
    };
    let cancel_text = fill(texts.cancel, &[("merchant", &merchant)]);
    let time_left = move || fill(texts.expires_in, &[("time", &clock(seconds_left.get()))]);
    let cvv_hint = Signal::derive(move || {
        let template = if brand.get() == Some(Brand::AmericanExpress) {
            texts.cvv_hint_front
        } else {
            texts.cvv_hint_back
        };
        // Before the brand is known, both sizes are possible.
        let digits = match brand.get() {
            Some(_) => decimal(security_code_size().into(), 1),
            None => "3–4".to_owned(),
        };
        fill(template, &[("n", &digits)])
    });

    let saved_choice = (!view.saved_cards.is_empty()).then(|| {
        let cards = view
            .saved_cards
            .iter()
            .cloned()
            .map(|card| saved_card_option(card, state, choose_card))
            .collect_view();
        view! {
            <fieldset
                class="saved-cards"
                id=Field::PaymentMethod.id()
                tabindex="-1"
                data-testid="saved-cards"
                aria-describedby=move || {
                    state.message(Field::PaymentMethod).map(|_| Field::PaymentMethod.error_id())
                }
            >
                <legend>{texts.saved_cards}</legend>
                {cards}
                <label class="saved-card">
                    <input
                        type="radio"
                        name="payment-method"
                        value="new"
                        data-testid="new-card"
                        prop:checked=move || new_card.get()
                        on:change=move |_| choose_card(None)
                    />
                    <span class="saved-card-name">{texts.new_card}</span>
                </label>
                <p class="error" id=Field::PaymentMethod.error_id() data-testid="payment-method-error">
                    {move || state.message(Field::PaymentMethod)}
                </p>
            </fieldset>
        }
    });
    let consent = view.save_card.map(|mode| {
        let terms = fill(texts.save_card_terms, &[("merchant", &merchant)]);
        let error = move || state.message(Field::SaveCard);
        match mode {
            SaveCardMode::Optional => {
                let label = fill(texts.save_card_optional, &[("merchant", &merchant)]);
                let describedby = move || {
                    let mut ids = "save-card-terms".to_owned();
                    if state.message(Field::SaveCard).is_some() {
                        ids.push(' ');
                        ids.push_str(&Field::SaveCard.error_id());
                    }
                    ids
                };
                view! {
                    // For a new card only: a saved card is kept already.
                    {move || new_card.get().then(|| view! {
                        <div class="field consent" class:invalid=move || error().is_some()>
                            <div class="check">
                                <input
                                    type="checkbox"
                                    id=Field::SaveCard.id()
                                    data-testid="save-card"
                                    aria-describedby=describedby
                                    prop:checked=move || state.values.with(|values| values.save_card)
                                    on:change=move |event| {
                                        let ticked = event_target_checked(&event);
                                        state.values.update(|values| values.save_card = ticked);
                                        state.show(Field::SaveCard, None);
                                    }
                                />
                                <label for=Field::SaveCard.id()>{label.clone()}</label>
                            </div>
                            <p class="hint" id="save-card-terms" data-testid="save-card-terms">
                                {terms.clone()}
                            </p>
                            <p class="error" id=Field::SaveCard.error_id() data-testid="save-card-error">
                                {error}
                            </p>
                        </div>
                    })}
                }
                    .into_any()
            }
            SaveCardMode::Required => {
                let notice = fill(texts.save_card_required, &[("merchant", &merchant)]);
                view! {
                    // Paying is consenting: said before the button, and
                    // read with it (its aria-describedby).
                    <div
                        class="consent notice"
                        id=Field::SaveCard.id()
                        tabindex="-1"
                        data-testid="save-card-notice"
                    >
                        <p>{notice}</p>
                        <p class="hint" data-testid="save-card-terms">{terms}</p>
                        <p class="error" id=Field::SaveCard.error_id() data-testid="save-card-error">
                            {error}
                        </p>
                    </div>
                }
                    .into_any()
            }
        }
    });

    view! {
        <main class="checkout" data-testid="screen-form">
            <header class="summary" hidden=use_embed.is_some()>
                {view
                    .appearance
                    .logo
                    .clone()
                    .map(|logo| view! { <img class="logo" data-testid="merchant-logo" src=logo alt="" /> })}
                <h1 class="merchant" data-testid="merchant-name">{merchant.clone()}</h1>
                {view.description.clone().map(|description| view! { <p class="description">{description}</p> })}
                <p class="amount" data-testid="amount">{amount_text.clone()}</p>
                <p class="expires" role="timer" data-testid="expires-in">{time_left}</p>
            </header>
            <section
                class="challenge"
                data-testid="challenge"
                aria-labelledby="challenge-title"
                hidden=move || challenge.id.with(Option::is_none)
            >
                <h2 id="challenge-title">{texts.challenge[0]}</h2>
                <p class="hint">{texts.challenge[1]}</p>
                {move || {
                    challenge
                        .id
                        .get()
                        .map(|_| {
                            let url = challenge.url.get();
                            view! {
                                <iframe
                                    id="challenge-frame"
                                    class="challenge-frame"
                                    data-testid="challenge-frame"
                                    title=texts.challenge[2]
                                    src=url
                                    tabindex="0"
                                ></iframe>
                            }
                        })
                }}
                <button type="button" class="link" data-testid="challenge-close" on:click=close_challenge>
                    {texts.challenge[3]}
                </button>
            </section>
            <form
                novalidate=true
                method="post"
                on:submit=submit
                hidden=move || challenge.id.with(Option::is_some)
            >
                <div
                    id="banner"
                    class="banner"
                    data-testid="banner"
                    role="alert"
                    tabindex="-1"
                    hidden=move || banner.message.with(Option::is_none)
                >
                    {move || {
                        banner
                            .message
                            .get()
                            .map(|message| {
                                let title = banner.title.get();
                                view! {
                                    {(!title.is_empty()).then(|| view! { <strong>{title}</strong> " " })}
                                    <span data-testid="banner-message">{message}</span>
                                    " "
                                    <span class="attempts" data-testid="attempts-left">
                                        {fill(texts.attempts_left, &[("n", &decimal(attempts_left.get().into(), 1))])}
                                    </span>
                                }
                            })
                    }}
                </div>
                <TextInput
                    field=Field::Email
                    label=texts.email.to_owned()
                    autocomplete="email"
                    input_type="email"
                    inputmode="email"
                    ltr=true
                />
                {saved_choice}
                <fieldset class="card">
                    <legend class="visually-hidden">{texts.card_number}</legend>
                    {move || new_card.get().then(|| view! {
                        <TextInput
                            field=Field::Number
                            label=texts.card_number.to_owned()
                            autocomplete="cc-number"
                            inputmode="numeric"
                            ltr=true
                            formatter=format_card_number
                            on_change=on_number_change
                            adornment=move || {
                                view! {
                                    <span class="brand-slot">
                                        {move || brand.get().map(|brand| view! { <BrandLogo brand=brand /> })}
                                    </span>
                                }
                            }
                        />
                    })}
                    <div class="row">
                        {move || new_card.get().then(|| view! {
                            <TextInput
                                field=Field::Expiry
                                label=texts.expiry.to_owned()
                                hint=Signal::derive(move || texts.expiry_hint.to_owned())
                                autocomplete="cc-exp"
                                inputmode="numeric"
                                ltr=true
                                formatter=format_expiry
                                max_length=Signal::derive(|| 7)
                            />
                        })}
                        <TextInput
                            field=Field::Cvv
                            label=Signal::derive(move || security_code_name().to_owned())
                            hint=cvv_hint
                            autocomplete="cc-csc"
                            inputmode="numeric"
                            ltr=true
                            max_length=Signal::derive(move || u32::from(security_code_size()))
                        />
                    </div>
                    {move || new_card.get().then(|| view! {
                        <TextInput field=Field::Name label=texts.card_name.to_owned() autocomplete="cc-name" />
                    })}
                    {view
                        .holder_id_required
                        .then(|| {
                            view! {
                                <TextInput
                                    field=Field::HolderId
                                    label=texts.holder_id.to_owned()
                                    hint=Signal::derive(move || texts.holder_id_hint.to_owned())
                                    autocomplete="off"
                                    inputmode="numeric"
                                    ltr=true
                                />
                            }
                        })}
                    {move || co_badged.get().then(|| view! {
                        <fieldset class="networks" data-testid="network">
                            <legend>{texts.network}</legend>
                            {move || {
                                networks
                                    .get()
                                    .into_iter()
                                    .map(|brand| {
                                        view! {
                                            <label class="network">
                                                <input
                                                    type="radio"
                                                    name="network"
                                                    value=brand.id()
                                                    data-testid=["network-", brand.id()].concat()
                                                    prop:checked=move || network.get() == Some(brand)
                                                    on:change=move |_| network.set(Some(brand))
                                                />
                                                <BrandLogo brand=brand />
                                                <span>{brand.display_name()}</span>
                                            </label>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </fieldset>
                    })}
                </fieldset>
                <fieldset class="billing">
                    <legend>{texts.billing_address}</legend>
                    <SelectInput
                        field=Field::Country
                        label=texts.country.to_owned()
                        autocomplete="country"
                        options=country_options
                        on_change=on_country_change
                    />
                    <TextInput field=Field::Line1 label=texts.line1.to_owned() autocomplete="address-line1" />
                    <TextInput
                        field=Field::Line2
                        label=texts.line2.to_owned()
                        autocomplete="address-line2"
                        optional=true
                    />
                    <div class="row">
                        <TextInput field=Field::City label=texts.city.to_owned() autocomplete="address-level2" />
                        {move || {
                            if has_region_list.get() {
                                view! {
                                    <SelectInput
                                        field=Field::Region
                                        label=texts.region.to_owned()
                                        autocomplete="address-level1"
                                        options=region_options
                                    />
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <TextInput
                                        field=Field::Region
                                        label=texts.region.to_owned()
                                        autocomplete="address-level1"
                                        optional=true
                                    />
                                }
                                    .into_any()
                            }
                        }}
                    </div>
                    {move || uses_postal_codes.get().then(|| view! {
                        <TextInput
                            field=Field::Postal
                            label=postal_label
                            hint=postal_hint
                            autocomplete="postal-code"
                        />
                    })}
                    <TextInput
                        field=Field::Phone
                        label=texts.phone.to_owned()
                        autocomplete="tel"
                        input_type="tel"
                        inputmode="tel"
                        ltr=true
                        optional=true
                    />
                </fieldset>
                {offers_installments
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="installments">{texts.installments}</label>
                                <div class="control">
                                    <select
                                        id="installments"
                                        data-testid="installments"
                                        aria-describedby=credit_terms.is_some().then_some("credit-terms")
                                        on:change=move |event| {
                                            installments.set(event_target_value(&event).parse().unwrap_or(1));
                                        }
                                    >
                                        {schedule
                                            .iter()
                                            .map(|(count, text)| {
                                                view! { <option value=decimal((*count).into(), 1)>{text.clone()}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                {credit_terms
                                    .clone()
                                    .map(|(meaning, fee)| {
                                        view! {
                                            <p class="hint" id="credit-terms" data-testid="credit-terms">
                                                {meaning}
                                                {fee.map(|fee| view! { " " <strong data-testid="credit-fee">{fee}</strong> })}
                                            </p>
                                        }
                                    })}
                            </div>
                        }
                    })}
                {consent}
                {surcharge_line}
                <button
                    id="pay-button"
                    type="submit"
                    class="primary pay"
                    data-testid="pay-button"
                    aria-describedby=(view.save_card == Some(SaveCardMode::Required)).then_some("save-card")
                    aria-disabled=move || busy.get().then_some("true")
                    aria-busy=move || busy.get().then_some("true")
                >
                    {move || {
                        if busy.get() {
                            view! { <span class="spinner" aria-hidden="true"></span> {texts.processing} }.into_any()
                        } else {
                            pay_text().into_any()
                        }
                    }}
                </button>
                <button
                    type="button"
                    class="link"
                    data-testid="cancel-link"
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=cancel
                >
                    {cancel_text}
                </button>
            </form>
            <div class="visually-hidden" aria-live="polite" data-testid="announcer">
                {move || state.announcement.get()}
            </div>
            <footer class="secured">{texts.secured_by}</footer>
        </main>
    }
}

/// The form as the shopper first sees it: what the merchant prefilled, the
/// country guessed from the browser's language.
fn initial_values(view: &CheckoutView, lang: Lang) -> Values {
    let prefill = &view.prefill;
    let address = prefill.billing_address.clone().unwrap_or_default();
    let country = Some(address.country.clone())
        .filter(|country| Country::parse(country).is_ok())
        .or_else(|| browser_country(lang))
        .unwrap_or_else(|| lang.default_country().to_owned());
    let mut values = Values {
        email: prefill.email.clone().unwrap_or_default(),
        name: prefill.name.clone().unwrap_or_default(),
        phone: prefill.phone.clone().unwrap_or_default(),
        country,
        line1: address.line1,
        line2: address.line2,
        city: address.city,
        region: address.region,
        postal: address.postal_code,
        holder_id_required: view.holder_id_required,
        // The newest card that can still pay, when there is one.
        saved_card: view.saved_cards.iter().find(|card| !card.expired).cloned(),
        save_card_mode: view.save_card,
        ..Values::default()
    };
    values.normalize_address();
    values
}

/// The region of the browser's first language tag that names one (`fr-CA`).
fn browser_country(lang: Lang) -> Option<String> {
    browser::languages()
        .iter()
        .filter(|tag| Lang::from_tag(tag) == Some(lang))
        .find_map(|tag| {
            let region = tag.split(['-', '_']).nth(1)?;
            Country::parse(region)
                .ok()
                .map(|country| country.code().to_owned())
        })
}

/// The 3-D Secure challenge on show (`id` is `None` when there is none)
/// and its page: two signals of types the page has anyway rather than one
/// of `Option<ChallengeInfo>` (see [`Banner`]).
#[derive(Clone, Copy)]
struct Challenge {
    id: RwSignal<Option<String>>,
    url: RwSignal<String>,
}

impl Challenge {
    fn set(self, challenge: Option<ChallengeInfo>) {
        match challenge {
            Some(ChallengeInfo { id, url }) => {
                self.url.set(url);
                self.id.set(Some(id));
            }
            None => self.id.set(None),
        }
    }

    fn get_untracked(self) -> Option<ChallengeInfo> {
        let id = self.id.get_untracked()?;
        Some(ChallengeInfo {
            id,
            url: self.url.get_untracked(),
        })
    }
}

/// A problem that is not about one field, at the top of the form: a
/// heading (empty for none) and the message, shown while there is one.
///
/// Two signals of types the page has anyway rather than one of
/// `Option<(String, String)>`: each signal type costs the module its own
/// copy of leptos's signal code.
#[derive(Clone, Copy)]
struct Banner {
    title: RwSignal<String>,
    message: RwSignal<Option<String>>,
}

impl Banner {
    fn show(self, title: String, message: String) {
        self.title.set(title);
        self.message.set(Some(message));
    }

    fn clear(self) {
        self.message.set(None);
    }
}

/// One saved card in the choice: its brand, last four digits and expiry;
/// an expired one is shown, but cannot be chosen.
fn saved_card_option(
    card: SavedCardOption,
    state: FormState,
    choose_card: impl Fn(Option<SavedCardOption>) + Copy + 'static,
) -> impl IntoView {
    let texts = i18n::texts();
    let brand = card.brand.parse::<Brand>().ok();
    let name = brand.map_or_else(
        || card.brand.clone(),
        |brand| brand.display_name().to_owned(),
    );
    let when = if card.expired {
        texts.saved_card_expired.to_owned()
    } else {
        let date = [
            decimal(card.exp_month.into(), 2),
            decimal((card.exp_year % 100).into(), 2),
        ]
        .join("/");
        fill(texts.saved_card_expires, &[("date", &date)])
    };
    let expired = card.expired;
    let id = card.id.clone();
    let last4 = card.last4.clone();
    let chosen = {
        let id = id.clone();
        move || {
            state.values.with(|values| {
                values
                    .saved_card
                    .as_ref()
                    .is_some_and(|saved| saved.id == id)
            })
        }
    };
    view! {
        <label class="saved-card" class:expired=expired>
            <input
                type="radio"
                name="payment-method"
                value=id.clone()
                data-testid=["saved-card-", &id].concat()
                disabled=expired
                prop:checked=chosen
                on:change=move |_| choose_card(Some(card.clone()))
            />
            {brand.map(|brand| view! { <span class="saved-card-logo" aria-hidden="true"><BrandLogo brand=brand /></span> })}
            <span class="saved-card-name">
                {name} " " <span dir="ltr" data-testid="saved-card-last4">"•••• " {last4}</span>
            </span>
            " "
            <span class="saved-card-expiry">{when}</span>
        </label>
    }
}

/// What to show on a field the server refused: kassa-card's message for
/// its codes, the page's own words for a refused saved card, else the
/// server's message.
fn server_problem(error: &ErrorDetail, texts: &Texts) -> FieldProblem {
    if let Some(code) = kassa_card::ErrorCode::from_code(&error.code) {
        return FieldProblem::Code(code);
    }
    let words = match error.code.as_str() {
        "payment_method.expired" => texts.saved_card_errors[0],
        "payment_method.not_found" => texts.saved_card_errors[1],
        _ => return FieldProblem::Server(error.message.clone()),
    };
    FieldProblem::Server(words.to_owned())
}

/// The status a framed page reports for a payment outcome.
fn pay_status_name(status: PayStatus) -> &'static str {
    match status {
        PayStatus::Succeeded => "succeeded",
        PayStatus::Pending => "pending",
        PayStatus::Declined | PayStatus::Failed => "failed",
        // Not a final answer: the page shows the challenge, not this.
        PayStatus::Challenge => "pending",
    }
}

/// Plain words for a decline code from the server.
fn decline_reason(code: Option<&str>, texts: &Texts) -> String {
    let reasons = texts.decline_reasons;
    let index = match code.and_then(|code| code.strip_prefix("declined.")) {
        Some("insufficient_funds") => 0,
        Some("do_not_honour") => 1,
        Some("lost_card" | "stolen_card") => 2,
        Some("expired_card") => 3,
        Some("incorrect_security_code") => 4,
        Some("authentication_failed") => return texts.challenge[5].to_owned(),
        Some("authentication_required") => return texts.challenge[6].to_owned(),
        _ => 5,
    };
    reasons[index].to_owned()
}

/// `59:07`, `1:02:03`, or `2 d 03:00:00` for the time left.
fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (days, hours, minutes, secs) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    // `as u64`: none is negative. Without `format!` (see `decimal`).
    let [days, hours, minutes, secs] = [days, hours, minutes, secs].map(|n| n as u64);
    match (days, hours) {
        (0, 0) => [decimal(minutes, 1), decimal(secs, 2)].join(":"),
        (0, _) => [decimal(hours, 1), decimal(minutes, 2), decimal(secs, 2)].join(":"),
        _ => [
            decimal(days, 1),
            " d ".to_owned(),
            [decimal(hours, 2), decimal(minutes, 2), decimal(secs, 2)].join(":"),
        ]
        .concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_reads_as_minutes_hours_and_days() {
        assert_eq!(clock(59), "0:59");
        assert_eq!(clock(3599), "59:59");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(clock(90_000), "1 d 01:00:00");
        assert_eq!(clock(-5), "0:00");
    }

    #[test]
    fn decline_codes_become_plain_words_in_each_language() {
        let (en, fr) = (Lang::En.texts(), Lang::Fr.texts());
        assert!(decline_reason(Some("declined.insufficient_funds"), en).contains("funds"));
        assert!(decline_reason(Some("declined.insufficient_funds"), fr).contains("fonds"));
        assert_eq!(
            decline_reason(Some("declined.something_new"), en),
            decline_reason(None, en)
        );
    }
}
