//! Which court and which form an injonction de payer goes to (law-fr.md, CPC 1405 to 1425): the debtor's
//! domicile decides the place; a professional debtor goes to the tribunal de commerce (Cerfa 12946), a
//! consumer to the tribunal judiciaire (Cerfa 12948).

use crate::domain::model::{Client, ClientKind};
use serde::Serialize;

/// The court and form an injonction de payer goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Court {
    /// "12946" (tribunal de commerce) or "12948" (tribunal judiciaire).
    pub cerfa: String,
    /// "Tribunal de commerce" or "Tribunal judiciaire".
    pub jurisdiction: String,
    /// The town of the debtor's address (its postcode's town), which the user must confirm.
    pub town: String,
    pub postcode: String,
}

/// The court competent for a client: the debtor's domicile; a trader or artisan goes to the tribunal
/// de commerce (Cerfa 12946), a consumer to the tribunal judiciaire (Cerfa 12948).
pub fn court_of(client: &Client) -> Court {
    let address = &client.fields.address;
    let (cerfa, jurisdiction) = match client.fields.kind {
        ClientKind::Professional => ("12946", "Tribunal de commerce"),
        ClientKind::Consumer => ("12948", "Tribunal judiciaire"),
    };
    let town = address.town.split(" CEDEX").next().unwrap_or_default().trim().to_string();
    Court { cerfa: cerfa.into(), jurisdiction: jurisdiction.into(), town, postcode: address.postcode.trim().into() }
}
