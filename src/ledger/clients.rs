//! The `clients` table.

use super::{as_named, enum_from_text, enum_text, Ledger};
use crate::domain::address::PostalAddress;
use crate::domain::model::{ClaimStatement, Client, ClientFields, Procedure};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use rusqlite::types::Value;
use rusqlite::Row;

/// The columns a client is read from, in the order selected.
const NAMES: [&str; 30] = [
    "id",
    "kind",
    "company_name",
    "civility",
    "first_name",
    "last_name",
    "contact_person",
    "address_complement",
    "address_building",
    "address_street",
    "address_locality",
    "address_postcode",
    "address_town",
    "address_country",
    "email",
    "phone",
    "siren_siret",
    "segment",
    "notes",
    "payment_terms_days",
    "status",
    "procedure_opening_date",
    "procedure_bodacc_date",
    "mandataire_name",
    "mandataire_address",
    "payment_terms_end_of_month",
    "claim_to_fall_due",
    "claim_securities",
    "claim_confirmed_on",
    "default_nature",
];

/// The position of a column in `NAMES`, found at compile time (`const { at("…") }`): a client is read by
/// position, since by name rusqlite looks each column up among them all, on every row of every list.
const fn at(name: &str) -> usize {
    let mut index = 0;
    while index < NAMES.len() {
        if same(NAMES[index].as_bytes(), name.as_bytes()) {
            return index;
        }
        index += 1;
    }
    panic!("not a client column")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

impl Ledger {
    /// Records a new client after checking the form; returns its id.
    pub fn create_client(&mut self, fields: &ClientFields) -> Result<i64> {
        let mut fields = fields.clone();
        fields.validate()?;
        let values = column_values(&fields);
        // Cached: an import creates its new clients one after the other with it.
        self.connection
            .prepare_cached(
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
            )?
            .execute(&*as_named(&values))?;
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
        let sql = format!("SELECT {} FROM clients WHERE id = ?1", NAMES.join(", "));
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
            "SELECT {} FROM clients
             ORDER BY CASE company_name WHEN '' THEN last_name ELSE company_name END COLLATE NOCASE, id",
            NAMES.join(", ")
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
        id: row.get(const { at("id") })?,
        fields: ClientFields {
            kind: enum_from_text(row.get(const { at("kind") })?)?,
            company_name: row.get(const { at("company_name") })?,
            civility: row.get(const { at("civility") })?,
            first_name: row.get(const { at("first_name") })?,
            last_name: row.get(const { at("last_name") })?,
            contact_person: row.get(const { at("contact_person") })?,
            address: PostalAddress {
                complement: row.get(const { at("address_complement") })?,
                building: row.get(const { at("address_building") })?,
                street: row.get(const { at("address_street") })?,
                locality: row.get(const { at("address_locality") })?,
                postcode: row.get(const { at("address_postcode") })?,
                town: row.get(const { at("address_town") })?,
                country: row.get(const { at("address_country") })?,
            },
            email: row.get(const { at("email") })?,
            phone: row.get(const { at("phone") })?,
            siren_siret: row.get(const { at("siren_siret") })?,
            segment: enum_from_text(row.get(const { at("segment") })?)?,
            notes: row.get(const { at("notes") })?,
            payment_terms_days: row.get(const { at("payment_terms_days") })?,
            payment_terms_end_of_month: row.get(const { at("payment_terms_end_of_month") })?,
            status: enum_from_text(row.get(const { at("status") })?)?,
            procedure: Procedure {
                opening_date: row.get(const { at("procedure_opening_date") })?,
                bodacc_date: row.get(const { at("procedure_bodacc_date") })?,
                mandataire_name: row.get(const { at("mandataire_name") })?,
                mandataire_address: row.get(const { at("mandataire_address") })?,
                claim_statement: match row.get::<_, Option<chrono::NaiveDate>>(const { at("claim_confirmed_on") })? {
                    Some(confirmed_on) => Some(ClaimStatement {
                        to_fall_due: row
                            .get::<_, Option<String>>(const { at("claim_to_fall_due") })?
                            .unwrap_or_default(),
                        securities: row.get::<_, Option<String>>(const { at("claim_securities") })?.unwrap_or_default(),
                        confirmed_on: Some(confirmed_on),
                    }),
                    None => None,
                },
            },
            default_nature: row
                .get::<_, Option<String>>(const { at("default_nature") })?
                .map(enum_from_text)
                .transpose()?,
        },
    })
}
