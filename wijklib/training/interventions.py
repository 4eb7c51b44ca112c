"""Area profile of a demo buurt for training notebook 06, derived from the demo data in one call.

The profile combines what the main notebooks derive step by step: problem domains from the signals of
professionals, participation potential from the resident survey, the urgency type from the urgency analysis
(default settings) and the readiness from the demo quickscan.
"""

from __future__ import annotations

import warnings

__all__ = ["buurt_profile", "ranked_interventions", "gate_notice"]


def buurt_profile(buurtcode: str, *, urgency_type: str | None = None, potential: float | None = None):
    """The :class:`wijklib.readiness.AreaProfile` of a demo buurt.

    Parameters
    ----------
    buurtcode : str
        A buurt of Lindewaard, e.g. ``"BU99010302"``.
    urgency_type : str, optional
        Override the urgency type (acuut, sluimerend, meervoudig, geen; the matching refuses beleidskader).
    potential : float, optional
        Override the participation potential (0-1).

    Raises
    ------
    InputError
        Unknown buurt code.
    """
    from wijklib.errors import InputError
    from wijklib.readiness import area_profile, domains_from_signals, potential_from_survey
    from wijklib.training.data import demo_quickscan, demo_survey_scores, demo_werkset
    from wijklib.training.urgency import compute_urgency

    ws = demo_werkset()
    if buurtcode not in set(ws.buurten["area_code"]):
        raise InputError(f"buurtcode {buurtcode!r} hoort niet bij Lindewaard; kies bijvoorbeeld BU99010302",
                         column="buurtcode")
    origin = []
    domains, text = domains_from_signals(ws.signals, buurtcode)
    origin.append(text)
    if potential is None:
        potential, text = potential_from_survey(demo_survey_scores(), buurtcode)
        origin.append(text)
    else:
        origin.append(f"participatiepotentie: opgegeven ({potential:g} op 0-1)")
    if not urgency_type:
        urgency_type = str(compute_urgency(ws).types.at[buurtcode, "urgency_type"])
        origin.append(f"urgentietype uit de urgentieanalyse (standaardinstellingen): {urgency_type}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return area_profile(ws.names.get(buurtcode, buurtcode), probleemdomeinen=domains, urgentietype=urgency_type,
                            participatiepotentie=potential, schaal="0-1", gereedheid=demo_quickscan(),
                            herkomst=origin, bewijs={d: [("signalen", f"{int(n)} signalen van professionals")]
                                                     for d, n in domains.items()})


def ranked_interventions(profile, *, top: int | None = None):
    """Matches of the catalogue's interventions (Leerkring examples and inspiratieboek approaches) for a profile."""
    from wijklib.catalogue import load_catalogue
    from wijklib.readiness import intervention_catalogue, match_interventions

    cat = load_catalogue()
    return match_interventions(profile, intervention_catalogue(cat), cat=cat, top=top)


def gate_notice(profile) -> str:
    """Dutch Markdown to show above a ranking: with a closed gate the ranking is an exploration, not a start.

    When the quickscan gate is closed no text may call the randvoorwaarden "op orde" (training notebook 06).
    The threshold of the gate is a choice of wijklib.
    """
    if getattr(profile, "poort_open", None) is False:
        return ("**Let op: de poort van de quickscan is dicht.** Er zijn randvoorwaarden die eerst aandacht vragen. "
                "De ranglijst hieronder is daarom een **verkenning**, geen startsein: een hoge score betekent niet "
                "dat de randvoorwaarden op orde zijn. Volgens de Handreiking (004, stap 4, beslismoment) breng je "
                "eerst de randvoorwaarden op orde. (De drempel van de poort is een keuze van wijklib.)")
    return ("De poort van de quickscan is open: de randvoorwaarden halen de drempel (een keuze van wijklib). "
            "De ranglijst is een voorstel met uitleg, geen advies.")
