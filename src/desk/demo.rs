//! The demo ledger offered on first start: a carpenter's 25 clients and about 120 invoices over the last
//! 18 months, dated relative to the day given, with every situation later features need to show —
//! partial payments, a rejected cheque, a promise, a dispute, a pause, a collective procedure, a large
//! overdue invoice, a chronic late payer with several overdue invoices, a credit note and an overpayment,
//! a client already two letters into the dunning ladder, and sales of goods (one paid in cash) beside the
//! services, for the livre des recettes.
//!
//! The data goes through the ledger's public API, so it obeys every check a user's input does. It is
//! deterministic: the same day gives the same ledger.

use crate::desk::Result;
use crate::domain::address::PostalAddress;
use crate::domain::model::{
    AddressedAs, ClientFields, ClientKind, ClientStatus, EventFields, EventKind, InvoiceFields, Nature, PaymentFields,
    PaymentMethod, Procedure, Profile, Rejection, Segment,
};
use crate::ledger::error::LedgerError;
use crate::ledger::Ledger;
use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

/// How a demo client usually pays: the range of days after the due date its payments arrive.
#[derive(Debug, Clone, Copy)]
enum Habit {
    OnTime,
    SomewhatLate,
    Late,
    VeryLate,
}

impl Habit {
    fn delay_range(self) -> (i64, i64) {
        match self {
            Habit::OnTime => (-6, 4),
            Habit::SomewhatLate => (2, 25),
            Habit::Late => (15, 70),
            Habit::VeryLate => (45, 160),
        }
    }
}

struct DemoClient {
    fields: ClientFields,
    habit: Habit,
    invoices: usize,
    /// Typical invoice amount in euros (incl. VAT).
    typical: i64,
    objects: &'static [&'static str],
}

/// Fills an empty ledger with the demo data, dated relative to `today`, as one unit: all of it or nothing.
pub fn populate(ledger: &mut Ledger, today: NaiveDate) -> Result<()> {
    ledger.atomically(|ledger| fill(ledger, today))
}

