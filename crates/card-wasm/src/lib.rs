//! kassa-card for JavaScript (in progress).
