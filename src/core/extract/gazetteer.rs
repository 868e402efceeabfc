//! Word lists shipped in `assets/` (being written).
