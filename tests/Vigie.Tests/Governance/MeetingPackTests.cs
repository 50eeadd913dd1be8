using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Governance;

/// <summary>Meeting packs: before (overdue tasks and milestones, indicators that moved, open items) and after (commitments memo), as PDF and e-mail.</summary>
[Collection(AppCollection.Name)]
public sealed class MeetingPackTests(VigieFactory factory)
{
    [Fact]
    public async Task PackBefore_ListsOverdueTasksMilestonesMovedIndicatorsAndOpenItems()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("watchCell");
        var first = await s.MeetingAsync(body, "2026-03-03", "Cellule de mars");
        var next = await s.MeetingAsync(body, "2026-06-02", "Cellule de juin");
        var item = await s.AgendaItemAsync(first, "Tranquillité du parvis");
        await s.TaskAsync(first, item, "Réparer l'éclairage du parvis", s.PartnerOrganisation.Id); // due 30/04/2026: overdue on 02/06
        await s.AgendaItemAsync(next, "Point sur la vidéoprotection");
        await factory.WithDb(async db =>
        {
            var action = new PlanItem { ContractId = s.Contract.Id, Kind = PlanItemKind.Action, Position = 1, Reference = TestData.Unique("A"), Title = "Vidéoprotection du parvis" };
            db.PlanItems.Add(action);
            db.Milestones.Add(new Milestone { ContractId = s.Contract.Id, PlanItemId = action.Id, Reference = TestData.Unique("J"), Title = "Pose des caméras", DueOn = new DateOnly(2026, 5, 1) });
            var indicator = new PlanIndicator { ContractId = s.Contract.Id, PlanItemId = action.Id, Reference = TestData.Unique("I"), Name = "Dégradations signalées", Unit = "faits", TargetValue = 20 };
            db.PlanIndicators.Add(indicator);
            db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = indicator.Id, On = new DateOnly(2026, 4, 30), Period = "2026-04", Value = 31, Provenance = "main courante" });
            return await db.SaveChangesAsync();
        });

        var response = await s.CoordinatorApi.GetAsync($"{s.Base}/meetings/{next}/packs/before");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = await PdfText.FlatAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Dossier préparatoire — Cellule de juin", text, StringComparison.Ordinal);
        Assert.Contains("Point sur la vidéoprotection", text, StringComparison.Ordinal);
        Assert.Contains("Tâches en retard", text, StringComparison.Ordinal);
        Assert.Contains("Réparer l'éclairage du parvis", text, StringComparison.Ordinal);
        Assert.Contains("Pose des caméras", text, StringComparison.Ordinal);
        Assert.Contains("01/05/2026", text, StringComparison.Ordinal);
        Assert.Contains("Dégradations signalées", text, StringComparison.Ordinal);
        Assert.Contains("Cellule de mars", text, StringComparison.Ordinal); // open items of the last meeting
    }

    [Fact]
    public async Task PackAfter_IsTheCommitmentsMemo_AndIsEmailedAsPdf()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("plenary", "public");
        await s.SeatAsync(body, s.Partner.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Plénière de juin");
        var item = await s.AgendaItemAsync(meeting, "Prévention des rixes");
        await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings/{meeting}/outcomes", new { agendaItemId = item, kind = "decision", text = "Étendre les maraudes" })).CreatedIdAsync();
        await s.TaskAsync(meeting, item, "Recruter deux médiateurs", s.PartnerOrganisation.Id);

        var pdf = await s.CoordinatorApi.GetByteArrayAsync($"{s.Base}/meetings/{meeting}/packs/after");
        var text = await PdfText.FlatAsync(pdf);
        Assert.Contains("Relevé des engagements", text, StringComparison.Ordinal);
        Assert.Contains("Recruter deux médiateurs", text, StringComparison.Ordinal);
        Assert.Contains("30/04/2026", text, StringComparison.Ordinal);
        Assert.Contains("Étendre les maraudes", text, StringComparison.Ordinal);

        var send = await s.CoordinatorApi.PostAsync($"{s.Base}/meetings/{meeting}/packs/after/send", null);
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var mail = Assert.Single(factory.RawMailsTo(s.Partner.Email));
        var attachment = Assert.Single(mail.Attachments);
        Assert.EndsWith(".pdf", attachment.FileName, StringComparison.Ordinal);
        Assert.Contains("Recruter deux médiateurs", await PdfText.FlatAsync(attachment.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_RestrictedMeeting_IsRefusedToNonMembers()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("restricted", "restricted");
        var meeting = await s.MeetingAsync(body);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.GetAsync($"{s.Base}/meetings/{meeting}/packs/before")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync($"{s.Base}/meetings/{meeting}/packs/after")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.GetAsync($"{s.Base}/meetings/{meeting}/packs/after")).StatusCode);
        var page = await PageClient.SignedInAsync(factory, s.Reader);
        Geography.AssertDenied(await page.Http.GetAsync($"/contrats/{s.Contract.Id}/reunions/{meeting}?handler=Pack&kind=before"));
    }

    [Fact]
    public async Task PackOfARestrictedMeeting_IsNotAttached_TheMailLinksToTheMeetingAtThePublicAddress()
    {
        var s = await factory.SetupAsync();
        var body = await s.BodyAsync("restricted", "restricted");
        await s.SeatAsync(body, s.Partner.Id);
        var meeting = await s.MeetingAsync(body, "2026-06-16", "Cellule restreinte de juin");
        var send = await s.CoordinatorApi.PostAsync($"{s.Base}/meetings/{meeting}/packs/after/send", null);
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var mail = Assert.Single(factory.RawMailsTo(s.Partner.Email));
        Assert.Empty(mail.Attachments);
        var text = Assert.Single(factory.MailsTo(s.Partner.Email)).Body;
        // The configured public address (App:PublicBaseUrl, the development default in tests), never the request's host.
        Assert.Contains($"http://localhost:5080/contrats/{s.Contract.Id}/reunions/{meeting}", text, StringComparison.Ordinal);
    }
}
