"""What the buurt report template shows: it reads one prepared bundle and formats it as Dutch HTML and charts.

The template ``templates/rapport/rapport_buurt.ipynb`` calls one method of :class:`AreaReport` per section; every
method displays its own output (or a short note when the data for that section do not exist) and computes
nothing heavy: all analysis happened once in :func:`wijklib.reports.prepare.prepare_batch`.

Everything shown is escaped; person names never reach this module (the stakeholder summary is pseudonymised
when the batch is prepared).
"""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path, PurePath
from typing import Any

from wijklib.errors import InputError
from wijklib.format import SURVEY_THEME_LABELS
from wijklib.reports import figures as fg
from wijklib.reports.figures import TREND_NL, fmt
from wijklib.reports.prepare import fit_word
from wijklib.told.spec import MIN_N as _TOLD_MIN_N

#: Status of a buurt whose index fails on a too small reference (= wijklib.urgency.engine.REFERENCE_TOO_SMALL; not
#: imported: the report kernel does not load the engine).
REFERENCE_TOO_SMALL = "te kleine referentie"

__all__ = ["AreaReport", "load_report", "LANGUAGES"]

#: Report languages. The texts are Dutch only.
LANGUAGES = ("nl",)
_SCHEMA = 1
_demo_batch_dir: Path | None = None

_TYPE_NL = {"acuut": "acuut", "sluimerend": "sluimerend", "meervoudig": "meervoudig",
            "beleidskader": "beleidskader (lokale norm)", "geen": "niet getypeerd"}
# Paraphrases of the Praktijkhandboek wijkaanpak (003, §4.1); the rules that assign a type are wijklib's choice.
_TYPE_EXPLAIN = {
    "acuut": "een recent incident of onrust heeft media, politiek of bestuur bereikt (Praktijkhandboek §4.1 (1); "
             "de regels waarmee wijklib dit toekent zijn een keuze van wijklib)",
    "sluimerend": "de buurt stagneert of gaat achteruit zonder onrust: dalende cijfers of aanhoudende signalen van "
                  "professionals en bewoners (Praktijkhandboek §4.1 (2); regels: keuze van wijklib)",
    "meervoudig": "maatschappelijke, politieke en bestuurlijke aanleidingen komen in dezelfde periode samen "
                  "(Praktijkhandboek §4.1 (3); regels: keuze van wijklib)",
    "beleidskader": "de buurt wijkt meetbaar af van een lokale norm uit een beleidsdocument (Praktijkhandboek §4.1, "
                    "kader Rotterdam Zuid; als apart type een interpretatie van wijklib)",
    "geen": "geen van de regels van wijklib voor een urgentietype is vervuld; dat zegt niets over de hoogte van de "
            "score (zie de redenen)",
}
_STREAM_NL = {"stream_counted": "cijfers (slechtste klasse of opstapeling)",
              "stream_trend": "dalende cijfers (robuuste trend)",
              "stream_incident": "incident of onrust (signalen of aanleidingen)",
              "stream_attention": "aandacht van media, politiek of bestuur",
              "stream_signals": "aanhoudende signalen van professionals of bewoners",
              "stream_told": "verhalen van bewoners of professionals",
              "stream_political": "politieke aanleiding", "stream_administrative": "bestuurlijke aanleiding"}
_SIGNAL_NL = {"verteld_ernstiger": "bewoners zien meer problemen dan de cijfers",
              "geteld_ernstiger": "de cijfers zijn ernstiger dan het beeld van bewoners",
              "overeenkomend": "cijfers en verhalen komen overeen", "niet_vergelijkbaar": "niet te vergelijken"}
#: Who "told": the source of a told-vs-counted comparison, as a noun phrase and as a short chart label.
_SOURCE_NL = {"bewoners": "bewoners", "schouw": "de schouw", "professionals": "professionals"}
#: Fewest respondents shown as a number in an older bundle without ``min_n``.
_SURVEY_MIN_N = _TOLD_MIN_N
_SOURCE_SHORT = {"bewoners": "bewoners", "schouw": "schouw", "professionals": "professionals"}
_UNRELIABLE_NL = "onbetrouwbaar (te weinig inwoners)"
#: Why money amounts get no better/worse verdict and no trend class (the 5% is the monitoring threshold).
_MONEY_NOTE = ("Bedragen (zoals de WOZ-waarde en het inkomen) zijn niet gecorrigeerd voor inflatie: een stijging in "
               "euro's is op zichzelf geen verbetering. Daarom staat er geen beter of slechter, maar of de buurt "
               "over dezelfde jaren sneller of trager is gestegen dan de gemeente (een verschil in groei kleiner dan "
               "5% heet 'ongeveer even snel'; keuze van wijklib).")
#: The trend column of a money amount without a comparison with the gemeente.
_MONEY_NO_TREND = "geen trendklasse (bedrag, niet gecorrigeerd voor inflatie)"
_TREND_RULE = ("Trendklasse: robuuste helling (Theil-Sen, de mediaan van alle hellingen tussen twee jaren) over alle "
               "jaren, vergeleken met de ontwikkeling in de andere buurten. Eén uitschieter bepaalt de klasse dus "
               "niet: een reeks die daalt en weer stijgt kan toch 'verbetert' heten als de buurt over de hele periode "
               "minder verslechtert dan de andere buurten.")


def _signal_text(signal: str, source: str) -> str:
    """Plain Dutch sentence part for a told-vs-counted divergence, naming who told it."""
    who = _SOURCE_NL.get(source, source)
    if signal == "verteld_ernstiger":
        return f"{who} zien meer problemen dan de cijfers" if source != "schouw" else \
            "de schouw laat meer problemen zien dan de cijfers"
    if signal == "geteld_ernstiger":
        return f"de cijfers zijn ernstiger dan het beeld van {who}"
    return _SIGNAL_NL.get(signal, signal)


_STATUS_NL = {"waarde": "", "geheim": "geheim (CBS)", "ontbreekt": "ontbreekt"}
_THEME_NL = SURVEY_THEME_LABELS
_WORLD_NL = {"systeem": "systeemwereld", "leef": "leefwereld", "beide": "beide werelden", "crimineel":
             "criminele kant (alleen als context)", "onbekend": "onbekend"}
# Below this relative difference a buurt value is shown as "about equal" to the gemeente (presentation only).
_EQUAL_REL = 0.02


def _e(value: Any) -> str:
    from wijklib.privacy import escape_html  # also shows CSS url(...) in user text as text (never loaded)

    return escape_html("" if value is None else str(value))


