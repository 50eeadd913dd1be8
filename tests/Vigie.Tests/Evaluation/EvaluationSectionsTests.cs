using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 5: the observatory contributes the contract territory's recorded crime to the evaluation report as a section,
/// with source and edition, at the first and last years of the period; counts under the threshold masked; public data, so
/// also in the public report.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class EvaluationSectionsTests(VigieFactory factory)
{
    private const string Title = "Délinquance enregistrée sur le territoire du contrat";

    [Fact]
    public async Task ObservatorySection_NamesSourceAndEdition_MasksSmallCounts_AndIsPublic()
    {
        var data = await factory.EnsureObservatoryAsync();
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([(TerritoryKind.Commune, data.Communes[0].Code), (TerritoryKind.Commune, data.Communes[1].Code)], (coordinator, ContractRole.Coordinator));
        await factory.WithDb(async db =>
        {
            var c = await db.Contracts.FindAsync(contract.Id);
            c!.StartDate = new DateOnly(2023, 1, 1);
            c.EndDate = new DateOnly(2024, 12, 31);
            c.Status = ContractStatus.InForce;
            c.IsPublished = true;
            return await db.SaveChangesAsync();
        });
        var api = await factory.ApiClientAsync(coordinator);
        var b = $"/api/v1/contracts/{contract.Id}";
        var created = await api.PostAsJsonAsync($"{b}/evaluations", new { title = "Bilan 2023–2024", kind = "final", periodStart = "2023-01-01", periodEnd = "2024-12-31" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var report = await api.GetFromJsonAsync<JsonElement>($"{b}/evaluations/{id}");
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("title").GetString() == Title);
        var table = section.GetProperty("tables")[0];
        Assert.Contains("SSMSI", table.GetProperty("source").GetString());
        Assert.Matches(@"édition du \d\d/\d\d/\d{4}", table.GetProperty("source").GetString()!);
        Assert.Equal(["Indicateur", "2023", "2024"], table.GetProperty("headers").EnumerateArray().Select(h => h.GetString()!).ToArray());
        var rows = table.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        Assert.Contains(rows, r => r[0] == "Cambriolages de logement");
        foreach (var cell in rows.SelectMany(r => r.Skip(1)))
        {
            // A cell is masked ("< 5", statistical secret), empty, or a count of at least 5.
            if (cell is "—" or "secret statistique" || cell.StartsWith("< 5", StringComparison.Ordinal)) continue;
            Assert.True(long.Parse(LeadingCount().Match(cell).Value.Replace("\u202f", "").Replace("\u00a0", "").Replace(" ", ""), System.Globalization.CultureInfo.InvariantCulture) >= 5, cell);
        }
        // The seeded edition holds armed robberies of 0 + 2 in 2023 (a real import, when another test ran one, is newer).
        if (table.GetProperty("source").GetString()!.Contains($"édition du {data.Edition:dd/MM/yyyy}", StringComparison.Ordinal))
            Assert.Equal("< 5", rows.Single(r => r[0] == "Vols avec armes")[1]);

        await factory.ValidateAsync(api, contract.Id, id, present: true, year: 2025);
        var html = await factory.CreateClient().GetStringAsync($"/public/contrats/{contract.Id}/evaluations/{id}");
        Assert.Contains(Title, html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[\d\s\u202f\u00a0]+")]
    private static partial Regex LeadingCount();
}
