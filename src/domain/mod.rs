//! The rules, pure: no SQL, no files, no clock. New rules land here as the core moves into layers.

pub mod matching;