def in_wijk(name: object) -> str:
    """'wijk Centrum', but 'Wijk 98 Verspreide bebouwing' as it is (no 'wijk Wijk 98')."""
    text = str(name or "").strip()
    return text if text.casefold().startswith("wijk") else f"wijk {text}"


def _show(markup: str) -> None:
    from IPython.display import HTML, display

    display(HTML(markup))


def _img(data: bytes | str, alt: str, caption: str = "") -> str:
    """A figure: PNG bytes, or an SVG document (``str``, e.g. from :mod:`wijklib.charts`), as a data URI."""
    if isinstance(data, str):
        src = "data:image/svg+xml;base64," + base64.b64encode(data.encode("utf-8")).decode("ascii")
    else:
        src = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    return f'<figure class="wl-fig"><img src="{src}" alt="{_e(alt)}"/>{cap}</figure>'


#: Header and legend of the survey column that compares a buurt with the rest (prepare.py: survey_gm).
_SURVEY_GM_HEADER = "gemeente (gemiddelde van de buurten)"
_SURVEY_GM_NOTE = ("De kolom gemeente is het gemiddelde van de buurten met genoeg respondenten (elke buurt telt even "
                   "zwaar), niet het gemiddelde van alle respondenten in de gemeente. Dat is een keuze van wijklib: "
                   "zo is de score van een buurt met te weinig respondenten niet door aftrekken te achterhalen.")


def _note(text: str) -> str:
    return f'<p class="wl-note">{_e(text)}</p>'


def _table(header: list[str], rows: list[list[str]], *, cls: str = "", raw: bool = False) -> str:
    """HTML table; cells are escaped unless ``raw`` (then the caller escaped them)."""
    th = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c if raw else _e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="wl-table {cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _frame_sentence(shared: dict) -> str:
    """One Dutch sentence: which buurten the urgency index of this batch compares against (``Waarmee is
    vergeleken``), from the frame facts of the batch (:func:`wijklib.reports.manifest.frame_facts`)."""
    urg = shared.get("urgency") or {}
    frame = urg.get("frame")
    facts: dict = frame if isinstance(frame, dict) else {}
    kind = facts.get("kind")
    lo, hi = facts.get("n_reference_min"), facts.get("n_reference_max")
    n = (fmt(lo, 0) if lo == hi or hi is None else f"{fmt(lo, 0)} tot {fmt(hi, 0)}") if lo is not None else None
    gm = ", ".join(str(v) for v in (shared.get("gemeenten") or {}).values()) or "de gemeente"
    if kind == "gemeente":
        what = f"de buurten van {gm}" + (f" ({n} buurten)" if n else "")
    elif kind == "nationaal":
        what = "buurten uit heel Nederland" + (f" ({n} buurten in de landelijke referentie)" if n else "")
    elif kind == "peers":
        what = (f"per buurt de {n} meest gelijkende buurten" if n else "per buurt de meest gelijkende buurten") + \
            " (op stedelijkheid, adressendichtheid en inwoners), ook buiten de gemeente"
    elif kind == "lijst":
        what = "een eigen lijst van buurten uit het projectbestand" + (f" ({n} buurten)" if n else "")
    else:  # a batch prepared before the frame was recorded: its description of the reference
        what = str(shared.get("reference") or "niet vastgelegd in deze batch")
    year = facts.get("period") or shared.get("period")
    return f"Waarmee is vergeleken: de index en de rang zijn berekend ten opzichte van {what}" + \
        (f", met de cijfers van {year}." if year else ".")


def _trend_cell(r: dict) -> str:
    """The trend of an indicator row in words; for a money amount its change against the gemeente instead."""
    if r.get("money"):
        return r.get("nominal_change") or _MONEY_NO_TREND
    return TREND_NL.get(r["trend"], r["trend"] or "")


def _rank_text(u: dict, n: int) -> str:
    rank = u.get("rank")
    if rank is None:
        return "geen rang"
    text = f"plaats {int(rank)} van {n}"
    lo, hi = u.get("rank_lo"), u.get("rank_hi")
    if lo is not None and hi is not None:
        text += (f" (bij andere redelijke methodekeuzes plaats {int(lo)}" +
                 (f" tot {int(hi)})" if int(hi) != int(lo) else " steeds)"))
    return text


def _compare(row: dict) -> str:
    v, g, d = row.get("value"), row.get("gemeente"), row.get("direction")
    if row.get("unreliable"):
        return ""
    if v is None or g is None or d == "context":
        return ""
    if g == 0 and v == 0 or (g != 0 and abs(v - g) / abs(g) < _EQUAL_REL):
        return "ongeveer gelijk"
    worse = (v > g) if d == "hoger_is_slechter" else (v < g)
    return "ongunstiger" if worse else "gunstiger"


def _decimals(row: dict) -> int:
    unit = (row.get("unit") or "").lower()
    if "x 1.000 euro" in unit or unit in ("aantal",):
        return 0
    return 1


def _theme_nl(theme: str) -> str:
    """Theme label with a capital first letter (survey themes have their own labels)."""
    label = _THEME_NL.get(theme, str(theme).replace("_", " "))
    return label[:1].upper() + label[1:]


def _quality_sentence(q: dict) -> str:
    """Every category of the counted figures, so that the parts add up to the total."""
    n_unrel = int(q.get("n_unreliable") or 0)
    n_usable = q.get("n_usable")
    if n_usable is None:
        n_usable = q["n"] - q["n_suppressed"] - q["n_missing"] - n_unrel
    text = (f"Van de {q['n']} cijfers zijn er {n_usable} bruikbaar, {n_unrel} {_UNRELIABLE_NL}, "
            f"{q['n_suppressed']} geheim en {q['n_missing']} ontbrekend.")
    if q["n_suppressed"]:
        text += (" Geheim: het CBS publiceert ze niet omdat er te weinig inwoners of huishoudens zijn; geheim betekent "
                 "niet nul.")
    return text


#: Why a section is empty when the bundle has no such part (the batch or the area has no data for it).
_ABSENT_NOTES = {
    "told": "Er zijn voor deze batch geen vertelde gegevens (enquête, schouw of signalen).",
    "stories": "Er zijn voor deze batch geen gecodeerde verhalen (interviews, veldnotities, verslagen).",
    "stakeholders": "Voor dit gebied is (nog) geen stakeholderkaart ingevoerd.",
    "readiness": "Voor dit gebied is (nog) geen quickscan van de randvoorwaarden of procesmonitor ingevoerd.",
    "interventions": "Geen suggesties: de module voor interventies is niet beschikbaar.",
}


