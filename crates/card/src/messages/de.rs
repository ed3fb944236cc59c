//! German messages, addressing the shopper as *Sie*.

use crate::ErrorCode;

/// The German message for `code`.
pub(super) fn message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::CardNumberEmpty => "Bitte geben Sie Ihre Kartennummer ein.",
        ErrorCode::CardNumberInvalidCharacter => "Die Kartennummer darf nur Ziffern enthalten.",
        ErrorCode::CardNumberTooShort => "Diese Kartennummer ist zu kurz.",
        ErrorCode::CardNumberTooLong => "Diese Kartennummer ist zu lang.",
        ErrorCode::CardNumberLength => {
            "Diese Kartennummer hat nicht die richtige Anzahl an Ziffern für diesen Kartentyp."
        }
        ErrorCode::CardNumberChecksum => {
            "Diese Kartennummer ist ungültig. Bitte prüfen Sie sie auf Tippfehler."
        }
        ErrorCode::CardNumberUnknownBrand => {
            "Wir erkennen diese Karte nicht. Bitte prüfen Sie die Nummer oder verwenden Sie eine andere Karte."
        }
        ErrorCode::BrandUnknown => "Dieser Kartentyp wird nicht akzeptiert.",
        ErrorCode::ExpiryEmpty => "Bitte geben Sie das Ablaufdatum ein.",
        ErrorCode::ExpiryFormat => "Bitte geben Sie das Ablaufdatum im Format MM/JJ ein.",
        ErrorCode::ExpiryMonth => "Der Ablaufmonat muss zwischen 01 und 12 liegen.",
        ErrorCode::ExpiryInPast => "Diese Karte ist abgelaufen.",
        ErrorCode::ExpiryTooFar => "Das Ablaufjahr liegt zu weit in der Zukunft.",
        ErrorCode::CvvEmpty => "Bitte geben Sie die Prüfnummer ein.",
        ErrorCode::CvvFormat => "Die Prüfnummer darf nur Ziffern enthalten.",
        ErrorCode::CvvLength => "Die Prüfnummer hat nicht die richtige Anzahl an Ziffern.",
        ErrorCode::NameEmpty => "Bitte geben Sie den Namen auf der Karte ein.",
        ErrorCode::NameTooLong => "Der Name auf der Karte darf höchstens 30 Zeichen lang sein.",
        ErrorCode::NameNoLetter => "Der Name auf der Karte muss Buchstaben enthalten.",
        ErrorCode::NameInvalidCharacter => {
            "Der Name auf der Karte enthält ein Zeichen, das nicht erlaubt ist."
        }
        ErrorCode::NameLooksLikeCardNumber => {
            "Das sieht aus wie eine Kartennummer. Bitte geben Sie den Namen auf der Karte ein."
        }
        ErrorCode::IsraeliIdFormat => "Eine Ausweisnummer hat höchstens 9 Ziffern.",
        ErrorCode::IsraeliIdChecksum => {
            "Diese Ausweisnummer ist ungültig. Bitte prüfen Sie sie auf Tippfehler."
        }
        ErrorCode::AmountEmpty => "Bitte geben Sie einen Betrag ein.",
        ErrorCode::AmountFormat => {
            "Bitte geben Sie den Betrag als Zahl ein, mit einem Punkt vor den Nachkommastellen."
        }
        ErrorCode::AmountNotPositive => "Der Betrag muss größer als null sein.",
        ErrorCode::AmountTooPrecise => {
            "Der Betrag hat mehr Nachkommastellen, als die Währung erlaubt."
        }
        ErrorCode::AmountTooSmall => "Der Betrag liegt unter dem Mindestbetrag.",
        ErrorCode::AmountTooLarge => "Der Betrag liegt über dem Höchstbetrag.",
        ErrorCode::CurrencyUnknown => "Diese Währung wird nicht akzeptiert.",
        ErrorCode::InstallmentsCount => "Bitte wählen Sie 1 bis 36 Raten.",
        ErrorCode::InstallmentsFirstPaymentNotPositive => {
            "Die erste Rate muss größer als null sein."
        }
        ErrorCode::InstallmentsFirstPaymentNotBelowTotal => {
            "Die erste Rate muss kleiner als der Gesamtbetrag sein."
        }
        ErrorCode::InstallmentsTooSmall => "Der Betrag ist zu klein für so viele Raten.",
        ErrorCode::CountryUnknown => "Bitte wählen Sie ein Land aus der Liste.",
        ErrorCode::RegionRequired => "Bitte wählen Sie einen Bundesstaat oder eine Provinz.",
        ErrorCode::RegionUnknown => {
            "Bitte wählen Sie einen Bundesstaat oder eine Provinz aus der Liste."
        }
        ErrorCode::RegionTooLong => "Die Region darf höchstens 100 Zeichen lang sein.",
        ErrorCode::PostalCodeRequired => "Bitte geben Sie die Postleitzahl ein.",
        ErrorCode::PostalCodeFormat => "Diese Postleitzahl ist für das gewählte Land ungültig.",
        ErrorCode::Line1Required => "Bitte geben Sie Straße und Hausnummer ein.",
        ErrorCode::Line1TooLong => "Straße und Hausnummer dürfen höchstens 100 Zeichen lang sein.",
        ErrorCode::Line2TooLong => "Der Adresszusatz darf höchstens 100 Zeichen lang sein.",
        ErrorCode::CityRequired => "Bitte geben Sie den Ort ein.",
        ErrorCode::CityTooLong => "Der Ort darf höchstens 100 Zeichen lang sein.",
        ErrorCode::EmailEmpty => "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        ErrorCode::EmailFormat => "Bitte geben Sie eine E-Mail-Adresse wie name@example.com ein.",
        ErrorCode::EmailTooLong => "Diese E-Mail-Adresse ist zu lang.",
        ErrorCode::PhoneEmpty => "Bitte geben Sie Ihre Telefonnummer ein.",
        ErrorCode::PhoneFormat => {
            "Eine Telefonnummer darf nur Ziffern, Leerzeichen und die Zeichen + ( ) - enthalten."
        }
        ErrorCode::PhoneCountryCode => {
            "Bitte beginnen Sie die Telefonnummer mit + und der Ländervorwahl."
        }
        ErrorCode::PhoneLength => "Diese Telefonnummer hat zu wenige oder zu viele Ziffern.",
        ErrorCode::IpFormat => "Das ist keine gültige IP-Adresse.",
        ErrorCode::DateFormat => "Bitte geben Sie das Datum im Format JJJJ-MM-TT ein.",
        ErrorCode::DateInvalid => "Dieses Datum gibt es nicht.",
        ErrorCode::DateOfBirthInFuture => "Das Geburtsdatum darf nicht in der Zukunft liegen.",
        ErrorCode::SurchargeEmpty => {
            "Ein Kartenaufschlag braucht einen Prozentsatz oder einen festen Betrag."
        }
        ErrorCode::SurchargePercentAboveCap => {
            "Der Prozentsatz des Kartenaufschlags liegt über seiner Obergrenze."
        }
        ErrorCode::SurchargeCapTooHigh => {
            "Die Obergrenze eines Kartenaufschlags darf 100 % des Betrags nicht übersteigen."
        }
        ErrorCode::SurchargeCurrencyMismatch => {
            "Der feste Kartenaufschlag ist in einer anderen Währung als der Betrag."
        }
    }
}
