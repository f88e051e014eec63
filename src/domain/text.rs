//! Text as Ardoise compares it, whatever its case, accents and punctuation: file headers, client
//! names read from a spreadsheet or a bank label, statuses.

/// Lower case, accents dropped, every run of punctuation or spaces as one space: the form in which
/// headers, names, bank labels and statuses are compared.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for character in text.chars().flat_map(char::to_lowercase) {
        let plain = match character {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'œ' => {
                folded.push_str(if pending_space && !folded.is_empty() { " o" } else { "o" });
                pending_space = false;
                'e'
            }
            'æ' => {
                folded.push_str(if pending_space && !folded.is_empty() { " a" } else { "a" });
                pending_space = false;
                'e'
            }
            other => other,
        };
        if plain.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.push(plain);
        } else {
            pending_space = true;
        }
    }
    folded
}
