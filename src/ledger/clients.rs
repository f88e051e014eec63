//! The `clients` table.

use super::{as_named, enum_from_text, enum_text, Ledger};
use crate::domain::address::PostalAddress;
use crate::domain::model::{ClaimStatement, Client, ClientFields, Procedure};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use rusqlite::types::Value;
use rusqlite::Row;

const COLUMNS: &str = "id, kind, company_name, civility, first_name, last_name, contact_person,
    address_complement, address_building, address_street, address_locality, address_postcode, address_town,
    address_country, email, phone, siren_siret, segment, notes, payment_terms_days, status,
    procedure_opening_date, procedure_bodacc_date, mandataire_name, mandataire_address,
    payment_terms_end_of_month, claim_to_fall_due, claim_securities, claim_confirmed_on, default_nature";

impl Ledger {
    /// Records a new client after checking the form; returns its id.
    pub fn create_client(&mut self, fields: &ClientFields) -> Result<i64> {
        let mut fields = fields.clone();
        fields.validate()?;
        let values = column_values(&fields);
        self.connection.execute(
            "INSERT INTO clients (kind, company_name, civility, first_name, last_name, contact_person,
                address_complement, address_building, address_street, address_locality, address_postcode,
                address_town, address_country, email, phone, siren_siret, segment, notes, payment_terms_days,
                status, procedure_opening_date, procedure_bodacc_date, mandataire_name, mandataire_address,
                payment_terms_end_of_month, default_nature)
             VALUES (:kind, :company_name, :civility, :first_name, :last_name, :contact_person,
                :address_complement, :address_building, :address_street, :address_locality, :address_postcode,
                :address_town, :address_country, :email, :phone, :siren_siret, :segment, :notes,
                :payment_terms_days, :status, :procedure_opening_date, :procedure_bodacc_date, :mandataire_name,
                :mandataire_address, :payment_terms_end_of_month, :default_nature)",
            &*as_named(&values),
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    /// Replaces a client's details after checking the form.
    pub fn update_client(&mut self, id: i64, fields: &ClientFields) -> Result<()> {
        let mut fields = fields.clone();
        fields.validate()?;
        let mut values = column_values(&fields);
        values.push((":id", Value::Integer(id)));
        let changed = self.connection.execute(
            "UPDATE clients SET kind = :kind, company_name = :company_name, civility = :civility,
                first_name = :first_name, last_name = :last_name, contact_person = :contact_person,
                address_complement = :address_complement, address_building = :address_building,
                address_street = :address_street, address_locality = :address_locality,
                address_postcode = :address_postcode, address_town = :address_town,
                address_country = :address_country, email = :email, phone = :phone, siren_siret = :siren_siret,
                segment = :segment, notes = :notes, payment_terms_days = :payment_terms_days, status = :status,
                procedure_opening_date = :procedure_opening_date, procedure_bodacc_date = :procedure_bodacc_date,
                mandataire_name = :mandataire_name, mandataire_address = :mandataire_address,
                payment_terms_end_of_month = :payment_terms_end_of_month, default_nature = :default_nature,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = :id",
            &*as_named(&values),
        )?;
        if changed == 0 {
            return Err(LedgerError::NotFound { what: "Client", id });
        }
        Ok(())
    }

    /// One client.
    pub fn client(&self, id: i64) -> Result<Client> {
        let sql = format!("SELECT {COLUMNS} FROM clients WHERE id = ?1");
        self.connection.query_row_cached(&sql, [id], client_from_row).map_err(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => LedgerError::NotFound { what: "Client", id },
            other => other.into(),
        })
    }

    /// Records what the user confirmed for the déclaration de créance of a client in a collective
    /// procedure (None forgets it).
    pub fn save_claim_statement(&mut self, id: i64, statement: Option<&ClaimStatement>) -> Result<()> {
        let statement = statement.filter(|s| s.confirmed_on.is_some());
        let changed = self.connection.execute(
            "UPDATE clients SET claim_to_fall_due = ?2, claim_securities = ?3, claim_confirmed_on = ?4,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?1",
            rusqlite::params![
                id,
                statement.map(|s| s.to_fall_due.trim().to_string()),
                statement.map(|s| s.securities.trim().to_string()),
                statement.and_then(|s| s.confirmed_on),
            ],
        )?;
        if changed == 0 {
            return Err(LedgerError::NotFound { what: "Client", id });
        }
        Ok(())
    }

