//! The rules, pure: money, calendar, identity, addresses, the model and its row types, rates and
//! penalties, letter kinds and the ladder, the dunning engine, payment plans, delivery and deadlines,
//! derived figures, the timeline and the books kept every month. Nothing here reads a file, the clock or the ledger.

pub mod address;
pub mod allocation;
pub mod books;
pub mod calendar;
pub mod courts;
pub mod delivery;
pub mod digest;
pub mod dunning;
pub mod email;
pub mod figures;
pub mod identity;
pub mod ladder;
pub mod letter_kind;
pub mod matching;
pub mod model;
pub mod money;
pub mod penalties;
pub mod plans;
pub mod postage;
pub mod prescription;
pub mod rates;
pub mod terms;
pub mod text;
pub mod timeline;
