//! The JSON types the checkout page, the server and merchants exchange,
//! written once so the two sides cannot drift apart.
//!
//! Requests are raw (strings as typed) so the server can validate them with
//! `kassa-card` and answer with field errors; responses are what the server
//! promises to send. Types that carry card data have a masked `Debug`.
//!
//! ```
//! use kassa_api::{ErrorBody, PayRequest};
//!
//! let body = r#"{"card": {"number": "4242 4242 4242 4242", "expiry": "12/30", "cvv": "123", "name": "Ada"}}"#;
//! let request: PayRequest = serde_json::from_str(body).unwrap();
//! assert!(!format!("{request:?}").contains("4242 4242"));
//!
//! let error = ErrorBody::new("card_number.checksum", "This card number is not valid.", Some("card.number"));
//! assert_eq!(serde_json::to_value(&error).unwrap()["error"]["code"], "card_number.checksum");
//! ```

mod checkout;
mod dashboard;
mod error;
mod event;
mod invoice;
#[cfg(feature = "openapi")]
mod openapi;
mod refund;
mod saved_card;
mod surcharge;
mod three_d_secure;
pub mod words;

pub use checkout::{
    Appearance, BillingAddressInput, CardInput, CheckoutView, InstallmentOption, PayRequest,
    PayResponse, PayStatus, Prefill,
};
pub use dashboard::{
    ApiKeyList, ApiKeyView, AuditEntry, AuditList, ChangePasswordRequest, ConfirmPasswordRequest,
    DayVolume, DeclineCount, DeliveryAttemptView, InviteUserRequest, InvoiceTimeline,
    MerchantSettings, MerchantSummary, NewApiKey, NewCallbackSecret, NewUser, Overview,
    PaymentAttemptView, QrPath, RollApiKeyRequest, SessionView, SignInRequest, TeamList,
    TeamMember, TimelineEvent, TotpConfirmRequest, TotpSetup, UserView, VolumeFigures,
};
pub use error::{ErrorBody, ErrorDetail, FieldError};
pub use event::{EventList, EventView};
pub use invoice::{
    CardSummary, ChargeResponse, ChargeResult, CreateInvoiceRequest, InvoiceList, InvoiceResponse,
    InvoiceStatus, Secret,
};
pub use refund::{
    CaptureInvoiceRequest, CreateRefundRequest, RefundList, RefundResponse, RefundStatus,
};
pub use saved_card::{
    CreatePaymentRequest, PaymentMethodList, PaymentMethodView, SaveCardMode, SavedCardOption,
};
pub use surcharge::SurchargeOffer;
pub use three_d_secure::{ChallengeInfo, ThreeDSecureResult};