    /// Every client, by name.
    pub fn clients(&self) -> Result<Vec<Client>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM clients
             ORDER BY CASE company_name WHEN '' THEN last_name ELSE company_name END COLLATE NOCASE, id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let clients = statement.query_map([], client_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(clients)
    }
}

/// The named parameters of the INSERT and UPDATE statements, from a checked form.
fn column_values(fields: &ClientFields) -> Vec<(&'static str, Value)> {
    let text = |value: &str| Value::Text(value.trim().to_string());
    let date = |value: Option<chrono::NaiveDate>| value.map_or(Value::Null, |d| Value::Text(d.to_string()));
    vec![
        (":kind", Value::Text(enum_text(&fields.kind))),
        (":company_name", text(&fields.company_name)),
        (":civility", text(&fields.civility)),
        (":first_name", text(&fields.first_name)),
        (":last_name", text(&fields.last_name)),
        (":contact_person", text(&fields.contact_person)),
        (":address_complement", text(&fields.address.complement)),
        (":address_building", text(&fields.address.building)),
        (":address_street", text(&fields.address.street)),
        (":address_locality", text(&fields.address.locality)),
        (":address_postcode", text(&fields.address.postcode)),
        (":address_town", text(&fields.address.town)),
        (":address_country", text(&fields.address.country)),
        (":email", text(&fields.email)),
        (":phone", text(&fields.phone)),
        (":siren_siret", text(&fields.siren_siret)),
        (":segment", Value::Text(enum_text(&fields.segment))),
        (":notes", text(&fields.notes)),
        (":payment_terms_days", fields.payment_terms_days.map_or(Value::Null, |d| Value::Integer(d.into()))),
        (":status", Value::Text(enum_text(&fields.status))),
        (":procedure_opening_date", date(fields.procedure.opening_date)),
        (":procedure_bodacc_date", date(fields.procedure.bodacc_date)),
        (":mandataire_name", text(&fields.procedure.mandataire_name)),
        (":mandataire_address", text(&fields.procedure.mandataire_address)),
        (
            ":payment_terms_end_of_month",
            Value::Integer(i64::from(fields.payment_terms_days.is_some() && fields.payment_terms_end_of_month)),
        ),
        (":default_nature", fields.default_nature.map_or(Value::Null, |nature| Value::Text(enum_text(&nature)))),
    ]
}

fn client_from_row(row: &Row<'_>) -> rusqlite::Result<Client> {
    Ok(Client {
        id: row.get("id")?,
        fields: ClientFields {
            kind: enum_from_text(row.get("kind")?)?,
            company_name: row.get("company_name")?,
            civility: row.get("civility")?,
            first_name: row.get("first_name")?,
            last_name: row.get("last_name")?,
            contact_person: row.get("contact_person")?,
            address: PostalAddress {
                complement: row.get("address_complement")?,
                building: row.get("address_building")?,
                street: row.get("address_street")?,
                locality: row.get("address_locality")?,
                postcode: row.get("address_postcode")?,
                town: row.get("address_town")?,
                country: row.get("address_country")?,
            },
            email: row.get("email")?,
            phone: row.get("phone")?,
            siren_siret: row.get("siren_siret")?,
            segment: enum_from_text(row.get("segment")?)?,
            notes: row.get("notes")?,
            payment_terms_days: row.get("payment_terms_days")?,
            payment_terms_end_of_month: row.get("payment_terms_end_of_month")?,
            status: enum_from_text(row.get("status")?)?,
            procedure: Procedure {
                opening_date: row.get("procedure_opening_date")?,
                bodacc_date: row.get("procedure_bodacc_date")?,
                mandataire_name: row.get("mandataire_name")?,
                mandataire_address: row.get("mandataire_address")?,
                claim_statement: match row.get::<_, Option<chrono::NaiveDate>>("claim_confirmed_on")? {
                    Some(confirmed_on) => Some(ClaimStatement {
                        to_fall_due: row.get::<_, Option<String>>("claim_to_fall_due")?.unwrap_or_default(),
                        securities: row.get::<_, Option<String>>("claim_securities")?.unwrap_or_default(),
                        confirmed_on: Some(confirmed_on),
                    }),
                    None => None,
                },
            },
            default_nature: row.get::<_, Option<String>>("default_nature")?.map(enum_from_text).transpose()?,
        },
    })
}
