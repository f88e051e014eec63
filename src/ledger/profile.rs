//! The `profile` table: the one row that describes the sender.

use super::Ledger;
use crate::domain::address::PostalAddress;
use crate::domain::model::Profile;
use crate::ledger::error::Result;
use rusqlite::{named_params, OptionalExtension};

impl Ledger {
    /// The sender profile; an empty one before it is filled in.
    pub fn profile(&self) -> Result<Profile> {
        let profile = self
            .connection
            .query_row(
                "SELECT legal_name, trade_name, address_complement, address_building, address_street,
                    address_locality, address_postcode, address_town, address_country, siren_siret, registry,
                    vat_number, vat_exempt, phone, email, iban, bic, signature_town
                 FROM profile WHERE id = 1",
                [],
                |row| {
                    Ok(Profile {
                        legal_name: row.get(0)?,
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
                vat_number, vat_exempt, phone, email, iban, bic, signature_town)
             VALUES (1, :legal_name, :trade_name, :complement, :building, :street, :locality, :postcode, :town,
                :country, :siren_siret, :registry, :vat_number, :vat_exempt, :phone, :email, :iban, :bic,
                :signature_town)
             ON CONFLICT (id) DO UPDATE SET legal_name = excluded.legal_name, trade_name = excluded.trade_name,
                address_complement = excluded.address_complement, address_building = excluded.address_building,
                address_street = excluded.address_street, address_locality = excluded.address_locality,
                address_postcode = excluded.address_postcode, address_town = excluded.address_town,
                address_country = excluded.address_country, siren_siret = excluded.siren_siret,
                registry = excluded.registry, vat_number = excluded.vat_number, vat_exempt = excluded.vat_exempt,
                phone = excluded.phone, email = excluded.email, iban = excluded.iban, bic = excluded.bic,
                signature_town = excluded.signature_town",
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
            },
        )?;
        Ok(())
    }
}
