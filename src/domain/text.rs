//! Text as Ardoise compares it, whatever its case, accents and punctuation: file headers, client
//! names read from a spreadsheet or a bank label, statuses; and the preposition « de » before a name, as
//! French writes it (« d'Hôtel… », « du Petit Zinc »).

use std::ops::ControlFlow;

/// Lower case, accents dropped, every run of punctuation or spaces as one space: the form in which
/// headers, names, bank labels and statuses are compared.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let _ = fold_each(text, |character| {
        folded.push(character);
        ControlFlow::Continue(())
    });
    folded
}

/// True when `text` folds to `folded` (`fold(text) == folded`), told without building the folded text
/// and at its first differing character: an import compares every row's cells with the header's.
pub fn folds_to(text: &str, folded: &str) -> bool {
    let mut expected = folded.chars();
    let same = fold_each(text, |character| {
        if expected.next() == Some(character) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    same.is_continue() && expected.next().is_none()
}

/// Legal forms, folded: left out when names are compared (« Menuiserie Dupont SARL » is « menuiserie
/// dupont »), by the import's client matching and the bank matcher alike.
pub const LEGAL_FORMS: &[&str] = &[
    "sarl",
    "sas",
    "sasu",
    "eurl",
    "sa",
    "sci",
    "snc",
    "ei",
    "eirl",
    "scop",
    "scp",
    "selarl",
    "selas",
    "sca",
    "gie",
    "ste",
    "societe",
    "ets",
    "etablissements",
    "ltd",
    "llc",
    "inc",
    "gmbh",
    "plc",
];

/// Civilities, folded: a name beginning with one is a person's, and they are left out when names are
/// compared.
pub const CIVILITIES: &[&str] = &["m", "mme", "mlle", "mr", "mrs", "ms", "monsieur", "madame", "mademoiselle"];

/// Words beginning with a mute h, which take « d' » (« d'Hôtel du Cœur d'Or »): a name's first word
/// beginning with any other h keeps « de » (« de Hachette », the h aspirated).
const MUTE_H_WORDS: &[&str] = &[
    "habitat",
    "habitation",
    "harmonie",
    "hebergement",
    "herboristerie",
    "heritage",
    "histoire",
    "horizon",
    "horlogerie",
    "horticulture",
    "hospitalite",
    "hotel",
    "hotellerie",
    "hotelier",
    "hoteliere",
    "hopital",
    "huilerie",
    "humanite",
    "hygiene",
];

/// « de » and a name, as French writes it: « d' » before a vowel or a mute h (« d'Atelier Nord »,
/// « d'Hôtel des Célestins »), « du » and « des » for a name beginning with the article « Le » or « Les »
/// (« du Petit Zinc », « des Jardins de Marie »), « de » otherwise (« de Garage Sud », « de M. Dupont »).
pub fn with_de(name: &str) -> String {
    let name = name.trim();
    let (first, rest) = name.split_once(' ').unwrap_or((name, ""));
    match fold(first).as_str() {
        "le" if !rest.is_empty() => return format!("du {rest}"),
        "les" if !rest.is_empty() => return format!("des {rest}"),
        _ => {}
    }
    let word = fold(first);
    let mut letters = word.chars();
    let elided = match (letters.next(), letters.next()) {
        (Some('a' | 'e' | 'i' | 'o' | 'u'), _) => true,
        // « Yves », « Yvon »: a y before a consonant is a vowel; « Yacht Club » keeps « de ».
        (Some('y'), Some(next)) => !matches!(next, 'a' | 'e' | 'i' | 'o' | 'u'),
        (Some('h'), _) => MUTE_H_WORDS.contains(&word.as_str()),
        _ => false,
    };
    if elided {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

/// Gives the folded text's characters one by one, until `emit` breaks.
fn fold_each(text: &str, mut emit: impl FnMut(char) -> ControlFlow<()>) -> ControlFlow<()> {
    let (mut started, mut pending_space) = (false, false);
    for character in text.chars().flat_map(char::to_lowercase) {
        // The ligatures give two letters.
        let (first, plain) = match character {
            'à' | 'â' | 'ä' | 'á' => (None, 'a'),
            'é' | 'è' | 'ê' | 'ë' => (None, 'e'),
            'î' | 'ï' | 'í' => (None, 'i'),
            'ô' | 'ö' | 'ó' => (None, 'o'),
            'ù' | 'û' | 'ü' | 'ú' => (None, 'u'),
            'ç' => (None, 'c'),
            'ÿ' => (None, 'y'),
            'œ' => (Some('o'), 'e'),
            'æ' => (Some('a'), 'e'),
            other => (None, other),
        };
        if plain.is_alphanumeric() {
            if pending_space && started {
                emit(' ')?;
            }
            pending_space = false;
            if let Some(first) = first {
                emit(first)?;
            }
            emit(plain)?;
            started = true;
        } else {
            pending_space = true;
        }
    }
    ControlFlow::Continue(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        for (text, folded) in [
            ("  N° Facture ", "n facture"),
            ("Échéance (TTC)", "echeance ttc"),
            ("Cœur d'Œuvre", "coeur d oeuvre"),
            ("ÆSOP -- Ltd.", "aesop ltd"),
            ("—", ""),
            ("", ""),
            ("B-000123", "b 000123"),
        ] {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    #[test]
    fn de_is_elided_before_a_vowel_or_a_mute_h_and_contracted_with_le_and_les() {
        for (name, written) in [
            ("Garage Sud", "de Garage Sud"),
            ("Hôtel du Cœur d'Or", "d'Hôtel du Cœur d'Or"),
            ("HOTEL DES CELESTINS", "d'HOTEL DES CELESTINS"),
            ("Hachette Livre", "de Hachette Livre"),
            ("Atelier Nord", "d'Atelier Nord"),
            ("Écurie des Tilleuls", "d'Écurie des Tilleuls"),
            ("Yves Martin", "d'Yves Martin"),
            ("Yacht Club de Lyon", "de Yacht Club de Lyon"),
            ("Le Petit Zinc", "du Petit Zinc"),
            ("LES JARDINS DE MARIE", "des JARDINS DE MARIE"),
            ("Lefèvre SARL", "de Lefèvre SARL"),
            ("M. Jean-Pierre DUPONT", "de M. Jean-Pierre DUPONT"),
            ("Le", "de Le"),
            ("3 Suisses", "de 3 Suisses"),
            ("", "de "),
        ] {
            assert_eq!(with_de(name), written, "{name}");
        }
    }

    /// `folds_to` says what comparing with `fold` says, on texts that differ anywhere: their start, their
    /// end, a ligature, a space, or only in what folding drops.
    #[test]
    fn folds_to_agrees_with_fold() {
        let texts = [
            "",
            " ",
            "n facture",
            "N° facture",
            "n facture ",
            "n factures",
            "n factur",
            "nfacture",
            "Œuvre",
            "oeuvre",
            "o euvre",
            "ÆSOP",
            "aesop",
            "a esop",
            "Date d'échéance",
            "date d echeance",
            "date d echeance x",
            "x",
            "B-000123",
            "b 000123",
            "b000123",
            "Total",
            "total ",
            "TOTAL TTC",
            "total ttc",
        ];
        for text in texts {
            for other in texts {
                let folded = fold(other);
                assert_eq!(folds_to(text, &folded), fold(text) == folded, "« {text} » against « {folded} »");
            }
        }
    }
}
