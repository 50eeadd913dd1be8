using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Evaluation;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 5: validating freezes the report version (its figures, texts and SHA-256); live data changed afterwards do
/// not reach the validated or presented report (page, PDF, API, public page) while a reopened draft computes live again; the
/// public page shows the latest presented version without restricted content; members list and compare versions.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationVersionTests(VigieFactory factory)
{
    private static string Sentence(JsonElement report) => report.GetProperty("overall").GetProperty("sentence").GetString()!;
    private static List<string> Titles(JsonElement report) => [.. report.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!)];

    [Fact]
    public async Task Validation_FreezesTheReport_DraftStaysLive_PublicShowsPresentedVersionWithoutRestrictedContent()
    {
        var s = await factory.EvaluatedContractAsync();
        var secret = TestData.Unique("Surveillance discrète");
        var kept = await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 90, 75);
        var restricted = await factory.ActionAsync(s, secret, 10, 5, 4);
        var reader = await factory.UserAsync();
        await factory.WithDb(async db =>
        {
            (await db.PlanItems.FindAsync(restricted))!.Visibility = MinutesVisibility.Restricted;
            var c = await db.Contracts.Include(x => x.Memberships).SingleAsync(x => x.Id == s.Contract.Id);
            c.IsPublished = true;
            c.Memberships.Add(new ContractMembership { UserId = reader.Id, Role = ContractRole.Reader });
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";
        await factory.ValidateAsync(s.Api, s.Contract.Id, id);

        var frozen = await s.ReportAsync(id);
        Assert.Equal("tous les objectifs atteints : 2 sur 2", Sentence(frozen));
        var frozenPdf = await PdfText.FlatAsync(await s.Api.GetByteArrayAsync($"{url}/pdf"));
        var versions = await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions");
        var hash = versions[0].GetProperty("contentHash").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        // A plain reader of the contract gets the members' rendering: no restricted item in it.
        var readerApi = await factory.ApiClientAsync(reader);
        var forReader = await readerApi.GetFromJsonAsync<JsonElement>(url);
        Assert.DoesNotContain(secret, Titles(forReader));
        Assert.DoesNotContain(secret, forReader.ToString(), StringComparison.Ordinal);

        // Live data move: a worse value for the kept action, renamed.
        await factory.WithDb(async db =>
        {
            (await db.PlanItems.FindAsync(kept))!.Title = "Médiation nocturne";
            var indicator = await db.PlanIndicators.SingleAsync(i => i.PlanItemId == kept);
            db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = indicator.Id, On = new DateOnly(2008, 6, 30), Period = "2008", Value = 120, Provenance = "main courante" });
            return await db.SaveChangesAsync();
        });

        var again = await s.ReportAsync(id);
        Assert.Equal("tous les objectifs atteints : 2 sur 2", Sentence(again));
        Assert.Contains("Médiation de nuit", Titles(again));
        Assert.Contains(secret, Titles(again));
        var pdfAgain = await PdfText.FlatAsync(await s.Api.GetByteArrayAsync($"{url}/pdf"));
        Assert.Contains("tous les objectifs atteints : 2 sur 2", pdfAgain);
        Assert.Contains("Médiation de nuit", pdfAgain);
        Assert.DoesNotContain("Médiation nocturne", pdfAgain, StringComparison.Ordinal);
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var html = (await page.GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{id}")).Body!.TextContent;
        Assert.Contains("Médiation de nuit", html);
        Assert.DoesNotContain("Médiation nocturne", html, StringComparison.Ordinal);
        // The fingerprint is stable and is the SHA-256 of the stored content.
        Assert.Equal(hash, (await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions"))[0].GetProperty("contentHash").GetString());
        var stored = await factory.WithDb(db => db.EvaluationReportVersions.SingleAsync(v => v.EvaluationId == id));
        Assert.Equal(hash, EvaluationVersions.Sha256(stored.FullContent));
        Assert.DoesNotContain(secret, stored.PublicContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored.MembersContent, StringComparison.Ordinal);

        // Presented: the public page is the frozen public rendering.
        var plenary = await factory.WithDb(db => db.Meetings.Where(m => m.ContractId == s.Contract.Id && m.Body!.Kind == BodyKind.Plenary).Select(m => m.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync($"{url}/status", new { status = "presented", meetingId = plenary })).StatusCode);
        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        await AssertPublicVersionOneAsync(anonymous, publicUrl, secret);

        // Reopened: the draft computes live again; the public page keeps the presented version.
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync($"{url}/status", new { status = "draft" })).StatusCode);
        var draft = await s.ReportAsync(id);
        Assert.Equal("la majorité des objectifs atteints : 1 sur 2", Sentence(draft));
        Assert.Contains("Médiation nocturne", Titles(draft));
        await AssertPublicVersionOneAsync(anonymous, publicUrl, secret);

        // A second validation freezes version 2; members compare the two.
        await factory.ValidateAsync(s.Api, s.Contract.Id, id);
        var list = await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions");
        Assert.Equal([2, 1], list.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).ToArray());
        Assert.Equal(hash, list[1].GetProperty("contentHash").GetString());
        var comparison = await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions/compare?from=1&to=2");
        var changes = comparison.GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("section").GetString(), c.GetProperty("item").GetString(), c.GetProperty("before").GetString(), c.GetProperty("after").GetString())).ToList();
        Assert.Contains(("Synthèse", "Bilan des objectifs", "tous les objectifs atteints : 2 sur 2", "la majorité des objectifs atteints : 1 sur 2"), changes);
        Assert.Contains(changes, c => c.Item2!.EndsWith("Médiation nocturne", StringComparison.Ordinal) && c.Item3 == "—");
        Assert.Contains(changes, c => c.Item2!.EndsWith("Médiation de nuit", StringComparison.Ordinal) && c.Item4 == "—");
        var readerComparison = await readerApi.GetFromJsonAsync<JsonElement>($"{url}/versions/compare?from=1&to=2");
        Assert.DoesNotContain(secret, readerComparison.ToString(), StringComparison.Ordinal);

        var versionsPage = await page.GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{id}/versions?de=1&vers=2");
        Assert.Equal(2, versionsPage.QuerySelectorAll("#versions tbody tr").Length);
        Assert.Contains("la majorité des objectifs atteints : 1 sur 2", versionsPage.QuerySelector("#comparaison-versions")!.TextContent);
        var v1Pdf = await PdfText.FlatAsync(await page.Http.GetByteArrayAsync($"/contrats/{s.Contract.Id}/evaluations/{id}/versions?handler=Pdf&version=1"));
        Assert.Contains("Médiation de nuit", v1Pdf);
        Assert.Contains("tous les objectifs atteints : 2 sur 2", v1Pdf);

        // Visibility is never frozen: the kept action made restricted after the freeze leaves the public page and a plain
        // reader's frozen versions; the coordinator still reads it in the full rendering.
        await factory.WithDb(async db => { (await db.PlanItems.FindAsync(kept))!.Visibility = MinutesVisibility.Restricted; return await db.SaveChangesAsync(); });
        var publicText = PageClient.Parse(await anonymous.GetStringAsync(publicUrl)).Body!.TextContent;
        // The overall line is recounted from the actions left: the hidden action's result is not kept in it.
        Assert.Contains("aucun objectif évaluable", publicText);
        Assert.DoesNotContain("tous les objectifs atteints : 1 sur 1", publicText, StringComparison.Ordinal);
        Assert.DoesNotContain("Médiation de nuit", publicText, StringComparison.Ordinal);
        Assert.DoesNotContain("Médiation de nuit", Titles(await readerApi.GetFromJsonAsync<JsonElement>($"{url}/versions/1")));
        Assert.Contains("Médiation de nuit", Titles(await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions/1")));
    }

    [Fact]
    public async Task Validation_RecordsTheSittingAndBody_AndRefusesAMeetingOfAnotherContract()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var other = await factory.EvaluatedContractAsync();
        var (mine, theirs) = await factory.WithDb(async db =>
        {
            Guid Sitting(Guid contractId, string name)
            {
                var body = new Body { ContractId = contractId, Name = name, Kind = BodyKind.Restricted };
                db.Bodies.Add(body);
                var m = new Meeting { ContractId = contractId, BodyId = body.Id, Title = "Séance de validation", StartsAt = new DateTimeOffset(2009, 1, 15, 9, 0, 0, TimeSpan.Zero), Status = MeetingStatus.Held };
                db.Meetings.Add(m);
                return m.Id;
            }
            var a = Sitting(s.Contract.Id, "Formation restreinte du CLSPD");
            var b = Sitting(other.Contract.Id, "Formation restreinte voisine");
            await db.SaveChangesAsync();
            return (a, b);
        });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";

        var refused = await s.Api.PostAsJsonAsync($"{url}/status", new { status = "validated", meetingId = theirs });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("n'est pas une réunion d'une instance de ce contrat", await refused.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.EvaluationReportVersions.AnyAsync(v => v.EvaluationId == id)));

        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync($"{url}/status", new { status = "validated", meetingId = mine })).StatusCode);
        var v = (await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions"))[0];
        Assert.Equal("Formation restreinte du CLSPD", v.GetProperty("validatedByBody").GetString());
        Assert.StartsWith("Séance de validation du 15/01/2009", v.GetProperty("validatedInMeeting").GetString());
        Assert.Equal("Utilisateur " + s.Coordinator.Email[..9], v.GetProperty("validatedBy").GetString());
    }

    [Fact]
    public async Task Compare_MissingOrUnreadableParameter_Is400NamingIt_UnknownVersionStays404()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}/versions/compare";
        await factory.ValidateAsync(s.Api, s.Contract.Id, id);

        var none = await s.Api.GetAsync(url);
        var noTo = await s.Api.GetAsync($"{url}?from=1");
        var word = await s.Api.GetAsync($"{url}?from=un&to=1");
        var zero = await s.Api.GetAsync($"{url}?from=1&to=0");
        var unknown = await s.Api.GetAsync($"{url}?from=1&to=9");
        var same = await s.Api.GetAsync($"{url}?from=1&to=1");

        async Task<string[]> NamedAsync(HttpResponseMessage r)
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
        }
        Assert.Equal(["from", "to"], await NamedAsync(none));
        Assert.Equal(["to"], await NamedAsync(noTo));
        Assert.Contains("Paramètre to : indiquez le numéro de la version d'arrivée", await noTo.Content.ReadAsStringAsync());
        Assert.Equal(["from"], await NamedAsync(word));
        Assert.Contains("Paramètre from : « un » n'est pas un numéro de version", await word.Content.ReadAsStringAsync());
        Assert.Equal(["to"], await NamedAsync(zero));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Cette version du rapport n'existe pas", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Empty((await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task Presented_PublicPageAndPdf_ShowThePublicRenderingsFingerprint_MembersFindItInTheVersions()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        await factory.WithDb(async db => { (await db.Contracts.FindAsync(s.Contract.Id))!.IsPublished = true; return await db.SaveChangesAsync(); });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";
        await factory.ValidateAsync(s.Api, s.Contract.Id, id, present: true);

        var listed = (await s.Api.GetFromJsonAsync<JsonElement>($"{url}/versions"))[0].GetProperty("publicContentHash").GetString()!;
        var stored = await factory.WithDb(db => db.EvaluationReportVersions.Where(v => v.EvaluationId == id).Select(v => v.PublicContent).SingleAsync());
        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        var publicPage = PageClient.Parse(await anonymous.GetStringAsync(publicUrl));
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        var members = await (await PageClient.SignedInAsync(factory, s.Coordinator)).GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{id}/versions");

        Assert.Equal(EvaluationVersions.Sha256(stored), listed);
        Assert.Equal(listed, publicPage.QuerySelector("#empreinte code")?.TextContent);
        Assert.Contains("Empreinte SHA-256 de la version 1 publiée", pdf);
        Assert.Contains(listed, pdf.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains(listed, members.QuerySelector("#versions")!.TextContent);
    }

    private static async Task AssertPublicVersionOneAsync(HttpClient anonymous, string publicUrl, string secret)
    {
        var html = await anonymous.GetStringAsync(publicUrl);
        var text = PageClient.Parse(html).Body!.TextContent;
        Assert.Contains("Médiation de nuit", text);
        Assert.Contains("tous les objectifs atteints : 1 sur 1", text);
        Assert.DoesNotContain("Médiation nocturne", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        Assert.Contains("Médiation de nuit", pdf);
        Assert.Contains("présentée en plénière", pdf);
        Assert.DoesNotContain(secret, pdf, StringComparison.Ordinal);
    }
}
