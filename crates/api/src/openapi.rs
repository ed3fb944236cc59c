//! Schemas the derives cannot see: fields kept as raw JSON.

use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};

/// An amount as a merchant may send it: `"15.04"` or `15.04`, `.` for
/// decimals, in the currency's minor units at most.
pub(crate) fn amount() -> Schema {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^[0-9]{1,12}(\.[0-9]{1,3})?$"))
                .examples([serde_json::json!("15.04")]),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Number)
                .minimum(Some(0))
                .maximum(Some(999_999_999_999_i64)),
        )
        .description(Some(
            "A decimal amount, as a string (\"15.04\") or a number, with `.` for decimals.",
        ))
        .build()
        .into()
}
