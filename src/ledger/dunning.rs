//! What the dunning engine reads and writes: the bulk loader of its facts (a few queries for the whole
//! ledger, not one per client), the ladder and threshold settings, accepting a proposal as a drafted
//! letter, skipping or snoozing it, and recording that a letter was sent or received. Also the minimal
//! way to record a payment plan the engine watches.

use super::{client_filter, decimal_from_text, enum_text, Ledger};
use crate::domain::dunning::{
    ClientFacts, Decision, DecisionFacts, DunningFacts, InvoiceFacts, LetterFacts, LetterStatus, PlanFacts, Proposal,
    Receipt, ReceiptOrigin, RejectionFacts,
};
use crate::domain::figures;
use crate::domain::ladder::{
    DunningSettings, Ladder, DEFAULT_LARGE_AMOUNT, DEFAULT_RESIDUAL_TOLERANCE, LADDER_SETTING, LARGE_AMOUNT_SETTING,
    RESIDUAL_TOLERANCE_SETTING,
};
use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::domain::model::{ClientFields, FieldErrors};
use crate::domain::money::from_cents;
use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A payment plan as the minimal plan form gives it (the plans feature will own the full form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFields {
    pub client_id: i64,
    pub drafted_on: NaiveDate,
    pub status: crate::domain::plans::PlanState,
    pub signed_on: Option<NaiveDate>,
    #[serde(default)]
    pub down_payment: Decimal,
    pub installments: Vec<(NaiveDate, Decimal)>,
    pub invoice_ids: Vec<i64>,
}

impl Ledger {
    /// The dunning settings: the stored ladder and threshold, the defaults where none is stored.
    pub fn dunning_settings(&self) -> Result<DunningSettings> {
        let ladder = match self.setting(LADDER_SETTING)? {
            Some(text) => serde_json::from_str::<Ladder>(&text).unwrap_or_else(|_| Ladder::default_fr()),
            None => Ladder::default_fr(),
        };
        let large_amount_threshold = self
            .setting(LARGE_AMOUNT_SETTING)?
            .and_then(|text| serde_json::from_str::<Decimal>(&text).ok())
            .unwrap_or(DEFAULT_LARGE_AMOUNT);
        let residual_tolerance = self
            .setting(RESIDUAL_TOLERANCE_SETTING)?
            .and_then(|text| serde_json::from_str::<Decimal>(&text).ok())
            .unwrap_or(DEFAULT_RESIDUAL_TOLERANCE);
        Ok(DunningSettings { ladder, large_amount_threshold, residual_tolerance })
    }

    /// Stores the residual-balance tolerance (zero to 100 €): below it a balance is not dunned.
    pub fn save_residual_tolerance(&mut self, amount: Decimal) -> Result<()> {
        let mut errors = FieldErrors::default();
        crate::domain::model::check_amount("residual_tolerance", amount, false, &mut errors);
        if amount > Decimal::ONE_HUNDRED {
            errors.add(
                "residual_tolerance",
                "une tolérance de plus de 100 € laisserait de vraies dettes sans relance : 100 € au plus.",
            );
        }
        errors.into_result()?;
        self.set_setting(RESIDUAL_TOLERANCE_SETTING, &serde_json::to_string(&amount.normalize()).unwrap_or_default())
    }

    /// Stores a ladder edited in settings (a JSON array of rows) after checking it; an invalid table is
    /// refused with the reasons and nothing is stored.
    pub fn save_ladder(&mut self, rows: &serde_json::Value) -> Result<Ladder> {
        let ladder = Ladder::from_json(rows)?;
        let text = serde_json::to_string(&ladder).map_err(|e| LedgerError::Conflict(e.to_string()))?;
        self.set_setting(LADDER_SETTING, &text)?;
        Ok(ladder)
    }

    /// Forgets the edited ladder: the default applies again.
    pub fn reset_ladder(&mut self) -> Result<Ladder> {
        self.connection.execute("DELETE FROM settings WHERE key = ?1", [LADDER_SETTING])?;
        Ok(Ladder::default_fr())
    }

    /// Stores the large-amount threshold (a positive amount in euros).
    pub fn save_large_amount_threshold(&mut self, amount: Decimal) -> Result<()> {
        let mut errors = FieldErrors::default();
        crate::domain::model::check_amount("large_amount_threshold", amount, false, &mut errors);
        if amount <= Decimal::ZERO {
            errors.add("large_amount_threshold", "le seuil doit être un montant positif.");
        }
        errors.into_result()?;
        self.set_setting(LARGE_AMOUNT_SETTING, &serde_json::to_string(&amount.normalize()).unwrap_or_default())
    }

    /// Stores the default payment terms, in days (0 to 60 days, C. com. L441-10).
    pub fn save_default_payment_terms_days(&mut self, days: u32) -> Result<()> {
        if days > 60 {
            return Err(LedgerError::invalid(
                "default_payment_terms_days",
                format!("{days} jours : le délai convenu ne peut pas dépasser 60 jours (C. com. L441-10)."),
            ));
        }
        self.set_setting("default_payment_terms_days", &days.to_string())
    }

    /// Everything the engine reads on `as_of`, for every client or one, in a few queries.
    pub fn dunning_facts(&self, as_of: NaiveDate, client: Option<i64>) -> Result<DunningFacts> {
        let settings = self.dunning_settings()?;
        let mut clients = self.dunning_clients(client)?;
        let index: HashMap<i64, usize> = clients.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let at = |id: i64| index.get(&id).copied();

        // Open invoices, with credits set against them the way every figure does.
        let pass = self.allocation_pass(as_of, client, true)?;
        let mut details: HashMap<i64, InvoiceFacts> = HashMap::new();
        let open = self.open_invoices_with(as_of, client, &pass, |invoice, row| {
            if invoice.remaining > Decimal::ZERO && !invoice.written_off {
                details.insert(
                    invoice.invoice_id,
                    InvoiceFacts {
                        id: invoice.invoice_id,
                        number: row.get(4)?,
                        issue_date: super::date_column(row, 5)?,
                        due_date: invoice.due_date,
                        amount: from_cents(row.get(6)?),
                        remaining: invoice.remaining,
                        penalty_rate: decimal_from_text(row.get(7)?)?,
                        receipts: Vec::new(),
                        credits: Vec::new(),
                    },
                );
            }
            Ok(())
        })?;
        let totals = self.client_totals_with(as_of, client, &pass)?;
        let settlement = figures::settle(&open, &totals);
        for settled in settlement.invoices.iter().filter(|s| s.remaining > Decimal::ZERO) {
            if let (Some(position), Some(mut invoice)) = (at(settled.client_id), details.remove(&settled.invoice_id)) {
                invoice.remaining = settled.remaining;
                clients[position].invoices.push(invoice);
            }
        }
        let positions: HashMap<i64, (usize, usize)> = clients
            .iter()
            .enumerate()
            .flat_map(|(c, client)| client.invoices.iter().enumerate().map(move |(i, inv)| (inv.id, (c, i))))
            .collect();
        for &(invoice_id, date, cents, imported) in &pass.receipts {
            if let Some(&(c, i)) = positions.get(&invoice_id) {
                let origin = if imported { ReceiptOrigin::Imported } else { ReceiptOrigin::Recorded };
                clients[c].invoices[i].receipts.push(Receipt { date, amount: from_cents(cents), origin });
            }
        }
        // Credits end interest as the penalties count them: the same dated chunks, read for the clients that
        // have a credit (a credit note, money not allocated) alone.
        let mut with_credit: Vec<i64> = open
            .iter()
            .filter(|invoice| invoice.remaining < Decimal::ZERO)
            .map(|invoice| invoice.client_id)
            .chain(totals.unallocated.iter().filter(|(_, amount)| **amount > Decimal::ZERO).map(|(id, _)| *id))
            .collect();
        with_credit.sort_unstable();
        with_credit.dedup();
        for (invoice_id, credit, _) in self.settled_credits_among(as_of, &with_credit)? {
            if let Some(&(c, i)) = positions.get(&invoice_id) {
                clients[c].invoices[i].credits.push(credit);
            }
        }
        for (client_id, letter) in self.dunning_letters(as_of, client)? {
            if let Some(position) = at(client_id) {
                clients[position].letters.push(letter);
            }
        }
        for (client_id, decision) in self.dunning_decisions(as_of, client)? {
            if let Some(position) = at(client_id) {
                clients[position].decisions.push(decision);
            }
        }
        // One client's through its index (the id is an integer written into the statement).
        let kinds = "kind IN ('promise', 'dispute', 'pause', 'filing') AND date <= ?1";
        let events = self.load_events(
            &match client {
                Some(id) => format!("WHERE client_id = {id} AND {kinds}"),
                None => format!("WHERE {kinds}"),
            },
            as_of,
        )?;
        for event in events.into_iter().filter(|e| client.is_none_or(|id| id == e.fields.client_id)) {
            if let Some(position) = at(event.fields.client_id) {
                clients[position].events.push(event);
            }
        }
        for (client_id, event_id, paid) in self.dunning_promise_payments(as_of, client)? {
            if let Some(position) = at(client_id) {
                clients[position].promise_payments.push((event_id, paid));
            }
        }
        for (client_id, rejection) in self.dunning_rejections(as_of, client)? {
            if let Some(position) = at(client_id) {
                clients[position].rejections.push(rejection);
            }
        }
        for (client_id, plan) in self.dunning_plans(as_of, client)? {
            if let Some(position) = at(client_id) {
                clients[position].plans.push(plan);
            }
        }
        Ok(DunningFacts { settings, rates: self.rates()?, clients })
    }

    /// Turns a proposal into a drafted letter (kind, dispatch, ladder step, reason and its invoices), as one
    /// unit; returns the letter's id.
    pub fn accept_proposal(&mut self, proposal: &Proposal, drafted_on: NaiveDate) -> Result<i64> {
        self.atomically(|ledger| {
            ledger.client(proposal.client_id)?;
            ledger.connection.execute(
                "INSERT INTO letters (client_id, kind, status, drafted_on, dispatch, ladder_step, reason)
                 VALUES (?1, ?2, 'drafted', ?3, ?4, ?5, ?6)",
                params![
                    proposal.client_id,
                    proposal.kind.id(),
                    drafted_on,
                    proposal.dispatch.id(),
                    proposal.step,
                    proposal.reason
                ],
            )?;
            let letter_id = ledger.connection.last_insert_rowid();
            for invoice in &proposal.invoices {
                ledger.connection.execute(
                    "INSERT INTO letter_invoices (letter_id, invoice_id) VALUES (?1, ?2)",
                    params![letter_id, invoice.invoice_id],
                )?;
            }
            Ok(letter_id)
        })
    }

    /// Passes over this step of the ladder for the proposal's invoices, as if it had been sent on `on`.
    pub fn skip_proposal(&mut self, proposal: &Proposal, on: NaiveDate) -> Result<i64> {
        self.record_decision(proposal, Decision::Skip, on, None)
    }

    /// Silences the client's proposals from `on` until `until` (proposals come back that day).
    pub fn snooze_proposal(&mut self, proposal: &Proposal, on: NaiveDate, until: NaiveDate) -> Result<i64> {
        if until <= on {
            return Err(LedgerError::invalid("until", "choisissez une date de reprise après aujourd'hui."));
        }
        self.record_decision(proposal, Decision::Snooze, on, Some(until))
    }

    fn record_decision(
        &mut self,
        proposal: &Proposal,
        decision: Decision,
        on: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Result<i64> {
        self.atomically(|ledger| {
            ledger.client(proposal.client_id)?;
            ledger.connection.execute(
                "INSERT INTO proposal_decisions (client_id, decision, letter_kind, ladder_step, decided_on, until)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![proposal.client_id, enum_text(&decision), proposal.kind.id(), proposal.step, on, until],
            )?;
            let id = ledger.connection.last_insert_rowid();
            for invoice in &proposal.invoices {
                ledger.connection.execute(
                    "INSERT INTO proposal_decision_invoices (decision_id, invoice_id) VALUES (?1, ?2)",
                    params![id, invoice.invoice_id],
                )?;
            }
            Ok(id)
        })
    }

    /// Records that a letter left on `sent_on` (no tracking number: `crate::domain::delivery::record_sending`
    /// records a registered letter in full).
    pub fn record_letter_sent(&mut self, letter_id: i64, sent_on: NaiveDate) -> Result<()> {
        self.write_sending(letter_id, &crate::domain::delivery::Sending::plain(sent_on))
    }

    /// Records the date on the acknowledgement of receipt of a registered letter.
    pub fn record_letter_receipt(&mut self, letter_id: i64, received_on: NaiveDate) -> Result<()> {
        self.write_delivery(letter_id, &crate::domain::delivery::Delivery::Received(received_on))
    }

    /// Records a payment plan with its installments and invoices, as one unit, in the status given;
    /// returns its id. The plans feature drafts through `insert_plan` and signs through `sign_plan`.
    pub fn create_plan(&mut self, fields: &PlanFields) -> Result<i64> {
        let scheduled: Decimal = fields.installments.iter().map(|(_, a)| *a).sum();
        let draft = super::PlanDraft {
            client_id: fields.client_id,
            drafted_on: fields.drafted_on,
            frequency: crate::domain::plans::Frequency::Monthly,
            with_fees: false,
            principal: scheduled + fields.down_payment,
            fees: Decimal::ZERO,
            down_payment: fields.down_payment,
            installments: fields.installments.clone(),
            hand_set: Vec::new(),
            invoice_ids: fields.invoice_ids.clone(),
        };
        let status = fields.status;
        self.atomically(|ledger| {
            let id = ledger.insert_plan(&draft)?;
            ledger.set_plan_status(id, status, fields.signed_on)?;
            Ok(id)
        })
    }

    /// The letters sent to one client on or before `as_of` (cancelled ones left out), oldest first.
    pub fn sent_letters(&self, client_id: i64, as_of: NaiveDate) -> Result<Vec<LetterFacts>> {
        Ok(self
            .dunning_letters(as_of, Some(client_id))?
            .into_iter()
            .map(|(_, letter)| letter)
            .filter(|letter| letter.status == LetterStatus::Sent)
            .collect())
    }

    fn dunning_clients(&self, client: Option<i64>) -> Result<Vec<ClientFacts>> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT id, kind, company_name, civility, first_name, last_name, segment, status,
                    procedure_opening_date, procedure_bodacc_date
             FROM clients WHERE {} ORDER BY id",
            client_filter("id", client, 1)
        ))?;
        let rows = statement
            .query_map([client], |row| {
                let fields = ClientFields {
                    company_name: row.get(2)?,
                    civility: row.get(3)?,
                    first_name: row.get(4)?,
                    last_name: row.get(5)?,
                    ..Default::default()
                };
                Ok(ClientFacts {
                    id: row.get(0)?,
                    name: fields.display_name(),
                    kind: super::enum_from_text(row.get(1)?)?,
                    segment: super::enum_from_text(row.get(6)?)?,
                    status: super::enum_from_text(row.get(7)?)?,
                    procedure_opening_date: row.get(8)?,
                    procedure_bodacc_date: row.get(9)?,
                    invoices: Vec::new(),
                    letters: Vec::new(),
                    decisions: Vec::new(),
                    events: Vec::new(),
                    promise_payments: Vec::new(),
                    rejections: Vec::new(),
                    plans: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn dunning_letters(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<(i64, LetterFacts)>> {
        let mut invoices: HashMap<i64, Vec<i64>> = HashMap::new();
        {
            let mut statement = self.connection.prepare_cached(&format!(
                "SELECT li.letter_id, li.invoice_id FROM letter_invoices li JOIN letters l ON l.id = li.letter_id
                 WHERE (l.status <> 'cancelled' OR l.cancelled_on > ?1) AND l.drafted_on <= ?1
                   AND {}",
                client_filter("l.client_id", client, 2)
            ))?;
            let mut rows = statement.query(params![as_of, client])?;
            while let Some(row) = rows.next()? {
                invoices.entry(row.get(0)?).or_default().push(row.get(1)?);
            }
        }
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT id, client_id, kind, status, drafted_on, sent_on,
                    CASE WHEN delivery_outcome = 'unclaimed' THEN presented_on ELSE receipt_date END,
                    dispatch, ladder_step, delivery_outcome, receipt_date, presented_on, returned_on, printed_on
             FROM letters WHERE (status <> 'cancelled' OR cancelled_on > ?1) AND drafted_on <= ?1
               AND {}
             ORDER BY drafted_on, id",
            client_filter("client_id", client, 2)
        ))?;
        let mut letters = Vec::new();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(2)?;
            // A kind this version does not know (a later issue's) plays no part in dunning.
            let Some(kind) = LetterKind::from_id(&kind) else { continue };
            let id: i64 = row.get(0)?;
            let sent_on: Option<NaiveDate> = row.get::<_, Option<NaiveDate>>(5)?.filter(|d| *d <= as_of);
            let status: String = row.get(3)?;
            // As of the date, a letter sent or cancelled later was still waiting: printed if it was by then.
            let printed_on: Option<NaiveDate> = row.get(13)?;
            let status = match (status.as_str(), sent_on) {
                ("sent", Some(_)) => LetterStatus::Sent,
                _ if printed_on.is_some_and(|d| d <= as_of) => LetterStatus::Printed,
                ("printed", _) => LetterStatus::Printed,
                _ => LetterStatus::Drafted,
            };
            let dispatch: String = row.get(7)?;
            letters.push((
                row.get(1)?,
                LetterFacts {
                    id,
                    kind,
                    status,
                    drafted_on: row.get(4)?,
                    sent_on,
                    receipt_date: row.get::<_, Option<NaiveDate>>(6)?.filter(|d| *d <= as_of),
                    delivery: super::dispatch::delivery_of(row.get(9)?, row.get(10)?, row.get(11)?, row.get(12)?)
                        .filter(|delivery| delivery.date() <= as_of),
                    dispatch: Dispatch::from_id(&dispatch).unwrap_or(Dispatch::Simple),
                    ladder_step: row.get(8)?,
                    invoice_ids: invoices.remove(&id).unwrap_or_default(),
                },
            ));
        }
        Ok(letters)
    }

    fn dunning_decisions(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<(i64, DecisionFacts)>> {
        let mut invoices: HashMap<i64, Vec<i64>> = HashMap::new();
        {
            let mut statement = self.connection.prepare_cached(&format!(
                "SELECT di.decision_id, di.invoice_id FROM proposal_decision_invoices di
                 JOIN proposal_decisions d ON d.id = di.decision_id
                 WHERE d.decided_on <= ?1 AND {}",
                client_filter("d.client_id", client, 2)
            ))?;
            let mut rows = statement.query(params![as_of, client])?;
            while let Some(row) = rows.next()? {
                invoices.entry(row.get(0)?).or_default().push(row.get(1)?);
            }
        }
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT id, client_id, decision, letter_kind, ladder_step, decided_on, until FROM proposal_decisions
             WHERE decided_on <= ?1 AND {} ORDER BY decided_on, id",
            client_filter("client_id", client, 2)
        ))?;
        let mut decisions = Vec::new();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let Some(kind) = LetterKind::from_id(&row.get::<_, String>(3)?) else { continue };
            let id: i64 = row.get(0)?;
            decisions.push((
                row.get(1)?,
                DecisionFacts {
                    decision: super::enum_from_text(row.get(2)?)?,
                    kind,
                    ladder_step: row.get(4)?,
                    decided_on: row.get(5)?,
                    until: row.get(6)?,
                    invoice_ids: invoices.remove(&id).unwrap_or_default(),
                },
            ));
        }
        Ok(decisions)
    }

    fn dunning_promise_payments(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<(i64, i64, Decimal)>> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT e.client_id, e.id, COALESCE(SUM(p.amount_cents), 0)
             FROM events e
             JOIN payments p ON p.client_id = e.client_id AND p.date >= e.date AND p.date <= e.until AND p.date <= ?1
             LEFT JOIN payment_rejections r ON r.payment_id = p.id
             WHERE e.kind = 'promise' AND e.date <= ?1 AND (r.date IS NULL OR r.date > ?1)
               AND {}
             GROUP BY e.id",
            client_filter("e.client_id", client, 2)
        ))?;
        let rows = statement
            .query_map(params![as_of, client], |row| Ok((row.get(0)?, row.get(1)?, from_cents(row.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn dunning_rejections(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<(i64, RejectionFacts)>> {
        let mut invoices: HashMap<i64, Vec<i64>> = HashMap::new();
        {
            let mut statement = self.connection.prepare_cached(&format!(
                "SELECT a.payment_id, a.invoice_id FROM payment_allocations a
                 JOIN payment_rejections r ON r.payment_id = a.payment_id
                 JOIN payments p ON p.id = a.payment_id
                 WHERE r.date <= ?1 AND {}",
                client_filter("p.client_id", client, 2)
            ))?;
            let mut rows = statement.query(params![as_of, client])?;
            while let Some(row) = rows.next()? {
                invoices.entry(row.get(0)?).or_default().push(row.get(1)?);
            }
        }
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT p.id, p.client_id, p.date, p.amount_cents, p.method, r.date, r.fees_cents
             FROM payment_rejections r JOIN payments p ON p.id = r.payment_id
             WHERE r.date <= ?1 AND {} ORDER BY r.date, p.id",
            client_filter("p.client_id", client, 2)
        ))?;
        let mut rejections = Vec::new();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let payment_id: i64 = row.get(0)?;
            rejections.push((
                row.get(1)?,
                RejectionFacts {
                    payment_id,
                    payment_date: row.get(2)?,
                    amount: from_cents(row.get(3)?),
                    method: super::enum_from_text(row.get(4)?)?,
                    date: row.get(5)?,
                    fees: from_cents(row.get(6)?),
                    invoice_ids: invoices.remove(&payment_id).unwrap_or_default(),
                },
            ));
        }
        Ok(rejections)
    }

    fn dunning_plans(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<(i64, PlanFacts)>> {
        let mut installments: HashMap<i64, Vec<(NaiveDate, Decimal)>> = HashMap::new();
        let mut invoices: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut paid: HashMap<i64, Decimal> = HashMap::new();
        {
            let mut statement = self.connection.prepare_cached(&format!(
                "SELECT i.plan_id, i.due_date, i.amount_cents FROM plan_installments i JOIN plans p ON p.id = i.plan_id
                 WHERE {} ORDER BY i.plan_id, i.sequence",
                client_filter("p.client_id", client, 1)
            ))?;
            let mut rows = statement.query([client])?;
            while let Some(row) = rows.next()? {
                installments.entry(row.get(0)?).or_default().push((row.get(1)?, from_cents(row.get(2)?)));
            }
            let mut statement = self.connection.prepare_cached(&format!(
                "SELECT pi.plan_id, pi.invoice_id FROM plan_invoices pi JOIN plans p ON p.id = pi.plan_id
                 WHERE {}",
                client_filter("p.client_id", client, 1)
            ))?;
            let mut rows = statement.query([client])?;
            while let Some(row) = rows.next()? {
                invoices.entry(row.get(0)?).or_default().push(row.get(1)?);
            }
            let mut statement = self.connection.prepare_cached(&format!(
                "SELECT pl.id, COALESCE(SUM(p.amount_cents), 0)
                 FROM plans pl
                 JOIN payments p ON p.client_id = pl.client_id AND p.date >= pl.signed_on AND p.date <= ?1
                 LEFT JOIN payment_rejections r ON r.payment_id = p.id
                 WHERE pl.signed_on IS NOT NULL AND (r.date IS NULL OR r.date > ?1) AND {}
                 GROUP BY pl.id",
                client_filter("pl.client_id", client, 2)
            ))?;
            let mut rows = statement.query(params![as_of, client])?;
            while let Some(row) = rows.next()? {
                paid.insert(row.get(0)?, from_cents(row.get(1)?));
            }
        }
        let breaches = self.plan_breaches(as_of, client)?;
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT id, client_id, status, signed_on, down_payment_cents, sent_on, closed_on, letter_id FROM plans
             WHERE drafted_on <= ?1 AND {} ORDER BY id",
            client_filter("client_id", client, 2)
        ))?;
        let mut plans = Vec::new();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let signed_on: Option<NaiveDate> = row.get::<_, Option<NaiveDate>>(3)?.filter(|d| *d <= as_of);
            // Where the plan stands on the date (not yet signed, completed, broken by a déchéance letter,
            // abandoned by then).
            let stored = super::plans::stored_on(
                super::enum_from_text(row.get(2)?)?,
                row.get(5)?,
                row.get(3)?,
                row.get(6)?,
                as_of,
            );
            let installments = installments.remove(&id).unwrap_or_default();
            let down_payment = from_cents(row.get(4)?);
            let paid_since_signed = paid.get(&id).copied().unwrap_or_default();
            let tracked = crate::domain::plans::track(
                &crate::domain::plans::TrackInput {
                    stored,
                    signed_on,
                    down_payment,
                    installments: installments.clone(),
                    paid_since_signed,
                    breach_on: breaches.get(&id).copied(),
                },
                as_of,
            );
            let status = tracked.state;
            plans.push((
                row.get(1)?,
                PlanFacts {
                    id,
                    status,
                    signed_on,
                    down_payment,
                    installments,
                    invoice_ids: invoices.remove(&id).unwrap_or_default(),
                    paid_since_signed,
                    letter_id: row.get(7)?,
                },
            ));
        }
        Ok(plans)
    }
}
