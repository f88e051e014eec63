//! The `profile` table: the one row that describes the sender, and its two images (the logo printed in
//! the sender block, the signature under the name), stored as PNG bytes.

use super::Ledger;
use crate::domain::address::PostalAddress;
use crate::domain::model::{AddressedAs, Profile};
use crate::ledger::error::Result;
use crate::ledger::QueryCached;
use rusqlite::{named_params, OptionalExtension};

/// The two images a profile may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileImage {
    Logo,
    Signature,
}

impl ProfileImage {
    /// The profile column that holds it (PNG bytes).
    fn column(self) -> &'static str {
        match self {
            ProfileImage::Logo => "logo_png",
            ProfileImage::Signature => "signature_png",
        }
    }
}

impl Ledger {
    /// The sender profile; an empty one before it is filled in.
    pub fn profile(&self) -> Result<Profile> {
        let profile = self
            .connection
            .query_row_cached(
                "SELECT legal_name, trade_name, address_complement, address_building, address_street,
                    address_locality, address_postcode, address_town, address_country, siren_siret, registry,
                    vat_number, vat_exempt, phone, email, iban, bic, signature_town, addressed_as
                 FROM profile WHERE id = 1",
                [],
                |row| {
                    let addressed_as: String = row.get(18)?;
                    Ok(Profile {
                        legal_name: row.get(0)?,
                        addressed_as: AddressedAs::ALL.into_iter().find(|a| a.id() == addressed_as),
                        trade_name: row.get(1)?,
                        address: PostalAddress {
                            complement: row.get(2)?,
                            building: row.get(3)?,
                            street: row.get(4)?,
                            locality: row.get(5)?,
                            postcode: row.get(6)?,
                            town: row.get(7)?,
                            country: row.get(8)?,
                        },
                        siren_siret: row.get(9)?,
                        registry: row.get(10)?,
                        vat_number: row.get(11)?,
                        vat_exempt: row.get(12)?,
                        phone: row.get(13)?,
                        email: row.get(14)?,
                        iban: row.get(15)?,
                        bic: row.get(16)?,
                        signature_town: row.get(17)?,
                    })
                },
            )
            .optional()?;
        Ok(profile.unwrap_or_default())
    }

    /// Checks and saves the sender profile.
    pub fn save_profile(&mut self, profile: &Profile) -> Result<()> {
        let mut profile = profile.clone();
        profile.validate()?;
        self.connection.execute(
            "INSERT INTO profile (id, legal_name, trade_name, address_complement, address_building, address_street,
                address_locality, address_postcode, address_town, address_country, siren_siret, registry,
                vat_number, vat_exempt, phone, email, iban, bic, signature_town, addressed_as)
             VALUES (1, :legal_name, :trade_name, :complement, :building, :street, :locality, :postcode, :town,
                :country, :siren_siret, :registry, :vat_number, :vat_exempt, :phone, :email, :iban, :bic,
                :signature_town, :addressed_as)
             ON CONFLICT (id) DO UPDATE SET legal_name = excluded.legal_name, trade_name = excluded.trade_name,
                address_complement = excluded.address_complement, address_building = excluded.address_building,
                address_street = excluded.address_street, address_locality = excluded.address_locality,
                address_postcode = excluded.address_postcode, address_town = excluded.address_town,
                address_country = excluded.address_country, siren_siret = excluded.siren_siret,
                registry = excluded.registry, vat_number = excluded.vat_number, vat_exempt = excluded.vat_exempt,
                phone = excluded.phone, email = excluded.email, iban = excluded.iban, bic = excluded.bic,
                signature_town = excluded.signature_town, addressed_as = excluded.addressed_as",
            named_params! {
                ":legal_name": profile.legal_name,
                ":trade_name": profile.trade_name,
                ":complement": profile.address.complement.trim(),
                ":building": profile.address.building.trim(),
                ":street": profile.address.street.trim(),
                ":locality": profile.address.locality.trim(),
                ":postcode": profile.address.postcode.trim(),
                ":town": profile.address.town.trim(),
                ":country": profile.address.country.trim(),
                ":siren_siret": profile.siren_siret,
                ":registry": profile.registry,
                ":vat_number": profile.vat_number,
                ":vat_exempt": profile.vat_exempt,
                ":phone": profile.phone,
                ":email": profile.email,
                ":iban": profile.iban,
                ":bic": profile.bic,
                ":signature_town": profile.signature_town,
                ":addressed_as": profile.addressed_as.map_or("", AddressedAs::id),
            },
        )?;
        Ok(())
    }

    /// Stores how the trader is addressed, leaving the rest of the profile as it is (the row is created
    /// empty if the profile was never saved).
    pub fn save_addressed_as(&mut self, addressed_as: Option<AddressedAs>) -> Result<()> {
        self.connection.execute(
            "INSERT INTO profile (id, addressed_as) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET addressed_as = excluded.addressed_as",
            [addressed_as.map_or("", AddressedAs::id)],
        )?;
        Ok(())
    }

    /// The logo printed in the sender block (PNG), if the user stored one.
    pub fn logo_png(&self) -> Result<Option<Vec<u8>>> {
        self.profile_image(ProfileImage::Logo)
    }

    /// One of the profile's images (PNG), if stored.
    pub fn profile_image(&self, image: ProfileImage) -> Result<Option<Vec<u8>>> {
        let sql = format!("SELECT {} FROM profile WHERE id = 1", image.column());
        Ok(self.connection.query_row_cached(&sql, [], |row| row.get(0)).optional()?.flatten())
    }

    /// Stores (or, with None, removes) one of the profile's images: PNG bytes already checked by
    /// `documents::images`. The profile row is created empty if the profile was never saved.
    pub fn save_profile_image(&mut self, image: ProfileImage, png: Option<&[u8]>) -> Result<()> {
        let sql = format!(
            "INSERT INTO profile (id, {column}) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET {column} = excluded.{column}",
            column = image.column()
        );
        self.connection.execute(&sql, [png])?;
        Ok(())
    }
}
