"""Demo part ``data/demo/tracker/``: FICTIONAL process-tracker files.

Made by ``python scripts/make_demo_data.py`` (all parts) or ``--deel tracker``. Deterministic. Two areas of the fictional gemeente Lindewaard (GM9901):

* ``WK990102.yaml`` Zuiderveld, half-way: Praktijkhandboek phase 1 done with a *go* (April 2024), phase 2
  (opstarten) partly done; Handreiking steps 1-4 done, a first beslismoment *eerst randvoorwaarden op orde* (too
  little capacity) and, after the quickscan of the preconditions of May 2024 (``data/demo/quickscan``), a second
  *eerst randvoorwaarden op orde*: capacity is now funded, but the quickscan puts bestuurskracht, een langdurige
  aanpak and cultuuromslag first. So the demo tracker agrees with the demo quickscan (gate closed); steps 5-12 of
  the Handreiking wait for a new decision.
* ``WK990103.yaml`` Noorderhout, at the start: the first steps of orientation only, no decision yet.

The files are written through :class:`wijklib.readiness.ProcessTracker`, so they always pass its gate checks.
"""

from __future__ import annotations

from pathlib import Path

from wijklib.readiness import ProcessTracker


def zuiderveld() -> ProcessTracker:
    tr = ProcessTracker.new("WK990102", "Zuiderveld (fictief)", "GM9901")
    ph = lambda nr: tr.step_id("praktijkhandboek", nr)  # noqa: E731
    # Praktijkhandboek, phase 1
    tr.set_step(ph("4.1"), status="klaar", gestart="2024-01-08", afgerond="2024-02-02",
                notities="Urgentiesessie met partners en bewonersplatform; urgentie vooral rond jongeren en armoede.")
    for q, a in [("ph.cl.4_1.v1", "ja"), ("ph.cl.4_1.v2", "ja"), ("ph.cl.4_1.v3", "deels"), ("ph.cl.4_1.v4", "ja")]:
        tr.answer(q, a)
    tr.set_step(ph("4.2"), status="klaar", gestart="2024-01-15", afgerond="2024-03-01",
                notities="Tellen: urgentie-index per buurt (notebook 01). Vertellen: enquête en schouw.")
    for q in ("ph.cl.4_2.v1", "ph.cl.4_2.v2", "ph.cl.4_2.v3", "ph.cl.4_2.v4"):
        tr.answer(q, "ja")
    tr.set_step(ph("4.3"), status="klaar", gestart="2024-02-01", afgerond="2024-03-08")
    for q in ("ph.cl.4_3.v1", "ph.cl.4_3.v2", "ph.cl.4_3.v3"):
        tr.answer(q, "ja")
    tr.set_step(ph("4.4"), status="klaar", gestart="2024-02-05", afgerond="2024-03-15",
                notities="Drie wijkgesprekken; systeem- en leefwereld verschillen vooral over veiligheid.")
    tr.answer("ph.cl.4_4.v1", "ja")
    tr.answer("ph.cl.4_4.v2", "deels", notitie="Jongeren nog weinig gesproken.")
    tr.answer("ph.cl.4_4.v3", "ja")
    tr.answer("ph.cl.4_4.v4", "deels")
    tr.set_step(ph("4.5"), status="klaar", gestart="2024-02-12", afgerond="2024-03-22",
                notities="Stakeholderkaart gemaakt (notebook 02).")
    for q in ("ph.cl.4_5.v1", "ph.cl.4_5.v2", "ph.cl.4_5.v3", "ph.cl.4_5.v4"):
        tr.answer(q, "ja")
    tr.answer("ph.cl.4_6.v1", "ja", notitie="Herkend door gemeente, politie, corporatie en bewonersplatform.")
    tr.answer("ph.cl.4_6.v2", "ja", notitie="Stapeling op vijf domeinen; regulier beleid volstaat niet.")
    tr.answer("ph.cl.4_6.v3", "ja")
    tr.decide("praktijkhandboek", "go", datum="2024-04-04", besloten_door="stuurgroep wijkaanpak",
              redenen=["Urgentie wordt breed herkend en erkend, ook door bewoners.",
                       "De opgaven stapelen zich op meerdere domeinen; wijkgericht werken alleen is onvoldoende.",
                       "Alle kernpartners passen de opgave bij hun kerntaken."])
    tr.set_step(ph("4.6"), status="klaar", gestart="2024-03-25", afgerond="2024-04-04")
    # the ten success factors of the Praktijkhandboek, discussed at the go
    for nr, answer, note in ((1, "ja", "Gedeelde feitenbasis uit tellen en vertellen."), (2, "deels", "Onderwijs nog niet "
                             "aan boord."), (3, "nee", "Nog geen gedeelde visie."), (5, "deels", "Budget voor drie jaar."),
                             (6, "ja", "Bewonersplatform denkt mee."), (7, "nee", "Bestuurlijk boegbeeld ontbreekt.")):
        tr.rate_success_factor(nr, answer, notitie=note)
    # resident involvement per step (variant A-E): who decided what
    tr.assess_involvement(ph("4.1"), "B", besloten_door="gemeente met partners", datum="2024-02-02",
                          wat="Urgentie vastgesteld; het bewonersplatform is geraadpleegd.")
    tr.assess_involvement(ph("4.6"), "B", besloten_door="stuurgroep wijkaanpak", datum="2024-04-04",
                          wat="Go voor een integrale wijkaanpak; bewoners gaven advies via het platform.")
    tr.assess_involvement(ph("5.1"), "D", besloten_door="alliantie (met bewonersplatform)", datum="2024-05-24",
                          wat="Samenstelling van de alliantie; het bewonersplatform kreeg een plek, niet in het bestuur.")
    # phase 2 partly
    tr.set_step(ph("5.1"), status="klaar", gestart="2024-04-08", afgerond="2024-05-24",
                notities="Alliantie van gemeente, politie, corporatie, welzijn en bewonersplatform.")
    for k in range(1, 8):
        tr.answer(f"ph.cl.5_1.v{k}", "ja")
    tr.answer("ph.cl.5_1.v2", "deels", notitie="Onderwijs doet nog niet mee.")
    tr.set_step(ph("5.2"), status="bezig", gestart="2024-05-27",
                notities="Quickscan randvoorwaarden van 14 mei (notebook 04): gezamenlijke visie, langdurige aanpak, "
                         "bestuurskracht, cultuuromslag en reflectie vragen eerst aandacht. Visiesessie gepland.")
    tr.set_step(ph("5.4"), status="bezig", gestart="2024-06-03")
    # Handreiking
    hr = lambda nr: tr.step_id("handreiking", nr)  # noqa: E731
    tr.set_step(hr(1), status="klaar", gestart="2024-01-08", afgerond="2024-01-31",
                notities="Gesprek met twee voorloper-gemeenten.")
    tr.set_step(hr(2), status="klaar", gestart="2024-01-15", afgerond="2024-02-15")
    tr.set_step(hr(3), status="klaar", gestart="2024-02-01", afgerond="2024-03-15")
    for cl, n in (("03_1", 4), ("03_2", 5), ("03_3", 4)):
        for k in range(1, n + 1):
            tr.answer(f"hr.cl.{cl}.i{k:02d}", "ja")
    tr.answer("hr.cl.03_3.i04", "deels", notitie="Sociale kaart mist nog de informele groepen.")
    tr.set_step(hr(4), status="klaar", gestart="2024-03-18", afgerond="2024-04-12")
    tr.answer("hr.cl.04_0.i01", "ja", notitie="Wethouder en burgemeester steunen de aanpak.")
    tr.answer("hr.cl.04_0.i02", "nee", notitie="Geen budget voor een wijkverbinder.")
    tr.answer("hr.cl.04_0.i03", "ja")
    tr.decide("handreiking", "eerst_op_orde", datum="2024-04-15", besloten_door="kernteam",
              redenen=["Er is geen capaciteit voor een wijkverbinder; eerst middelen regelen."])
    # after the quickscan of 14 May 2024 (data/demo/quickscan): the answers follow its weak preconditions
    tr.answer("hr.cl.04_0.i01", "deels", notitie="Quickscan mei 2024: bestuurskracht 1,4 en een derde van de "
                                                  "antwoorden 'weet niet'; draagvlak in het hele college is onzeker.")
    tr.answer("hr.cl.04_0.i02", "deels", notitie="Na de voorjaarsnota: budget voor een wijkverbinder voor drie "
                                                  "jaar; meerjarige financiering ontbreekt (quickscan: langdurige "
                                                  "aanpak 1,4).")
    tr.answer("hr.cl.04_0.i03", "deels", notitie="Werkvorm: pilot. Quickscan: cultuuromslag 1,1; afdelingen werken "
                                                  "nog vooral binnen hun eigen lijn.")
    tr.decide("handreiking", "eerst_op_orde", datum="2024-06-10", besloten_door="kernteam",
              redenen=["Menskracht is geregeld: budget voor een wijkverbinder voor drie jaar.",
                       "De quickscan van mei zet bestuurskracht (1,4), een langdurige aanpak (1,4) en cultuuromslag "
                       "(1,1) op eerst aanpakken; draagvlak bij bestuurders en meerjarige middelen zijn niet rond.",
                       "Eerst: draagvlak in het college en een boegbeeld, meerjarig commitment van partners; nieuw "
                       "besluit na de zomer."])
    return tr


def noorderhout() -> ProcessTracker:
    tr = ProcessTracker.new("WK990103", "Noorderhout (fictief)", "GM9901")
    tr.set_step(tr.step_id("praktijkhandboek", "4.1"), status="bezig", gestart="2024-09-02",
                notities="Sluimerende urgentie in de Heidebuurt; eerste gesprekken met wijkprofessionals.")
    tr.answer("ph.cl.4_1.v1", "deels")
    tr.set_step(tr.step_id("handreiking", 1), status="klaar", gestart="2024-09-02", afgerond="2024-09-27")
    tr.set_step(tr.step_id("handreiking", 3), status="bezig", gestart="2024-09-30")
    return tr


def make(out: Path) -> list[Path]:
    """Write the tracker demo files into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for tr, stamp in ((zuiderveld(), "2024-09-20"), (noorderhout(), "2024-10-01")):
        path = tr.save(out / f"{tr.gebied['code']}.yaml", bijgewerkt=stamp)
        ProcessTracker.load(path)  # must validate
        paths.append(path)
    return paths
