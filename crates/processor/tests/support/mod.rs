//! Shared by the behaviour tests: a charge with ordinary defaults that each
//! test changes one thing of, and shortcuts to run it through the test
//! processor.

#![allow(dead_code, clippy::unwrap_used)]

use kassa_card::{
    AddressInput, BillingAddress, Brand, CardNumber, CardholderName, Currency, Expiry, IsraeliId,
    SecurityCode,
};
use kassa_processor::{
    Approval, ChargeOutcome, ChargeReason, ChargeRequest, Decline, PendingCharge, Processor,
    ProcessorError, StoredCredential, TestProcessor,
};

/// 2026-11-21T00:00:00Z, in milliseconds since the Unix epoch.
pub(crate) const NOW: i64 = 1_795_219_200_000;

/// The numbers with a fixed outcome in the README's table.
pub(crate) const TRIGGER_NUMBERS: [&str; 10] = [
    "4000000000000002",
    "4000000000009995",
    "4000000000009987",
    "4000000000009979",
    "4000000000000069",
    "4000000000000127",
    "4000000000000119",
    "4000000000003220",
    "4000000000003071",
    "4000000000005035",
];

/// The owned data of one charge; [`Charge::request`] borrows it.
#[derive(Clone, Debug)]
pub(crate) struct Charge {
    pub(crate) invoice_id: String,
    pub(crate) attempt: u32,
    pub(crate) amount_minor: i64,
    pub(crate) currency: Currency,
    pub(crate) card: CardNumber,
    pub(crate) expiry: Expiry,
    pub(crate) security_code: Option<SecurityCode>,
    pub(crate) holder: CardholderName,
    pub(crate) billing: Option<BillingAddress>,
    pub(crate) holder_id: Option<IsraeliId>,
    pub(crate) installments: u8,
    pub(crate) installment_kind: kassa_processor::InstallmentKind,
    pub(crate) network: Brand,
    pub(crate) capture: kassa_processor::Capture,
    pub(crate) stored: Option<Stored>,
    pub(crate) three_d_secure: kassa_processor::ThreeDSecureMode,
    pub(crate) return_url: Option<String>,
    pub(crate) now_unix_ms: i64,
}

/// An owned [`StoredCredential`], so a [`Charge`] can keep the token.
#[derive(Clone, Debug)]
pub(crate) enum Stored {
    SaveOnFile,
    CustomerOnFile(Option<String>),
    MerchantInitiated(ChargeReason, Option<String>),
}

impl Stored {
    fn borrow(&self) -> StoredCredential<'_> {
        match self {
            Stored::SaveOnFile => StoredCredential::SaveOnFile,
            Stored::CustomerOnFile(token) => StoredCredential::CustomerOnFile {
                gateway_token: token.as_deref(),
            },
            Stored::MerchantInitiated(reason, token) => StoredCredential::MerchantInitiated {
                reason: *reason,
                gateway_token: token.as_deref(),
            },
        }
    }
}

impl Charge {
    /// 15.00 USD on `number`, expiring 12/30, with a security code of the
    /// brand's size starting with `1` (none for brands without one), no
    /// billing address, one payment, on the card's own brand.
    pub(crate) fn with_card(number: &str) -> Charge {
        let card = CardNumber::parse(number).unwrap();
        let brand = card.brand();
        let size = usize::from(brand.security_code_size());
        let security_code =
            (size > 0).then(|| SecurityCode::parse(&"1234"[..size], Some(brand)).unwrap());
        Charge {
            invoice_id: "inv_test".to_owned(),
            attempt: 1,
            amount_minor: 1_500,
            currency: Currency::from_code("USD").unwrap(),
            network: brand,
            capture: kassa_processor::Capture::Automatic,
            card,
            expiry: Expiry::parse("12/30").unwrap(),
            security_code,
            holder: CardholderName::parse("Ada Lovelace").unwrap(),
            billing: None,
            holder_id: None,
            installments: 1,
            installment_kind: kassa_processor::InstallmentKind::Equal,
            stored: None,
            three_d_secure: kassa_processor::ThreeDSecureMode::Automatic,
            return_url: None,
            now_unix_ms: NOW,
        }
    }

