//! Hebrew messages.

use crate::ErrorCode;

/// The Hebrew message for `code`.
pub(super) fn message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::CardNumberEmpty => "יש להזין את מספר הכרטיס.",
        ErrorCode::CardNumberInvalidCharacter => "מספר כרטיס מכיל ספרות בלבד.",
        ErrorCode::CardNumberTooShort => "מספר הכרטיס קצר מדי.",
        ErrorCode::CardNumberTooLong => "מספר הכרטיס ארוך מדי.",
        ErrorCode::CardNumberLength => "מספר הספרות במספר הכרטיס אינו תואם לסוג הכרטיס.",
        ErrorCode::CardNumberChecksum => "מספר הכרטיס אינו תקין. יש לבדוק שאין בו שגיאות הקלדה.",
        ErrorCode::CardNumberUnknownBrand => {
            "הכרטיס לא זוהה. יש לבדוק את המספר או להשתמש בכרטיס אחר."
        }
        ErrorCode::BrandUnknown => "סוג כרטיס זה אינו נתמך.",
        ErrorCode::ExpiryEmpty => "יש להזין את תוקף הכרטיס.",
        ErrorCode::ExpiryFormat => "יש להזין את התוקף בפורמט MM/YY.",
        ErrorCode::ExpiryMonth => "חודש התוקף חייב להיות בין 01 ל-12.",
        ErrorCode::ExpiryInPast => "תוקף הכרטיס פג.",
        ErrorCode::ExpiryTooFar => "שנת התוקף רחוקה מדי בעתיד.",
        ErrorCode::CvvEmpty => "יש להזין את קוד האבטחה (CVV).",
        ErrorCode::CvvFormat => "קוד האבטחה (CVV) מכיל ספרות בלבד.",
        ErrorCode::CvvLength => "מספר הספרות בקוד האבטחה (CVV) שגוי.",
        ErrorCode::NameEmpty => "יש להזין את שם בעל הכרטיס.",
        ErrorCode::NameTooLong => "שם בעל הכרטיס יכול להכיל עד 30 תווים.",
        ErrorCode::NameNoLetter => "שם בעל הכרטיס חייב להכיל אותיות.",
        ErrorCode::NameInvalidCharacter => "שם בעל הכרטיס מכיל תו שאינו מותר.",
        ErrorCode::NameLooksLikeCardNumber => "נראה שהוזן מספר כרטיס. יש להזין את שם בעל הכרטיס.",
        ErrorCode::IsraeliIdFormat => "מספר תעודת זהות מכיל עד 9 ספרות.",
        ErrorCode::IsraeliIdChecksum => {
            "מספר תעודת הזהות אינו תקין. יש לבדוק שאין בו שגיאות הקלדה."
        }
        ErrorCode::AmountEmpty => "יש להזין סכום.",
        ErrorCode::AmountFormat => "יש להזין את הסכום כמספר, עם נקודה עשרונית.",
        ErrorCode::AmountNotPositive => "הסכום חייב להיות גדול מאפס.",
        ErrorCode::AmountTooPrecise => "בסכום יש יותר ספרות אחרי הנקודה ממה שהמטבע מאפשר.",
        ErrorCode::AmountTooSmall => "הסכום נמוך מהמינימום.",
        ErrorCode::AmountTooLarge => "הסכום גבוה מהמקסימום.",
        ErrorCode::CurrencyUnknown => "מטבע זה אינו נתמך.",
        ErrorCode::InstallmentsCount => "יש לבחור בין 1 ל-36 תשלומים.",
        ErrorCode::InstallmentsFirstPaymentNotPositive => "התשלום הראשון חייב להיות גדול מאפס.",
        ErrorCode::InstallmentsFirstPaymentNotBelowTotal => {
            "התשלום הראשון חייב להיות קטן מהסכום הכולל."
        }
        ErrorCode::InstallmentsTooSmall => "הסכום נמוך מדי למספר תשלומים כזה.",
        ErrorCode::CountryUnknown => "יש לבחור מדינה מהרשימה.",
        ErrorCode::RegionRequired => "יש לבחור מדינה או מחוז.",
        ErrorCode::RegionUnknown => "יש לבחור מדינה או מחוז מהרשימה.",
        ErrorCode::RegionTooLong => "שם האזור יכול להכיל עד 100 תווים.",
        ErrorCode::PostalCodeRequired => "יש להזין מיקוד.",
        ErrorCode::PostalCodeFormat => "המיקוד אינו תקין עבור המדינה שנבחרה.",
        ErrorCode::Line1Required => "יש להזין את הכתובת.",
        ErrorCode::Line1TooLong => "הכתובת יכולה להכיל עד 100 תווים.",
        ErrorCode::Line2TooLong => "שורת הכתובת השנייה יכולה להכיל עד 100 תווים.",
        ErrorCode::CityRequired => "יש להזין עיר.",
        ErrorCode::CityTooLong => "שם העיר יכול להכיל עד 100 תווים.",
        ErrorCode::EmailEmpty => "יש להזין כתובת אימייל.",
        ErrorCode::EmailFormat => "יש להזין כתובת אימייל בפורמט name@example.com.",
        ErrorCode::EmailTooLong => "כתובת האימייל ארוכה מדי.",
        ErrorCode::PhoneEmpty => "יש להזין מספר טלפון.",
        ErrorCode::PhoneFormat => "מספר טלפון יכול להכיל רק ספרות, רווחים והסימנים + ( ) -.",
        ErrorCode::PhoneCountryCode => "יש להתחיל את מספר הטלפון בסימן + ואחריו קידומת המדינה.",
        ErrorCode::PhoneLength => "במספר הטלפון יש יותר מדי או מעט מדי ספרות.",
        ErrorCode::IpFormat => "כתובת ה-IP אינה תקינה.",
        ErrorCode::DateFormat => "יש להזין את התאריך בפורמט YYYY-MM-DD.",
        ErrorCode::DateInvalid => "תאריך זה אינו קיים.",
        ErrorCode::DateOfBirthInFuture => "תאריך הלידה לא יכול להיות בעתיד.",
        ErrorCode::SurchargeEmpty => "עמלת כרטיס דורשת אחוז או סכום קבוע.",
        ErrorCode::SurchargePercentAboveCap => "אחוז עמלת הכרטיס גבוה מהתקרה שלה.",
        ErrorCode::SurchargeCapTooHigh => "תקרת עמלת כרטיס לא יכולה לעלות על 100% מהסכום.",
        ErrorCode::SurchargeCurrencyMismatch => "עמלת הכרטיס הקבועה אינה במטבע של הסכום.",
    }
}
