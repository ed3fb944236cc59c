//! PLACEHOLDER: the stripe double.

/// PLACEHOLDER.
pub fn placeholder() {}
