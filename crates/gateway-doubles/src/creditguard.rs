//! PLACEHOLDER: the creditguard double.

/// PLACEHOLDER.
pub fn placeholder() {}
