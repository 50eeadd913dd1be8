using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Review of issue 15's avenant signatories: a JSON null list reads as none; an institution cannot be removed and re-added
/// by the same avenant; "at least one signatory stays" holds again at enactment; an institution joining by avenant signs at
/// a past date (the avenant's last signature), and later avenants stay signable from the contract's own signature.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AmendmentSignatoryRulesTests(VigieFactory factory)
{
    /// <summary>Lille's contract with two signatories: the lead (signed 10/01/2005), then a préfecture (12/01/2005).</summary>
    private async Task<(EvaluationSetup Lille, Guid First, Guid Second, Organisation SecondOrg)> TwoSignatoriesAsync()
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
        return (lille, first, second, secondOrg);
    }

    private async Task<Guid> DraftAsync(EvaluationSetup lille, object input)
    {
        var created = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", input);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == lille.Contract.Id).OrderByDescending(a => a.Number).Select(a => a.Id).FirstAsync());
    }

    private static async Task SignAsync(EvaluationSetup lille, Guid amendment, Guid signatory, string on)
    {
        var signed = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments/{amendment}/signatures", new { signatoryId = signatory, signedOn = on });
        Assert.True(signed.StatusCode == HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Avenant_NullRemovedSignatoryList_ReadsAsNone()
    {
        var (lille, _, _, _) = await TwoSignatoriesAsync();

        var created = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Avenant", effectiveDate = "2006-01-01", description = "Prolonge le contrat.", newEndDate = "2009-12-31", draft = true, removedSignatoryIds = (Guid[]?)null,
        });

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Avenant_RemovingAndReAddingTheSameInstitution_RefusedInFrench()
    {
        var (lille, _, second, secondOrg) = await TwoSignatoriesAsync();

        var refused = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Avenant", effectiveDate = "2006-03-01", description = "d", draft = true,
            removedSignatoryIds = new[] { second }, addedSignatoryOrganisationId = secondOrg.Id, addedSignatoryName = "Claude Bernard",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("addedSignatoryOrganisationId", body);
        Assert.Contains("retirée par le même avenant", body);
        Assert.Equal(0, await factory.WithDb(db => db.Amendments.CountAsync(a => a.ContractId == lille.Contract.Id)));
    }

    [Fact]
    public async Task TwoAvenantsEachRemovingOneOfTwoSignatories_TheSecondRefusedAtEnactment()
    {
        var (lille, first, second, _) = await TwoSignatoriesAsync();
        var dropFirst = await DraftAsync(lille, new { title = "Avenant 1", effectiveDate = "2006-03-01", description = "d", draft = true, removedSignatoryIds = new[] { first } });
        var dropSecond = await DraftAsync(lille, new { title = "Avenant 2", effectiveDate = "2006-04-01", description = "d", draft = true, removedSignatoryIds = new[] { second } });
        await SignAsync(lille, dropFirst, first, "2006-02-01");
        await SignAsync(lille, dropFirst, second, "2006-02-02");
        Assert.Equal(HttpStatusCode.NoContent, (await lille.Api.PostAsync($"{lille.Base}/amendments/{dropFirst}/enactment", null)).StatusCode);
        await SignAsync(lille, dropSecond, second, "2006-03-02");

        var refused = await lille.Api.PostAsync($"{lille.Base}/amendments/{dropSecond}/enactment", null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("au moins un signataire", await refused.Content.ReadAsStringAsync());
        Assert.Equal([second], await factory.WithDb(db => db.Signatories.Where(s => s.ContractId == lille.Contract.Id).Select(s => s.Id).ToListAsync()));
        Assert.True(await factory.WithDb(db => db.Amendments.Where(a => a.Id == dropSecond).Select(a => a.IsDraft).SingleAsync()));
    }

    [Fact]
    public async Task InstitutionJoiningByAvenantWithAFutureEffectiveDate_SignsAtTheAvenantsSignature_LaterAvenantsStaySignable()
    {
        var (lille, first, second, _) = await TwoSignatoriesAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == lille.Contract.Id)).EndDate = TestDates.Today.AddYears(2);
            return await db.SaveChangesAsync();
        });
        var joining = await factory.OrganisationAsync(TestData.Unique("Conseil départemental"), PartnerType.ConseilDepartemental);
        var effective = TestDates.Today.AddMonths(3);
        var join = await DraftAsync(lille, new
        {
            title = "Avenant", effectiveDate = effective.ToString("yyyy-MM-dd"), description = "Le département rejoint le contrat.", draft = true,
            addedSignatoryOrganisationId = joining.Id, addedSignatoryName = "Alex Durand",
        });
        await SignAsync(lille, join, first, "2006-02-01");
        await SignAsync(lille, join, second, "2006-02-02");
        Assert.Equal(HttpStatusCode.NoContent, (await lille.Api.PostAsync($"{lille.Base}/amendments/{join}/enactment", null)).StatusCode);

        var added = await factory.WithDb(db => db.Signatories.AsNoTracking().SingleAsync(s => s.ContractId == lille.Contract.Id && s.OrganisationId == joining.Id));
        Assert.Equal(new DateOnly(2006, 2, 2), added.SignedOn);
        // Its representative can be corrected (its date is not in the future).
        var corrected = await lille.Api.PutAsJsonAsync($"{lille.Base}/signatories/{added.Id}",
            new { organisationId = joining.Id, representativeName = "Alex Durand-Moreau", signedOn = "2006-02-02" });
        Assert.True(corrected.StatusCode == HttpStatusCode.NoContent, await corrected.Content.ReadAsStringAsync());
        // A later avenant is signed at any date since the contract's own signature (12/01/2005).
        var next = await DraftAsync(lille, new { title = "Avenant suivant", effectiveDate = "2006-06-01", description = "d", draft = true });
        await SignAsync(lille, next, first, "2006-01-20");
    }
}
