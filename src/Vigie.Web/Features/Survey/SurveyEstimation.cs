using static Vigie.Web.Features.Survey.SurveyWeighting;

namespace Vigie.Web.Features.Survey;

/// <summary>A respondent as the estimation sees it: weighting variables and coded answers by column.</summary>
public sealed record SurveyRespondent(string Quartier, int Sex, int BirthYear, DateOnly CollectedOn, IReadOnlyDictionary<string, int> Coded);

/// <summary>An indicator of specs §2.3: an item (column), its aggregated answer and how each code counts (null = not in the base).</summary>
public sealed record SurveyIndicator(string Item, string QuestionCode, string Question, string Aggregate, Func<IReadOnlyDictionary<string, int>, bool?> Value,
    double? Anchor = null, string? AnchorSource = null);

public sealed record SurveyZone(string Code, string Name);

public sealed record SurveyResultRow(SurveyZone Zone, SurveyIndicator Indicator, SurveyEstimate Estimate);

public sealed record SurveyQuartierWeights(string Code, string Name, int N, double MinWeight, double MaxWeight, double Deff, double NEff);

public sealed record SurveyResultSet(int Respondents, SurveyWeightingResult Weighting, IReadOnlyList<SurveyZone> Zones,
    IReadOnlyList<SurveyQuartierWeights> Quartiers, IReadOnlyList<SurveyResultRow> Rows);

/// <summary>
/// From respondents and population margins to the results table: weights (<see cref="SurveyWeighting.Weight"/>) on
/// sex × age band × quartier cells, then every indicator for the whole area, each quartier with at least 100
/// respondents, and "Autres quartiers" grouping the smaller ones (specs §2.4).
/// </summary>
public static class SurveyEstimation
{
    public const string AllZone = "ensemble", OtherZone = "autres";
    public const int OwnZoneMinimum = 100;
    private static readonly int Sexes = 2, Bands = Enum.GetValues<SurveyAgeBand>().Length;

    public const string CvsSource = "CVS 2007–2016, 14 ans ou plus", VrsSource = "VRS 2022, 18 ans ou plus";

    /// <summary>National anchors of specs §2.1, by item and aggregated answer.</summary>
    private static readonly Dictionary<(string, string), (double, string)> Anchors = new()
    {
        [("B1", Often)] = (0.08, CvsSource),
        [("B2", Often)] = (0.11, CvsSource),
        [("B5", Often)] = (0.17, "CVS 2007–2017, 14 ans ou plus"),
        [("E1", "Très + Plutôt efficace")] = (0.48, "CVS « plutôt efficace »"),
        [("E2", "Suffisante")] = (0.47, "CVS"),
        [("B6_1", "Cambriolage")] = (0.49, VrsSource),
        [("B6_2", "Agression physique")] = (0.40, VrsSource),
        [("B6_3", "Vol ou racket")] = (0.38, VrsSource),
        [("B6_4", "Injures ou menaces")] = (0.35, VrsSource),
        [("B6_5", "Agression ou harcèlement sexuel")] = (0.21, VrsSource),
    };

    public const string Often = "Souvent + De temps en temps";

    /// <summary>The default indicators, derived from the questions' types so an edited questionnaire keeps working.</summary>
    public static IReadOnlyList<SurveyIndicator> Indicators(SurveyQuestionnaire qn)
    {
        var list = new List<SurveyIndicator>();
        void Add(string item, SurveyQuestion q, string aggregate, Func<IReadOnlyDictionary<string, int>, bool?> value)
        {
            var anchor = Anchors.TryGetValue((item, aggregate), out var a) ? a : ((double, string)?)null;
            list.Add(new SurveyIndicator(item, q.Code, q.Text, aggregate, value, anchor?.Item1, anchor?.Item2));
        }
        static Func<IReadOnlyDictionary<string, int>, bool?> Share(string column, int[] valid, int[] success) =>
            d => d.TryGetValue(column, out var v) && valid.Contains(v) ? success.Contains(v) : null;

        foreach (var q in qn.Questions)
        {
            var columns = qn.Columns.Where(c => c.Question == q).ToList();
            switch (q.Type)
            {
                case SurveyQuestionType.Frequency4:
                    Add(q.Code, q, Often, Share(q.Code, [1, 2, 3, 4], [1, 2]));
                    break;
                case SurveyQuestionType.Efficacy4:
                    var label = q.Options?.Contains("satisfaisant", StringComparison.Ordinal) == true ? "Très + Plutôt satisfaisante" : "Très + Plutôt efficace";
                    Add(q.Code, q, label, Share(q.Code, [1, 2, 3, 4], [1, 2]));
                    break;
                case SurveyQuestionType.YesNo:
                    Add(q.Code, q, "Oui", Share(q.Code, [1, 2], [1]));
                    break;
                case SurveyQuestionType.Grid:
                    foreach (var c in columns)
                    {
                        var valid = c.Options.Select(o => o.Code).Where(x => x < 96).ToArray();
                        if (q.Options == SurveyTemplate.Frequency || valid.SequenceEqual([1, 2, 3, 4]) && q.Options is not null)
                            Add(c.Code, q, $"{c.Label} : {Often.ToLowerInvariant()}", Share(c.Code, valid, [1, 2]));
                        else
                            foreach (var o in c.Options) Add(c.Code, q, $"{c.Label} — {o.Label}", Share(c.Code, valid, [o.Code]));
                    }
                    break;
                case SurveyQuestionType.MultipleChoice:
                    foreach (var c in columns)
                    {
                        var mine = columns.Select(x => x.Code).ToArray();
                        var code = c.Code;
                        Add(c.Code, q, c.Label, d => mine.Any(d.ContainsKey) ? d.TryGetValue(code, out var v) && v == 1 : null);
                    }
                    break;
                case SurveyQuestionType.SingleChoice when q.Code != SurveyQuestionnaire.SexCode:
                    var options = SurveyQuestionnaire.ParseOptions(q.Options);
                    var codes = options.Select(o => o.Code).Where(x => x < 96).ToArray();
                    foreach (var o in options.Where(o => o.Code < 96)) Add(q.Code, q, o.Label, Share(q.Code, codes, [o.Code]));
                    if (q.Code == "E2") Add(q.Code, q, "Insuffisante + Inexistante alors que nécessaire", Share(q.Code, codes, [2, 3]));
                    if (q.Code == "C3") Add(q.Code, q, "Très + Plutôt agréable", Share(q.Code, codes, [1, 2]));
                    break;
            }
        }
        return list;
    }

