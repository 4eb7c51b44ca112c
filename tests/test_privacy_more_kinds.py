"""Red-team findings on the free-text scrubber: BSN, IBAN, kentekens, lower-case postcodes, more phone notations,
house number before street, social-media handles and names in capitals -- and what must stay (negative tests)."""

from __future__ import annotations

import pytest

from wijklib.privacy import TextScrubber, find_personal_data, scrub_text


@pytest.mark.parametrize("text, expected", [
    # BSN: bare numbers only when they pass the 11-proof; after a cue always
    ("nummer 123456782 staat erop", "nummer [bsn] staat erop"),
    ("nummer 123.456.782 staat erop", "nummer [bsn] staat erop"),
    ("nummer 123 456 782 staat erop", "nummer [bsn] staat erop"),
    ("BSN 123456789 (fout getypt)", "BSN [bsn] (fout getypt)"),
    ("bsn: 111.222.333", "bsn: [bsn]"),
    ("burgerservicenummer 12345678", "burgerservicenummer [bsn]"),
    # IBAN, any country, with or without spaces, any case
    ("IBAN NL91ABNA0417164300.", "IBAN [iban]."),
    ("rekening nl91 abna 0417 1643 00 graag", "rekening [iban] graag"),
    ("NL91 ABNA 0417 1643 00", "[iban]"),
    ("DE89 3704 0044 0532 0130 00 voor de gift", "[iban] voor de gift"),
    ("be68539007547034", "[iban]"),
    ("NL12 ABNA 0123 4567 89", "[iban]"),  # a mistyped Dutch IBAN is still one
    # kentekens with dashes, or after the word kenteken
    ("auto 12-ABC-3 en AB-12-CD", "auto [kenteken] en [kenteken]"),
    ("1-ABC-23, XX-99-XX, 99-XX-99, 12-ab-34", "[kenteken], [kenteken], [kenteken], [kenteken]"),
    ("kenteken 12ABC3 en kenteken: ab12cd", "kenteken [kenteken] en kenteken: [kenteken]"),
    ("het kenteken 12 ABC 3 gezien", "het kenteken [kenteken] gezien"),
    # postcodes in lower or mixed case
    ("woont in 1234ab", "woont in [postcode]"),
    ("woont in 1234 Ab.", "woont in [postcode]."),
    ("woont in 1234 ab, vlakbij", "woont in [postcode], vlakbij"),
    ("woont in 1234 AB", "woont in [postcode]"),
    # phone numbers in more notations
    ("bel 06 - 1234 5678", "bel [telefoon]"),
    ("bel 06-12 34 56 78", "bel [telefoon]"),
    ("bel +31 (0)6 12345678", "bel [telefoon]"),
    ("bel 020 - 123 45 67", "bel [telefoon]"),
    ("bel (020) 123 45 67", "bel [telefoon]"),
    ("bel 0031 6 1234 5678", "bel [telefoon]"),
    ("bel +32 2 123 45 67", "bel [telefoon]"),
    ("bel +44 (0)20 7946 0958", "bel [telefoon]"),
    # house number before the street, handles
    ("Zij woont op 12 Kerkstraat.", "Zij woont op [adres]."),
    ("volg @janjansen en @jan_j.", "volg [account] en [account]."),
    ("mail jan@example.nl of @janjansen", "mail [e-mail] of [account]"),
    # names in capitals after a title written in lower or title case
    ("mevrouw JANSEN belde", "mevrouw [naam] belde"),
    ("Buurman JAN DE VRIES klaagt", "Buurman [naam] klaagt"),
    ("dhr. J. EL AMRANI", "dhr. [naam]"),
])
def test_more_kinds_of_personal_data_are_scrubbed(text, expected):
    assert scrub_text(text) == expected


@pytest.mark.parametrize("text", [
    "Op 01-02-2024 kwamen 10 meldingen binnen; 1-jan-24 en 12-03-2024 ook.",
    "In 2024 in de wijk 12% meer meldingen dan in 2023 en 15-20% minder dan 2022.",
    "Een tekort van € 1.234 en € 123.456.782 aan subsidie; 1.234.567 euro.",
    "Buurt BU03630000, wijk WK036300, gemeente GM0363; buurtcode BU03630001.",
    "Score -1,5 tegen +12,5% en 2,5 %; 3-4 plekken; 1500 km, 1200 kW, 2000 kg; +123.456.789 inwoners.",
    "Het getal 123456789 en 987654321 (geen 11-proef).",
    "Kleur #2166ac en #b2182b in de legenda.",
    "actoren @A16 en relatie @A16~A06 in de verhalen; css @import en @media.",
    "LET OP: GGD en CBS melden, MEVROUW JANSEN IS BOOS (hoofdletters na een titel in hoofdletters).",
    "volgens GGD Amsterdam en namens COA.",
    "Er zijn 11 Leerkring gemeenten; 2024 Kerkstraat.",
    "Het kenteken is onbekend; geen nummerbord gezien.",
    "Tussen 2020 en 2024 op 3 avonden; 1990 en 2000 te vergelijken; 1234 SS en 1234 ss.",
    "Telefoonnummer 0800 ontbreekt; 12-12 gespeeld; 06 is een mobiel nummer.",
])
def test_ordinary_numbers_codes_and_words_are_left_alone(text):
    assert scrub_text(text) == text and find_personal_data(text) == []


def test_new_kinds_are_counted_and_named_in_dutch_without_values():
    scrub = TextScrubber()
    out = scrub("BSN 123456782, NL91ABNA0417164300, 12-ABC-3, @janjansen", place="signaal 1")
    assert out == "BSN [bsn], [iban], [kenteken], [account]"
    assert {r["soort"] for r in scrub.report.as_records()} == {"BSN", "IBAN", "kenteken", "account"}
    summary = scrub.report.summary_nl()
    assert "1 BSN" in summary and "1 IBAN" in summary and "1 kenteken" in summary and "1 account" in summary
    for value in ("123456782", "NL91", "12-ABC-3", "janjansen"):
        assert value not in summary
    assert find_personal_data("rekening NL91ABNA0417164300") == ["IBAN"]
