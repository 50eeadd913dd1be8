using Vigie.Web.Features.Survey;
using static Vigie.Web.Features.Survey.SurveyWeighting;

namespace Vigie.Tests.Survey;

/// <summary>
/// The survey statistics against values computed independently of Vigie: by hand (the calculation is in the comment)
/// or by the plain-Python reference next to this file (<c>rake_reference.py</c>) and one-line Python given in the comment.
/// </summary>
public sealed class SurveyWeightingTests
{
    private const double Eps = 1e-6;

    [Fact]
    public void Wilson_HalfOnHundred_MatchesTheHandCalculation()
    {
        // By hand, z = 1,96, p = 0,5, n = 100: denominator 1 + 3,8416/100 = 1,038416; centre (0,5 + 3,8416/200)/1,038416 = 0,5;
        // half-width 1,96 × √(0,25/100 + 3,8416/40 000)/1,038416 = 1,96 × 0,0509514/1,038416 = 0,0961702 → [0,4038298 ; 0,5961702].
        var (low, high) = Wilson(0.5, 100);
        Assert.Equal(0.40382982859014716, low, Eps);
        Assert.Equal(0.5961701714098528, high, Eps);
    }

    [Fact]
    public void Wilson_23PercentOn400_MatchesPython()
    {
        // Python: d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z*math.sqrt(p*(1-p)/n+z*z/(4*n*n))/d with z=1.96, p=0.23, n=400 → (0.19144317, 0.27369365):
        // displayed "23 % [19–27]" as in specs §2.6.
        var (low, high) = Wilson(0.23, 400);
        Assert.Equal(0.1914431725936634, low, Eps);
        Assert.Equal(0.2736936533301642, high, Eps);
        Assert.Equal("23 % [19–27]", SurveyLabels.WithInterval(new SurveyEstimate(0.23, low, high, 400, 400, SurveyFigureStatus.Ok)));
    }

    [Fact]
    public void Kish_MatchesTheHandCalculation()
    {
        // Weights 1, 1, 2, 4: Σw = 8, Σw² = 22 → n_eff = 64/22 = 2,909091 ; deff = 4 × 22/64 = 1,375.
        var (nEff, deff) = Kish([1, 1, 2, 4]);
        Assert.Equal(64.0 / 22, nEff, Eps);
        Assert.Equal(1.375, deff, Eps);
        // Equal weights: no loss (n_eff = n, deff = 1).
        Assert.Equal((5.0, 1.0), Kish([2, 2, 2, 2, 2]));
    }

    [Fact]
    public void Proportion_WeightedShareAndWilsonOnNeff_MatchPython()
    {
        // Python: w=[1,1,2,4,0.5,1.5]; y=[1,0,1,0,1,0]; p = Σwy/Σw = 3.5/10 = 0.35; n_eff = 100/24.5 = 4.0816327;
        // Wilson(0.35, 4.0816327) = (0.08273772, 0.76271806). With 6 respondents the figure is suppressed (n < 30).
        double[] w = [1, 1, 2, 4, 0.5, 1.5];
        bool[] y = [true, false, true, false, true, false];
        var (low, high) = Wilson(0.35, 100 / 24.5);
        Assert.Equal(0.08273772341888913, low, Eps);
        Assert.Equal(0.7627180583894018, high, Eps);
        var small = Proportion([.. w.Zip(y)]);
        Assert.Null(small.Share);
        Assert.Equal(SurveyFigureStatus.Masque, small.Status);
        Assert.Equal(100 / 24.5, small.NEff, Eps);

        // The same pattern repeated 10 times (60 answers): same p, n_eff × 10, status "prudence" (n < 100).
        var larger = Proportion([.. Enumerable.Repeat(w.Zip(y), 10).SelectMany(x => x)]);
        Assert.Equal(0.35, larger.Share!.Value, Eps);
        Assert.Equal(1000 / 24.5, larger.NEff, Eps);
        Assert.Equal(SurveyFigureStatus.Prudence, larger.Status);
    }

    [Theory]
    [InlineData(29, 29.0, SurveyFigureStatus.Masque)]   // raw n < 30
    [InlineData(40, 19.9, SurveyFigureStatus.Masque)]   // n_eff < 20
    [InlineData(30, 20.0, SurveyFigureStatus.Prudence)] // 30 ≤ n < 100
    [InlineData(99, 80.0, SurveyFigureStatus.Prudence)]
    [InlineData(100, 20.0, SurveyFigureStatus.Ok)]
    public void Classify_FollowsThePublicationRule(int n, double nEff, SurveyFigureStatus expected) => Assert.Equal(expected, Classify(n, nEff));

