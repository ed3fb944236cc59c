//! PLACEHOLDER: the icount double.

/// PLACEHOLDER.
pub fn placeholder() {}
