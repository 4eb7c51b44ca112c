"""Answer tables shared by the training tests (the correct 4.1 actor table and 4.2 relations)."""

ACTORS_RIGHT = """
code; naam; wereld; persoon
JW; Jongerenwerk Zuiderveld; beide; nee
WA; wijkagent; systeem; ja
JR; Jongeren bij het Reigersbos; leef; nee
SP; sleutelpersoon moedergroep; leef; ja
MG; Moedergroep Zuiderveld; leef; nee
BS; Basisschool De Merel; systeem; nee
BV; Buurtvaders Zuiderveld; leef; nee
GG; Geloofsgemeenschap De Bron; leef; nee
WT; Sociaal wijkteam Zuiderveld; systeem; nee
WC; Woningcorporatie Lindewoon; systeem; nee
WV; wijkverbinder; systeem; ja
"""
RELATIONS_RIGHT = """
bron; doel; soort
JW; WA; samenwerking
JW; JR; vertrouwen
SP; JW; informatie
SP; MG; samenwerking
MG; BS; samenwerking
BV; JW; samenwerking
BV; GG; vertrouwen
JW; WT; informatie
WT; WC; samenwerking
WC; WV; samenwerking
WV; WA; informatie
"""