    [Fact]
    public void Rake_TwoByTwo_ReachesTheClosedFormSolution()
    {
        // Sample counts (F,jeune)=2, (F,âgé)=1, (H,jeune)=1, (H,âgé)=2; targets F 60, H 40, jeune 50, âgé 50.
        // Raking keeps the cross-product ratio 2×2/(1×1) = 4: with x = total of (F,jeune), x(x−10) = 4(60−x)(50−x)
        // ⇔ 3x² − 430x + 12 000 = 0 ⇔ x = (430 − √40 900)/6 = 37,960419. Cell totals 37,960419 / 22,039581 / 12,039581 / 27,960419,
        // shared equally by the units of a cell.
        int[] sex = [0, 0, 0, 1, 1, 1];
        int[] age = [0, 0, 1, 0, 1, 1];
        var r = Rake([1, 1, 1, 1, 1, 1], [new SurveyMargin("sexe", sex, [60, 40]), new SurveyMargin("âge", age, [50, 50])], 1e-12, 10_000);
        Assert.True(r.Converged);
        var x = (430 - Math.Sqrt(40900)) / 6;
        double[] expected = [x / 2, x / 2, 60 - x, 50 - x, (x - 10) / 2, (x - 10) / 2];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], r.Weights[i], Eps);
    }

    [Fact]
    public void Rake_ThreeMarginsWithAnUnconstrainedUnit_MatchesThePythonReference()
    {
        // tests/Vigie.Tests/Survey/rake_reference.py (plain Python IPF, 10 000 sweeps) prints these weights. The sixth unit
        // has sex "Autre": no sex margin applies to it, the quartier margin gives it what sex margins leave (600 − 580 = 20).
        int[] q = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        string?[] sexes = ["F", "F", "H", "H", "H", null, "F", "F", "F", "H", "H"];
        int[] age = [0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1];
        var sexQ = Enumerable.Range(0, q.Length).Select(i => sexes[i] is null ? -1 : q[i] * 2 + (sexes[i] == "F" ? 0 : 1)).ToArray();
        var ageQ = Enumerable.Range(0, q.Length).Select(i => q[i] * 2 + age[i]).ToArray();
        var r = Rake(Enumerable.Repeat(1.0, q.Length).ToArray(),
        [
            new SurveyMargin("sexe × quartier", sexQ, [300, 280, 210, 190]),
            new SurveyMargin("âge × quartier", ageQ, [250, 350, 180, 220]),
            new SurveyMargin("quartier", q, [600, 400]),
        ], 1e-12, 10_000);
        double[] python = [142.659122, 157.340878, 87.340878, 96.329561, 96.329561, 20.0, 77.533184, 66.233408, 66.233408, 102.466816, 87.533184];
        Assert.True(r.Converged);
        for (var i = 0; i < python.Length; i++) Assert.Equal(python[i], r.Weights[i], 5);
    }

    [Fact]
    public void Trim_ClampsToAQuarterAndFourTimesTheMean()
    {
        // Weights 0,1 ; 1 ; 1 ; 1 ; 20: mean 23,1/5 = 4,62 → bounds [1,155 ; 18,48].
        var t = Trim([0.1, 1, 1, 1, 20]);
        double[] expected = [1.155, 1.155, 1.155, 1.155, 18.48];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], t[i], Eps);
    }

    [Fact]
    public void Weight_EveryCellWithTenRespondents_PostStratifies()
    {
        // Two cells, 10 and 20 respondents, populations 300 and 300: post-stratified weights 30 and 15, i.e. (mean 20) 1,5 and 0,75.
        var cells = Enumerable.Repeat(0, 10).Concat(Enumerable.Repeat(1, 20)).ToArray();
        var r = Weight(30, new SurveyMargin("cases", cells, [300, 300]), []);
        Assert.Equal("post-stratification", r.Method);
        Assert.All(r.Weights.Take(10), w => Assert.Equal(1.5, w, Eps));
        Assert.All(r.Weights.Skip(10), w => Assert.Equal(0.75, w, Eps));
    }

    [Fact]
    public void Weight_ExtremeCells_AreTrimmedAndReRaked_WithinBounds()
    {
        // One respondent stands for 1 000 people, 39 others for 39: raked weights 1 000 and 1 (mean 25,975) break the
        // [0,25 ; 4] × mean bound, and re-raking on the same cells brings them back: the bounds win, the margins are only
        // approached (Converged false). Bounds checked by hand on the result: every weight in [0,25 ; 4] × mean (mean 1).
        var cells = new[] { 0 }.Concat(Enumerable.Repeat(1, 39)).ToArray();
        var quartier = new int[40];
        var r = Weight(40, new SurveyMargin("cases", cells, [1000, 39]), [new SurveyMargin("cases", cells, [1000, 39]), new SurveyMargin("quartier", quartier, [1039])]);
        Assert.Equal("calage sur marges (raking)", r.Method); // a cell under 10 respondents: raking, not post-stratification
        Assert.True(r.TrimRounds > 0);
        Assert.False(r.Converged);
        Assert.True(r.WithinBounds);
        Assert.Equal(40, r.Weights.Sum(), Eps);
        Assert.All(r.Weights, w => Assert.InRange(w, 0.25 - 1e-9, 4 + 1e-9));
        Assert.True(r.Weights[0] > r.Weights[1], "the under-represented respondent keeps the larger weight");
    }

    [Fact]
    public void AgeBand_IsCollectionYearMinusBirthYear()
    {
        Assert.Null(SurveyQuestionnaire.AgeBand(2012, 2026));               // 14
        Assert.Equal(Vigie.Web.Domain.SurveyAgeBand.A15_29, SurveyQuestionnaire.AgeBand(2011, 2026)); // 15
        Assert.Equal(Vigie.Web.Domain.SurveyAgeBand.A30_44, SurveyQuestionnaire.AgeBand(1996, 2026)); // 30
        Assert.Equal(Vigie.Web.Domain.SurveyAgeBand.A75Plus, SurveyQuestionnaire.AgeBand(1951, 2026)); // 75
    }
}
