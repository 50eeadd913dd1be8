#!/usr/bin/env python3
"""Writes a national-scale SSMSI communal base in the real schema (June 2025 edition, `;`, decimal comma, NA
markers) for the observatory import benchmark. Deterministic (fixed seed): the same options give the same bytes.

Every real COM/ARM code of the INSEE COG (≈35,000) x the 15 indicators of the communal base x 10 years (2015-2024)
= ≈5.2 million rows. Populations are the real légales (PMUN) when known. Cells are withheld (`ndiff`, NA count and
rate, complement_info_* estimates filled) the way SSMSI does it in effect: small counts in small communes — which
gives about half the cells withheld, like the real file.

  generate.py OUT_DIR [--communes N] [--rows N] [--seed S]
prints the path of the written file (name contains produit-le2025-06-04 so the importer finds the edition).
"""
import argparse, csv, math, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "insee"))
if not os.path.isdir(DATA):
    DATA = "/work/shared/data/insee"

# (label as published in the 2025-06 communal base, counting unit, national rate per 1000, per dwellings?)
INDICATORS = [
    ("Violences physiques intrafamiliales", "Victime", 3.5, False),
    ("Violences physiques hors cadre familial", "Victime", 2.5, False),
    ("Violences sexuelles", "Victime", 1.4, False),
    ("Vols avec armes", "Infraction", 0.1, False),
    ("Vols violents sans arme", "Infraction", 0.5, False),
    ("Vols sans violence contre des personnes", "Victime entendue", 9.0, False),
    ("Cambriolages de logement", "Infraction", 6.0, True),
    ("Vols de véhicule", "Véhicule", 2.0, False),
    ("Vols dans les véhicules", "Véhicule", 3.5, False),
    ("Vols d'accessoires sur véhicules", "Véhicule", 1.0, False),
    ("Destructions et dégradations volontaires", "Infraction", 8.5, False),
    ("Escroqueries et fraudes aux moyens de paiement", "Victime", 6.5, False),
    ("Trafic de stupéfiants", "Mis en cause", 0.7, False),
    ("Usage de stupéfiants", "Mis en cause", 3.5, False),
    ("Usage de stupéfiants (AFD)", "Mis en cause", 2.0, False),
]
YEARS = list(range(2015, 2025))
HEADER = ("CODGEO_2025;annee;indicateur;unite_de_compte;nombre;taux_pour_mille;est_diffuse;insee_pop;"
          "insee_pop_millesime;insee_log;insee_log_millesime;complement_info_nombre;complement_info_taux")


def comma(x, digits):
    return f"{x:.{digits}f}".replace(".", ",")


def poisson(rng, lam):
    if lam < 30:
        l, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= l:
                return k
            k += 1
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--communes", type=int, default=0, help="only the first N communes (quick run)")
    ap.add_argument("--rows", type=int, default=0, help="stop after N data rows (quick run)")
    ap.add_argument("--seed", type=int, default=20250604)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    pop = {}
    with open(os.path.join(DATA, "donnees_communes.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            pop[r["COM"]] = int(r["PMUN"])
    codes = []
    with open(os.path.join(DATA, "communes.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["TYPECOM"] in ("COM", "ARM"):
                codes.append(r["COM"])
    if a.communes:
        codes = codes[: a.communes]

    os.makedirs(a.out_dir, exist_ok=True)
    path = os.path.join(a.out_dir, "donnee-data.gouv-2024-geographie2025-produit-le2025-06-04-bench.csv")
    rows = withheld = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER + "\n")
        buf = []
        for code in codes:
            p0 = pop.get(code) or max(50, int(rng.lognormvariate(6.2, 1.2)))
            dwell_ratio = rng.uniform(0.42, 0.62)
            crime = rng.lognormvariate(0, 0.5) * (1 + math.log10(max(p0, 10)) / 4)  # towns record more per head
            for year in YEARS:
                p = max(1, int(p0 * (1 + (year - 2022) * rng.uniform(-0.004, 0.008))))
                pop_year = min(year, 2022)
                d = p * dwell_ratio
                log_year = min(year, 2021)
                for label, unit, base, per_dwelling in INDICATORS:
                    denom = d if per_dwelling else p
                    n = poisson(rng, base * crime * denom / 1000)
                    # Secret statistique: small counts in small places (≈ half of all cells, as in the real base).
                    secret = n < 3 and p < 1500
                    if secret:
                        withheld += 1
                        est = max(0.0, rng.gauss(base * denom / 1000, 0.5))
                        line = (f"{code};{year};{label};{unit};NA;NA;ndiff;{p};{pop_year};{comma(d, 4)};{log_year};"
                                f"{comma(est, 7)};{comma(est / denom * 1000, 7)}")
                    else:
                        line = (f"{code};{year};{label};{unit};{n};{comma(n / denom * 1000, 7)};diff;{p};{pop_year};"
                                f"{comma(d, 4)};{log_year};NA;NA")
                    buf.append(line)
                    rows += 1
                    if a.rows and rows >= a.rows:
                        break
                if a.rows and rows >= a.rows:
                    break
            if len(buf) >= 20000:
                out.write("\n".join(buf) + "\n")
                buf.clear()
            if a.rows and rows >= a.rows:
                break
        if buf:
            out.write("\n".join(buf) + "\n")
    print(f"{rows} rows, {len(codes)} communes, {withheld / max(rows, 1):.1%} withheld", file=sys.stderr)
    print(path)


if __name__ == "__main__":
    main()
