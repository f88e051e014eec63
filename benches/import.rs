//! Import benchmark (placeholder while dependencies are fetched).
fn main() {}
