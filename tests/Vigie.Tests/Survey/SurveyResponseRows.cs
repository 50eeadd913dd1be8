using System.Globalization;

namespace Vigie.Tests.Survey;

/// <summary>
/// Survey responses in the import format of specs §2.7, generated deterministically. One source file shared by the
/// in-memory tests (SurveyKit) and the browser journeys (linked into Vigie.BrowserTests).
/// </summary>
public static class SurveyResponseRows
{
    public static readonly string[] Header =
    [
        "resp_id", "vague", "collecte_mode", "date_collecte", "quartier", "A1", "A2", "A4", "B1", "B2", "B3", "B4", "B5",
        "B6_1", "B6_2", "B6_3", "B6_4", "B6_5", "B6_6", "C1a", "C1b", "C1c", "C1d", "C1e", "C1f", "C1g", "C1h", "C1i", "C1j",
        "C2", "C3", "D1", "D2", "D3", "D4", "D5", "D6", "D7a", "D7b", "E1", "E2", "E3", "E4",
    ];

    /// <summary>
    /// Responses of specs §2.7, deterministic (seeded): quartier Q1 for 60 %, women over-represented among the young so that
    /// weighting has work to do; B2 "souvent/de temps en temps" about one time in four.
    /// </summary>
    public static List<string[]> Generate(int count, string wave, DateOnly fieldStart, int seed = 12, string prefix = "R")
    {
        var rng = new Random(seed);
        var rows = new List<string[]>();
        var year = fieldStart.Year;
        for (var i = 1; i <= count; i++)
        {
            var young = rng.NextDouble() < 0.4;
            var sex = young ? (rng.NextDouble() < 0.7 ? 1 : 2) : (rng.NextDouble() < 0.45 ? 1 : 2);
            var age = young ? rng.Next(15, 30) : rng.Next(30, 90);
            var victim = rng.NextDouble() < 0.2;
            int Freq(double often) => rng.NextDouble() < often ? rng.Next(1, 3) : rng.Next(3, 5);
            var b6 = new int[6];
            b6[rng.Next(0, 5)] = 1;
            var row = new List<string>
            {
                $"{prefix}{i:0000}", wave, i % 3 == 0 ? "TEL" : "FACE", fieldStart.AddDays(i % 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rng.NextDouble() < 0.6 ? "Q1" : "Q2",
                sex.ToString(CultureInfo.InvariantCulture), (year - age).ToString(CultureInfo.InvariantCulture), rng.Next(1, 6).ToString(CultureInfo.InvariantCulture),
                Freq(0.08).ToString(CultureInfo.InvariantCulture), Freq(sex == 1 ? 0.3 : 0.2).ToString(CultureInfo.InvariantCulture),
                Freq(0.3).ToString(CultureInfo.InvariantCulture), rng.NextDouble() < 0.1 ? "96" : Freq(0.2).ToString(CultureInfo.InvariantCulture),
                Freq(0.15).ToString(CultureInfo.InvariantCulture),
            };
            row.AddRange(b6.Select(x => x.ToString(CultureInfo.InvariantCulture)));
            for (var c = 0; c < 10; c++) row.Add(Freq(0.25).ToString(CultureInfo.InvariantCulture));
            row.Add(rng.Next(1, 12).ToString(CultureInfo.InvariantCulture));
            row.Add(rng.Next(1, 5).ToString(CultureInfo.InvariantCulture));
            row.Add(victim ? "1" : "2");
            for (var d = 0; d < 5; d++) row.Add(rng.NextDouble() < 0.1 ? "1" : "2");
            row.Add(victim ? "1" : "");
            row.Add(victim ? "2" : "");
            row.Add(rng.Next(1, 5).ToString(CultureInfo.InvariantCulture));
            row.Add(rng.Next(1, 5).ToString(CultureInfo.InvariantCulture));
            row.Add(rng.NextDouble() < 0.1 ? "97" : rng.Next(1, 5).ToString(CultureInfo.InvariantCulture));
            row.Add(i % 50 == 0 ? "Plus d'éclairage rue de la Gare" : "");
            rows.Add([.. row]);
        }
        return rows;
    }
}
