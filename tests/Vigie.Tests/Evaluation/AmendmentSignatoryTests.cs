using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Contracts;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Contracts;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15: an avenant's signatures — scanned copies downloadable and attachable through the API, dates checked, a
/// non-signatory refused in French for a partner member too — and the signatories an avenant adds, removes or changes,
/// applied at enactment and shown in its diff; outside an avenant a signed contract's signatory keeps its institution.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AmendmentSignatoryTests(VigieFactory factory)
{
    /// <summary>Lille's contract with two signatories (the lead, then a second institution) and a drafted avenant.</summary>
    private async Task<(EvaluationSetup Lille, Guid First, Guid Second, Organisation SecondOrg, Guid Amendment)> DraftAsync(object? extra = null)
    {
        var lille = await factory.EvaluatedContractAsync();
        var secondOrg = await factory.OrganisationAsync(TestData.Unique("Préfecture"), PartnerType.Prefecture);
        var second = await factory.WithDb(async db =>
        {
            var sg = new Signatory { ContractId = lille.Contract.Id, OrganisationId = secondOrg.Id, RepresentativeName = "Dominique Petit", SignedOn = new DateOnly(2005, 1, 12), Order = 2 };
            db.Signatories.Add(sg);
            await db.SaveChangesAsync();
            return sg.Id;
        });
        var first = await factory.WithDb(db => db.Signatories.Where(x => x.ContractId == lille.Contract.Id && x.Order == 1).Select(x => x.Id).SingleAsync());
        // Through the API once, so that the contract's history holds a version with both signatories.
        Assert.Equal(HttpStatusCode.NoContent, (await lille.Api.PutAsJsonAsync($"{lille.Base}/signatories/{second}",
            new { organisationId = secondOrg.Id, representativeName = "Dominique Petit", signedOn = "2005-01-12" })).StatusCode);
        var created = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", extra ?? new
        {
            title = "Avenant", effectiveDate = "2006-01-01", description = "Prolonge le contrat.", newEndDate = "2009-12-31", draft = true,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var amendment = await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == lille.Contract.Id).Select(a => a.Id).SingleAsync());
        return (lille, first, second, secondOrg, amendment);
    }

    [Fact]
    public async Task SignedCopyApi_ReaderIsRefusedBeforeTheFormIsChecked_AnOutsiderFindsNothing()
    {
        var (lille, _, second, _, amendment) = await DraftAsync();
        var reader = await factory.UserAsync();
        var outsider = await factory.UserAsync();
        await factory.WithDb(db =>
        {
            db.Memberships.Add(new ContractMembership { ContractId = lille.Contract.Id, UserId = reader.Id, Role = ContractRole.Reader });
            return db.SaveChangesAsync();
        });
        var url = $"{lille.Base}/amendments/{amendment}/signed-copies";
        // No file: the coordinator's missing-file 400 must not be what a reader learns; the role is checked first.
        using (var form = new MultipartFormDataContent { { new StringContent(second.ToString()), "signatoryId" }, { new StringContent("2006-01-06"), "signedOn" } })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.ApiClientAsync(reader)).PostAsync(url, form)).StatusCode);
        using (var form = new MultipartFormDataContent { { new StringContent(second.ToString()), "signatoryId" }, { new StringContent("2006-01-06"), "signedOn" } })
            Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ApiClientAsync(outsider)).PostAsync(url, form)).StatusCode);
        Assert.False(await factory.WithDb(db => db.AmendmentSignatures.AnyAsync(x => x.AmendmentId == amendment)));
    }

    [Fact]
    public async Task SignWithScannedCopy_ThroughPageAndApi_CopiesDownloadAsPdf()
    {
        var (lille, first, second, _, amendment) = await DraftAsync();
        var client = await PageClient.SignedInAsync(factory, lille.Coordinator);
        var url = $"/contrats/{lille.Contract.Id}/avenants/{amendment}";
        using (var form = new MultipartFormDataContent
        {
            { new StringContent(first.ToString()), "Input.SignatoryId" },
            { new StringContent("2006-01-05"), "Input.SignedOn" },
            { new ByteArrayContent(ContractTestSupport.Pdf("signature mairie")), "Document", "avenant-signe-mairie.pdf" },
        })
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostMultipartAsync(url + "?handler=Sign", form, url)).StatusCode);

        // The API takes the scanned copy too (multipart), and refuses a missing file in French.
        using (var missing = new MultipartFormDataContent { { new StringContent(second.ToString()), "signatoryId" }, { new StringContent("2006-01-06"), "signedOn" } })
        {
            var refused = await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/signed-copies", missing);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("exemplaire signé", await refused.Content.ReadAsStringAsync());
        }
        using (var api = new MultipartFormDataContent { { new StringContent(second.ToString()), "signatoryId" }, { new StringContent("2006-01-06"), "signedOn" } })
        {
            var file = new ByteArrayContent(ContractTestSupport.Pdf("signature préfecture"));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            api.Add(file, "file", "avenant-signe-prefecture.pdf");
            var signed = await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/signed-copies", api);
            Assert.True(signed.StatusCode == HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        }

        var page = await client.GetDocumentAsync(url);
        var links = page.QuerySelectorAll("a").Where(a => a.TextContent.Trim() == "exemplaire signé").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);
        foreach (var link in links)
        {
            var download = await client.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        }
        // Another contract's member does not get the copy through their own contract.
        var stranger = await factory.EvaluatedContractAsync();
        var strangerClient = await PageClient.SignedInAsync(factory, stranger.Coordinator);
        var fileId = links[0].Split('/').Last();
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.Http.GetAsync($"/contrats/{stranger.Contract.Id}/fichiers/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task Sign_DateBeforeTheContractOrInTheFuture_AndPartnerNamingANonSignatory_RefusedInFrench()
    {
        var (lille, first, _, _, amendment) = await DraftAsync();
        var signatures = $"{lille.Base}/amendments/{amendment}/signatures";

        var early = await lille.Api.PostAsJsonAsync(signatures, new { signatoryId = first, signedOn = "2004-06-01" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("ne peut pas précéder la signature du contrat", await early.Content.ReadAsStringAsync());
        var future = await lille.Api.PostAsJsonAsync(signatures, new { signatoryId = first, signedOn = TestDates.Today.AddDays(3).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("dans le futur", await future.Content.ReadAsStringAsync());

        var partner = await factory.UserAsync(lille.Lead.Id);
        await factory.WithDb(async db =>
        {
            db.Memberships.Add(new ContractMembership { ContractId = lille.Contract.Id, UserId = partner.Id, Role = ContractRole.PartnerMember });
            return await db.SaveChangesAsync();
        });
        var partnerApi = await factory.ApiClientAsync(partner);
        var outsider = await factory.WithDb(db => db.Signatories.Where(s => s.ContractId != lille.Contract.Id).Select(s => s.Id).FirstAsync());
        var notSignatory = await partnerApi.PostAsJsonAsync(signatures, new { signatoryId = outsider, signedOn = "2006-01-05" });
        Assert.Equal(HttpStatusCode.BadRequest, notSignatory.StatusCode);
        Assert.Contains(AmendmentWorkflow.NotASignatory, await notSignatory.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDb(db => db.AmendmentSignatures.CountAsync(s => s.AmendmentId == amendment)));
        // Their own institution's signature, at a sound date, goes through.
        Assert.Equal(HttpStatusCode.Created, (await partnerApi.PostAsJsonAsync(signatures, new { signatoryId = first, signedOn = "2006-01-05" })).StatusCode);
    }

    [Fact]
    public async Task Avenant_AddsRemovesAndChangesSignatories_AppliedAtEnactment_ShownInDiff()
    {
        var joining = await factory.OrganisationAsync(TestData.Unique("Conseil départemental"), PartnerType.ConseilDepartemental);
        // On a contract with two signatories: the département joins, the préfecture leaves, the mairie's representative changes.
        var (lille, first, second, secondOrg, _) = await DraftAsync();
        var created = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Avenant signataires", effectiveDate = "2006-03-01", description = "Le département rejoint le contrat ; la préfecture le quitte.", draft = true,
            addedSignatoryOrganisationId = joining.Id, addedSignatoryName = "Alex Durand", addedSignatoryPosition = "Président du conseil départemental",
            removedSignatoryIds = new[] { second }, changedSignatoryId = first, changedSignatoryName = "Sacha Leroy", changedSignatoryPosition = "Maire",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var amendment = await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == lille.Contract.Id && a.Number == 2).Select(a => a.Id).SingleAsync());

        var draft = await lille.Api.GetFromJsonAsync<JsonElement>($"{lille.Base}/amendments/{amendment}");
        var proposed = draft.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("after").GetString())).ToList();
        Assert.Contains(("Signataire ajouté", $"{joining.Name} — Alex Durand, Président du conseil départemental"), proposed);
        Assert.Contains(proposed, c => c.Item1 == "Signataire retiré");
        Assert.Contains(proposed, c => c.Item1 == "Signataire modifié" && c.Item2!.Contains("Sacha Leroy"));
        Assert.Equal(2, await factory.WithDb(db => db.Signatories.CountAsync(s => s.ContractId == lille.Contract.Id)));

        foreach (var (who, on) in new[] { (first, "2006-02-01"), (second, "2006-02-02") })
            Assert.Equal(HttpStatusCode.Created, (await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments/{amendment}/signatures", new { signatoryId = who, signedOn = on })).StatusCode);
        var enacted = await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/enactment", null);
        Assert.True(enacted.StatusCode == HttpStatusCode.NoContent, await enacted.Content.ReadAsStringAsync());

        var signatories = await factory.WithDb(db => db.Signatories.AsNoTracking().Where(s => s.ContractId == lille.Contract.Id).ToListAsync());
        Assert.DoesNotContain(signatories, s => s.OrganisationId == secondOrg.Id);
        Assert.Equal("Sacha Leroy", signatories.Single(s => s.Id == first).RepresentativeName);
        var added = signatories.Single(s => s.OrganisationId == joining.Id);
        // It signs the contract with the avenant: its last signature (02/02/2006), before the effective date.
        Assert.Equal(("Alex Durand", new DateOnly(2006, 2, 2)), (added.RepresentativeName, added.SignedOn));
        var inForce = await lille.Api.GetFromJsonAsync<JsonElement>($"{lille.Base}/amendments/{amendment}");
        var fields = inForce.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Contains("Signataire ajouté", fields);
        Assert.Contains("Signataire retiré", fields);
        Assert.Contains("Signataire modifié", fields);
    }

    [Fact]
    public async Task Avenant_SignatoryChangesThatDoNotHold_RefusedInFrench()
    {
        var (lille, first, second, secondOrg, _) = await DraftAsync();
        var refused = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Avenant", effectiveDate = "2006-03-01", description = "d", draft = true,
            addedSignatoryOrganisationId = secondOrg.Id, addedSignatoryName = "Autre", removedSignatoryIds = new[] { Guid.NewGuid() }, changedSignatoryId = first,
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("déjà signataire du contrat", body);
        Assert.Contains("n'est pas signataire du contrat", body);
        Assert.Contains("nouveau représentant", body);
        var all = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Avenant", effectiveDate = "2006-03-01", description = "d", draft = true, removedSignatoryIds = new[] { first, second },
        });
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Contains("au moins un signataire", await all.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDb(db => db.Amendments.CountAsync(a => a.ContractId == lille.Contract.Id)));
    }

    [Fact]
    public async Task SignedContract_SignatoryInstitutionChangeOutsideAnAvenant_RefusedInFrench()
    {
        var s = await factory.EvaluatedContractAsync();
        var signatory = await factory.WithDb(db => db.Signatories.Where(x => x.ContractId == s.Contract.Id).Select(x => x.Id).SingleAsync());
        var other = await factory.OrganisationAsync();

        var refused = await s.Api.PutAsJsonAsync($"{s.Base}/signatories/{signatory}", new { organisationId = other.Id, representativeName = "Camille Martin", signedOn = "2005-01-10" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ne change que par un avenant", await refused.Content.ReadAsStringAsync());
        Assert.Equal(s.Lead.Id, await factory.WithDb(db => db.Signatories.Where(x => x.Id == signatory).Select(x => x.OrganisationId).SingleAsync()));
        // Correcting the representative of the same institution stays possible.
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PutAsJsonAsync($"{s.Base}/signatories/{signatory}",
            new { organisationId = s.Lead.Id, representativeName = "Camille Martin-Roux", signedOn = "2005-01-10" })).StatusCode);
    }
}
