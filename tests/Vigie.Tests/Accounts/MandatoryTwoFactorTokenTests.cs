using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Partners;
using Vigie.Tests.Tokens;
using Vigie.Web.Domain;

namespace Vigie.Tests.Accounts;

/// <summary>
/// Issue 9 finding 6: a user held on the 2FA set-up page can neither create a token nor use an existing one or a
/// calendar feed. Changes the shared app's 2FA policy, restored in finally (one collection runs serially).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MandatoryTwoFactorTokenTests(VigieFactory factory)
{
    [Fact]
    public async Task CoordinatorHeldOn2faSetup_HasNoApiTokenOrFeed_UntilEnabled()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var (_, plain) = await factory.StoredTokenAsync(coordinator);
        var feed = await factory.StoredFeedAsync(coordinator);
        var client = await PageClient.SignedInAsync(factory, coordinator);
        try
        {
            await factory.WithDb(async db =>
            {
                var rule = await db.TwoFactorRequirements.SingleOrDefaultAsync(r => r.Role == nameof(ContractRole.Coordinator));
                if (rule is null) db.TwoFactorRequirements.Add(new TwoFactorRequirement { Role = nameof(ContractRole.Coordinator), Required = true });
                else rule.Required = true;
                return await db.SaveChangesAsync();
            });

            var refused = await factory.Bearer(plain).GetAsync($"/api/v1/contracts/{contract.Id}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("double authentification est obligatoire", (await PartnerTestKit.JsonAsync(refused)).GetProperty("detail").GetString());
            Assert.NotEqual(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(feed)).StatusCode);

            var create = await client.CreateTokenOnPageAsync(coordinator, "Contournement");
            Assert.Equal(HttpStatusCode.OK, create.StatusCode);
            Assert.Contains("activez-la avant de créer un jeton", PageClient.Parse(await create.Content.ReadAsStringAsync()).Body!.TextContent);
            Assert.Equal(1, await factory.WithDb(db => db.AccessTokens.CountAsync(t => t.UserId == coordinator.Id)));

            await TwoFactorSteps.EnableAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await factory.Bearer(plain).GetAsync($"/api/v1/contracts/{contract.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(feed)).StatusCode);
        }
        finally
        {
            await factory.WithDb(db => db.TwoFactorRequirements.ExecuteUpdateAsync(s => s.SetProperty(r => r.Required, false)));
        }
    }
}
