using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Governance;

/// <summary>The public plenary report: anonymous, published contracts only, public meetings' content only; page and tagged PDF.</summary>
[Collection(AppCollection.Name)]
public sealed class PlenaryReportTests(VigieFactory factory)
{
    private async Task<(GovernanceSetup S, string Secret)> SetupAsync(bool published)
    {
        var s = await factory.SetupAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.FindAsync(s.Contract.Id))!.IsPublished = published;
            return await db.SaveChangesAsync();
        });
        var plenary = await s.BodyAsync("plenary", "public");
        var meeting = await s.MeetingAsync(plenary, "2026-03-17", "Plénière de printemps", "public");
        var item = await s.AgendaItemAsync(meeting, "Bilan");
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes", new { agendaItemId = item, kind = "decision", text = "Créer une cellule de veille sur les rixes" })).CreatedIdAsync();
        await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/attendance", new { organisationId = s.PartnerOrganisation.Id, status = "present" });
        await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/status", new { status = "held" });

        var secret = TestData.Unique("Nominatif");
        var restricted = await s.BodyAsync("restricted", "restricted");
        var closed = await s.MeetingAsync(restricted, "2026-04-14", $"Restreinte {secret}");
        var closedItem = await s.AgendaItemAsync(closed, "Situation");
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{closed}/outcomes", new { agendaItemId = closedItem, kind = "decision", text = $"Décision {secret}" })).CreatedIdAsync();
        await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{closed}/status", new { status = "held" });
        return (s, secret);
    }

    [Fact]
    public async Task PublicPage_ShowsPublicDecisionsAndAttendance_NeverRestrictedContent()
    {
        var (s, secret) = await SetupAsync(published: true);
        var anonymous = PageClient.Create(factory);
        var doc = await anonymous.GetDocumentAsync($"/public/contrats/{s.Contract.Id}/bilan?du=2026-01-01&au=2026-06-30");
        var text = doc.Body!.TextContent;
        Assert.Contains("Créer une cellule de veille sur les rixes", text, StringComparison.Ordinal);
        Assert.Contains("Plénière de printemps", text, StringComparison.Ordinal);
        Assert.Contains(s.PartnerOrganisation.Name, text, StringComparison.Ordinal);
        Assert.Contains("1 autre(s) réunion(s)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, doc.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Single(doc.QuerySelectorAll("h1"));

        // Outside the period: nothing.
        var later = await anonymous.GetDocumentAsync($"/public/contrats/{s.Contract.Id}/bilan?du=2026-07-01&au=2026-12-31");
        Assert.DoesNotContain("Créer une cellule de veille sur les rixes", later.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_HasTheReportTextTaggedWithSources()
    {
        var (s, secret) = await SetupAsync(published: true);
        var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync($"/public/contrats/{s.Contract.Id}/bilan?handler=Pdf&du=2026-01-01&au=2026-06-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfText.FlatAsync(pdf);
        Assert.Contains("Bilan du CLSPD", text, StringComparison.Ordinal);
        Assert.Contains("Période du 01/01/2026 au 30/06/2026", text, StringComparison.Ordinal);
        Assert.Contains("Créer une cellule de veille sur les rixes", text, StringComparison.Ordinal);
        Assert.Contains("Sources", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var info = await PdfText.InfoAsync(pdf);
        Assert.Equal("yes", info["Tagged"]);
    }

    [Fact]
    public async Task Report_ShowsActionProgressAndIndicatorsAgainstTargets()
    {
        var (s, _) = await SetupAsync(published: true);
        await factory.WithDb(async db =>
        {
            var action = new Vigie.Web.Domain.PlanItem { ContractId = s.Contract.Id, Kind = Vigie.Web.Domain.PlanItemKind.Action, Position = 1, Reference = TestData.Unique("A"), Title = "Médiation sociale de nuit" };
            db.PlanItems.Add(action);
            db.Milestones.Add(new Vigie.Web.Domain.Milestone { ContractId = s.Contract.Id, PlanItemId = action.Id, Reference = TestData.Unique("J"), Title = "Recrutement", DueOn = new DateOnly(2026, 2, 1), DoneOn = new DateOnly(2026, 2, 1) });
            db.Milestones.Add(new Vigie.Web.Domain.Milestone { ContractId = s.Contract.Id, PlanItemId = action.Id, Reference = TestData.Unique("J"), Title = "Premier bilan", DueOn = new DateOnly(2026, 9, 1) });
            var indicator = new Vigie.Web.Domain.PlanIndicator { ContractId = s.Contract.Id, PlanItemId = action.Id, Reference = TestData.Unique("I"), Name = "Interventions de médiation", Unit = "interventions", TargetValue = 400, Source = "Rapports mensuels de l'association de médiation" };
            db.PlanIndicators.Add(indicator);
            db.PlanIndicatorValues.Add(new Vigie.Web.Domain.PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = indicator.Id, On = new DateOnly(2026, 3, 31), Period = "2026-T1", Value = 120, Provenance = "association" });
            db.PlanIndicatorValues.Add(new Vigie.Web.Domain.PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = indicator.Id, On = new DateOnly(2026, 6, 30), Period = "2026-T2", Value = 260, Provenance = "association" });
            return await db.SaveChangesAsync();
        });

        var page = await PageClient.Create(factory).GetDocumentAsync($"/public/contrats/{s.Contract.Id}/bilan?du=2026-01-01&au=2026-06-30");
        var row = page.QuerySelectorAll("tr").First(r => r.TextContent.Contains("Médiation sociale de nuit", StringComparison.Ordinal));
        Assert.Contains("50 %", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("260 interventions (2026-T2)", page.Body!.TextContent, StringComparison.Ordinal);

        var pdf = await factory.CreateClient().GetByteArrayAsync($"/public/contrats/{s.Contract.Id}/bilan?handler=Pdf&du=2026-01-01&au=2026-06-30");
        var text = await PdfText.FlatAsync(pdf);
        Assert.Contains("Médiation sociale de nuit", text, StringComparison.Ordinal);
        Assert.Contains("Interventions de médiation", text, StringComparison.Ordinal);
        Assert.Contains("Rapports mensuels de l'association de médiation", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpublishedContract_Returns404()
    {
        var (s, _) = await SetupAsync(published: false);
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/contrats/{s.Contract.Id}/bilan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/contrats/{s.Contract.Id}/bilan?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task BadPeriod_ShowsAFrenchErrorOnTheField()
    {
        var (s, _) = await SetupAsync(published: true);
        var doc = await PageClient.Create(factory).GetDocumentAsync($"/public/contrats/{s.Contract.Id}/bilan?du=2026-06-30&au=2026-01-01");
        Assert.Contains("La date de fin doit être postérieure à la date de début.", doc.QuerySelector("#au-messages")!.TextContent, StringComparison.Ordinal);
        var bad = await PageClient.Create(factory).GetDocumentAsync($"/public/contrats/{s.Contract.Id}/bilan?du=pas-une-date");
        Assert.Contains("n'est pas une date valide", bad.QuerySelector("#du-messages")!.TextContent, StringComparison.Ordinal);
    }
}