    /// The same charge, keeping the card on file.
    pub(crate) fn save_on_file(mut self) -> Charge {
        self.stored = Some(Stored::SaveOnFile);
        self
    }

    /// The same charge on a saved card, the shopper paying (with the
    /// gateway's token when there is one).
    pub(crate) fn customer_on_file(mut self, token: Option<&str>) -> Charge {
        self.stored = Some(Stored::CustomerOnFile(token.map(str::to_owned)));
        self
    }

    /// The same charge made by the merchant on a saved card, without the
    /// shopper: no security code.
    pub(crate) fn merchant_initiated(
        mut self,
        reason: ChargeReason,
        token: Option<&str>,
    ) -> Charge {
        self.stored = Some(Stored::MerchantInitiated(reason, token.map(str::to_owned)));
        self.security_code = None;
        self
    }

    /// The same charge with this security code (`None` for none).
    pub(crate) fn security_code(mut self, code: Option<&str>) -> Charge {
        self.security_code =
            code.map(|code| SecurityCode::parse(code, Some(self.card.brand())).unwrap());
        self
    }

    /// The same charge with a US billing address at `postal_code`.
    pub(crate) fn billing_postal_code(mut self, postal_code: &str) -> Charge {
        let input = AddressInput {
            line1: "1 Main Street",
            city: "Springfield",
            region: "IL",
            postal_code,
            country: "US",
            ..AddressInput::default()
        };
        self.billing = Some(BillingAddress::parse(&input).unwrap());
        self
    }

    /// The same charge for another invoice and attempt.
    pub(crate) fn for_invoice(mut self, invoice_id: &str, attempt: u32) -> Charge {
        self.invoice_id = invoice_id.to_owned();
        self.attempt = attempt;
        self
    }

    /// The request the server would send.
    pub(crate) fn request(&self) -> ChargeRequest<'_> {
        ChargeRequest {
            invoice_id: &self.invoice_id,
            attempt: self.attempt,
            amount_minor: self.amount_minor,
            currency: self.currency,
            card: &self.card,
            expiry: self.expiry,
            security_code: self.security_code.as_ref(),
            holder: &self.holder,
            billing: self.billing.as_ref(),
            holder_id: self.holder_id.as_ref(),
            installments: self.installments,
            network: self.network,
            capture: self.capture,
            stored: self.stored.as_ref().map(Stored::borrow),
            three_d_secure: self.three_d_secure,
            installment_kind: self.installment_kind,
            return_url: self.return_url.as_deref(),
            now_unix_ms: self.now_unix_ms,
        }
    }

    /// Runs the charge through a default test processor.
    pub(crate) async fn run(&self) -> Result<ChargeOutcome, ProcessorError> {
        TestProcessor::default().charge(&self.request()).await
    }

    /// Runs the charge and expects an approval.
    pub(crate) async fn approval(&self) -> Approval {
        match self.run().await {
            Ok(ChargeOutcome::Approved(approval)) => approval,
            other => panic!("expected an approval, got {other:?}"),
        }
    }

    /// Runs the charge and expects a decline.
    pub(crate) async fn decline(&self) -> Decline {
        match self.run().await {
            Ok(ChargeOutcome::Declined(decline)) => decline,
            other => panic!("expected a decline, got {other:?}"),
        }
    }

    /// Runs the charge and expects it to be pending.
    pub(crate) async fn pending(&self) -> PendingCharge {
        match self.run().await {
            Ok(ChargeOutcome::Pending(pending)) => pending,
            other => panic!("expected a pending charge, got {other:?}"),
        }
    }
}
