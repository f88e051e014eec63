//! Rendering, pure: a letter's facts become its text (Tera templates), its text becomes a print-ready PDF,
//! and lists become spreadsheet files. Bytes out; writing them to disk is the desk's business.

pub mod images;
pub mod letters;
pub mod print;
pub mod spreadsheet;
