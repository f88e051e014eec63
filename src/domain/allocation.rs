//! Splitting a payment over a client's open invoices: oldest due date first by default, or a split the
//! user chose, checked so that no cent is created or lost.

use crate::domain::model::Allocation;
use rust_decimal::Decimal;

/// An invoice that can still receive money, in the order payments settle them (oldest due date first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receivable {
    pub invoice_id: i64,
    pub number: String,
    pub remaining: Decimal,
}

/// Settles the oldest invoices first; what exceeds them all stays unallocated (a credit).
pub fn allocate_oldest_first(open: &[Receivable], amount: Decimal) -> Vec<Allocation> {
    let mut left = amount;
    let mut allocations = Vec::new();
    for receivable in open {
        if left <= Decimal::ZERO {
            break;
        }
        if receivable.remaining <= Decimal::ZERO {
            continue;
        }
        let part = left.min(receivable.remaining);
        allocations.push(Allocation { invoice_id: receivable.invoice_id, amount: part });
        left -= part;
    }
    allocations
}

/// Checks a split chosen by hand against the client's open invoices; the message names the invoice.
pub fn check_allocations(open: &[Receivable], allocations: &[Allocation]) -> Result<(), String> {
    for (index, allocation) in allocations.iter().enumerate() {
        if allocations[..index].iter().any(|a| a.invoice_id == allocation.invoice_id) {
            return Err("une même facture apparaît deux fois dans la répartition.".into());
        }
        let Some(receivable) = open.iter().find(|r| r.invoice_id == allocation.invoice_id) else {
            return Err("la répartition vise une facture qui n'est pas ouverte chez ce client.".into());
        };
        if allocation.amount > receivable.remaining {
            return Err(format!(
                "la part affectée à la facture {} ({}) dépasse ce qui reste dû ({}).",
                receivable.number,
                crate::domain::money::format_eur_ascii(allocation.amount),
                crate::domain::money::format_eur_ascii(receivable.remaining)
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn open() -> Vec<Receivable> {
        vec![
            Receivable { invoice_id: 1, number: "F1".into(), remaining: d("100") },
            Receivable { invoice_id: 2, number: "F2".into(), remaining: d("250.50") },
            Receivable { invoice_id: 3, number: "F3".into(), remaining: d("40") },
        ]
    }

    #[test]
    fn oldest_first_fills_invoices_in_order() {
        let cases = [
            ("50", vec![(1, "50")]),
            ("100", vec![(1, "100")]),
            ("150.25", vec![(1, "100"), (2, "50.25")]),
            ("390.50", vec![(1, "100"), (2, "250.50"), (3, "40")]),
            ("500", vec![(1, "100"), (2, "250.50"), (3, "40")]),
        ];
        for (amount, expected) in cases {
            let got: Vec<(i64, Decimal)> =
                allocate_oldest_first(&open(), d(amount)).into_iter().map(|a| (a.invoice_id, a.amount)).collect();
            let expected: Vec<(i64, Decimal)> = expected.into_iter().map(|(id, a)| (id, d(a))).collect();
            assert_eq!(got, expected, "amount {amount}");
        }
    }

    #[test]
    fn hand_split_is_checked() {
        let over = [Allocation { invoice_id: 3, amount: d("40.01") }];
        assert!(check_allocations(&open(), &over).unwrap_err().contains("F3"));
        let unknown = [Allocation { invoice_id: 9, amount: d("1") }];
        assert!(check_allocations(&open(), &unknown).is_err());
        let twice = [Allocation { invoice_id: 1, amount: d("1") }, Allocation { invoice_id: 1, amount: d("1") }];
        assert!(check_allocations(&open(), &twice).is_err());
        let fine = [Allocation { invoice_id: 2, amount: d("250.50") }, Allocation { invoice_id: 1, amount: d("1") }];
        assert_eq!(check_allocations(&open(), &fine), Ok(()));
    }
}