class AreaReport:
    """One buurt report: the prepared bundle plus the shared batch files, with one display method per section.

    Parameters
    ----------
    bundle : dict
        Contents of ``gebieden/<code>.json``.
    shared : dict
        Contents of ``batch.json``.
    batch_dir : Path
    parameters : dict
        The template parameters (shown in the provenance footer).
    """

    def __init__(self, bundle: dict, shared: dict, batch_dir: Path, parameters: dict) -> None:
        self.b = bundle
        self.shared = shared
        self.batch_dir = Path(batch_dir)
        self.parameters = parameters
        self.area = bundle["area"]
        self.u: Any = bundle.get("urgency")  # the urgency part of the bundle (JSON), None without an index
        self.name = self.area["name"]

    # -- helpers --------------------------------------------------------------------------------------------
    @property
    def n_ranked(self) -> int:
        return int(self.shared.get("urgency", {}).get("n_ranked") or 0)

    def _indicator(self, ind: str) -> dict | None:
        return next((r for r in self.b["indicators"] + self.b["context"] if r["id"] == ind), None)

    def _inhabitants(self) -> float | None:
        r = self._indicator("inwoners")
        return r["value"] if r else None

    def _why_not_analysed(self) -> str:
        """Why this buurt has no urgency part: no figures for it, not scored, or no analysis in the batch."""
        urg = self.shared.get("urgency") or {}
        if urg.get("available") and not self.b.get("has_counted"):
            return "er zijn geen cijfers voor deze buurt."
        if urg.get("available"):
            return "deze buurt is niet gescoord in de urgentieanalyse."
        if urg.get("reason"):
            return str(urg["reason"])
        return "er is geen urgentieanalyse voor deze batch."

    def _small_reference_text(self) -> str:
        """Why a buurt with enough figures of its own has no index: the reference is too small."""
        n = self.shared.get("n_reference")
        return ("de buurt heeft genoeg eigen cijfers, maar de referentie is te klein"
                + (f" ({n} buurten)" if n else "") + ": per indicator zijn er te weinig buurten met een waarde om "
                "mee te vergelijken. Kies een grotere referentie (referentie.kader: nationaal of peers in het "
                "projectbestand).")

    def _scored(self) -> bool:
        return self.u is not None and self.u.get("index") is not None

    def _part(self, key: str) -> Any:
        """The bundle's part ``key``, or None after showing why its section is empty (:data:`_ABSENT_NOTES`)."""
        part = self.b.get(key)
        if part is None:
            _show(_note(_ABSENT_NOTES[key]))
        return part

    # -- sections -------------------------------------------------------------------------------------------
    def header(self) -> None:
        """Name, codes, wijk and gemeente, period and a few badges."""
        a = self.area
        inw = self._inhabitants()
        badges = []
        if self._scored() and self.u.get("class"):
            c = self.u["class"]
            badges.append(f'<span class="wl-badge" style="background:{_e(c["color"])};'
                          f'color:{"white" if c["i"] >= c["k"] - 2 else "black"}">urgentieklasse {c["i"] + 1} van '
                          f'{c["k"]}</span>')
        if self.u is not None:
            t = self.u["type"]["urgency_type"]
            badges.append(f'<span class="wl-badge wl-type-{_e(t)}">urgentietype: {_e(_TYPE_NL.get(t, t))}</span>')
            if self.u.get("focus"):
                badges.append('<span class="wl-badge wl-focus">kandidaat-focusgebied</span>')
            if self.u.get("special_population"):
                badges.append('<span class="wl-badge wl-special">bijzondere bevolking: '
                              f'{_e(self.u.get("special_reason") or "zie de toelichting")}</span>')
            if self.u.get("small_population"):
                badges.append('<span class="wl-badge wl-small-pop">weinig inwoners: rang onzeker</span>')
        meta = [f"buurtcode {_e(a['code'])}", _e(in_wijk(a['wijk_name'])), f"gemeente {_e(a['gemeente_name'])}",
                f"peiljaar {self.b['period']}"]
        if inw is not None:
            meta.append(f"{fmt(inw, 0)} inwoners")
        _show(f'<div class="wl-header"><h2 class="wl-title">{_e(self.name)}</h2>'
              f'<p class="wl-meta">{" · ".join(meta)}</p><p>{"".join(badges)}</p></div>')

    def summary(self) -> None:
        """The report in plain words: a few sentences a reader can take away."""
        a, u = self.area, self.u
        parts = []
        inw = self._inhabitants()
        parts.append(f"{_e(self.name)} is een buurt in {_e(in_wijk(a['wijk_name']))} "
                     f"(gemeente {_e(a['gemeente_name'])})"
                     + (f" met {fmt(inw, 0)} inwoners in {self.b['period']}." if inw is not None else "."))
        q = self.b["quality"]
        if not self.b.get("has_counted"):
            parts.append("Voor deze buurt zijn geen telcijfers beschikbaar.")
        elif q["n_suppressed"] or q.get("n_unreliable") or q["n_missing"]:
            parts.append(_e(_quality_sentence(q)))
        if u is None:
            why = self._why_not_analysed()
            parts.append(_e("Geen urgentie-index: " + why + ("" if not self.b.get("has_counted") else
                                                            " Hieronder staan de cijfers tegenover de gemeente.")))
        elif not self._scored() and u.get("status") == REFERENCE_TOO_SMALL:
            parts.append(f"Er is geen urgentie-index berekend: {_e(self._small_reference_text())} "
                         "Kijk daarom vooral naar de cijfers hieronder, de vertelde gegevens en de signalen.")
        elif not self._scored():
            parts.append(f"Er is geen urgentie-index berekend ({_e(u['status'])}): te weinig betrouwbare cijfers. "
                         "Kijk daarom vooral naar de vertelde gegevens en de signalen.")
        else:
            c = u.get("class")
            parts.append(f"Op de urgentie-index staat de buurt op {_e(_rank_text(u, self.n_ranked))}"
                         + (f", in klasse {c['i'] + 1} van {c['k']} ({_e(c['label'])})." if c else "."))
            st = u["stacking"]
            if st["stacked"]:
                parts.append(f"Er is opstapeling: in {st['n_domains_flagged']} domeinen hoort de buurt bij de slechtste "
                             f"groep ({_e(', '.join(st['flagged_domains']).lower())}).")
            elif st["n_domains_flagged"]:
                parts.append(f"In {st['n_domains_flagged']} domein(en) hoort de buurt bij de slechtste groep "
                             f"({_e(', '.join(st['flagged_domains']).lower())}); dat is (nog) geen opstapeling.")
            if u["contributions"]:
                top = [c["label"] for c in u["contributions"][:3] if c["contribution"] > 0]
                if top:
                    parts.append("De index komt vooral door: " + _e("; ".join(top)) + ".")
            if u.get("index_trend") in ("verbetert", "verslechtert"):
                parts.append(f"Over de jaren {self.b['periods'][0]}-{self.b['periods'][-1]} "
                             f"{_e(u['index_trend'])} de index van de buurt ten opzichte van de andere buurten "
                             "(robuuste helling over alle jaren, niet het verschil tussen twee jaren).")
        shared_u = self.shared.get("urgency") or {}
        if shared_u.get("missing_domains_text"):
            parts.append("<b>Ontbrekend domein.</b> " + _e(shared_u["missing_domains_text"]))
        if shared_u.get("trend_note") and len(self.b.get("periods") or []) >= 1:
            parts.append("<b>Trends.</b> " + _e(shared_u["trend_note"]))
        if u is not None and u.get("special_population"):
            parts.append("<b>Bijzondere bevolking.</b> " + _e(u.get("special_reason") or "")
                         + " Lees de score van deze buurt met voorzichtigheid: de cijfers beschrijven dan vooral die "
                         "bijzondere groep.")
        if u is not None and u.get("small_population"):
            parts.append("<b>Weinig inwoners.</b> De buurt heeft minder inwoners dan de minimumgrens (een keuze van "
                         "wijklib); percentages en cijfers per 1.000 zijn daarom naar het gemiddelde getrokken en de "
                         "rang is nooit 'robuust in'.")
        if u is not None:
            t = u["type"]["urgency_type"]
            parts.append(f"Urgentietype: <b>{_e(_TYPE_NL.get(t, t))}</b> – {_e(_TYPE_EXPLAIN.get(t, ''))}.")
            if t == "beleidskader" and u["type"].get("policy_deviation"):
                parts.append("Afwijking van de lokale norm: " + _e(u["type"]["policy_deviation"]) + ".")
            if u["type"].get("positive_urgency"):
                parts.append("<b>Positieve urgentie</b> (initiatieven van bewoners, telt niet als probleem): "
                             + _e(u["type"]["positive_urgency"]) + ".")
            div = [d for d in u.get("divergence", []) if d.get("signal") in ("verteld_ernstiger", "geteld_ernstiger")]
            for d in div:
                src = d.get("source") or ""
                parts.append(f"Tellen en vertellen over {_e(_theme_nl(d['theme']).lower())}"
                             + (f" ({_e(_SOURCE_SHORT.get(src, src))})" if src else "")
                             + f": {_e(_signal_text(d['signal'], src))}.")
            if u.get("focus"):
                rob = u.get("robustness")
                group = ("ze hoort bij een groep aangrenzende buurten met een hoge urgentie"
                         if (u["focus"].get("cluster_size") or 1) > 1 else "ze heeft een hoge urgentie")
                if rob == "robuust in":
                    group += ", en dat blijft zo bij elke redelijke methodekeuze (robuust in)"
                elif rob:
                    group += (f"; haar plaats in de top is wel onzeker ({_e(rob)}: ze hangt af van de "
                              "methodekeuzes)")
                parts.append(f"De buurt is <b>kandidaat-focusgebied</b>: {group} (zie het urgentietype). Of het "
                             "een focusgebied wordt, besluiten de partners samen.")
        _show('<div class="wl-summary"><p>' + "</p><p>".join(parts) + "</p></div>")

    def urgency(self) -> None:
        """Index value, rank with its interval over method choices, class, and the position among all buurten."""
        if self.u is None:
            _show(_note("Geen urgentie-index: " + self._why_not_analysed()))
            return
        u = self.u
        frame = f"<p>{_e(_frame_sentence(self.shared))}</p>"
        if not self._scored() and u.get("status") == REFERENCE_TOO_SMALL:
            _show(_note(f"Geen urgentie-index: {_e(self._small_reference_text())}") + frame)
            return
        if not self._scored():
            n_unrel = int(u.get("n_unreliable") or 0)
            n_all = u["n_observed"] + u["n_suppressed"] + u["n_missing"] + n_unrel
            _show(_note(f"Geen urgentie-index: {u['status']}. Van de {n_all} cijfers zijn er {u['n_observed']} "
                        f"bruikbaar, {n_unrel} {_UNRELIABLE_NL}, {u['n_suppressed']} geheim en {u['n_missing']} "
                        "ontbrekend; minder dan de helft van het gewicht is waargenomen. Een index op zo weinig "
                        "cijfers zou schijnzekerheid geven.") + frame)
            return
        c = u.get("class")
        rows = [["Urgentie-index", fmt(u["index"], 2) + " (0 = gemiddelde buurt; hoger = urgenter)"],
                ["Rang", _rank_text(u, self.n_ranked)],
                ["Klasse", f"{c['i'] + 1} van {c['k']}: {c['label']}" if c else "–"],
                ["Percentiel", fmt(u.get("percentile"), 0)],
                ["Robuustheid", u.get("robustness") or "–"]]
        if u.get("p_top_k") is not None and self.shared["urgency"].get("top_k"):
            rows.append([f"Kans in de top {self.shared['urgency']['top_k']}", fmt(100 * u["p_top_k"], 0) + "%"])
        fig = fg.index_strip(self.shared["urgency"]["index_values"], u["index"], self.shared["urgency"].get(
            "classification"), name=self.name)
        _show(_table(["", ""], rows, cls="wl-kv") + frame
              + _img(fig, f"Urgentie-index van {self.name} tussen alle buurten",
                     "Elke stip is een buurt; de gekleurde banden zijn de vijf klassen die ook de kaarten gebruiken.")
              + _note("De rang-interval komt uit een gevoeligheidsanalyse: de index is vele keren opnieuw berekend "
                      "met andere redelijke keuzes (normalisatie, gewichten, referentie). Een smal interval betekent "
                      "een robuuste plaats."))

    def stacking(self) -> None:
        """Stacking profile: domain scores, flagged domains and counted indicators in the worst group."""
        if not self._scored():
            _show(_note("Geen stapelingsprofiel: er is geen urgentie-index voor deze buurt."))
            return
        st = self.u["stacking"]
        q = self.shared["urgency"].get("stacking_quantile")
        md = self.shared["urgency"].get("min_domains")
        text = (f"{st['n_flagged']} van {st['n_evaluated']} indicatoren vallen in de slechtste "
                f"{fmt(100 * q, 0) if q else '–'}% van de referentie, verdeeld over {st['n_domains_flagged']} "
                f"domein(en). Opstapeling begint bij {md or '–'} domeinen: "
                + ("<b>ja, er is opstapeling</b>." if st["stacked"] else "geen opstapeling."))
        _show(f"<p>{text}</p>" + _img(fg.domain_bars(self.u["domains"]),
                                      f"Domeinscores van {self.name}",
                                      "▲ = domein met indicatoren in de slechtste groep.")
              + (f'<p class="wl-small">Indicatoren in de slechtste groep: {_e(st["flagged_indicators"])}</p>'
                 if st["flagged_indicators"] else ""))

    def trends(self, n: int = 6) -> None:
        """Trend panel: the buurt against the gemeente over the years for the indicators that matter most here."""
        inds = {r["id"]: r for r in self.b["indicators"]}
        chosen: list[str] = []
        if self._scored():
            chosen = [c["indicator"] for c in self.u["contributions"] if c["indicator"] in inds][:n]
        if len(chosen) < n:
            def gap(r):
                v, g = r["value"], r["gemeente"]
                if r.get("unreliable"):
                    return -1
                return abs(v - g) / abs(g) if v is not None and g not in (None, 0) else -1
            chosen += [r["id"] for r in sorted(self.b["indicators"], key=gap, reverse=True)
                       if r["id"] not in chosen and gap(r) >= 0][: n - len(chosen)]
        items = [inds[i] for i in chosen]
        note = (self.shared.get("urgency") or {}).get("trend_note") or ""
        if not items or len(self.b["periods"]) < 2:
            _show(_note("Geen trend te tonen: er is maar één jaar of er zijn geen openbare cijfers voor deze buurt."
                        + (" " + note if note else "")))
            return
        worse = [r["label"] for r in self.b["indicators"] if r.get("trend") == "verslechtert"]
        better = [r["label"] for r in self.b["indicators"] if r.get("trend") == "verbetert"]
        text = ""
        if worse or better:
            text = (f"<p>Van alle indicatoren verslechteren er {len(worse)} en verbeteren er {len(better)} "
                    "(ten opzichte van de ontwikkeling in de andere buurten).</p>")
        if any(r.get("money") for r in items):
            text += f"<p>{_e(_MONEY_NOTE)}</p>"
        if note:
            text = f"<p>{_e(note)}</p>" + text
        _show(text + _img(fg.trend_panel(items, self.b["periods"]), f"Trends van {self.name}",
                          "Buurt (doorgetrokken) en gemeente (gestippeld) per jaar; onder elk paneel de trendklasse. "
                          "Open grijze punten: onbetrouwbaar (te weinig inwoners), niet gebruikt voor de trend. "
                          + _TREND_RULE))

    def drivers(self) -> None:
        """Top drivers: the contributions of the indicators to the index as a waterfall chart, with strengths."""
        if not self._scored() or not self.u["contributions"]:
            _show(_note("Geen verklaring van de index: er is geen index voor deze buurt."))
            return
        u = self.u
        _show(_img(fg.waterfall(u["contributions"], u["index"]), f"Opbouw van de urgentie-index van {self.name}",
                   "De index is de som van de bijdragen van alle indicatoren.")
              + f"<p>{_e(u['drivers_text'])}.</p>"
              + (f"<p>{_e(u['strengths_text'])}.</p>" if u.get("strengths_text") else ""))

    def counted_vs_told(self) -> None:
        """Tellen en vertellen: survey of residents, divergence from the figures, schouw and signals."""
        t = self._part("told")
        if t is None:
            return
        out = []
        if t.get("survey") is not None:
            if t["survey"]:
                rows = []
                for s in t["survey"]:
                    diff = (s["mean"] - s["gemeente_mean"]) if s["mean"] is not None and s["gemeente_mean"] is not None else None
                    rows.append([_THEME_NL.get(s["theme"], s["theme"]),
                                 fmt(s["mean"], 2) if s["reliable"] else "te weinig respondenten",
                                 fmt(s["gemeente_mean"], 2),
                                 # below the minimum the exact small number is not shown (it can point to people)
                                 fmt(diff, 2, sign=True),
                                 str(s["n"]) if s["reliable"] else f"< {s.get('min_n') or _SURVEY_MIN_N}",
                                 "ja" if s["reliable"] else "nee (te weinig respondenten)"])
                out.append("<h4>Bewonersenquête</h4>" + _table(
                    ["thema", "buurt", _SURVEY_GM_HEADER, "verschil", "respondenten", "betrouwbaar"], rows)
                    + _note("Schaal 1-5, hoger = positiever. " + _SURVEY_GM_NOTE))
            else:
                out.append(_note("Geen antwoorden uit de bewonersenquête voor deze buurt."))
        comp = [d for d in (self.u or {}).get("divergence", []) if d.get("told_pct") is not None
                and d.get("counted_pct") is not None]
        if comp:
            comp_rows = [{**d, "theme": _theme_nl(d["theme"])} for d in comp]
            out.append("<h4>Tellen tegenover vertellen</h4>"
                       + _img(fg.told_vs_counted(comp_rows), f"Vertelde en getelde gegevens van {self.name}",
                              "Beide op dezelfde schaal: percentiel binnen de buurten van de gemeente.")
                       + "".join(f"<p>{_e(d['text'])}.</p>" for d in comp))
        elif self.u is not None and t.get("survey"):
            out.append(_note("Geen vergelijking tussen tellen en vertellen mogelijk (te weinig respondenten of geen "
                             "thema dat bij een domein van de cijfers hoort)."))
        if t.get("schouw") is not None:
            if t["schouw"]:
                out.append("<h4>Schouw</h4>" + _table(
                    ["categorie", "waarnemingen", "gemiddelde ernst", "hoogste ernst"],
                    [[s["category"].replace("_", " "), str(s["count"]), fmt(s["severity_mean"], 1),
                      fmt(s["severity_max"], 0)] for s in t["schouw"]]))
            else:
                out.append(_note("Niet geschouwd: er zijn geen schouwwaarnemingen uit deze buurt (ontbrekend, geen 0)."))
        sg = t.get("signals")
        if sg is not None:
            small = bool((self.b.get("small_area") or {}).get("small"))
            if sg["themes"]:
                # in a small buurt the roles and texts can identify people: counts per theme only
                header = ["thema", "aantal", "eerste", "laatste"] + ([] if small else ["van"])
                body = [[s["theme"].replace("_", " "), str(s["count"]), s["first"], s["last"]]
                        + ([] if small else [s["roles"]]) for s in sg["themes"]]
                block = "<h4>Signalen van professionals</h4>" + _table(header, body)
                if sg["recent"]:
                    block += "<p>Meest recent:</p><ul>" + "".join(
                        f"<li>{_e(r['date'])}, {_e(r['role'])}: {_e(r['text'])}</li>" for r in sg["recent"]) + "</ul>"
                if small:
                    inw = (self.b.get("small_area") or {}).get("inhabitants")
                    block += _note(f"De teksten en bronnen van de signalen staan niet in dit rapport: de buurt heeft "
                                   f"maar {fmt(inw, 0)} inwoners, zodat ze personen of panden herkenbaar kunnen "
                                   "maken. Bespreek ze in het overleg met de partners.")
                elif sg.get("n_withheld"):
                    block += _note(f"{sg['n_withheld']} signaal/signalen niet getoond omdat ze over een lopend "
                                   "onderzoek gaan; die teksten horen niet in een gedeeld rapport.")
                out.append(block)
            else:
                out.append(_note("Geen signalen van professionals voor deze buurt."))
        _show("".join(out))

    def stories(self) -> None:
        """Coded stories of the buurt: number of fragments per theme and code (counts only, never quotes or names;
        small numbers withheld; informants without consent left out before the batch was prepared)."""
        s = self._part("stories")
        if s is None:
            return
        rule = (f"Alleen aantallen die op minstens {s['min_sources']} verschillende bronnen (gesprekken, "
                "bijeenkomsten, notities) rusten; die grens is een keuze van wijklib. Citaten en namen staan niet "
                "in dit rapport, en informanten die hun toestemming introkken tellen niet mee.")
        if not s["themes"]:
            _show(_note(f"Geen gecodeerde verhalen over {self.name}."))
            return
        out = ["<h4>Thema's in de verhalen</h4>" + _table(
            ["thema", "fragmenten"],
            [[t["label"], "te weinig bronnen" if t["withheld"] else str(t["fragments"])] for t in s["themes"]])]
        if s["codes"]:
            out.append("<h4>Codes</h4>" + _table(
                ["code", "thema", "fragmenten"],
                [[c["label"], c.get("theme_label") or "–", str(c["fragments"])]
                 for c in s["codes"]]))
        else:
            out.append(_note("Geen enkele code rust voor deze buurt op genoeg bronnen om te tonen."))
        if s.get("n_codes_withheld"):
            out.append(_note(f"{s['n_codes_withheld']} code(s) niet getoond: te weinig bronnen."))
        out.append(_note(rule))
        _show("".join(out))

    def urgency_type(self) -> None:
        """Urgency type (acuut, sluimerend, meervoudig, geen) with the streams that point to it and the reasons."""
        if self.u is None:
            _show(_note("Geen urgentietype: " + self._why_not_analysed()))
            return
        t = self.u["type"]
        ut = t["urgency_type"]
        rows = []
        for k, label in _STREAM_NL.items():
            if k not in t:  # older bundles lack the newer streams
                continue
            v = t.get(k)
            rows.append([label, "onbekend" if v is None else ("ja" if v else "nee")])
        focus = self.u.get("focus")
        _show(f'<p class="wl-type-line">Urgentietype: <b>{_e(_TYPE_NL.get(ut, ut))}</b> – {_e(_TYPE_EXPLAIN.get(ut, ""))}.</p>'
              + (f"<p>Redenen: {_e(t['reasons'])}.</p>" if t.get("reasons") else "")
              + (f"<p>Afwijking van de lokale norm (beleidskader): {_e(t['policy_deviation'])}.</p>"
                 if t.get("policy_deviation") else "")
              + (f"<p>Positieve urgentie (initiatieven van bewoners; nooit als probleem geteld): "
                 f"{_e(t['positive_urgency'])}.</p>" if t.get("positive_urgency") else "")
              + _table(["signaal", "wijst op urgentie"], rows, cls="wl-kv")
              + (f"<p><b>Kandidaat-focusgebied</b> (cluster {fmt(focus['cluster'], 0)}): {_e(focus['reasons'])}. "
                 "Of het een focusgebied wordt, besluiten de partners samen.</p>" if focus else ""))

    def map(self) -> None:
        """Static map of the buurt in its gemeente and wijk (same classes as every other map)."""
        path = self.batch_dir / "kaart.json"
        kaart = json.loads(path.read_text(encoding="utf-8"))
        if not any(b.get("geometry") for b in kaart.get("buurten", [])):
            _show(_note("Geen kaart: het projectbestand geeft geen buurtgrenzen ('buurten'). De rest van het rapport "
                        "werkt zonder kaart."))
            return
        if not any(b.get("geometry") for b in kaart["buurten"] if b.get("code") == self.area["code"]):
            _show(_note("Geen kaart: deze buurt staat niet in het grenzenbestand van het project (buurten), "
                        "bijvoorbeeld omdat de grenzen van een ander jaar zijn dan de cijfers. De cijfers in dit "
                        "rapport gelden wel voor deze buurt."))
            return
        cls = self.shared.get("urgency", {}).get("classification")
        _show(_img(fg.area_map(kaart, self.area["code"], self.area["wijk_code"], cls),
                   f"Kaart van {self.name} in {in_wijk(self.area['wijk_name'])} en gemeente "
                   f"{self.area['gemeente_name']}",
                   "Zwart omlijnd: deze buurt. Kleur: klasse van de urgentie-index."))

    def indicators(self) -> None:
        """All counted indicators: buurt, wijk and gemeente, comparison and trend."""
        rows = []
        for r in self.b["indicators"]:
            d = _decimals(r)
            if r.get("unreliable"):
                val = f"{fmt(r['value'], d)} – {_UNRELIABLE_NL}"
            else:
                val = fmt(r["value"], d) if r["status"] == "waarde" else _STATUS_NL.get(r["status"], r["status"])
            cmp = _compare(r)
            cls = {"ongunstiger": "wl-worse", "gunstiger": "wl-better"}.get(cmp, "")
            rows.append([_e(r["domain_label"]), _e(r["label"]), _e(val), _e(fmt(r["wijk"], d)),
                         _e(fmt(r["gemeente"], d)), f'<span class="{cls}">{_e(cmp)}</span>',
                         _e("" if r.get("unreliable") else _trend_cell(r))])
        kind = next((r["gemeente_kind"] for r in self.b["indicators"]), "gemeente")
        _show(_table(["domein", "indicator", "buurt", "wijk", kind, "t.o.v. gemeente", "trend"], rows,
                     cls="wl-ind", raw=True)
              + _note("Geheim = door het CBS niet gepubliceerd (te weinig inwoners); dat is iets anders dan nul of "
                      "ontbrekend. Onbetrouwbaar = de buurt heeft minder inwoners dan de ondergrens van die indicator; "
                      "zo'n cijfer telt niet mee in de vergelijking en de trend. Trend: robuuste helling over alle "
                      "jaren, ten opzichte van de ontwikkeling in de andere buurten."
                      + (" " + _MONEY_NOTE if any(r.get("money") for r in self.b["indicators"]) else "")))

    def stakeholders(self) -> None:
        """Stakeholder summary of the wijk/gemeente (roles and pseudonyms only)."""
        s = self._part("stakeholders")
        if s is None:
            return
        worlds = ", ".join(f"{_WORLD_NL.get(k, k)}: {v}" for k, v in s["worlds"].items())
        rounds = ", ".join(f"{r['id']} ({r['kind']}, {r['date']})" for r in s.get("rounds", []))
        out = [f"<p>Stakeholderkaart van {_e(s['scope_name'])}: {s['n_actors']} actoren, waarvan {s['n_persons']} "
               f"personen (getoond met hun rol of een pseudoniem). Verdeling: {_e(worlds)}. "
               f"Rondes: {_e(rounds) or '–'}; {s['n_informants']} informant(en).</p>"]
        if s.get("power_interest"):
            out.append(_table(["groep (macht x belang)", "aanpak", "aantal", "bijvoorbeeld"],
                              [[g["name"], g["strategy"], str(g["n"]), ", ".join(g["examples"])]
                               for g in s["power_interest"]]))
        if s.get("key_positions"):
            out.append(f"<p>Sleutelposities (bereik en vertrouwen): {_e(', '.join(s['key_positions']))}.</p>")
        if s.get("unused_reach"):
            out.append(f"<p>Bereik dat nog niet benut wordt (weinig vertrouwen): {_e(', '.join(s['unused_reach']))}.</p>")
        if s.get("participation"):
            out.append("<p>Participatieladder (huidige tegenover gewenste trede): "
                       + _e(", ".join(f"{k}: {v}" for k, v in s["participation"].items())) + ".</p>")
        _show("".join(out))

    def readiness(self) -> None:
        """Readiness profile (quickscan of the preconditions, gate, next actions) and the process monitor."""
        r = self._part("readiness")
        if r is None:
            return
        out = []
        if r.get("preconditions"):
            out.append(f"<p>Quickscan van {_e(r['scope_name'])} door {r['n_respondents']} partners (schaal 0-3). "
                       + ("<b>De poort is open</b>: de randvoorwaarden zijn voldoende op orde om interventies te kiezen."
                          if r["gate_open"] else "<b>Eerst randvoorwaarden op orde</b> voordat interventies gekozen "
                                                 "worden.") + "</p>")
            out.append(_table(["randvoorwaarde", "gemiddelde", "stand", "eerst aanpakken"],
                              [[p["name"], fmt(p["mean"], 1), p["status"], "ja" if p["first"] else ""]
                               for p in r["preconditions"]]))
            if r.get("actions"):
                out.append("<p>Volgende stappen:</p><ul>" + "".join(
                    f"<li>{_e(a['action'])} ({_e(a['precondition'])})</li>" for a in r["actions"]) + "</ul>")
        if r.get("tracker"):
            out.append("<h4>Procesmonitor</h4>" + _table(
                ["spoor", "stappen klaar", "poort open", "laatste besluit"],
                [[t["track"], f"{t['done']} van {t['steps']}", "ja" if t["gate_open"] else "nee",
                  t["last_decision"] or "–"] for t in r["tracker"]]))
            inv = [t for t in r["tracker"] if t.get("involvement")]
            if inv:
                out.append("<p>Bewonersbetrokkenheid per stap (varianten A tot E van het Praktijkhandboek, §6.2; "
                           "A = af en toe informeren of raadplegen, E = zetel in het alliantiebestuur):</p>"
                           + _table(["spoor", "stap: variant (wie besliste: wat)"],
                                    [[t["track"], t["involvement"]] for t in inv]))
            for t in r["tracker"]:
                if t.get("success_factors"):
                    out.append(f"<p>De tien succesfactoren (Praktijkhandboek §2.6) bij de go/no-go: "
                               f"{_e(t['success_factors'])}.</p>")
                if t.get("alternatives"):
                    out.append(f"<p>Gekozen alternatief na de no-go (Praktijkhandboek §4.6): "
                               f"{_e(t['alternatives'])}.</p>")
        _show("".join(out))

    def monitoring(self) -> None:
        """Monitoring (Herijken): baseline versus now per indicator (M&E component doelbereik, 003 §6.4)."""
        m = self.b.get("monitoring")
        if not m or not m.get("available") or not m.get("rows"):
            _show(_note("Monitoring vraagt om een nulmeting en een latere meting: er zijn voor deze buurt nog geen "
                        "betrouwbare cijfers uit een basisjaar en een later jaar (Praktijkhandboek 003 §6.4, "
                        "doelbereik)."))
            return
        intro = (f"<p>Nulmeting {m['baseline']} tegenover nu ({m['now']}) per indicator, voor het doelbereik bij "
                 "het herijken (monitoring en evaluatie, Praktijkhandboek 003 §6.4). Het eerste jaar in de cijfers "
                 "als nulmeting en een verschil kleiner dan 5% als 'gelijk' zijn een keuze van wijklib. Bespreek "
                 "wat de verschillen betekenen met partners en bewoners.</p>")
        if any(r.get("money") for r in m["rows"]):
            intro += ("<p>" + _e(_MONEY_NOTE) + "</p>")
        _show(intro + _table(["indicator", f"nulmeting {m['baseline']}", f"nu {m['now']}", "oordeel"],
                             [[r["label"], fmt(r["baseline"], 1), fmt(r["now"], 1), r["verdict"]]
                              for r in m["rows"]]))

    def interventions(self) -> None:
        """Suggested interventions for the profile of this buurt, each with its explanation."""
        iv = self._part("interventions")
        if iv is None:
            return
        if not iv["matches"]:
            _show(_note(iv.get("note") or "Geen passende interventies gevonden."))
            return
        evidence = iv.get("evidence") or {}
        parts = [f"{k.lower()} ({v})" if v else k.lower() for k, v in evidence.items()] or \
            [d.lower() for d in iv["domains"]]
        out = [f"<p>Wat er in deze buurt speelt, met de bron: {_e('; '.join(parts))}"
               + (f"; urgentietype {_e(_TYPE_NL.get(iv['urgency_type'], iv['urgency_type']))}" if iv.get("urgency_type") else "")
               + "." + ("" if iv.get("with_quickscan") else " Zonder quickscan van de randvoorwaarden.") + "</p>"]
        if iv.get("dropped_note"):
            out.append(_note(iv["dropped_note"]))
        if iv.get("common"):
            out.append("<p class='wl-small'>Voor alle suggesties geldt: " + _e(" ".join(iv["common"])) + "</p>")
        out.append("<ol class='wl-iv'>" + "".join(
            f"<li><b>{_e(m['name'])}</b> ({_e(m['kind'])}{', trede ' + _e(m['rung']) if m['rung'] else ''}; "
            f"past {_e(m.get('fit') or fit_word(m.get('score')))})<br><span class='wl-small'>{_e(m['explanation'])}</span></li>"
            for m in iv["matches"]) + "</ol>")
        out.append(_note("Suggesties om over te praten, geen advies: partners en bewoners kiezen samen, op basis van "
                         "een gedeelde analyse van wat er speelt. Deel een lijst als deze niet buiten die kring; een "
                         "lijst interventies kan een buurt een stempel geven."))
        _show("".join(out))

    def provenance(self) -> None:
        """Provenance footer: version, git commit, configuration and data hashes, parameters, time (UTC)."""
        from wijklib.reports._util import utc_now, wijklib_version

        her = {}
        path = self.batch_dir / "herkomst.json"
        if path.exists():
            her = json.loads(path.read_text(encoding="utf-8"))
        # a report is shared: file names only, never the folders of the machine it was made on (they can hold a
        # user name); the full paths stay in _batch/herkomst.json
        files = "; ".join(f"{_e(k)} {_e(PurePath(str(v['path'])).name)} (sha256 {_e(v['sha256'])})"
                          for k, v in her.get("data_files", {}).items())
        shown = {k: (PurePath(str(v)).name if k == "batch_dir" and v else v) for k, v in self.parameters.items()}
        params = ", ".join(f"{_e(k)}={_e(json.dumps(v, ensure_ascii=False))}" for k, v in shown.items())
        notes = "".join(f"<li>{_e(n)}</li>" for n in self.shared.get("notes", []))
        _show('<div class="wl-provenance">'
              f"<p>Gemaakt met wijklib {_e(wijklib_version())}"
              + (f", git-commit {_e(her.get('git_commit'))}" if her.get("git_commit") else ", geen git-commit bekend")
              + (f", sjabloon-hash {_e(her.get('template_hash'))}" if her.get("template_hash") else "")
              + f"; configuratie-hash {_e(self.shared.get('config_hash'))}"
              + (f", urgentie-instellingen {_e(self.shared['urgency'].get('config_hash'))}"
                 if self.shared.get("urgency", {}).get("available") else "")
              + f". Gemaakt op <span class='wl-time'>{_e(utc_now())}</span> (UTC).</p>"
              f"<p>Parameters: {params}.</p><p>Gegevensbestanden: {files}.</p>"
              + (f"<ul>{notes}</ul>" if notes else "") + "</div>")


