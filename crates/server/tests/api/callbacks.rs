//! callbacks tests.
