//! Small helpers every command family prints with: JSON on request, a column cut to its width.

use serde::Serialize;
use std::io::Write;

/// Writes `value` as pretty JSON followed by a new line.
pub fn json(out: &mut impl Write, value: &impl Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `text` cut to `width` characters, an ellipsis marking the cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}
