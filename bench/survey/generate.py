#!/usr/bin/env python3
"""Seeds a survey wave for the benchmark: SQL for PostgreSQL on stdout.
Usage: generate.py <contract-id> <survey-id> <wave-id> [responses=10000] [quartiers=10]
10 quartiers x 2 sexes x 5 age bands of census population (margins), and N complete responses to the default
questionnaire (A1-E3, B6 and C1 rows), coded as Vigie stores them (JSON by column), deterministic (seed 2026)."""
import json, random, sys, uuid, datetime

contract, survey, wave = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
nq = int(sys.argv[5]) if len(sys.argv) > 5 else 10
rng = random.Random(2026)
today = datetime.date.today()
start, end = today - datetime.timedelta(days=60), today - datetime.timedelta(days=1)
bands = ["A15_29", "A30_44", "A45_59", "A60_74", "A75Plus"]
print("BEGIN;")
print(f"""INSERT INTO "SurveyWaves" ("Id","ContractId","SurveyId","Number","Code","Title","FieldStart","FieldEnd","Status","PlannedSize","CensusVintage","OnlineCode","PublishedAt","CreatedAt","UpdatedAt")
VALUES ('{wave}','{contract}','{survey}',1,'{today.year}-T0','Banc d''essai','{start}','{end}','Closed',{n},'RP fictif',NULL,NULL,now(),now());""")
rows = []
for q in range(nq):
    for sex in ["Femme", "Homme"]:
        for b, base in zip(bands, [1800, 1700, 1600, 1200, 600]):
            pop = int(base * (0.6 + 0.08 * q) * (1.05 if sex == "Femme" else 1))
            rows.append(f"('{uuid.uuid4()}','{wave}','{contract}','Q{q:02d}','Quartier {q:02d}','{sex}','{b}',{pop})")
print('INSERT INTO "SurveyStrata" ("Id","WaveId","ContractId","Quartier","QuartierName","Sex","AgeBand","Population") VALUES\n' + ",\n".join(rows) + ";")

def freq(p):
    return rng.randint(1, 2) if rng.random() < p else rng.randint(3, 4)

batch = []
for i in range(1, n + 1):
    young = rng.random() < 0.4
    sex = (1 if rng.random() < 0.7 else 2) if young else (1 if rng.random() < 0.45 else 2)
    age = rng.randint(15, 29) if young else rng.randint(30, 89)
    q = min(nq - 1, int(rng.random() ** 1.3 * nq))
    a = {"A4": rng.randint(1, 5)}
    for c in ["B1", "B2", "B3", "B4", "B5"]:
        a[c] = freq(0.1 + 0.03 * q) if c != "B4" or rng.random() > 0.1 else 96
    b6 = [0] * 6
    b6[rng.randint(0, 4)] = 1
    for k in range(6):
        a[f"B6_{k + 1}"] = b6[k]
    for r in "abcdefghij":
        a[f"C1{r}"] = freq(0.25)
    a["C2"] = rng.randint(1, 11)
    a["C3"] = rng.randint(1, 4)
    victim = rng.random() < 0.2
    a["D1"] = 1 if victim else 2
    for d in ["D2", "D3", "D4", "D5", "D6"]:
        a[d] = 1 if rng.random() < 0.1 else 2
    if victim:
        a["D7a"], a["D7b"] = rng.randint(1, 3), rng.randint(1, 3)
    a["E1"], a["E2"], a["E3"] = rng.randint(1, 4), rng.randint(1, 4), rng.randint(1, 4)
    answers = json.dumps(dict(sorted(a.items())), separators=(",", ":"))
    day = start + datetime.timedelta(days=i % 59)
    batch.append(f"('{uuid.uuid4()}','{wave}','{contract}','B{i:05d}','Face','{day}','Q{q:02d}',{sex},{day.year - age},'{answers}',NULL,false,'Import',NULL,now())")
    if len(batch) == 1000 or i == n:
        print('INSERT INTO "SurveyResponses" ("Id","WaveId","ContractId","RespId","Mode","CollectedOn","Quartier","Sex","BirthYear","Answers","FreeText","Incomplete","Source","DeviceHash","RecordedAt") VALUES\n'
              + ",\n".join(batch) + ";")
        batch = []
print("COMMIT;")
