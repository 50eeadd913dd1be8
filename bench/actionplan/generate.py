#!/usr/bin/env python3
"""Writes an action-plan CSV in Vigie's import format: 4 priorities, N actions (default 40), 10 indicators per action,
5 yearly values per indicator (2020-2024), plus one commitment, two milestones and one budget line per action."""
import sys

actions = int(sys.argv[1]) if len(sys.argv) > 1 else 40
org = sys.argv[2] if len(sys.argv) > 2 else ""
headers = ["Type", "Référence", "Parent", "Niveau", "Position", "Intitulé", "Statut", "Organisation", "Échéance", "Réalisé le",
           "Avancement", "Poids", "Financeur", "Année", "Prévu", "Accordé", "Dépensé", "Type d'indicateur", "Unité",
           "Valeur de référence", "Date de référence", "Cible", "Date cible", "Période", "Valeur", "Provenance"]
out = sys.stdout
out.write("\ufeff" + ";".join(headers) + "\r\n")


def row(**cells):
    out.write(";".join(str(cells.get(h, "")) for h in headers) + "\r\n")


for p in range(1, 5):
    row(Type="Élément", **{"Référence": f"P{p}", "Niveau": "Axe prioritaire", "Position": p, "Intitulé": f"Axe {p}", "Statut": "in-progress"})
for a in range(1, actions + 1):
    ref = f"A{a}"
    parent = f"P{(a - 1) % 4 + 1}"
    row(Type="Élément", **{"Référence": ref, "Parent": parent, "Niveau": "Fiche action", "Position": (a - 1) // 4 + 1,
                           "Intitulé": f"Action {a}", "Statut": "in-progress"})
    if org:
        row(Type="Engagement", **{"Référence": f"E{a}", "Parent": ref, "Intitulé": f"Engagement {a}", "Organisation": org,
                                  "Échéance": "30/06/2026", "Avancement": a % 100})
    row(Type="Jalon", **{"Référence": f"J{a}a", "Parent": ref, "Intitulé": "Lancement", "Échéance": "31/01/2026", "Réalisé le": "15/01/2026"})
    row(Type="Jalon", **{"Référence": f"J{a}b", "Parent": ref, "Intitulé": "Bilan", "Échéance": "31/12/2026"})
    row(Type="Budget", **{"Référence": f"B{a}", "Parent": ref, "Financeur": "FIPD", "Année": 2026, "Prévu": "10000,50", "Accordé": "8000", "Dépensé": "1200"})
    for i in range(1, 11):
        ind = f"I{a}-{i}"
        row(Type="Indicateur", **{"Référence": ind, "Parent": ref, "Intitulé": f"Indicateur {i} de l'action {a}", "Type d'indicateur": "Réalisation",
                                  "Unité": "faits", "Valeur de référence": "100", "Date de référence": "31/12/2019", "Cible": "80", "Date cible": "31/12/2026"})
        for y in range(2020, 2025):
            row(Type="Valeur", **{"Parent": ind, "Période": y, "Valeur": f"{100 - (y - 2020) * 3 + i},5", "Provenance": "Générateur de banc d'essai"})
