//! Payment plans in the ledger (F8): a draft and its changes, the plan letter it was exported with, sent,
//! signed (then in force), abandoned with a reason, and what the engine and the plans list derive a plan's
//! standing from: the payments received since the signature and the déchéance du terme letter, once sent.

use super::{client_filter, enum_text, Ledger};
use crate::domain::money::{from_cents, to_cents};
use crate::domain::plans::{Frequency, PlanState};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// A plan as drafted or changed: the schedule is already computed (`plans::schedule`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub client_id: i64,
    pub drafted_on: NaiveDate,
    pub frequency: Frequency,
    pub with_fees: bool,
    /// What remains to pay on the plan's invoices.
    pub principal: Decimal,
    /// Penalties and indemnities carried by the plan (zero without fees).
    pub fees: Decimal,
    pub down_payment: Decimal,
    pub installments: Vec<(NaiveDate, Decimal)>,
    /// The amounts the user set by hand, by installment.
    pub hand_set: Vec<Option<Decimal>>,
    pub invoice_ids: Vec<i64>,
}

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRow {
    pub id: i64,
    pub client_id: i64,
    /// As stored: draft, sent, active, completed, broken or cancelled (never late: that is derived).
    pub status: PlanState,
    pub drafted_on: NaiveDate,
    pub frequency: Frequency,
    pub with_fees: bool,
    pub principal: Decimal,
    pub fees: Decimal,
    pub down_payment: Decimal,
    pub sent_on: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// Why the user abandoned it (a cancelled plan).
    pub abandon_reason: Option<String>,
    pub letter_id: Option<i64>,
    pub installments: Vec<(NaiveDate, Decimal)>,
    pub hand_set: Vec<Option<Decimal>>,
    pub invoice_ids: Vec<i64>,
}

impl PlanRow {
    /// Principal plus fees: what the down payment and the installments add up to.
    pub fn total(&self) -> Decimal {
        self.principal + self.fees
    }

    /// The stored status as it stood on `as_of`: a plan abandoned later was still in its earlier state.
    pub fn stored_on(&self, as_of: NaiveDate) -> PlanState {
        stored_on(self.status, self.sent_on, self.signed_on, self.closed_on, as_of)
    }
}

/// A plan's stored status as it stood on `as_of`. Only abandoning is dated after the fact: before its
/// `closed_on`, an abandoned plan was in force if signed, sent if its letter left, a draft otherwise.
pub(crate) fn stored_on(
    status: PlanState,
    sent_on: Option<NaiveDate>,
    signed_on: Option<NaiveDate>,
    closed_on: Option<NaiveDate>,
    as_of: NaiveDate,
) -> PlanState {
    match (status, closed_on) {
        (PlanState::Cancelled, Some(closed)) if closed > as_of => {
            if signed_on.is_some() {
                PlanState::Active
            } else if sent_on.is_some() {
                PlanState::Sent
            } else {
                PlanState::Draft
            }
        }
        _ => status,
    }
}

const PLAN_COLUMNS: &str = "id, client_id, status, drafted_on, frequency, with_fees, principal_cents, fees_cents,
     down_payment_cents, sent_on, signed_on, closed_on, letter_id, hand_set, abandon_reason";

