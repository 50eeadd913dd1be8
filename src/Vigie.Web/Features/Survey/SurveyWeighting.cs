namespace Vigie.Web.Features.Survey;

/// <summary>
/// The survey's statistics (specs §2.5–2.6, ADR 0013), as pure functions over arrays: raking (iterative proportional
/// fitting, Deville &amp; Särndal's "calage sur marges" with the raking distance), post-stratification (raking on one
/// margin of cells), weight trimming with re-raking, Kish's design effect and effective sample size, weighted
/// proportions, Wilson score intervals on n_eff, and the publication rule.
/// </summary>
public static class SurveyWeighting
{
    public const double Tolerance = 1e-6;
    public const int MaxIterations = 50;
    public const double TrimLow = 0.25, TrimHigh = 4.0;
    public const int MaxTrimRounds = 20;
    /// <summary>z of the 95 % interval as the spec writes it (specs §2.6: z = 1,96).</summary>
    public const double Z95 = 1.96;
    /// <summary>Post-stratify only when every populated cell holds at least this many respondents.</summary>
    public const int PostStratificationMinimum = 10;
    public const int SuppressBelowN = 30, SuppressBelowNeff = 20, PrudenceBelowN = 100;

    /// <summary>
    /// One margin: for each unit its category (−1 = not constrained by this margin, e.g. sex "Autre" against census
    /// sex margins) and the target total of each category. Categories with no unit or a zero target are left out.
    /// </summary>
    public sealed record SurveyMargin(string Name, int[] CategoryOf, double[] Targets);

    public sealed record SurveyRakeResult(double[] Weights, int Iterations, bool Converged, double MaxRelativeGap);

    /// <summary>
    /// Iterative proportional fitting: each margin in turn scales the weights of each category to its target, until
    /// every constrained category total is within <paramref name="tolerance"/> (relative) of its target.
    /// </summary>
    public static SurveyRakeResult Rake(double[] start, IReadOnlyList<SurveyMargin> margins, double tolerance = Tolerance, int maxIterations = MaxIterations)
    {
        var w = (double[])start.Clone();
        var gap = Gap(w, margins);
        var iterations = 0;
        while (gap > tolerance && iterations < maxIterations)
        {
            iterations++;
            foreach (var m in margins)
            {
                var sums = Totals(w, m);
                for (var i = 0; i < w.Length; i++)
                {
                    var c = m.CategoryOf[i];
                    if (c >= 0 && sums[c] > 0 && m.Targets[c] > 0) w[i] *= m.Targets[c] / sums[c];
                }
            }
            gap = Gap(w, margins);
        }
        return new SurveyRakeResult(w, iterations, gap <= tolerance, gap);
    }

    private static double[] Totals(double[] w, SurveyMargin m)
    {
        var sums = new double[m.Targets.Length];
        for (var i = 0; i < w.Length; i++)
            if (m.CategoryOf[i] >= 0) sums[m.CategoryOf[i]] += w[i];
        return sums;
    }

    /// <summary>Largest |total/target − 1| over the categories that can be fitted (units present, target &gt; 0).</summary>
    public static double Gap(double[] w, IReadOnlyList<SurveyMargin> margins)
    {
        var gap = 0.0;
        foreach (var m in margins)
        {
            var sums = Totals(w, m);
            for (var c = 0; c < sums.Length; c++)
                if (sums[c] > 0 && m.Targets[c] > 0) gap = Math.Max(gap, Math.Abs(sums[c] / m.Targets[c] - 1));
        }
        return gap;
    }

    /// <summary>Clamps weights to [low, high] × their mean (the mean before clamping).</summary>
    public static double[] Trim(double[] w, double low = TrimLow, double high = TrimHigh)
    {
        var mean = w.Average();
        return [.. w.Select(x => Math.Clamp(x, low * mean, high * mean))];
    }

    public sealed record SurveyWeightingResult(double[] Weights, string Method, int Iterations, bool Converged, int TrimRounds, bool WithinBounds);

