using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Survey;

/// <summary>
/// Census margins (issue 12 item 7, specs §2.4–2.5): the contract's IRIS → quartier correspondence and the import of
/// INSEE's « base-ic-evol-struct-pop » file into a wave's plan — aggregation, vintage, idempotence, frozen closed
/// waves, French line errors with nothing saved, coordinators only, each contract its own correspondence.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SurveyCensusImportTests(VigieFactory factory)
{
    private static readonly string[] Bands = ["1529", "3044", "4559", "6074", "75P"];
    private static readonly string[] BandLabels = ["15-29", "30-44", "45-59", "60-74", "75+"];

    /// <summary>Two communes (92062, 92051) and a third one outside the contract (92004); 3 quartiers; 3 IRIS left unmapped.</summary>
    private const string Mapping = "iris;quartier;nom\n920620101;Q1;Centre\n920620102;Q1;\n920620103;Q2;Gare\n920620104;Q2;Gare\n920510101;Q3;Île\n920510102;Q3;";
    private static readonly string[] MappedIris = ["920620101", "920620102", "920620103", "920620104", "920510101", "920510102"];
    private static readonly Dictionary<string, string> QuartierOf = new()
    {
        ["920620101"] = "Q1", ["920620102"] = "Q1", ["920620103"] = "Q2", ["920620104"] = "Q2", ["920510101"] = "Q3", ["920510102"] = "Q3",
    };
    private static readonly string[] AllIris = [.. MappedIris, "920510103", "920510104", "920040101"];

    /// <summary>A weighted IRIS population as INSEE publishes it (decimals); row r, column c (0–9: H bands then F bands), vintage offset.</summary>
    private static decimal Value(int r, int c, int shift) => 100m + 37.123456m * r + 11.5m * c + 0.25m * shift + (r * c % 7) * 0.333333m;

    private static string[] HeaderOf(string yy) =>
        ["IRIS", "COM", "TYP_IRIS", "LAB_IRIS", $"P{yy}_POP", $"P{yy}_POP1529", .. from s in new[] { "H", "F" } from b in Bands select $"P{yy}_{s}{b}", $"C{yy}_POP15P"];

    /// <summary>The file in INSEE's CSV layout (« ; », decimals with « . », some lines with « , »).</summary>
    private static List<string[]> Rows(string yy = "21", int shift = 0)
    {
        var rows = new List<string[]> { HeaderOf(yy) };
        for (var r = 0; r < AllIris.Length; r++)
        {
            var iris = AllIris[r];
            var values = Enumerable.Range(0, 10).Select(c => Value(r, c, shift).ToString(CultureInfo.InvariantCulture)).Select(v => r % 3 == 1 ? v.Replace('.', ',') : v);
            rows.Add([iris, iris[..5], "H", $"Iris {r}", "2500.5", "480.25", .. values, "2000"]);
        }
        return rows;
    }

    private static byte[] Csv(IEnumerable<string[]> rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Select(r => string.Join(';', r))) + "\r\n");

    /// <summary>The expected cells: sum of the mapped IRIS per quartier × sex × band, rounded once per cell (half away from zero).</summary>
    private static Dictionary<(string, SurveySex, SurveyAgeBand), int> Expected(int shift = 0)
    {
        var sums = new Dictionary<(string, SurveySex, SurveyAgeBand), decimal>();
        for (var r = 0; r < AllIris.Length; r++)
        {
            if (!QuartierOf.TryGetValue(AllIris[r], out var q)) continue;
            for (var c = 0; c < 10; c++)
            {
                var key = (q, c < 5 ? SurveySex.Homme : SurveySex.Femme, (SurveyAgeBand)(c % 5));
                sums[key] = sums.GetValueOrDefault(key) + Value(r, c, shift);
            }
        }
        return sums.ToDictionary(kv => kv.Key, kv => (int)Math.Round(kv.Value, MidpointRounding.AwayFromZero));
    }

    private static string Api(SurveySetup s) => $"/api/v1/contracts/{s.Contract.Id}";

    private async Task SetMappingAsync(SurveySetup s, string text = Mapping)
    {
        var url = $"{s.Base}/iris";
        SurveyKit.Expect(await s.CoordinatorPages.PostFormAsync(url, new() { ["Input.Mapping"] = text }), HttpStatusCode.Redirect);
    }

    private static async Task<HttpResponseMessage> ImportPageAsync(SurveySetup s, Guid wave, byte[] content, string fileName = "base-ic-evol-struct-pop-2021.csv",
        bool strict = false)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "Census.File", fileName } };
        if (strict) form.Add(new StringContent("true"), "Census.Strict");
        return await s.CoordinatorPages.PostMultipartAsync(s.WaveUrl(wave) + "?handler=Census", form, s.WaveUrl(wave));
    }

    private static async Task<HttpResponseMessage> ImportApiAsync(HttpClient api, SurveySetup s, Guid wave, byte[] content, string fileName = "base-ic-evol-struct-pop-2021.csv",
        bool strict = false)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName }, { new StringContent(strict ? "true" : "false"), "strict" } };
        return await api.PostAsync($"{Api(s)}/survey-waves/{wave}/census", form);
    }

    private Task<List<SurveyStratum>> StrataAsync(Guid wave) => factory.WithDb(db => db.SurveyStrata.AsNoTracking().Where(x => x.WaveId == wave).ToListAsync());
    private Task<SurveyWave> WaveRowAsync(Guid wave) => factory.WithDb(db => db.SurveyWaves.AsNoTracking().SingleAsync(x => x.Id == wave));

    private static string Text(string html) => PageClient.Parse(html).Body!.TextContent;

    /// <summary>A problem answer's French detail (the JSON escapes « and accents).</summary>
    private static async Task<string> Detail(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static void AssertMargins(List<SurveyStratum> strata, int shift = 0)
    {
        var expected = Expected(shift);
        Assert.Equal(30, expected.Count);
        Assert.Equal(expected.Count, strata.Count);
        foreach (var x in strata) Assert.Equal(expected[(x.Quartier, x.Sex, x.AgeBand)], x.Population);
    }

    [Fact]
    public async Task Import_InseeLayout_SumsTheMappedIrisPerQuartierSexAndBand_RecordsTheVintage_AndPagesNameTheSource()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        await SetMappingAsync(s);

        var r = await ImportPageAsync(s, wave, Csv(Rows()));

        SurveyKit.Expect(r, HttpStatusCode.Redirect);
        var strata = await StrataAsync(wave);
        AssertMargins(strata);
        // By hand: Q1 = IRIS rows 0 and 1; H 15-29 is column 0: (100) + (100 + 37.123456) = 237.123456 → 237.
        Assert.Equal(237, strata.Single(x => x.Quartier == "Q1" && x.Sex == SurveySex.Homme && x.AgeBand == SurveyAgeBand.A15_29).Population);
        Assert.Equal(["Centre", "Gare", "Île"], strata.Select(x => x.QuartierName).Distinct().Order(StringComparer.Ordinal).ToArray());
        var w = await WaveRowAsync(wave);
        Assert.Equal("RP 2021", w.CensusVintage);
        Assert.Equal("base-ic-evol-struct-pop-2021.csv", w.CensusFileName);
        Assert.NotNull(w.CensusImportedAt);
        var page = Text(await s.CoordinatorPages.Http.GetStringAsync(s.WaveUrl(wave)));
        var today = TestDates.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"Recensement de la population 2021 (INSEE), fichier « base-ic-evol-struct-pop-2021.csv », importé le {today}", page);
        Assert.Contains("6 IRIS agrégés en 3 quartier(s), 3 IRIS hors correspondance ignorés", page);
        var results = Text(await s.ReaderPages.Http.GetStringAsync(s.WaveUrl(wave) + "/resultats"));
        Assert.Contains("Marges de redressement : Recensement de la population 2021 (INSEE), fichier « base-ic-evol-struct-pop-2021.csv »", results);
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.census-imported" && e.EntityId == wave.ToString())));
    }

    [Fact]
    public async Task Import_XlsxAsInseePublishesIt_WithTitleLinesAboveTheHeader_GivesTheSameMargins()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        await SetMappingAsync(s);
        var rows = Rows();
        var sheet = new List<object?[]>
        {
            new object?[] { "Évolution et structure de la population en 2021" }, new object?[] { "Recensement de la population - Base infracommunale (IRIS)" },
            new object?[] { null }, new object?[] { "IRIS", "Commune ou ARM" },
        };
        sheet[3] = [.. rows[0].Select(h => (object?)$"Libellé {h}")];
        sheet.Add([.. rows[0]]);
        sheet.AddRange(rows.Skip(1).Select(r => r.Select((v, i) => i >= 4 ? (object?)double.Parse(v.Replace(',', '.'), CultureInfo.InvariantCulture) : v).ToArray()));

        var r = await ImportPageAsync(s, wave, Vigie.Web.Infrastructure.Spreadsheets.Xlsx("IRIS", sheet), "base-ic-evol-struct-pop-2021.xlsx");

        SurveyKit.Expect(r, HttpStatusCode.Redirect);
        AssertMargins(await StrataAsync(wave));
        Assert.Equal("RP 2021", (await WaveRowAsync(wave)).CensusVintage);
    }

    [Fact]
    public async Task Import_SameFileAgain_ChangesNothing_NewerVintageReplaces_AndAClosedWaveIsFrozen()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        await SetMappingAsync(s);
        var api = await factory.ApiClientAsync(s.Coordinator);

        var first = await ImportApiAsync(api, s, wave, Csv(Rows()));
        SurveyKit.Expect(first, HttpStatusCode.OK);
        var ids = (await StrataAsync(wave)).Select(x => x.Id).Order().ToList();
        var again = await (await ImportApiAsync(api, s, wave, Csv(Rows()))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(again.GetProperty("unchanged").GetBoolean());
        Assert.Equal(6, again.GetProperty("irisMapped").GetInt32());
        Assert.Equal(3, again.GetProperty("irisIgnored").GetInt32());
        Assert.Equal(ids, (await StrataAsync(wave)).Select(x => x.Id).Order().ToList());
        Assert.Equal(1, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.census-imported" && e.EntityId == wave.ToString())));

        var newer = await ImportApiAsync(api, s, wave, Csv(Rows("22", shift: 4)), "base-ic-evol-struct-pop-2022.csv");
        SurveyKit.Expect(newer, HttpStatusCode.OK);
        Assert.Equal("RP 2022", (await newer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vintage").GetString());
        AssertMargins(await StrataAsync(wave), shift: 4);
        Assert.Equal("base-ic-evol-struct-pop-2022.csv", (await WaveRowAsync(wave)).CensusFileName);

        SurveyKit.Expect(await api.PostAsJsonAsync($"{Api(s)}/survey-waves/{wave}/open", new { online = false }), HttpStatusCode.NoContent);
        SurveyKit.Expect(await api.PostAsync($"{Api(s)}/survey-waves/{wave}/close", null), HttpStatusCode.NoContent);
        var closed = await ImportApiAsync(api, s, wave, Csv(Rows()));
        var typed = await api.PutAsJsonAsync($"{Api(s)}/survey-waves/{wave}/plan",
            new { cells = new[] { new { quartier = "Q1", name = "Centre", sex = "F", ageBand = "15-29", population = 10 } } });

        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Contains("La collecte de la vague est close", await Detail(closed));
        Assert.Equal(HttpStatusCode.Forbidden, typed.StatusCode);
        AssertMargins(await StrataAsync(wave), shift: 4);
        Assert.Equal("RP 2022", (await WaveRowAsync(wave)).CensusVintage);
    }

    [Fact]
    public async Task Import_BadFiles_NameTheProblemInFrench_AndSaveNothing()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        await SetMappingAsync(s);
        var before = (await StrataAsync(wave)).Select(x => (x.Quartier, x.Sex, x.AgeBand, x.Population)).Order().ToList();

        var missing = Rows().Select(r => r[..^2].Append(r[^1]).ToArray()).ToList();          // P21_F75P dropped
        var mixed = Rows();
        mixed[0][Array.IndexOf(mixed[0], "P21_F1529")] = "P20_F1529";
        var text = Rows();
        text[3][Array.IndexOf(text[0], "P21_H3044")] = "abc";                                 // line 4: IRIS 920620103 (mapped)
        var noCensus = Rows().Select(r => r[..4]).ToList();
        var unmapped = Rows().Take(1).Concat(Rows().Skip(7)).ToList();                           // only IRIS outside the correspondence
        var cases = new (byte[] File, string Expected)[]
        {
            (Csv(missing), "colonne « P21_F75P » : colonne absente de l'en-tête"),
            (Csv(mixed), "colonnes de plusieurs recensements (P20_…, P21_…)"),
            (Csv(text), "ligne 4, colonne « P21_H3044 » : « abc » n'est pas une population"),
            (Encoding.UTF8.GetBytes("\r\n\r\n"), "le fichier est vide"),
            (Array.Empty<byte>(), "aucun fichier reçu, ou un fichier vide"),
            (Csv(noCensus), "aucune colonne P{aa}_…"),
            (Csv(unmapped), "aucun des 3 IRIS du fichier ne figure dans la correspondance"),
        };

        foreach (var (file, expected) in cases)
        {
            var r = await ImportPageAsync(s, wave, file, "recensement.csv");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains(expected, Text(await r.Content.ReadAsStringAsync()));
        }

        Assert.Equal(before, (await StrataAsync(wave)).Select(x => (x.Quartier, x.Sex, x.AgeBand, x.Population)).Order().ToList());
        var w = await WaveRowAsync(wave);
        Assert.Null(w.CensusVintage);
        Assert.Null(w.CensusFileName);
        Assert.Equal(0, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == "survey.census-imported" && e.EntityId == wave.ToString())));
    }

    [Fact]
    public async Task Import_StrictMode_RefusesAnUnmappedIrisOfAMappedCommune_OtherwiseIgnoresAndCountsIt()
    {
        var s = await factory.SurveySetupAsync();
        var wave = await s.CreateWaveAsync(await s.CreateSurveyAsync());
        await SetMappingAsync(s);
        var api = await factory.ApiClientAsync(s.Coordinator);

        var strict = await ImportApiAsync(api, s, wave, Csv(Rows()), strict: true);

        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        var body = await Detail(strict);
        Assert.Contains("ligne 8, colonne « IRIS » : l'IRIS « 920510103 » de la commune 92051 n'est pas dans la correspondance", body);
        Assert.Contains("ligne 9, colonne « IRIS »", body);
        Assert.DoesNotContain("920040101", body); // a commune the correspondence does not cover is never required
        Assert.Null((await WaveRowAsync(wave)).CensusVintage);

        var lenient = await ImportApiAsync(api, s, wave, Csv(Rows()));
        SurveyKit.Expect(lenient, HttpStatusCode.OK);
        Assert.Equal(3, (await lenient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("irisIgnored").GetInt32());
    }

    [Fact]
    public async Task Mapping_BadLines_AreRefusedLineByLine_NothingSaved_AndAFileReplacesIt()
    {
        var s = await factory.SurveySetupAsync();
        await SetMappingAsync(s);
        var url = $"{s.Base}/iris";

        var bad = await s.CoordinatorPages.PostFormAsync(url, new() { ["Input.Mapping"] = "920620101;Q1\n92062010X;Q1\n920620101;Q2\n920620105;" });

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var text = Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("ligne 2, colonne « iris » : code IRIS « 92062010X » invalide", text);
        Assert.Contains("ligne 3, colonne « iris » : IRIS « 920620101 » en double (déjà ligne 1)", text);
        Assert.Contains("ligne 4, colonne « quartier » : le code du quartier est obligatoire", text);
        Assert.Equal(6, await factory.WithDb(db => db.SurveyIrisQuartiers.CountAsync(m => m.ContractId == s.Contract.Id)));

        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("iris;quartier;nom\n92062101;Q9;Nord\n920620102;Q1;Centre\n")), "Upload", "iris.csv" } };
        SurveyKit.Expect(await s.CoordinatorPages.PostMultipartAsync(url + "?handler=File", form, url), HttpStatusCode.Redirect);

        var rows = await factory.WithDb(db => db.SurveyIrisQuartiers.AsNoTracking().Where(m => m.ContractId == s.Contract.Id).OrderBy(m => m.Iris).ToListAsync());
        Assert.Equal(["092062101", "920620102"], rows.Select(m => m.Iris).ToArray()); // the leading zero a spreadsheet drops is put back
        Assert.Equal(["Nord", "Centre"], rows.Select(m => m.QuartierName).ToArray());
        Assert.Contains("920620102", Text(await s.ReaderPages.Http.GetStringAsync(url)));
    }

    [Fact]
    public async Task Authorization_OnlyCoordinatorsChangeOrImport_Outsiders404_AndEachContractUsesItsOwnCorrespondence()
    {
        var a = await factory.SurveySetupAsync();
        var wave = await a.CreateWaveAsync(await a.CreateSurveyAsync());
        await SetMappingAsync(a);
        var partner = await factory.ApiClientAsync(a.Partner);
        var reader = await factory.ApiClientAsync(a.Reader);
        var outsider = await factory.ApiClientAsync(a.Outsider);
        var mapping = new { rows = new[] { new { iris = "920620101", quartier = "Q1", name = "Centre" } } };

        Assert.Equal(HttpStatusCode.Forbidden, (await ImportApiAsync(partner, a, wave, Csv(Rows()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportApiAsync(reader, a, wave, Csv(Rows()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ImportApiAsync(outsider, a, wave, Csv(Rows()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PutAsJsonAsync($"{Api(a)}/survey-iris", mapping)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"{Api(a)}/survey-iris", mapping)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{Api(a)}/survey-iris")).StatusCode);
        var partnerPages = await PageClient.SignedInAsync(factory, a.Partner);
        var form = new MultipartFormDataContent { { new ByteArrayContent(Csv(Rows())), "Census.File", "recensement.csv" } };
        SurveyKit.AssertDenied(await partnerPages.PostMultipartAsync(a.WaveUrl(wave) + "?handler=Census", form, a.WaveUrl(wave)));
        Assert.Equal(6, (await reader.GetFromJsonAsync<JsonElement>($"{Api(a)}/survey-iris")).GetArrayLength());
        Assert.Null((await WaveRowAsync(wave)).CensusVintage);

        // Contract B has no correspondence of its own: A's is never used for it, and A's wave is not B's.
        var b = await factory.SurveySetupAsync();
        var waveB = await b.CreateWaveAsync(await b.CreateSurveyAsync());
        var apiB = await factory.ApiClientAsync(b.Coordinator);
        var refused = await ImportApiAsync(apiB, b, waveB, Csv(Rows()));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("pas encore de correspondance IRIS → quartier", await Detail(refused));
        Assert.Equal(0, (await apiB.GetFromJsonAsync<JsonElement>($"{Api(b)}/survey-iris")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await ImportApiAsync(apiB, b, wave, Csv(Rows()))).StatusCode);
        Assert.Null((await WaveRowAsync(waveB)).CensusVintage);
    }
}
