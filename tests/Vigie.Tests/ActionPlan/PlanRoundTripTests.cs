using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.ActionPlan;

[Collection(AppCollection.Name)]
public sealed class PlanRoundTripTests(VigieFactory factory)
{
    /// <summary>A plan with every kind of record: two priorities, an objective, actions, a sub-action, commitments, a milestone, budget, indicators and values.</summary>
    private static async Task BuildAsync(PlanFixture p)
    {
        var p1 = await p.ItemAsync("priority", "Sécuriser l'espace public", null, new { description = "Engagement 1 ; « citation »\nsur deux lignes" });
        var p2 = await p.ItemAsync("priority", "Prévenir la délinquance des mineurs");
        var o = await p.ItemAsync("objective", "Réduire les regroupements", p2);
        var a = await p.ItemAsync("action", "Médiation de nuit", p1, new
        {
            problemObserved = "Regroupements bruyants", targetPublic = "Jeunes de 16 à 25 ans", leadOrganisationId = p.PartnerX.OrganisationId,
            partnerIds = new[] { p.PartnerY.OrganisationId }, startDate = "2026-01-01", endDate = "2027-06-30", status = "in-progress", weight = 2.5, humanMeans = "2 ETP",
        });
        var b = await p.ItemAsync("action", "Chantiers éducatifs", o, new { progressOverride = 35 });
        await p.ItemAsync("subAction", "Recrutement", a);
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/commitments", new { organisationId = p.PartnerX.OrganisationId, what = "Deux médiateurs", means = "80 000 €/an", dueDate = "2026-09-30", progress = 40, status = "in-progress" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{b}/commitments", new { organisationId = p.PartnerY.OrganisationId, what = "Chantiers l'été" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/milestones", new { title = "Recrutement", dueOn = "2026-03-31", doneOn = "2026-03-15", weight = 2, ownerOrganisationId = p.PartnerX.OrganisationId });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/budget", new { funder = "fipd", organisationId = p.PartnerX.OrganisationId, label = "Postes", year = 2026, planned = 12345.67, granted = 10000, spent = 2500.5 });
        var ind = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/indicators", new { name = "Interventions de médiation", kind = "output", unit = "interventions", baselineValue = 0, baselineDate = "2025-12-31", targetValue = 400, targetDate = "2027-12-31", source = "Rapports mensuels" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/indicators", new { name = "Cambriolages", kind = "impact", unit = "faits", observatoryIndicatorCode = "cambriolages-logement", observatoryMeasure = "ratePerThousand" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/indicators/{ind}/values", new { period = "2026-T1", value = 87.5, provenance = "Rapport du prestataire" });
        await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{a}/indicators/{ind}/values", new { period = "2026", value = 301, provenance = "Bilan annuel" });
    }

    private static async Task<byte[]> ExportAsync(PlanFixture p, string format)
    {
        var r = await p.CoordinatorApi.GetAsync($"{p.Plan}/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.Content.ReadAsByteArrayAsync();
    }

    private static async Task<HttpResponseMessage> ImportAsync(PlanFixture p, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", fileName);
        return await p.CoordinatorApi.PostAsync($"{p.Plan}/import", form);
    }

    /// <summary>The second plan uses the same organisations as the first, so both exports can be compared cell for cell.</summary>
    private async Task<PlanFixture> SecondPlanWithSamePartnersAsync(PlanFixture a)
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, Vigie.Web.Domain.ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        return a with { Contract = contract, Coordinator = coordinator, CoordinatorApi = api };
    }

    [Fact]
    public async Task ExportXlsx_ImportIntoAnotherContract_GivesIdenticalPlanAndReimportChangesNothing()
    {
        var a = await factory.PlanFixtureAsync();
        await BuildAsync(a);
        var xlsx = await ExportAsync(a, "xlsx");
        var b = await SecondPlanWithSamePartnersAsync(a);

        var first = await ImportAsync(b, xlsx, "plan.xlsx");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var report = await PlanTestKit.JsonAsync(first);
        Assert.Equal(14, report.GetProperty("created").GetInt32());

        Assert.Equal(Encoding.UTF8.GetString(await ExportAsync(a, "csv")), Encoding.UTF8.GetString(await ExportAsync(b, "csv")));
        var planA = await a.PlanAsync();
        var planB = await b.PlanAsync();
        Assert.Equal(planA.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("number").GetString(), r.GetProperty("title").GetString(), PlanTestKit.ProgressOf(r))),
            planB.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("number").GetString(), r.GetProperty("title").GetString(), PlanTestKit.ProgressOf(r))));

        var changesBefore = await factory.WithDb(db => db.PlanChanges.CountAsync(c => c.ContractId == b.Contract.Id));
        var again = await PlanTestKit.JsonAsync(await ImportAsync(b, xlsx, "plan.xlsx"));
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(changesBefore, await factory.WithDb(db => db.PlanChanges.CountAsync(c => c.ContractId == b.Contract.Id)));
    }

    [Fact]
    public async Task ExportCsv_ReimportIntoSamePlan_IsIdempotent()
    {
        var a = await factory.PlanFixtureAsync();
        await BuildAsync(a);
        var csv = await ExportAsync(a, "csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains("12345,67", text, StringComparison.Ordinal);
        Assert.Contains(";", text, StringComparison.Ordinal);

        var r = await PlanTestKit.JsonAsync(await ImportAsync(a, csv, "plan.csv"));
        Assert.Equal(0, r.GetProperty("created").GetInt32());
        Assert.Equal(0, r.GetProperty("updated").GetInt32());
        Assert.Equal(text, Encoding.UTF8.GetString(await ExportAsync(a, "csv")));
    }

    [Fact]
    public async Task Import_WithBadRows_ReportsEachLineAndSavesNothing()
    {
        var p = await factory.PlanFixtureAsync();
        var header = "Type;Référence;Parent;Niveau;Position;Intitulé;Début;Fin;Organisation;Prévu;Financeur";
        var csv = string.Join("\r\n",
            header,
            "Élément;P1;;Axe prioritaire;1;Axe valide;;;;;",
            "Élément;A1;P1;Fiche action;1;;01/02/2026;01/01/2026;;;",
            "Élément;A2;INCONNU;Fiche action;2;Orpheline;;;;;",
            "Budget;B1;P1;;;;;;;douze;FIPD",
            "Engagement;E1;P1;;;Faire;;;Organisation qui n'existe pas;;",
            "Truc;X;;;;;;;;;") + "\r\n";
        var r = await ImportAsync(p, Encoding.UTF8.GetBytes(csv), "plan.csv");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await r.Content.ReadAsStringAsync();
        Assert.Contains("ligne 3 : Intitulé", body, StringComparison.Ordinal);
        Assert.Contains("ligne 3 : Fin", body, StringComparison.Ordinal);
        Assert.Contains("ligne 4 : Parent", body, StringComparison.Ordinal);
        Assert.Contains("ligne 5 : Prévu", body, StringComparison.Ordinal);
        Assert.Contains("ligne 6 : Organisation", body, StringComparison.Ordinal);
        Assert.Contains("ligne 7 : Type", body, StringComparison.Ordinal);
        Assert.Contains("virgule décimale", body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.PlanItems.CountAsync(i => i.ContractId == p.Contract.Id)));
    }

    [Fact]
    public async Task ImportPage_WithErrors_ShowsTheErrorTable()
    {
        var p = await factory.PlanFixtureAsync();
        var client = await PageClient.SignedInAsync(factory, p.Coordinator);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("Type;Référence;Parent;Intitulé\r\nÉlément;P1;;Axe sans niveau\r\n")), "Upload", "plan.csv");
        var r = await client.PostMultipartAsync($"/contrats/{p.Contract.Id}/plan/import", form);
        var doc = PageClient.Parse(await r.Content.ReadAsStringAsync());
        var rows = doc.QuerySelectorAll("#erreurs tbody tr");
        Assert.Contains(rows, row => row.TextContent.Contains("Niveau", StringComparison.Ordinal) && row.TextContent.Contains("obligatoire", StringComparison.Ordinal));
    }
}