fn fill(ledger: &mut Ledger, today: NaiveDate) -> Result<()> {
    if !ledger.is_empty()? {
        return Err(LedgerError::Conflict(
            "Le registre contient déjà des données : la démonstration ne se charge que dans un registre vide.".into(),
        )
        .into());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(20_261_122);
    let day = |offset: i64| offset_date(today, offset);
    ledger.save_profile(&profile())?;

    let clients = clients(today);
    let mut client_ids = Vec::new();
    for client in &clients {
        client_ids.push(ledger.create_client(&client.fields)?);
    }

    // Regular activity: invoices spread over 18 months, paid according to each client's habit.
    struct Planned {
        client: usize,
        issue: NaiveDate,
        terms: u64,
        amount: Decimal,
        object: &'static str,
        paid_on: Option<NaiveDate>,
        method: PaymentMethod,
    }
    let mut planned = Vec::new();
    for (index, client) in clients.iter().enumerate() {
        let terms = u64::from(client.fields.payment_terms_days.unwrap_or(30));
        for n in 0..client.invoices {
            // Spread issue dates from 540 to 8 days ago, jittered.
            let span = 532 / client.invoices.max(1) as i64;
            let issue = day(-540 + span * n as i64 + rng.random_range(0..span.max(1)));
            let cents = client.typical * 100 * rng.random_range(60..=140) / 100;
            let amount = Decimal::new(cents - cents % 5, 2);
            let (low, high) = client.habit.delay_range();
            let paid_on = offset_date(issue + Days::new(terms), rng.random_range(low..=high));
            let method = if client.fields.kind == ClientKind::Consumer && rng.random_bool(0.5) {
                PaymentMethod::Cheque
            } else {
                PaymentMethod::Transfer
            };
            planned.push(Planned {
                client: index,
                issue,
                terms,
                amount,
                object: client.objects[n % client.objects.len()],
                paid_on: (paid_on < today).then_some(paid_on),
                method,
            });
        }
    }
    planned.sort_by_key(|p| (p.issue, p.client));

    let mut numbers = InvoiceNumbers::default();
    let mut invoice_ids: Vec<Vec<i64>> = vec![Vec::new(); clients.len()];
    for plan in &planned {
        let id = ledger.create_invoice(&InvoiceFields {
            number: numbers.next(plan.issue),
            client_id: client_ids[plan.client],
            issue_date: plan.issue,
            due_date: Some(plan.issue + Days::new(plan.terms)),
            amount: plan.amount,
            amount_excl_vat: Some(crate::domain::money::round_cents(plan.amount / Decimal::new(12, 1))),
            object: plan.object.to_string(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: None,
        })?;
        invoice_ids[plan.client].push(id);
        if let Some(paid_on) = plan.paid_on {
            ledger.record_payment(&PaymentFields {
                client_id: client_ids[plan.client],
                date: paid_on,
                amount: plan.amount,
                method: plan.method,
                reference: String::new(),
                allocations: Some(vec![crate::domain::model::Allocation { invoice_id: id, amount: plan.amount }]),
            })?;
        }
    }

    // The situations later features must show, on named clients (indexes into `clients()`).
    let id_of = |name: &str| -> i64 {
        let index = clients.iter().position(|c| c.fields.display_name() == name).expect("demo client exists");
        client_ids[index]
    };
    let mut invoice = |ledger: &mut Ledger, client: i64, issue: i64, due: i64, amount: &str, object: &str| {
        let issue_date = day(issue);
        ledger.create_invoice(&InvoiceFields {
            number: numbers.next(issue_date),
            client_id: client,
            issue_date,
            due_date: Some(day(due)),
            amount: amount.parse().expect("demo amount"),
            amount_excl_vat: None,
            object: object.to_string(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: None,
        })
    };
    let pay = |ledger: &mut Ledger, client: i64, date: i64, amount: &str, method: PaymentMethod, reference: &str| {
        ledger.record_payment(&PaymentFields {
            client_id: client,
            date: day(date),
            amount: amount.parse().expect("demo amount"),
            method,
            reference: reference.to_string(),
            allocations: None,
        })
    };
    let event = |ledger: &mut Ledger, client: i64, kind: EventKind, date: i64, text: &str| {
        ledger.add_event(&EventFields {
            client_id: client,
            kind,
            date: day(date),
            text: text.to_string(),
            amount: None,
            until: None,
            invoice_id: None,
        })
    };

    // Partial payment: 1 000 € of 2 640 € received after a reminder call.
    let bakery = id_of("Boulangerie Fournier");
    invoice(ledger, bakery, -52, -22, "2640.00", "Agencement du fournil : plans de travail chêne")?;
    pay(ledger, bakery, -9, "1000.00", PaymentMethod::Transfer, "VIR FOURNIER ACOMPTE")?;
    event(ledger, bakery, EventKind::Call, -12, "Mme Fournier confirme un premier versement, le solde à suivre.")?;

    // Rejected cheque from a consumer, with bank fees.
    let roussel = id_of("M. Julien ROUSSEL");
    invoice(ledger, roussel, -48, -33, "1180.00", "Escalier sur mesure : fourniture et pose")?;
    let cheque = pay(ledger, roussel, -30, "1180.00", PaymentMethod::Cheque, "Chèque n° 4417205")?;
    ledger.reject_payment(
        cheque,
        &Rejection {
            date: day(-24),
            fees: "18.50".parse().expect("fees"),
            reason: "Chèque impayé : provision insuffisante".into(),
        },
    )?;

    // A promise to pay within ten days.
    let atelier = id_of("Atelier Bois & Compagnie");
    let promised = invoice(ledger, atelier, -75, -45, "1500.00", "Sous-traitance : débit de panneaux")?;
    ledger.add_event(&EventFields {
        client_id: atelier,
        kind: EventKind::Promise,
        date: day(-3),
        text: "Promesse faite au téléphone par le gérant.".into(),
        amount: Some("1500.00".parse().expect("promise")),
        until: Some(day(10)),
        invoice_id: Some(promised),
    })?;

    // A dispute about one invoice.
    let garage = id_of("Garage Lefèvre");
    let disputed = invoice(ledger, garage, -64, -34, "2310.00", "Habillage bois de l'accueil")?;
    ledger.add_event(&EventFields {
        client_id: garage,
        kind: EventKind::Dispute,
        date: day(-20),
        text: "Le client conteste la teinte du placage livré.".into(),
        amount: None,
        until: None,
        invoice_id: Some(disputed),
    })?;

    // A pause: the client is in hospital, reminders wait three weeks.
    let girard = id_of("Mme Sophie GIRARD");
    invoice(ledger, girard, -58, -43, "890.00", "Placard d'entrée sur mesure")?;
    ledger.add_event(&EventFields {
        client_id: girard,
        kind: EventKind::Pause,
        date: day(-6),
        text: "Hospitalisation : reprise des relances à son retour.".into(),
        amount: None,
        until: Some(day(21)),
        invoice_id: None,
    })?;

    // Collective procedure: invoices before the opening judgment, declaration deadline ahead.
    let transports = id_of("Transports Vidal SARL");
    invoice(ledger, transports, -95, -65, "3450.00", "Aménagement de cabines : rangements")?;
    invoice(ledger, transports, -70, -40, "1280.00", "Réparation du plancher de l'entrepôt")?;
    event(
        ledger,
        transports,
        EventKind::Procedure,
        -25,
        "Jugement d'ouverture d'un redressement judiciaire (tribunal de commerce de Lyon).",
    )?;
    event(ledger, transports, EventKind::Procedure, -18, "Publication du jugement au BODACC.")?;

    // A large amount overdue on a key account: the large-amount rule applies.
    let hotel = id_of("Hôtel des Célestins");
    invoice(ledger, hotel, -70, -40, "8400.00", "Rénovation des portes des chambres (2e étage)")?;

    // A chronic late payer with three overdue invoices to group in one letter.
    let traiteur = id_of("Traiteur Bonnet");
    invoice(ledger, traiteur, -100, -70, "640.00", "Réparation de comptoir")?;
    invoice(ledger, traiteur, -80, -50, "455.00", "Étagères de chambre froide")?;
    invoice(ledger, traiteur, -45, -15, "780.00", "Banquette du salon")?;

    // Old debts, past 90 days: one untouched, one partly paid.
    let perrin = id_of("M. David PERRIN");
    invoice(ledger, perrin, -150, -135, "1240.00", "Réparation de parquet")?;
    let cafe = id_of("Café du Parc");
    invoice(ledger, cafe, -130, -100, "690.00", "Remplacement de la porte de service")?;
    pay(ledger, cafe, -60, "200.00", PaymentMethod::Cheque, "Chèque n° 7730012")?;

    // A credit note and an overpayment.
    let cabinet = id_of("Cabinet Moreau Architectes");
    invoice(ledger, cabinet, -40, -10, "-150.00", "Avoir : remise sur la pose des bibliothèques")?;
    let mercier = id_of("Mme Claire MERCIER");
    invoice(ledger, mercier, -30, -15, "420.00", "Réparation de volets")?;
    pay(ledger, mercier, -14, "450.00", PaymentMethod::Cheque, "Chèque n° 0081234")?;

    // Dunning already under way: a chronic late payer got the letters the ladder proposed on their day,
    // so today the next step is due.
    for offset in [-20, -12] {
        if let Some(proposal) = crate::desk::proposals::client_proposal(ledger, perrin, day(offset))? {
            let letter = ledger.accept_proposal(&proposal, day(offset))?;
            ledger.record_letter_sent(letter, day(offset))?;
        }
    }

    // A note and an invoice not yet due, for the ordinary days.
    let micro = id_of("Studio Lumen");
    invoice(ledger, micro, -12, 18, "960.00", "Mobilier du studio photo")?;
    event(ledger, micro, EventKind::Note, -12, "Nouveau client, recommandé par le Cabinet Moreau.")?;

    // Goods as well as services, and cash, for the livre des recettes: a trade sale of panels paid by
    // transfer, and oak boards sold at the workshop and paid in cash on the spot.
    let chauvet = id_of("Menuiserie Chauvet");
    let mut sale = |ledger: &mut Ledger, client: i64, issue: i64, due: i64, amount: &str, object: &str| {
        let issue_date = day(issue);
        ledger.create_invoice(&InvoiceFields {
            number: numbers.next(issue_date),
            client_id: client,
            issue_date,
            due_date: Some(day(due)),
            amount: amount.parse().expect("demo amount"),
            amount_excl_vat: None,
            object: object.to_string(),
            penalty_rate: None,
            written_off_on: None,
            payment_terms: None,
            nature: Some(Nature::Goods),
        })
    };
    let andre = id_of("Mme Laura ANDRÉ");
    for (client, issue, due, paid_on, amount, object, method, reference) in [
        (
            chauvet,
            -47,
            -17,
            -38,
            "1320.00",
            "Vente de panneaux de contreplaqué",
            PaymentMethod::Transfer,
            "VIR CHAUVET",
        ),
        (andre, -41, -41, -41, "240.00", "Planches de chêne pour étagères", PaymentMethod::Cash, "Reçu n° 12"),
    ] {
        let id = sale(ledger, client, issue, due, amount, object)?;
        let amount: Decimal = amount.parse().expect("demo amount");
        ledger.record_payment(&PaymentFields {
            client_id: client,
            date: day(paid_on),
            amount,
            method,
            reference: reference.to_string(),
            allocations: Some(vec![crate::domain::model::Allocation { invoice_id: id, amount }]),
        })?;
    }
    Ok(())
}

/// Numbers invoices "F2026-001" by year of issue, in order of issue.
#[derive(Default)]
struct InvoiceNumbers {
    counters: std::collections::HashMap<i32, u32>,
}

impl InvoiceNumbers {
    fn next(&mut self, issue: NaiveDate) -> String {
        let year = chrono::Datelike::year(&issue);
        let counter = self.counters.entry(year).or_insert(0);
        *counter += 1;
        format!("F{year}-{counter:03}")
    }
}

fn offset_date(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date + Days::new(days as u64)
    } else {
        date - Days::new(days.unsigned_abs())
    }
}

/// A SIREN with its Luhn key computed from eight digits, so demo numbers pass the check.
fn siren(prefix: u32) -> String {
    let base = format!("{prefix:08}");
    (0..=9)
        .map(|key| format!("{base}{key}"))
        .find(|candidate| crate::domain::identity::check_siren_or_siret(candidate).is_ok())
        .expect("one key fits")
}

fn profile() -> Profile {
    Profile {
        legal_name: "Claire DUMONT EI".into(),
        addressed_as: Some(AddressedAs::Madame),
        trade_name: "Dumont Menuiserie".into(),
        address: PostalAddress {
            street: "14 RUE DES TANNEURS".into(),
            postcode: "69007".into(),
            town: "LYON".into(),
            ..Default::default()
        },
        siren_siret: siren(81_234_567),
        registry: "RM Lyon".into(),
        vat_number: String::new(),
        vat_exempt: true,
        phone: "06 12 34 56 78".into(),
        email: "contact@dumont-menuiserie.fr".into(),
        iban: "FR76 3000 6000 0112 3456 7890 189".into(),
        bic: "AGRIFRPP".into(),
        signature_town: "Lyon".into(),
    }
}

fn address(street: &str, postcode: &str, town: &str) -> PostalAddress {
    PostalAddress { street: street.into(), postcode: postcode.into(), town: town.into(), ..Default::default() }
}

fn professional(
    name: &str,
    contact: &str,
    siren_prefix: u32,
    segment: Segment,
    address: PostalAddress,
    email: &str,
) -> ClientFields {
    ClientFields {
        kind: ClientKind::Professional,
        company_name: name.into(),
        contact_person: contact.into(),
        siren_siret: siren(siren_prefix),
        segment,
        address,
        email: email.into(),
        phone: "04 78 00 00 00".into(),
        ..Default::default()
    }
}

fn consumer(civility: &str, first: &str, last: &str, segment: Segment, address: PostalAddress) -> ClientFields {
    ClientFields {
        kind: ClientKind::Consumer,
        civility: civility.into(),
        first_name: first.into(),
        last_name: last.into(),
        segment,
        address,
        payment_terms_days: Some(15),
        ..Default::default()
    }
}

const WORKSHOP: &[&str] =
    &["Fabrication de mobilier", "Pose de parquet", "Agencement sur mesure", "Réparation de menuiseries"];
const HOME: &[&str] = &["Bibliothèque sur mesure", "Pose de portes intérieures", "Dressing", "Terrasse en bois"];

fn clients(today: NaiveDate) -> Vec<DemoClient> {
    use Habit::*;
    use Segment::*;
    let pro = |name, contact, siren, segment, addr, email, habit, invoices, typical| DemoClient {
        fields: professional(name, contact, siren, segment, addr, email),
        habit,
        invoices,
        typical,
        objects: WORKSHOP,
    };
    let person = |civility, first, last, segment, addr, habit, invoices, typical| DemoClient {
        fields: consumer(civility, first, last, segment, addr),
        habit,
        invoices,
        typical,
        objects: HOME,
    };
    let mut transports = pro(
        "Transports Vidal SARL",
        "M. Marc Vidal",
        42_118_903,
        Regular,
        address("8 RUE DU PORT", "69009", "LYON"),
        "compta@transports-vidal.fr",
        Late,
        4,
        1400,
    );
    transports.fields.status = ClientStatus::CollectiveProcedure;
    transports.fields.procedure = Procedure {
        opening_date: Some(offset_date(today, -25)),
        bodacc_date: Some(offset_date(today, -18)),
        mandataire_name: "Me Hélène FABRE, mandataire judiciaire".into(),
        mandataire_address: "22 QUAI SAINT-ANTOINE\n69002 LYON".into(),
        // What is still to fall due and the securities are for the user to confirm when drafting the
        // déclaration de créance.
        claim_statement: None,
    };
    let mut hotel = pro(
        "Hôtel des Célestins",
        "Mme Inès Lambert, direction",
        39_450_127,
        KeyAccount,
        address("4 RUE DES CELESTINS", "69002", "LYON"),
        "direction@hotel-celestins.fr",
        SomewhatLate,
        8,
        2600,
    );
    hotel.fields.payment_terms_days = Some(45);
    let mut traiteur = pro(
        "Traiteur Bonnet",
        "M. Paul Bonnet",
        51_007_334,
        ChronicLatePayer,
        address("31 AVENUE JEAN JAURES", "69007", "LYON"),
        "paul@traiteur-bonnet.fr",
        VeryLate,
        5,
        700,
    );
    traiteur.fields.notes = "Paie toujours après deux ou trois relances.".into();
    vec![
        pro(
            "Boulangerie Fournier",
            "Mme Lucie Fournier",
            48_220_561,
            Regular,
            address("2 PLACE DU MARCHE", "69230", "SAINT-GENIS-LAVAL"),
            "fournier.boulangerie@orange.fr",
            OnTime,
            6,
            900,
        ),
        pro(
            "Atelier Bois & Compagnie",
            "M. Karim Haddad",
            53_310_872,
            Regular,
            address("ZA DES PLATTES", "69390", "VOURLES"),
            "atelier@boisetcompagnie.fr",
            SomewhatLate,
            5,
            1200,
        ),
        pro(
            "Garage Lefèvre",
            "M. Denis Lefèvre",
            33_870_215,
            Regular,
            address("45 ROUTE DE VIENNE", "69008", "LYON"),
            "garage.lefevre@wanadoo.fr",
            OnTime,
            5,
            800,
        ),
        transports,
        hotel,
        traiteur,
        pro(
            "Cabinet Moreau Architectes",
            "Mme Élise Moreau",
            79_004_118,
            KeyAccount,
            address("17 RUE DE LA REPUBLIQUE", "69001", "LYON"),
            "elise@moreau-architectes.fr",
            OnTime,
            10,
            1900,
        ),
        pro(
            "Studio Lumen",
            "M. Hugo Petit",
            91_200_457,
            MicroBusiness,
            address("9 RUE BURDEAU", "69001", "LYON"),
            "hugo@studiolumen.fr",
            SomewhatLate,
            2,
            600,
        ),
        pro(
            "Pharmacie des Terreaux",
            "Mme Nadia Benali",
            44_512_090,
            Regular,
            address("1 PLACE DES TERREAUX", "69001", "LYON"),
            "pharmacie.terreaux@gmail.com",
            OnTime,
            6,
            1100,
        ),
        pro(
            "Crèche Les Petits Pas",
            "Mme Chantal Roux",
            80_344_762,
            New,
            address("12 RUE PASTEUR", "69300", "CALUIRE-ET-CUIRE"),
            "direction@petitspas.fr",
            SomewhatLate,
            3,
            1300,
        ),
        pro(
            "Café du Parc",
            "M. Antoine Girard",
            52_118_046,
            ChronicLatePayer,
            address("3 BOULEVARD DES BELGES", "69006", "LYON"),
            "cafeduparc69@gmail.com",
            Late,
            4,
            650,
        ),
        pro(
            "SCI Les Tilleuls",
            "M. Bernard Colin",
            49_830_551,
            Regular,
            address("6 CHEMIN DES TILLEULS", "69160", "TASSIN-LA-DEMI-LUNE"),
            "sci.tilleuls@free.fr",
            SomewhatLate,
            4,
            2100,
        ),
        pro(
            "Librairie Passages",
            "Mme Jeanne Dubois",
            38_260_915,
            MicroBusiness,
            address("11 RUE DE BREST", "69002", "LYON"),
            "contact@librairie-passages.fr",
            Late,
            4,
            540,
        ),
        pro(
            "École de danse Arabesque",
            "Mme Sarah Lopez",
            82_107_330,
            New,
            address("25 RUE CHAPONNAY", "69003", "LYON"),
            "arabesque.danse@gmail.com",
            OnTime,
            2,
            1500,
        ),
        person(
            "M.",
            "Julien",
            "Roussel",
            Regular,
            address("18 RUE DES FLEURS", "69100", "VILLEURBANNE"),
            OnTime,
            2,
            1200,
        ),
        person("Mme", "Sophie", "Girard", Regular, address("7 IMPASSE DES LILAS", "69500", "BRON"), OnTime, 2, 900),
        person("Mme", "Claire", "Mercier", Regular, address("40 COURS GAMBETTA", "69007", "LYON"), OnTime, 3, 700),
        person(
            "M.",
            "Thomas",
            "Garnier",
            ChronicLatePayer,
            address("5 RUE VICTOR HUGO", "69200", "VENISSIEUX"),
            Late,
            3,
            850,
        ),
        person(
            "Mme",
            "Amélie",
            "Chevalier",
            New,
            address("13 ALLEE DES CERISIERS", "69130", "ECULLY"),
            SomewhatLate,
            2,
            2400,
        ),
        person(
            "M. et Mme",
            "Pierre",
            "Faure",
            Regular,
            address("2 RUE DU LAVOIR", "69530", "BRIGNAIS"),
            OnTime,
            4,
            3100,
        ),
        person("M.", "Nicolas", "Blanc", Regular, address("60 AVENUE DE SAXE", "69006", "LYON"), SomewhatLate, 2, 1600),
        person("Mme", "Laura", "André", Regular, address("9 RUE DE LA MAIRIE", "69290", "CRAPONNE"), OnTime, 3, 780),
        pro(
            "Menuiserie Chauvet",
            "M. Olivier Chauvet",
            45_009_871,
            Regular,
            address("LIEU-DIT LES GRANGES", "69610", "SAINTE-FOY-L'ARGENTIERE"),
            "chauvet.menuiserie@orange.fr",
            OnTime,
            5,
            1700,
        ),
        person(
            "Mme",
            "Nathalie",
            "Robin",
            New,
            address("21 RUE DES JARDINS", "69340", "FRANCHEVILLE"),
            SomewhatLate,
            3,
            1100,
        ),
        person(
            "M.",
            "David",
            "Perrin",
            ChronicLatePayer,
            address("27 RUE PAUL BERT", "69003", "LYON"),
            VeryLate,
            3,
            520,
        ),
    ]
}
