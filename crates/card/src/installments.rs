//! Installment plans: a total split into equal payments, exact to the cent.

use rust_decimal::Decimal;

use crate::error::{Coded, ErrorCode, coded_error};
use crate::{Amount, Currency};

/// The most payments a plan may have.
///
/// ```
/// use kassa_card::{Amount, Currency, InstallmentError, InstallmentPlan, MAX_INSTALLMENTS};
///
/// let total = Amount::parse("360.00", Currency::from_code("EUR").unwrap()).unwrap();
/// assert!(InstallmentPlan::new(total, MAX_INSTALLMENTS, None).is_ok());
/// assert_eq!(InstallmentPlan::new(total, MAX_INSTALLMENTS + 1, None), Err(InstallmentError::Count));
/// ```
pub const MAX_INSTALLMENTS: u8 = 36;

/// A total split into `count` payments. All payments after the first are
/// equal; whatever does not divide evenly goes into the first, so the
/// payments always add up to the total exactly in minor units.
///
/// ```
/// use kassa_card::{Amount, Currency, InstallmentPlan};
/// use rust_decimal::Decimal;
///
/// let eur = Currency::from_code("EUR").unwrap();
/// let total = Amount::parse("100.00", eur).unwrap();
///
/// let plan = InstallmentPlan::new(total, 3, None).unwrap();
/// assert_eq!(plan.first_payment().to_string(), "33.34");
/// assert_eq!(plan.other_payment().unwrap().to_string(), "33.33");
///
/// let plan = InstallmentPlan::new(total, 4, Some(Decimal::new(40, 0))).unwrap();
/// assert_eq!(plan.first_payment().to_string(), "40.00");
/// assert_eq!(plan.other_payment().unwrap().to_string(), "20.00");
/// let sum: i64 = plan.payments().map(|payment| payment.to_minor_units()).sum();
/// assert_eq!(sum, total.to_minor_units());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstallmentPlan {
    total: Amount,
    count: u8,
    first_minor: i64,
    other_minor: i64,
}

/// Why a plan cannot be made.
///
/// ```
/// use kassa_card::{Amount, Coded, Currency, InstallmentError, InstallmentPlan};
/// use rust_decimal::Decimal;
///
/// let total = Amount::parse("100.00", Currency::from_code("USD").unwrap()).unwrap();
/// let tenth_of_a_cent = Some(Decimal::new(1, 3));
/// assert_eq!(InstallmentPlan::new(total, 3, tenth_of_a_cent), Err(InstallmentError::FirstPaymentTooPrecise));
/// assert_eq!(InstallmentError::FirstPaymentTooPrecise.code().as_str(), "amount.too_precise");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstallmentError {
    /// Not between 1 and 36 payments.
    Count,
    /// A first payment of zero or less.
    FirstPaymentNotPositive,
    /// A first payment that leaves nothing for the other payments (or, with a
    /// single payment, differs from the total).
    FirstPaymentNotBelowTotal,
    /// A first payment with more decimals than the currency has.
    FirstPaymentTooPrecise,
    /// Too little to give every payment at least one minor unit.
    TooSmall,
}

impl Coded for InstallmentError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Count => ErrorCode::InstallmentsCount,
            Self::FirstPaymentNotPositive => ErrorCode::InstallmentsFirstPaymentNotPositive,
            Self::FirstPaymentNotBelowTotal => ErrorCode::InstallmentsFirstPaymentNotBelowTotal,
            Self::FirstPaymentTooPrecise => ErrorCode::AmountTooPrecise,
            Self::TooSmall => ErrorCode::InstallmentsTooSmall,
        }
    }
}
coded_error!(InstallmentError);

