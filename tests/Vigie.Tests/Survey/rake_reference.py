# Independent reference for SurveyWeightingTests.Rake_ThreeMarginsWithAnUnconstrainedUnit: plain-Python iterative
# proportional fitting written from Deville & Särndal's raking description (no code shared with Vigie).
# Run: python3 tests/Vigie.Tests/Survey/rake_reference.py
units = [  # (quartier, sex or None, age band)
    (0, 'F', 0), (0, 'F', 1), (0, 'H', 0), (0, 'H', 1), (0, 'H', 1), (0, None, 0),
    (1, 'F', 0), (1, 'F', 1), (1, 'F', 1), (1, 'H', 0), (1, 'H', 1),
]
sex_q = {(0, 'F'): 300, (0, 'H'): 280, (1, 'F'): 210, (1, 'H'): 190}
age_q = {(0, 0): 250, (0, 1): 350, (1, 0): 180, (1, 1): 220}
q_tot = {0: 600, 1: 400}
margins = [
    (lambda u: (u[0], u[1]) if u[1] else None, sex_q),
    (lambda u: (u[0], u[2]), age_q),
    (lambda u: u[0], q_tot),
]
w = [1.0] * len(units)
for _ in range(10000):
    for key, targets in margins:
        sums = {}
        for u, x in zip(units, w):
            k = key(u)
            if k is not None:
                sums[k] = sums.get(k, 0) + x
        w = [x * targets[key(u)] / sums[key(u)] if key(u) is not None else x for u, x in zip(units, w)]
print([round(x, 6) for x in w])
