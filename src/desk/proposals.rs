//! « À faire aujourd'hui »: the dunning engine's proposals as of a date, and the user's decision on one
//! (accept: the letter is drafted; skip; snooze), always on the proposal as computed now.

use crate::desk::{Error, Result};
pub use crate::domain::dunning::Proposal;
use crate::domain::dunning::{self, DunningFacts};
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::Arc;

/// One proposal per client needing action on `as_of`, most urgent first (remembered while the ledger does
/// not change: the facts are every row the engine reads, settings and rates included).
pub fn proposals(ledger: &Ledger, as_of: NaiveDate) -> Result<Vec<Proposal>> {
    Ok(remembered(ledger, as_of)?.to_vec())
}

/// The most urgent proposals, a page at a time, and how many there are in all.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalPage {
    pub total: usize,
    pub proposals: Vec<Proposal>,
}

/// The first `limit` of [`proposals`] and their count: the dashboard shows its cards a page at a time, and
/// a large ledger proposes thousands (9,556 on the benchmark ledger, 11 MB to send to the window whole).
pub fn proposal_page(ledger: &Ledger, as_of: NaiveDate, limit: usize) -> Result<ProposalPage> {
    let all = remembered(ledger, as_of)?;
    Ok(ProposalPage { total: all.len(), proposals: all.iter().take(limit).cloned().collect() })
}

fn remembered(ledger: &Ledger, as_of: NaiveDate) -> Result<Arc<Vec<Proposal>>> {
    ledger.remembered("proposals", as_of, || -> Result<Vec<Proposal>> {
        Ok(dunning::propose(&*facts(ledger, as_of)?, as_of))
    })
}

/// The engine's facts for every client on `as_of`, remembered while the ledger does not change: the
/// proposals and the dashboard's prescription watch both start from them, and loading them is most of
/// either.
pub(crate) fn facts(ledger: &Ledger, as_of: NaiveDate) -> Result<Arc<DunningFacts>> {
    ledger.remembered("dunning_facts", as_of, || -> Result<DunningFacts> { Ok(ledger.dunning_facts(as_of, None)?) })
}

/// One client's proposal on `as_of`, loaded for that client alone.
pub fn client_proposal(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<Option<Proposal>> {
    Ok(dunning::propose(&ledger.dunning_facts(as_of, Some(client_id))?, as_of).pop())
}

/// What the user decides on a client's proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum ProposalAction {
    /// Draft the letter.
    Accept,
    /// Pass over this step for these invoices.
    Skip,
    /// No proposal for this client before `until`.
    Snooze { until: NaiveDate },
}

/// Applies a decision to the client's proposal as computed now on `as_of` (never a stale copy from the
/// window); returns the drafted letter's or the decision's id.
pub fn decide_proposal(ledger: &mut Ledger, client_id: i64, as_of: NaiveDate, action: ProposalAction) -> Result<i64> {
    let proposal = client_proposal(ledger, client_id, as_of)?.ok_or_else(|| {
        Error::conflict("Ce client n'a plus de relance proposée aujourd'hui : la liste va être rechargée.")
    })?;
    Ok(match action {
        ProposalAction::Accept => ledger.accept_proposal(&proposal, as_of)?,
        ProposalAction::Skip => ledger.skip_proposal(&proposal, as_of)?,
        ProposalAction::Snooze { until } => ledger.snooze_proposal(&proposal, as_of, until)?,
    })
}