def _demo_batch() -> Path:
    """Prepare the demo batch once per process in a temporary folder (for opening the template by hand)."""
    global _demo_batch_dir
    if _demo_batch_dir is None:
        import tempfile

        from wijklib.reports.inputs import BatchInputs
        from wijklib.reports.prepare import prepare_batch

        target = Path(tempfile.mkdtemp(prefix="wijklib-rapport-demo-"))
        prepare_batch(BatchInputs.demo(), target)
        _demo_batch_dir = target
    return _demo_batch_dir


def load_report(area_code: str, batch_dir: str | os.PathLike = "", language: str = "nl") -> AreaReport:
    """Read the prepared files of one buurt.

    Parameters
    ----------
    area_code : str
        CBS buurt code.
    batch_dir : path
        Folder written by :func:`wijklib.reports.prepare.prepare_batch`; empty = prepare the demo batch.
    language : str
        Report language; only ``"nl"``.

    Raises
    ------
    InputError
        Unknown language, missing batch folder, an area that is not in the batch, or a bundle of another version.
    """
    if language not in LANGUAGES:
        raise InputError(f"taal {language!r} wordt niet ondersteund; kies uit: {', '.join(LANGUAGES)}",
                         column="language")
    code = str(area_code).strip().upper()
    if not re.fullmatch(r"BU[0-9]{4}[0-9A-Z]{4}", code):
        raise InputError(f"{area_code!r} is geen CBS-buurtcode (verwacht BU gevolgd door 8 tekens)",
                         column="area_code")
    folder = Path(batch_dir) if str(batch_dir) else _demo_batch()
    shared_path = folder / "batch.json"
    if not shared_path.exists():
        raise InputError("map met voorbereide batch niet gevonden (batch.json ontbreekt); maak hem met "
                         "wijklib.reports.prepare_batch", file=folder, column="batch_dir")
    bundle_path = folder / "gebieden" / f"{code}.json"
    if not bundle_path.exists():
        have = sorted(p.stem for p in (folder / "gebieden").glob("*.json"))
        raise InputError(f"buurt {code} zit niet in deze batch; wel: {', '.join(have[:8])}"
                         + (" ..." if len(have) > 8 else ""), file=folder, column="area_code")
    shared = json.loads(shared_path.read_text(encoding="utf-8"))
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    if bundle.get("schema") != _SCHEMA or shared.get("schema") != _SCHEMA:
        raise InputError(f"batch gemaakt met een andere versie van wijklib (schema {bundle.get('schema')}, "
                         f"verwacht {_SCHEMA}); bereid de batch opnieuw voor", file=bundle_path)
    return AreaReport(bundle, shared, folder, {"area_code": area_code, "batch_dir": str(batch_dir),
                                               "language": language})
