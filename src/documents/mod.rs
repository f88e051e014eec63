//! Rendering, pure: a letter's facts become its text (Tera templates), its text becomes a print-ready PDF,
//! the e-mail that carries a letter becomes the message's bytes, lists become spreadsheet files, and the
//! books of the month (livre des recettes, accountant's export) become PDF, CSV, XLSX and ZIP files. Bytes
//! out; writing them to disk is the desk's business.

pub mod books;
pub mod email;
pub mod images;
pub mod letters;
pub mod print;
pub mod spreadsheet;
