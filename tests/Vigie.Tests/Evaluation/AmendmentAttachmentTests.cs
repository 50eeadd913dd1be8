using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Contracts;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 7: attaching a commune's contract (Lomme) to another (Lille) by avenant is checked again when the avenant is
/// put in force — the target may have been attached elsewhere meanwhile, or the attachment would make a cycle — with a
/// French refusal and nothing applied; the diff of an avenant names each signatory added, removed or changed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AmendmentAttachmentTests(VigieFactory factory)
{
    private async Task<Guid> DraftAttachingAsync(EvaluationSetup lille, Guid lomme)
    {
        var created = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Rattachement de Lomme", effectiveDate = "2006-01-01", description = "Rattache le CLS de Lomme.", newEndDate = "2009-12-31",
            attachesContractId = lomme, draft = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var signatory = await factory.WithDb(db => db.Signatories.Where(x => x.ContractId == lille.Contract.Id).Select(x => x.Id).SingleAsync());
        var amendment = await factory.WithDb(db => db.Amendments.Where(a => a.ContractId == lille.Contract.Id).Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments/{amendment}/signatures", new { signatoryId = signatory, signedOn = "2006-01-05" })).StatusCode);
        return amendment;
    }

    private async Task AssertNothingAppliedAsync(EvaluationSetup lille, Guid amendment)
    {
        Assert.Equal(new DateOnly(2008, 12, 31), await factory.WithDb(db => db.Contracts.Where(c => c.Id == lille.Contract.Id).Select(c => c.EndDate).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.Amendments.Where(a => a.Id == amendment).Select(a => a.IsDraft).SingleAsync()));
    }

    [Fact]
    public async Task Enactment_RefusesATargetAttachedElsewhereMeanwhile()
    {
        var lille = await factory.EvaluatedContractAsync();
        var lomme = await factory.ContractAsync((lille.Coordinator, ContractRole.Coordinator));
        var roubaix = await factory.ContractAsync((lille.Coordinator, ContractRole.Coordinator));
        var amendment = await DraftAttachingAsync(lille, lomme.Id);

        // Meanwhile another avenant attached Lomme to Roubaix.
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == lomme.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AmendsContractId, roubaix.Id)));
        var refused = await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/enactment", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("déjà rattaché à un autre contrat", await refused.Content.ReadAsStringAsync());
        await AssertNothingAppliedAsync(lille, amendment);
        Assert.Equal(roubaix.Id, await factory.WithDb(db => db.Contracts.Where(c => c.Id == lomme.Id).Select(c => c.AmendsContractId).SingleAsync()));

        // Once Lomme is free again, the same avenant goes in force and attaches it.
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == lomme.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AmendsContractId, (Guid?)null)));
        Assert.Equal(HttpStatusCode.NoContent, (await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/enactment", null)).StatusCode);
        Assert.Equal(lille.Contract.Id, await factory.WithDb(db => db.Contracts.Where(c => c.Id == lomme.Id).Select(c => c.AmendsContractId).SingleAsync()));
    }

    [Fact]
    public async Task Attachment_ThatMakesACycle_IsRefusedWhenDraftedAndWhenEnacted()
    {
        var lille = await factory.EvaluatedContractAsync();
        var lomme = await factory.ContractAsync((lille.Coordinator, ContractRole.Coordinator));
        var amendment = await DraftAttachingAsync(lille, lomme.Id);

        // Meanwhile Lille itself was attached to Lomme: attaching Lomme to Lille would loop.
        await factory.WithDb(db => db.Contracts.Where(c => c.Id == lille.Contract.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AmendsContractId, lomme.Id)));
        var refused = await lille.Api.PostAsync($"{lille.Base}/amendments/{amendment}/enactment", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("formerait une boucle", await refused.Content.ReadAsStringAsync());
        await AssertNothingAppliedAsync(lille, amendment);
        Assert.Null(await factory.WithDb(db => db.Contracts.Where(c => c.Id == lomme.Id).Select(c => c.AmendsContractId).SingleAsync()));

        var drafted = await lille.Api.PostAsJsonAsync($"{lille.Base}/amendments", new
        {
            title = "Second rattachement", effectiveDate = "2006-02-01", description = "Rattache encore Lomme.", attachesContractId = lomme.Id, draft = true,
        });
        Assert.Equal(HttpStatusCode.BadRequest, drafted.StatusCode);
        Assert.Contains("formerait une boucle", await drafted.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDb(db => db.Amendments.CountAsync(a => a.ContractId == lille.Contract.Id)));
    }

    [Fact]
    public void SignatoryChanges_NameEachSignatoryAddedRemovedOrChanged()
    {
        var changes = AmendmentWorkflow.SignatoryChanges(
            ["Ville de Lille — Martine Aubry (signé le 10/01/2005)", "Préfecture du Nord — Jean Préfet (signé le 10/01/2005)"],
            ["Ville de Lille — Martine Aubry, maire (signé le 10/01/2005)", "Ville de Lomme — Roger Vicot (non signé)"]).ToList();
        Assert.Equal(3, changes.Count);
        Assert.Contains(changes, c => c.Field == "Signataire modifié" && c.After.Contains("maire", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Field == "Signataire ajouté" && c.After.StartsWith("Ville de Lomme", StringComparison.Ordinal) && c.Before == "—");
        Assert.Contains(changes, c => c.Field == "Signataire retiré" && c.Before.StartsWith("Préfecture du Nord", StringComparison.Ordinal) && c.After == "—");
        Assert.Empty(AmendmentWorkflow.SignatoryChanges(["Ville de Lille — Martine Aubry (signé le 10/01/2005)"], ["Ville de Lille — Martine Aubry (signé le 10/01/2005)"]));
    }
}
