//! Reading and matching a bank statement against a large ledger (placeholder until written).
fn main() {}
