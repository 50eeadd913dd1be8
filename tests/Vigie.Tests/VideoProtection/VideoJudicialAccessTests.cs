using System.Net;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// The judicial and personal entries of the register (requisitions, extractions, access requests, referrals) are read by
/// the contract's coordinators by membership — not by a platform administrator as such (docs/security.md).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoJudicialAccessTests(VigieFactory factory)
{
    [Fact]
    public async Task AnAdministratorNotMember_IsRefusedTheRegisterOfExtractions_AndReadsNoReferralSubject()
    {
        var s = await factory.VideoSetupAsync();
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/access-requests", new
        {
            reference = "DA-ADMIN-SECRET", receivedOn = TestDates.Today, identityChecked = true, slotFrom = DateTimeOffset.UtcNow.AddDays(-2),
            slotTo = DateTimeOffset.UtcNow.AddDays(-2).AddHours(1), @object = "Visionnage",
        });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/referrals", new { reference = "SC-1", receivedOn = TestDates.Today, subject = "Saisine-Objet-Secret" });
        var page = $"/contrats/{s.Contract.Id}/videoprotection";

        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        Assert.Contains("DA-ADMIN-SECRET", await coordinator.Http.GetStringAsync(page + "/registre"), StringComparison.Ordinal);
        Assert.Contains("Saisine-Objet-Secret", await coordinator.Http.GetStringAsync(page + "/suivi"), StringComparison.Ordinal);

        var admin = await PageClient.SignedInAsync(factory, await factory.AdminAsync());
        var refused = await admin.Http.GetAsync(page + "/registre");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/compte/acces-refuse", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var followup = await admin.Http.GetAsync(page + "/suivi");
        Assert.Equal(HttpStatusCode.OK, followup.StatusCode); // the page itself, not a redirect that would hold nothing anyway
        var text = await followup.Content.ReadAsStringAsync();
        Assert.DoesNotContain("DA-ADMIN-SECRET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Saisine-Objet-Secret", text, StringComparison.Ordinal);

        // The API answers as the page: refused, not a 200 with empty lists.
        var adminApi = await factory.ApiClientAsync(await factory.AdminAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await adminApi.GetAsync($"{s.Base}/judicial-register")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.CoordinatorApi.GetAsync($"{s.Base}/judicial-register")).StatusCode);
    }
}