    public static SurveyResultSet Compute(SurveyQuestionnaire qn, IReadOnlyList<SurveyStratum> strata, IReadOnlyList<SurveyRespondent> respondents)
    {
        var quartiers = strata.GroupBy(s => s.Quartier).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SurveyZone(g.Key, g.First().QuartierName)).ToList();
        var qIndex = quartiers.Select((z, i) => (z.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var nq = quartiers.Count;
        var cellTargets = new double[nq * Sexes * Bands];
        foreach (var s in strata) cellTargets[Cell(qIndex[s.Quartier], (int)s.Sex, (int)s.AgeBand)] += s.Population;
        var sexTargets = new double[nq * Sexes];
        var ageTargets = new double[nq * Bands];
        var qTargets = new double[nq];
        foreach (var s in strata)
        {
            var q = qIndex[s.Quartier];
            sexTargets[q * Sexes + (int)s.Sex - 1] += s.Population;
            ageTargets[q * Bands + (int)s.AgeBand] += s.Population;
            qTargets[q] += s.Population;
        }

        // Respondents outside the referential (a quartier removed after the import) are left out of the results.
        var kept = respondents.Where(r => qIndex.ContainsKey(r.Quartier) && SurveyQuestionnaire.AgeBand(r.BirthYear, r.CollectedOn.Year) is not null).ToList();
        var n = kept.Count;
        int[] cellOf = new int[n], sexOf = new int[n], ageOf = new int[n], quartierOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = kept[i];
            var q = qIndex[r.Quartier];
            var band = (int)SurveyQuestionnaire.AgeBand(r.BirthYear, r.CollectedOn.Year)!.Value;
            var knownSex = r.Sex is 1 or 2;
            cellOf[i] = knownSex ? Cell(q, r.Sex, band) : -1;
            sexOf[i] = knownSex ? q * Sexes + r.Sex - 1 : -1;
            ageOf[i] = q * Bands + band;
            quartierOf[i] = q;
        }
        var weighting = Weight(n, new SurveyMargin("sexe × âge × quartier", cellOf, cellTargets),
        [
            new SurveyMargin("sexe × quartier", sexOf, sexTargets),
            new SurveyMargin("âge × quartier", ageOf, ageTargets),
            new SurveyMargin("quartier", quartierOf, qTargets),
        ]);
        var w = weighting.Weights;

        var perQuartier = quartiers.Select((z, q) =>
        {
            var ws = Enumerable.Range(0, n).Where(i => quartierOf[i] == q).Select(i => w[i]).ToList();
            var (nEff, deff) = Kish(ws);
            return new SurveyQuartierWeights(z.Code, z.Name, ws.Count, ws.Count == 0 ? 0 : ws.Min(), ws.Count == 0 ? 0 : ws.Max(), deff, nEff);
        }).ToList();

        // Zones: the whole area, quartiers with enough respondents on their own, the others grouped.
        var zones = new List<SurveyZone> { new(AllZone, "Ensemble du territoire") };
        var zoneOfQuartier = new int[nq];
        var small = perQuartier.Where(p => p.N < OwnZoneMinimum).ToList();
        for (var q = 0; q < nq; q++)
        {
            if (perQuartier[q].N >= OwnZoneMinimum) { zoneOfQuartier[q] = zones.Count; zones.Add(quartiers[q]); }
        }
        if (small.Count > 0)
        {
            var other = zones.Count;
            zones.Add(new SurveyZone(OtherZone, "Autres quartiers (moins de 100 répondants chacun)"));
            for (var q = 0; q < nq; q++) if (perQuartier[q].N < OwnZoneMinimum) zoneOfQuartier[q] = other;
        }

        var indicators = Indicators(qn);
        var rows = new List<SurveyResultRow>(indicators.Count * zones.Count);
        var nz = zones.Count;
        foreach (var ind in indicators)
        {
            var count = new int[nz];
            double[] s = new double[nz], s2 = new double[nz], yes = new double[nz];
            for (var i = 0; i < n; i++)
            {
                if (ind.Value(kept[i].Coded) is not { } ok) continue;
                foreach (var z in (ReadOnlySpan<int>)[0, zoneOfQuartier[quartierOf[i]]])
                {
                    count[z]++; s[z] += w[i]; s2[z] += w[i] * w[i];
                    if (ok) yes[z] += w[i];
                }
            }
            for (var z = 0; z < nz; z++) rows.Add(new SurveyResultRow(zones[z], ind, FromSums(count[z], s[z], s2[z], yes[z])));
        }
        return new SurveyResultSet(n, weighting, zones, perQuartier, rows);
    }

    private static int Cell(int quartier, int sex, int band) => (quartier * Sexes + sex - 1) * Bands + band;
}
