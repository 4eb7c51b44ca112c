"""The indicator catalogue: agreed ids, structure, immutability, real CBS column names, validation."""

from __future__ import annotations

import pickle

import pandas as pd
import pydantic
import pytest
import yaml

from wijklib.errors import InputError
from wijklib.indicators import DEFAULT_PATH, load_indicators, normalise_column_name

AGREED = {
    # id: direction from the data contract
    "inwoners": "context", "bevolkingsdichtheid": "context", "stedelijkheid": "context",
    "omgevingsadressendichtheid": "context",
    "huishoudens_laag_inkomen_pct": "hoger_is_slechter", "huishoudens_sociaal_minimum_pct": "hoger_is_slechter",
    "inkomen_per_inwoner": "hoger_is_beter", "personen_laagste40_pct": "hoger_is_slechter",
    "bijstand_per_1000": "hoger_is_slechter", "arbeidsongeschiktheid_per_1000": "hoger_is_slechter",
    "ww_per_1000": "hoger_is_slechter", "arbeidsparticipatie_pct": "hoger_is_beter",
    "woz_waarde": "hoger_is_beter", "koopwoningen_pct": "hoger_is_beter",
    "corporatiewoningen_pct": "hoger_is_slechter", "eenpersoonshuishoudens_pct": "context",
    "misdrijven_per_1000": "hoger_is_slechter", "diefstal_woning_per_1000": "hoger_is_slechter",
    "vernieling_per_1000": "hoger_is_slechter", "geweld_per_1000": "hoger_is_slechter",
    "goed_ervaren_gezondheid_pct": "hoger_is_beter", "wmo_per_1000": "hoger_is_slechter",
    "jeugdzorg_pct": "hoger_is_slechter", "laagopgeleid_pct": "hoger_is_slechter",
    "jongeren_15_25_pct": "context", "ouderen_65plus_pct": "context",
    "afstand_huisarts_km": "hoger_is_slechter", "afstand_supermarkt_km": "hoger_is_slechter",
    "afstand_school_km": "hoger_is_slechter", "scholen_binnen_3km": "hoger_is_beter",
}
DOMAINS = {"inkomen_armoede", "werk_uitkeringen", "wonen", "veiligheid", "gezondheid_zorg", "jeugd_onderwijs",
           "samenstelling", "fysieke_omgeving", "voorzieningen"}


def test_all_agreed_ids_with_agreed_direction(catalogue):
    for iid, direction in AGREED.items():
        assert iid in catalogue, iid
        assert catalogue[iid].direction == direction, iid
        assert catalogue[iid].role == "indicator", iid


def test_domains_are_the_agreed_ones_with_dutch_labels_and_handbook_mapping(catalogue):
    assert {d.id for d in catalogue.domains} == DOMAINS
    for d in catalogue.domains:
        assert d.label_nl and d.label_en and d.label_nl != d.id
        assert d.praktijkhandboek, d.id
        assert "§" in d.note_nl, f"{d.id}: verwijzing naar een paragraaf van het Praktijkhandboek ontbreekt"
    assert catalogue.domain("veiligheid").label_nl == "Veiligheid"
    assert "ondermijning" in catalogue.domain("veiligheid").praktijkhandboek
    assert {i.domain for i in catalogue} == DOMAINS  # every domain is used


def test_every_indicator_is_complete(catalogue):
    for ind in catalogue:
        assert ind.label_nl and ind.label_en and ind.description_nl, ind.id
        assert ind.source in {"kwb", "politie", "rivm"}, ind.id
        assert ind.min_population >= 0
        if ind.rate is not None:
            assert ind.unit in ("pct", "per_1000")
            assert ind.rate.numerator in catalogue
            assert all(d in catalogue for d in ind.rate.denominator)
        else:
            assert ind.cbs_columns or ind.aliases, f"{ind.id}: geen kolomnamen en geen teller/noemer"
    # rates relative to population are unreliable for tiny areas, counts are not
    assert catalogue["bijstand_per_1000"].min_population > 0
    assert catalogue["inwoners"].min_population == 0


def test_rates_point_at_counts(catalogue):
    bijstand = catalogue["bijstand_per_1000"].rate
    assert (bijstand.numerator, bijstand.denominator, bijstand.per) == ("bijstand_aantal", ("inwoners",), 1000)
    assert catalogue["laagopgeleid_pct"].rate.denominator == ("opleiding_laag", "opleiding_middelbaar",
                                                              "opleiding_hoog")
    assert catalogue[bijstand.numerator].role == "basis"
    assert not catalogue[bijstand.numerator].scored


def test_migration_background_is_not_an_indicator(catalogue):
    for ind in catalogue:
        text = " ".join([ind.id, ind.label_nl, *ind.cbs_columns.values(), *ind.aliases]).lower()
        assert "migratie" not in text and "herkomst" not in text, ind.id


