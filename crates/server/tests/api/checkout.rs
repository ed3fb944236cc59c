//! checkout tests.