    /// <summary>
    /// Specs §2.5: start at 1; post-stratify on the cells when every populated cell has ≥ 10 respondents and every unit
    /// has a cell, else rake on the margins; then trim to [0.25, 4] × mean and re-rake, until the weights stay in
    /// bounds (at most <see cref="MaxTrimRounds"/> rounds; if they still break them, they are trimmed to the bounds and
    /// the margins are only approached). Weights are finally scaled to a mean of 1.
    /// </summary>
    public static SurveyWeightingResult Weight(int n, SurveyMargin cells, IReadOnlyList<SurveyMargin> rakingMargins)
    {
        if (n == 0) return new([], "aucune", 0, true, 0, true);
        var counts = new int[cells.Targets.Length];
        var allInCells = true;
        foreach (var c in cells.CategoryOf)
            if (c >= 0) counts[c]++; else allInCells = false;
        var postStratify = allInCells && Enumerable.Range(0, counts.Length).All(c => cells.Targets[c] <= 0 || counts[c] >= PostStratificationMinimum);
        IReadOnlyList<SurveyMargin> margins = postStratify ? [cells] : rakingMargins;
        var raked = Rake(Enumerable.Repeat(1.0, n).ToArray(), margins);
        var w = raked.Weights;
        var iterations = raked.Iterations;
        var converged = raked.Converged;
        var rounds = 0;
        while (!InBounds(w) && rounds < MaxTrimRounds)
        {
            rounds++;
            var r = Rake(Trim(w), margins);
            w = r.Weights;
            iterations += r.Iterations;
            converged = r.Converged;
        }
        if (!InBounds(w))
        {
            // Margins and bounds cannot both hold (a cell far too small for its population): the bounds win, the
            // margins are then only approached (Converged = false, shown on the results page).
            for (var i = 0; i < 1000 && !InBounds(w); i++) w = Trim(w);
            converged = false;
        }
        var inBounds = InBounds(w);
        var mean = w.Average();
        return new([.. w.Select(x => x / mean)], postStratify ? "post-stratification" : "calage sur marges (raking)", iterations, converged, rounds, inBounds);
    }

    /// <summary>True when every weight lies in [low, high] × mean (with a relative slack of 1e-9).</summary>
    public static bool InBounds(double[] w, double low = TrimLow, double high = TrimHigh)
    {
        var mean = w.Average();
        return w.All(x => x >= low * mean * (1 - 1e-9) && x <= high * mean * (1 + 1e-9));
    }

    /// <summary>Kish: n_eff = (Σw)² / Σw², deff = n·Σw² / (Σw)².</summary>
    public static (double NEff, double Deff) Kish(IReadOnlyList<double> w)
    {
        double s = 0, s2 = 0;
        foreach (var x in w) { s += x; s2 += x * x; }
        if (s2 == 0) return (0, double.NaN);
        return (s * s / s2, w.Count * s2 / (s * s));
    }

    /// <summary>Wilson score interval at z for a proportion p observed on n (here n_eff).</summary>
    public static (double Low, double High) Wilson(double p, double n, double z = Z95)
    {
        if (n <= 0) return (double.NaN, double.NaN);
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public enum SurveyFigureStatus { Ok, Prudence, Masque }

    /// <summary>Specs §2.6: raw n &lt; 30 or n_eff &lt; 20 → suppressed; n &lt; 100 → "à interpréter avec prudence".</summary>
    public static SurveyFigureStatus Classify(int n, double nEff) =>
        n < SuppressBelowN || nEff < SuppressBelowNeff ? SurveyFigureStatus.Masque : n < PrudenceBelowN ? SurveyFigureStatus.Prudence : SurveyFigureStatus.Ok;

    public sealed record SurveyEstimate(double? Share, double? Low, double? High, int N, double NEff, SurveyFigureStatus Status);

    /// <summary>Weighted proportion of successes among the given (weight, success) pairs, with its Wilson interval on n_eff.</summary>
    public static SurveyEstimate Proportion(IReadOnlyList<(double Weight, bool Success)> answers)
    {
        double s = 0, s2 = 0, yes = 0;
        foreach (var (w, ok) in answers) { s += w; s2 += w * w; if (ok) yes += w; }
        return FromSums(answers.Count, s, s2, yes);
    }

    /// <summary>The same from running sums: n answers, Σw, Σw², Σw over successes.</summary>
    public static SurveyEstimate FromSums(int n, double sumW, double sumW2, double sumYes)
    {
        var nEff = sumW2 == 0 ? 0 : sumW * sumW / sumW2;
        var status = Classify(n, nEff);
        if (status == SurveyFigureStatus.Masque || sumW == 0) return new(null, null, null, n, nEff, SurveyFigureStatus.Masque);
        var p = sumYes / sumW;
        var (low, high) = Wilson(p, nEff);
        return new(p, low, high, n, nEff, status);
    }
}