impl Ledger {
    /// Records a drafted plan with its installments and invoices, as one unit; returns its id.
    pub fn insert_plan(&mut self, draft: &PlanDraft) -> Result<i64> {
        check_draft(draft)?;
        self.atomically(|ledger| {
            ledger.client(draft.client_id)?;
            ledger.connection.execute(
                "INSERT INTO plans (client_id, status, drafted_on, frequency, with_fees, principal_cents, fees_cents,
                                    down_payment_cents, hand_set)
                 VALUES (?1, 'draft', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    draft.client_id,
                    draft.drafted_on,
                    enum_text(&draft.frequency),
                    draft.with_fees,
                    to_cents(draft.principal),
                    to_cents(draft.fees),
                    to_cents(draft.down_payment),
                    hand_set_json(&draft.hand_set)
                ],
            )?;
            let id = ledger.connection.last_insert_rowid();
            ledger.write_plan_lines(id, draft)?;
            Ok(id)
        })
    }

    /// True when the plan's letter (not cancelled) has been printed: what it states is on paper, so the
    /// plan's terms no longer change, though the plan is sent only when that letter is.
    pub fn plan_letter_printed(&self, plan: &PlanRow) -> Result<bool> {
        match plan.letter_id {
            Some(letter_id) => {
                let letter = self.letter(letter_id)?;
                Ok(letter.status != "cancelled" && letter.printed_on.is_some())
            }
            None => Ok(false),
        }
    }

    /// Replaces a draft's terms (a plan whose letter is printed, sent or signed is not changed: draft
    /// another).
    pub fn update_plan(&mut self, id: i64, draft: &PlanDraft) -> Result<()> {
        check_draft(draft)?;
        self.atomically(|ledger| {
            let plan = ledger.plan(id)?;
            if plan.status != PlanState::Draft {
                return Err(LedgerError::Conflict(format!(
                    "L'échéancier n° {id} est {} : seul un brouillon se modifie.",
                    plan.status.label()
                )));
            }
            if ledger.plan_letter_printed(&plan)? {
                return Err(LedgerError::Conflict(format!(
                    "La lettre de l'échéancier n° {id} est imprimée avec ces conditions : elles ne changent plus. \
                     Pour en proposer d'autres, abandonnez cet échéancier et préparez-en un nouveau."
                )));
            }
            if plan.client_id != draft.client_id {
                return Err(LedgerError::invalid("client_id", "un échéancier ne change pas de client."));
            }
            ledger.connection.execute(
                "UPDATE plans SET drafted_on = ?2, frequency = ?3, with_fees = ?4, principal_cents = ?5,
                        fees_cents = ?6, down_payment_cents = ?7, hand_set = ?8
                 WHERE id = ?1",
                params![
                    id,
                    draft.drafted_on,
                    enum_text(&draft.frequency),
                    draft.with_fees,
                    to_cents(draft.principal),
                    to_cents(draft.fees),
                    to_cents(draft.down_payment),
                    hand_set_json(&draft.hand_set)
                ],
            )?;
            ledger.connection.execute("DELETE FROM plan_installments WHERE plan_id = ?1", [id])?;
            ledger.connection.execute("DELETE FROM plan_invoices WHERE plan_id = ?1", [id])?;
            ledger.write_plan_lines(id, draft)
        })
    }

    fn write_plan_lines(&mut self, id: i64, draft: &PlanDraft) -> Result<()> {
        for (sequence, (date, amount)) in draft.installments.iter().enumerate() {
            self.connection.execute(
                "INSERT INTO plan_installments (plan_id, sequence, due_date, amount_cents) VALUES (?1, ?2, ?3, ?4)",
                params![id, sequence as i64 + 1, date, to_cents(*amount)],
            )?;
        }
        for invoice_id in &draft.invoice_ids {
            if self.invoice_row(*invoice_id)?.invoice.client_id != draft.client_id {
                return Err(LedgerError::invalid("invoice_ids", "cette facture appartient à un autre client."));
            }
            self.connection
                .execute("INSERT INTO plan_invoices (plan_id, invoice_id) VALUES (?1, ?2)", params![id, invoice_id])?;
        }
        Ok(())
    }

    /// Sets a plan's stored status and signature day (the engine's tests record plans already signed).
    pub(crate) fn set_plan_status(&mut self, id: i64, status: PlanState, signed_on: Option<NaiveDate>) -> Result<()> {
        self.connection.execute(
            "UPDATE plans SET status = ?2, signed_on = ?3 WHERE id = ?1",
            params![id, enum_text(&status), signed_on],
        )?;
        Ok(())
    }

    /// One plan with its installments and invoices.
    pub fn plan(&self, id: i64) -> Result<PlanRow> {
        self.plan_rows("WHERE id = ?1", id)?.pop().ok_or(LedgerError::NotFound { what: "Échéancier", id })
    }

    /// Every plan, or one client's, oldest first.
    pub fn plans(&self, client_id: Option<i64>) -> Result<Vec<PlanRow>> {
        match client_id {
            Some(client) => self.plan_rows("WHERE client_id = ?1", client),
            None => self.plan_rows("WHERE ?1 IS NOT NULL", 0),
        }
    }

    /// The plans signed and in force as stored (`active`; whether late is derived), oldest first.
    pub fn signed_plans(&self) -> Result<Vec<PlanRow>> {
        self.plan_rows("WHERE status = 'active' AND ?1 IS NOT NULL", 0)
    }

    /// The plan a letter was exported for, if any.
    pub fn plan_of_letter(&self, letter_id: i64) -> Result<Option<PlanRow>> {
        Ok(self.plan_rows("WHERE letter_id = ?1", letter_id)?.pop())
    }

    fn plan_rows(&self, filter: &str, value: i64) -> Result<Vec<PlanRow>> {
        let mut statement =
            self.connection.prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM plans {filter} ORDER BY id"))?;
        let rows: Vec<PlanRow> = statement
            .query_map([value], |row| {
                let hand_set: String = row.get(13)?;
                Ok(PlanRow {
                    id: row.get(0)?,
                    client_id: row.get(1)?,
                    status: super::enum_from_text(row.get(2)?)?,
                    drafted_on: row.get(3)?,
                    frequency: super::enum_from_text(row.get(4)?)?,
                    with_fees: row.get(5)?,
                    principal: from_cents(row.get(6)?),
                    fees: from_cents(row.get(7)?),
                    down_payment: from_cents(row.get(8)?),
                    sent_on: row.get(9)?,
                    signed_on: row.get(10)?,
                    closed_on: row.get(11)?,
                    abandon_reason: row.get(14)?,
                    letter_id: row.get(12)?,
                    installments: Vec::new(),
                    hand_set: serde_json::from_str(&hand_set).unwrap_or_default(),
                    invoice_ids: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut installments = self.connection.prepare_cached(
            "SELECT due_date, amount_cents FROM plan_installments WHERE plan_id = ?1 ORDER BY sequence",
        )?;
        let mut invoices = self
            .connection
            .prepare_cached("SELECT invoice_id FROM plan_invoices WHERE plan_id = ?1 ORDER BY invoice_id")?;
        rows.into_iter()
            .map(|mut plan| {
                plan.installments = installments
                    .query_map([plan.id], |row| Ok((row.get(0)?, from_cents(row.get(1)?))))?
                    .collect::<rusqlite::Result<_>>()?;
                plan.invoice_ids = invoices.query_map([plan.id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
                Ok(plan)
            })
            .collect()
    }

    /// Links the plan to the letter it is exported with.
    pub fn set_plan_letter(&mut self, id: i64, letter_id: i64) -> Result<()> {
        self.plan(id)?;
        self.connection.execute("UPDATE plans SET letter_id = ?2 WHERE id = ?1", params![id, letter_id])?;
        Ok(())
    }

    /// Records the signed agreement: the plan is in force from `date`.
    pub fn sign_plan(&mut self, id: i64, date: NaiveDate) -> Result<()> {
        let plan = self.plan(id)?;
        if !matches!(plan.status, PlanState::Draft | PlanState::Sent) {
            return Err(LedgerError::Conflict(format!(
                "L'échéancier n° {id} est déjà {} : il n'y a pas de signature à enregistrer.",
                plan.status.label()
            )));
        }
        if date < plan.drafted_on {
            return Err(LedgerError::invalid(
                "signed_on",
                format!("la signature ne peut pas précéder le projet d'échéancier ({}).", plan.drafted_on),
            ));
        }
        self.connection.execute(
            "UPDATE plans SET status = 'active', signed_on = ?2, sent_on = COALESCE(sent_on, drafted_on) WHERE id = ?1",
            params![id, date],
        )?;
        Ok(())
    }

    /// Abandons a plan on `on`, with the user's reason: drafted, sent or in force, it is over (its invoices
    /// go back to the ladder); its letter, if not sent yet, is cancelled with it. A plan settled, broken or
    /// already abandoned is refused.
    pub fn abandon_plan(&mut self, id: i64, on: NaiveDate, reason: &str, state_now: PlanState) -> Result<()> {
        let reason = reason.trim();
        self.atomically(|ledger| {
            let plan = ledger.plan(id)?;
            if matches!(state_now, PlanState::Completed | PlanState::Broken | PlanState::Cancelled) {
                return Err(LedgerError::Conflict(format!(
                    "L'échéancier n° {id} est {} : il n'y a plus rien à abandonner.",
                    state_now.label()
                )));
            }
            if on < plan.drafted_on {
                return Err(LedgerError::invalid(
                    "closed_on",
                    format!("l'abandon ne peut pas précéder le projet d'échéancier ({}).", plan.drafted_on),
                ));
            }
            let reason = if reason.is_empty() { "abandonné à la demande de l'utilisateur" } else { reason };
            ledger.connection.execute(
                "UPDATE plans SET status = 'cancelled', closed_on = ?2, abandon_reason = ?3 WHERE id = ?1",
                params![id, on, reason],
            )?;
            if let Some(letter_id) = plan.letter_id {
                let letter = ledger.letter(letter_id)?;
                if matches!(letter.status.as_str(), "drafted" | "printed") {
                    ledger.cancel_letter(
                        letter_id,
                        on.max(letter.drafted_on),
                        &format!("Échéancier n° {id} abandonné : {reason}"),
                    )?;
                }
            }
            Ok(())
        })
    }

    /// What the client paid from `since` to `until`, payments rejected by `until` left out.
    pub fn paid_between(&self, client_id: i64, since: NaiveDate, until: NaiveDate) -> Result<Decimal> {
        let cents: i64 = self.connection.query_row_cached(
            "SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p
             LEFT JOIN payment_rejections r ON r.payment_id = p.id
             WHERE p.client_id = ?1 AND p.date >= ?2 AND p.date <= ?3 AND (r.date IS NULL OR r.date > ?3)",
            params![client_id, since, until],
            |row| row.get(0),
        )?;
        Ok(from_cents(cents))
    }

    /// For each signed plan (or one client's), the first day on or after its signature, up to `as_of`,
    /// a déchéance du terme (missed installment) letter was sent to its client: the plan breaks when the
    /// debtor is notified, not when the letter is drafted (a drafted letter can still be cancelled).
    pub fn plan_breaches(&self, as_of: NaiveDate, client: Option<i64>) -> Result<HashMap<i64, NaiveDate>> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT p.id, MIN(l.sent_on) FROM plans p
             JOIN letters l ON l.client_id = p.client_id AND l.kind = 'missed_installment' AND l.status = 'sent'
                           AND l.sent_on >= p.signed_on AND l.sent_on <= ?1
             WHERE p.signed_on IS NOT NULL AND {}
             GROUP BY p.id",
            client_filter("p.client_id", client, 2)
        ))?;
        let found = statement
            .query_map(params![as_of, client], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }
}

fn check_draft(draft: &PlanDraft) -> Result<()> {
    if draft.installments.is_empty() {
        return Err(LedgerError::invalid("installments", "un échéancier compte au moins une échéance."));
    }
    if draft.installments.iter().any(|(_, amount)| *amount <= Decimal::ZERO) {
        return Err(LedgerError::invalid("installments", "chaque échéance doit être un montant positif."));
    }
    let scheduled: Decimal = draft.installments.iter().map(|(_, a)| *a).sum::<Decimal>() + draft.down_payment;
    if scheduled != draft.principal + draft.fees {
        return Err(LedgerError::invalid(
            "installments",
            format!("les échéances et l'acompte font {scheduled} € au lieu de {} €.", draft.principal + draft.fees),
        ));
    }
    Ok(())
}

fn hand_set_json(hand_set: &[Option<Decimal>]) -> String {
    let trimmed: Vec<Option<String>> = hand_set.iter().map(|a| a.map(|d| d.to_string())).collect();
    serde_json::to_string(&trimmed).unwrap_or_else(|_| "[]".into())
}
