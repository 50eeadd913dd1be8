using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Accounts;

/// <summary>
/// Changes the platform-wide 2FA policy of the shared app, so it restores it in a finally block
/// (tests of one collection run one after the other, so no other test sees the change).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MandatoryTwoFactorTests(VigieFactory factory)
{
    [Fact]
    public async Task CoordinatorRoleMandatory_CoordinatorWithout2fa_IsSentToSetupUntilEnabled()
    {
        var admin = await factory.AdminAsync();
        var coordinator = await factory.UserAsync();
        var reader = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (reader, ContractRole.Reader));
        var adminClient = await PageClient.SignedInAsync(factory, admin);
        try
        {
            var saved = await adminClient.PostFormAsync("/admin/securite", new() { ["Required"] = nameof(ContractRole.Coordinator) });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.True(await factory.WithDb(db => db.TwoFactorRequirements.AnyAsync(r => r.Role == "Coordinator" && r.Required)));
            Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.TwoFactorPolicyChanged && e.UserId == admin.Id)));
            var policyPage = await adminClient.GetDocumentAsync("/admin/securite");
            Assert.True(policyPage.QuerySelector("input[value=Coordinator]")!.HasAttribute("checked"));
            Assert.False(policyPage.QuerySelector("input[value=Reader]")!.HasAttribute("checked"));

            var client = await PageClient.SignedInAsync(factory, coordinator);
            foreach (var url in new[] { "/", $"/contrats/{contract.Id}" })
            {
                var blocked = await client.Http.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
                Assert.Equal("/compte/double-authentification?obligatoire=1", blocked.Headers.Location!.OriginalString);
            }
            var setup = await client.GetDocumentAsync("/compte/double-authentification?obligatoire=1");
            Assert.Contains("Un administrateur a rendu la double authentification obligatoire pour l'un de vos rôles", setup.QuerySelector(".fr-alert--warning")?.TextContent);

            // A reader of the same contract is not concerned.
            var readerClient = await PageClient.SignedInAsync(factory, reader);
            Assert.Equal(HttpStatusCode.OK, (await readerClient.Http.GetAsync("/")).StatusCode);

            await TwoFactorSteps.EnableAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);

            // Mandatory means it cannot be switched off by the user.
            var disable = await client.PostFormAsync(TwoFactorSteps.SetupUrl + "?handler=Disable", new() { ["Input.CurrentPassword"] = coordinator.Password }, TwoFactorSteps.SetupUrl);
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
            Assert.Contains("vous ne pouvez pas la désactiver", PageClient.Parse(await disable.Content.ReadAsStringAsync()).Body!.TextContent);
            Assert.True(await factory.WithDb(db => db.Users.Where(u => u.Id == coordinator.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        }
        finally
        {
            await factory.WithDb(db => db.TwoFactorRequirements.ExecuteUpdateAsync(s => s.SetProperty(r => r.Required, false)));
        }
    }

    [Fact]
    public async Task SecurityPage_NonAdmin_IsDenied()
    {
        var user = await factory.UserAsync();
        var client = await PageClient.SignedInAsync(factory, user);
        var response = await client.Http.GetAsync("/admin/securite");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/compte/acces-refuse", response.Headers.Location!.AbsolutePath);
    }
}
