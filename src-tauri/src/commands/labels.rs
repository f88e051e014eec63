//! The French names of every list the window shows, asked once when it starts.

use ardoise::desk::labels::{self, Labels};

#[tauri::command(async)]
pub fn labels() -> Labels {
    labels::labels()
}
