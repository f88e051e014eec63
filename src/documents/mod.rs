//! Rendering, pure: a letter's facts become its text (Tera templates), its text becomes a print-ready PDF,
//! the e-mail that carries a letter becomes the message's bytes, and lists become spreadsheet files. Bytes
//! out; writing them to disk is the desk's business.

pub mod email;
pub mod letters;
pub mod print;
pub mod spreadsheet;
