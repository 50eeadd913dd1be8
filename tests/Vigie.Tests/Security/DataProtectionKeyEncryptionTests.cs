using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>Issue 9 finding 10: the key ring is stored encrypted with a certificate kept outside the database.</summary>
[Collection(AppCollection.Name)]
public sealed class DataProtectionKeyEncryptionTests(VigieFactory factory)
{
    [Fact]
    public async Task KeysInDatabase_HoldNoMasterKeyInClear()
    {
        // Any form needs an antiforgery token, hence a key.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/compte/connexion")).StatusCode);

        var xml = await factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(xml);
        Assert.All(xml, x =>
        {
            Assert.DoesNotContain("<masterKey", x);
            Assert.Contains("encryptedSecret", x);
            Assert.Contains("EncryptedData", x);
        });
    }

    [Fact]
    public async Task Production_WithoutCertificate_RefusesToStart()
    {
        var production = new VigieFactory { EnvironmentName = "Production" };
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(production.InitializeAsync);
            Assert.Contains("DataProtection:CertificatePath", Flatten(error));
        }
        finally
        {
            try { await ((IAsyncLifetime)production).DisposeAsync(); } catch (Exception) { } // the host never started: nothing to clean but the folder
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
