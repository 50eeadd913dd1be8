using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Diagnostic;

/// <summary>
/// Who writes what (issue 12): a partner member writes only their organisation's contribution and never validates; a reader
/// reads and changes nothing; another contract's members get 404; the public page shows only the public parts of the
/// published version.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DiagnosticPermissionTests(VigieFactory factory)
{
    [Fact]
    public async Task Partner_WritesOnlyItsOwnContribution_AndCannotValidate()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var d = await s.DiagnosticAsync(id);
        var own = DiagnosticKit.Section(d, "PartnerContribution", s.LandlordOrg.Id);
        var other = DiagnosticKit.Section(d, "PartnerContribution", s.PoliceOrg.Id);
        var territory = DiagnosticKit.Section(d, "Territory");

        Assert.Equal(HttpStatusCode.NoContent, (await s.LandlordApi.WriteAsync(s, id, own, "Les halls d'immeuble de la résidence Nord sont occupés le soir.")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.WriteAsync(s, id, other, "Texte du bailleur dans la section de la police")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.WriteAsync(s, id, territory, "Texte du bailleur dans le territoire")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.LandlordApi.StatusAsync(s, id, own, "ToReview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.StatusAsync(s, id, own, "Validated")).StatusCode);

        var after = await s.DiagnosticAsync(id);
        var sections = after.GetProperty("sections").EnumerateArray().ToDictionary(x => x.GetProperty("id").GetGuid());
        Assert.Equal("ToReview", sections[own].GetProperty("status").GetString());
        Assert.Equal("Members", sections[own].GetProperty("visibility").GetString());
        Assert.Contains("résidence Nord", sections[own].GetProperty("body").GetString());
        Assert.Equal(JsonValueKindNull, sections[other].GetProperty("body").ValueKind);
        Assert.DoesNotContain("Texte du bailleur", sections[territory].GetProperty("body").GetString() ?? "");

        // The page: the partner opens their contribution, gets "access denied" on the police's.
        var pages = await PageClient.SignedInAsync(factory, s.Landlord);
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/sections/{own}")).StatusCode);
        Geography.AssertDenied(await pages.Http.GetAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/sections/{other}"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Reader_ReadsTheDiagnostic_AndChangesNothing()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var d = await s.DiagnosticAsync(id, s.ReaderApi);
        var conclusions = DiagnosticKit.Section(d, "Conclusions");

        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.WriteAsync(s, id, conclusions, "Conclusions du lecteur")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PostAsJsonAsync($"{s.Base}/diagnostics/{id}/findings", new { sectionId = conclusions, text = "Constat du lecteur" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PostAsync($"{s.Base}/diagnostics/{id}/versions", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PostAsJsonAsync($"{s.Base}/diagnostics", new { })).StatusCode);

        var pages = await PageClient.SignedInAsync(factory, s.Reader);
        var page = await pages.GetDocumentAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}");
        Assert.Contains("Conclusions", page.Body!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.TextContent.StartsWith("Rédiger", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("form[action*='handler=Freeze']"));
        Geography.AssertDenied(await pages.Http.GetAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/sections/{conclusions}"));
        var unchanged = await s.DiagnosticAsync(id);
        Assert.Empty(unchanged.GetProperty("findings").EnumerateArray());
        Assert.Empty(unchanged.GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task AnotherContractsMember_Gets404_EvenThroughTheirOwnContractsRoute()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var section = DiagnosticKit.Section(await s.DiagnosticAsync(id), "Conclusions");
        var theirs = await factory.WithDb(db => Task.FromResult(db.Memberships.Where(m => m.UserId == s.Outsider.Id).Select(m => m.ContractId).Single()));

        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync($"{s.Base}/diagnostics/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync($"{s.Base}/diagnostics")).StatusCode);
        // Their own contract's route with this diagnostic's ids: not found either (scoped by contract in the query).
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.GetAsync($"/api/v1/contracts/{theirs}/diagnostics/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.PutAsJsonAsync($"/api/v1/contracts/{theirs}/diagnostics/{id}/sections/{section}", new { body = "intrus" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.OutsiderApi.PostAsync($"/api/v1/contracts/{theirs}/diagnostics/{id}/versions", null)).StatusCode);
        var pages = await PageClient.SignedInAsync(factory, s.Outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/contrats/{theirs}/diagnostic/{id}")).StatusCode);
    }

    [Fact]
    public async Task PublicPage_ShowsOnlyThePublicPartsOfThePublishedValidatedVersion()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var d = await s.DiagnosticAsync(id);
        var territory = DiagnosticKit.Section(d, "Territory");
        var contribution = DiagnosticKit.Section(d, "PartnerContribution", s.LandlordOrg.Id);
        var prevention = DiagnosticKit.Section(d, "Axis");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.WriteAsync(s, id, territory, "Texte public PUBLICMARK du territoire.")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.LandlordApi.WriteAsync(s, id, contribution, "Contribution confidentielle PARTNERSECRET du bailleur.")).StatusCode);
        await s.LandlordApi.CreateAsyncOk($"{s.Base}/diagnostics/{id}/findings", new { sectionId = contribution, axis = "Prevention", text = "Constat confidentiel FINDINGSECRET" });
        await s.CoordinatorApi.CreateAsyncOk($"{s.Base}/diagnostics/{id}/findings", new { sectionId = prevention, text = "Constat public FINDINGPUBLIC" });
        await s.CoordinatorApi.CreateAsyncOk($"{s.Base}/diagnostics/{id}/sources", new { kind = "Interview", title = "Entretien avec Mme INTERVIEWNAME", date = "2002-03-04" });

        // A version frozen before validation cannot be published.
        var draftVersion = await s.FreezeAsync(id);
        Assert.False(draftVersion.GetProperty("isValidated").GetBoolean());
        var refused = await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/diagnostics/{id}/publication", new { version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("version", await refused.Content.ReadAsStringAsync());

        await s.ValidateAllAsync(id);
        var v2 = await s.FreezeAsync(id);
        Assert.True(v2.GetProperty("isValidated").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/diagnostics/{id}/publication", new { version = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.WriteAsync(s, id, territory, "Texte modifié LATEREDIT après publication.")).StatusCode);

        var anonymous = PageClient.Create(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/public/contrats/{s.Contract.Id}/diagnostic")).StatusCode); // contract not published
        await factory.PublishContractAsync(s.Contract.Id);
        var text = (await anonymous.GetDocumentAsync($"/public/contrats/{s.Contract.Id}/diagnostic")).Body!.TextContent;
        Assert.Contains("PUBLICMARK", text);
        Assert.Contains("FINDINGPUBLIC", text);
        Assert.Contains(v2.GetProperty("sha256").GetString()!, text);
        foreach (var hidden in new[] { "PARTNERSECRET", "FINDINGSECRET", "INTERVIEWNAME", "LATEREDIT" })
            Assert.DoesNotContain(hidden, text);
        Assert.Contains("1 entretien(s)", text);

        var pdf = await anonymous.Http.GetAsync($"/public/contrats/{s.Contract.Id}/diagnostic?handler=Pdf&diagnosticId={id}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var pdfText = await PdfText.FlatAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("PUBLICMARK", pdfText);
        Assert.DoesNotContain("PARTNERSECRET", pdfText);
        Assert.DoesNotContain("FINDINGSECRET", pdfText);

        // Members read the whole version, partner contribution included.
        var members = await (await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/versions/2")).Content.ReadAsStringAsync();
        Assert.Contains("PARTNERSECRET", members);
    }
}
