-- Ardoise ledger, schema 2: the rates behind late-payment interest (F4), one row per half-year, editable.
-- Rates are TEXT decimals in percent a year ('2.15'), NULL while unknown: a missing half-year is flagged
-- by the penalty computation, never guessed. Seeded from src/rates_fr.csv (2026-S2 is not known yet).
-- Whether the table as a whole is sound (contiguous half-years...) is checked in Rust (rates::RateTable).

CREATE TABLE rates (
    semester              TEXT PRIMARY KEY CHECK (semester GLOB '[0-9][0-9][0-9][0-9]-S[12]'),
    start_date            TEXT NOT NULL UNIQUE CHECK (date(start_date) IS start_date),
    end_date              TEXT NOT NULL CHECK (date(end_date) IS end_date) CHECK (end_date > start_date),
    legal_rate_individual TEXT,
    legal_rate_other      TEXT,
    ecb_rate              TEXT
) STRICT;

INSERT INTO rates (semester, start_date, end_date, legal_rate_individual, legal_rate_other, ecb_rate) VALUES
    ('2015-S1', '2015-01-01', '2015-06-30', '4.06', '0.93', '0.05'),
    ('2015-S2', '2015-07-01', '2015-12-31', '4.29', '0.99', '0.05'),
    ('2016-S1', '2016-01-01', '2016-06-30', '4.54', '1.01', '0.05'),
    ('2016-S2', '2016-07-01', '2016-12-31', '4.35', '0.93', '0.00'),
    ('2017-S1', '2017-01-01', '2017-06-30', '4.16', '0.90', '0.00'),
    ('2017-S2', '2017-07-01', '2017-12-31', '3.94', '0.90', '0.00'),
    ('2018-S1', '2018-01-01', '2018-06-30', '3.73', '0.89', '0.00'),
    ('2018-S2', '2018-07-01', '2018-12-31', '3.60', '0.88', '0.00'),
    ('2019-S1', '2019-01-01', '2019-06-30', '3.40', '0.86', '0.00'),
    ('2019-S2', '2019-07-01', '2019-12-31', '3.26', '0.87', '0.00'),
    ('2020-S1', '2020-01-01', '2020-06-30', '3.15', '0.87', '0.00'),
    ('2020-S2', '2020-07-01', '2020-12-31', '3.11', '0.84', '0.00'),
    ('2021-S1', '2021-01-01', '2021-06-30', '3.14', '0.79', '0.00'),
    ('2021-S2', '2021-07-01', '2021-12-31', '3.12', '0.76', '0.00'),
    ('2022-S1', '2022-01-01', '2022-06-30', '3.13', '0.76', '0.00'),
    ('2022-S2', '2022-07-01', '2022-12-31', '3.15', '0.77', '0.00'),
    ('2023-S1', '2023-01-01', '2023-06-30', '4.47', '2.06', '2.50'),
    ('2023-S2', '2023-07-01', '2023-12-31', '6.82', '4.22', '4.00'),
    ('2024-S1', '2024-01-01', '2024-06-30', '8.01', '5.07', '4.50'),
    ('2024-S2', '2024-07-01', '2024-12-31', '8.16', '4.92', '4.25'),
    ('2025-S1', '2025-01-01', '2025-06-30', '7.21', '3.71', '3.15'),
    ('2025-S2', '2025-07-01', '2025-12-31', '6.65', '2.76', '2.15'),
    ('2026-S1', '2026-01-01', '2026-06-30', '6.67', '2.62', '2.15'),
    ('2026-S2', '2026-07-01', '2026-12-31', NULL, NULL, NULL);