def test_about_thirty_scorable_or_context_indicators(catalogue):
    shown = [i for i in catalogue if i.role == "indicator"]
    assert 30 <= len(shown) <= 40
    assert 15 <= len(catalogue.scored()) < len(shown)
    assert all(i.direction != "context" for i in catalogue.scored())


def test_catalogue_is_immutable(catalogue):
    ind = catalogue["woz_waarde"]
    with pytest.raises(pydantic.ValidationError):
        ind.label_nl = "iets anders"
    with pytest.raises(TypeError):
        ind.cbs_columns[2030] = "x"  # type: ignore[index]
    with pytest.raises(pydantic.ValidationError):
        catalogue.indicators = ()
    assert load_indicators() is load_indicators()  # cached
    assert pickle.loads(pickle.dumps(catalogue)) == catalogue  # picklable (e.g. for parallel runs)


def test_unknown_id_suggests_closest(catalogue):
    with pytest.raises(KeyError, match="bijstand_per_1000"):
        catalogue["bijstand_per1000"]


def test_to_frame_has_one_row_per_indicator(catalogue):
    frame = catalogue.to_frame()
    assert len(frame) == len(catalogue)
    assert frame.set_index("id").loc["bijstand_per_1000", "noemer"] == "inwoners"


def test_normalise_column_name_links_statline_r_and_odata_names():
    assert normalise_column_name("Bevolking/Aantal inwoners (aantal)") == \
        normalise_column_name("Bevolking.Aantal.inwoners..aantal.") == "bevolkingaantalinwonersaantal"
    assert normalise_column_name("AantalInwoners_5") == normalise_column_name("AantalInwoners") == "aantalinwoners"
    assert normalise_column_name("Zorg/Wmo-cliënten (aantal)") == normalise_column_name("Zorg.Wmo.cliënten..aantal.")


@pytest.mark.parametrize("year,relpath", [
    (2017, "amsterdam/kwb_2017_amsterdam_tidy.csv"),
    (2019, "amsterdam/kwb_2019_amsterdam_tidy.csv"),
    (2024, "derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"),
])
def test_cbs_column_names_exist_in_the_real_tables(shared_data, catalogue, year, relpath):
    header = set(pd.read_csv(shared_data / relpath, nrows=0).columns)
    named = {i.id: i.cbs_column(year) for i in catalogue if i.cbs_column(year)}
    assert len(named) >= 12
    missing = {iid: col for iid, col in named.items() if col not in header}
    assert not missing


def test_year_specific_choices(catalogue):
    # 2017 'Actieven 15-75 jaar' is another definition: deliberately not mapped
    assert catalogue["arbeidsparticipatie_pct"].cbs_column(2017) is None
    # the three KWB crime rates exist only in 2017
    assert set(catalogue["geweld_per_1000"].cbs_columns) == {2017}
    assert catalogue["misdrijven_aantal"].cbs_column(2024) == "misdrijven_2024"


# ---------------------------------------------------------------- validation of catalogue files
def _variant(tmp_path, mutate):
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    mutate(raw)
    p = tmp_path / "indicators.yaml"
    p.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return p


def _ind(raw, iid):
    return next(i for i in raw["indicators"] if i["id"] == iid)


def test_bad_direction_names_entry_and_field(tmp_path):
    p = _variant(tmp_path, lambda r: _ind(r, "woz_waarde").update(direction="hoger"))
    with pytest.raises(InputError) as exc:
        load_indicators(p)
    msg = str(exc.value)
    assert "indicators.yaml" in msg and "woz_waarde" in msg and "direction" in msg


def test_dangling_numerator_is_an_error(tmp_path):
    p = _variant(tmp_path, lambda r: _ind(r, "bijstand_per_1000")["rate"].update(numerator="bijstand_totaal"))
    with pytest.raises(InputError, match="bijstand_totaal"):
        load_indicators(p)


def test_unknown_domain_and_duplicate_id_are_errors(tmp_path):
    p = _variant(tmp_path, lambda r: _ind(r, "woz_waarde").update(domain="huisvesting"))
    with pytest.raises(InputError, match="onbekend domein 'huisvesting'"):
        load_indicators(p)
    p = _variant(tmp_path, lambda r: r["indicators"].append(dict(_ind(r, "woz_waarde"))))
    with pytest.raises(InputError, match="woz_waarde.*meer dan eens"):
        load_indicators(p)


def test_basis_count_must_be_context_and_missing_file(tmp_path):
    p = _variant(tmp_path, lambda r: _ind(r, "bijstand_aantal").update(direction="hoger_is_slechter"))
    with pytest.raises(InputError, match="bijstand_aantal"):
        load_indicators(p)
    with pytest.raises(InputError, match="niet gevonden"):
        load_indicators(tmp_path / "bestaat_niet.yaml")