impl InstallmentPlan {
    /// Makes a plan of `count` payments (1 to 36) for `total`, with an
    /// optional first payment in the total's currency.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency, InstallmentError, InstallmentPlan};
    /// use rust_decimal::Decimal;
    ///
    /// let usd = Currency::from_code("USD").unwrap();
    /// let total = Amount::parse("10.00", usd).unwrap();
    /// assert_eq!(InstallmentPlan::new(total, 0, None), Err(InstallmentError::Count));
    /// assert_eq!(InstallmentPlan::new(total, 37, None), Err(InstallmentError::Count));
    /// assert_eq!(InstallmentPlan::new(total, 3, Some(Decimal::ZERO)), Err(InstallmentError::FirstPaymentNotPositive));
    /// assert_eq!(InstallmentPlan::new(total, 3, Some(Decimal::new(10, 0))), Err(InstallmentError::FirstPaymentNotBelowTotal));
    /// let cent = Amount::parse("0.02", usd).unwrap();
    /// assert_eq!(InstallmentPlan::new(cent, 3, None), Err(InstallmentError::TooSmall));
    /// ```
    ///
    /// # Errors
    /// An [`InstallmentError`] naming the rule the request breaks.
    pub fn new(
        total: Amount,
        count: u8,
        first_payment: Option<Decimal>,
    ) -> Result<InstallmentPlan, InstallmentError> {
        if !(1..=MAX_INSTALLMENTS).contains(&count) {
            return Err(InstallmentError::Count);
        }
        let total_minor = total.to_minor_units();
        let (first_minor, other_minor) = match first_payment {
            None => {
                let others = total_minor / i64::from(count);
                (total_minor - others * i64::from(count - 1), others)
            }
            Some(first) => {
                let first = to_minor(first, total.currency())?;
                if count == 1 && first != total_minor {
                    // A single payment is the whole total; a different "first
                    // payment" has no later payments to balance it.
                    return Err(InstallmentError::FirstPaymentNotBelowTotal);
                }
                if count > 1 && first >= total_minor {
                    return Err(InstallmentError::FirstPaymentNotBelowTotal);
                }
                if count == 1 {
                    (total_minor, 0)
                } else {
                    let rest = total_minor - first;
                    let others = rest / i64::from(count - 1);
                    (first + rest % i64::from(count - 1), others)
                }
            }
        };
        if count > 1 && other_minor == 0 {
            return Err(InstallmentError::TooSmall);
        }
        Ok(InstallmentPlan {
            total,
            count,
            first_minor,
            other_minor,
        })
    }

    /// The number of payments.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency, InstallmentPlan};
    /// let total = Amount::parse("120.00", Currency::from_code("EUR").unwrap()).unwrap();
    /// assert_eq!(InstallmentPlan::new(total, 6, None).unwrap().count(), 6);
    /// ```
    pub fn count(&self) -> u8 {
        self.count
    }

    /// The total.
    ///
    /// ```
    /// use kassa_card::{Amount, Currency, InstallmentPlan};
    /// let total = Amount::parse("120.00", Currency::from_code("EUR").unwrap()).unwrap();
    /// assert_eq!(InstallmentPlan::new(total, 6, None).unwrap().total(), total);
    /// ```
    pub fn total(&self) -> Amount {
        self.total
    }

    /// The first payment (it carries any rounding remainder).
    pub fn first_payment(&self) -> Amount {
        self.amount(self.first_minor)
    }

    /// Each payment after the first; `None` for a single payment.
    pub fn other_payment(&self) -> Option<Amount> {
        (self.count > 1).then(|| self.amount(self.other_minor))
    }

    /// Every payment in order.
    pub fn payments(&self) -> impl Iterator<Item = Amount> + '_ {
        (0..self.count).map(|index| {
            if index == 0 {
                self.first_payment()
            } else {
                self.amount(self.other_minor)
            }
        })
    }

    fn amount(&self, minor: i64) -> Amount {
        // Every payment is positive by construction.
        Amount::from_minor_units(minor, self.total.currency()).unwrap_or(self.total)
    }
}

/// A first payment in minor units, refusing zero, negatives and extra decimals.
fn to_minor(value: Decimal, currency: Currency) -> Result<i64, InstallmentError> {
    if value <= Decimal::ZERO {
        return Err(InstallmentError::FirstPaymentNotPositive);
    }
    let mut value = value.normalize();
    if value.scale() > u32::from(currency.minor_units()) {
        return Err(InstallmentError::FirstPaymentTooPrecise);
    }
    value.rescale(u32::from(currency.minor_units()));
    i64::try_from(value.mantissa()).map_err(|_| InstallmentError::FirstPaymentNotBelowTotal)
}
