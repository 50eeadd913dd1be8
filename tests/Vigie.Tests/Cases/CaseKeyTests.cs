using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Cases;

namespace Vigie.Tests.Cases;

/// <summary>The sheets' key is checked at start-up (ADR 0010): production needs one; a bad file stops the start naming the setting.</summary>
public sealed class CaseKeyTests
{
    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private static VigieFactory Production()
    {
        var production = new VigieFactory { EnvironmentName = "Production" };
        var pfx = Path.Combine(Path.GetTempPath(), $"vigie-dp-{Guid.NewGuid():N}.pfx");
        Vigie.Web.Infrastructure.KeyProtection.CreateSelfSignedPfx(pfx, "mot-de-passe-du-pfx");
        production.Settings["DataProtection:CertificatePath"] = pfx;
        production.Settings["DataProtection:CertificatePassword"] = "mot-de-passe-du-pfx";
        production.Settings["App:PublicBaseUrl"] = "https://vigie.example.test";
        return production;
    }

    [Fact]
    public void Production_WithoutKeyFile_RefusesToStart()
    {
        using var production = Production();
        var error = Assert.ThrowsAny<Exception>(() => production.Services);
        Assert.Contains("Cases:EncryptionKeyFile is not set", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFileOfTheWrongLength_RefusesToStart_AndAGoodOneEncryptsWithItsKeyId()
    {
        using var production = Production();
        var bad = Path.Combine(Path.GetTempPath(), $"vigie-cases-{Guid.NewGuid():N}.key");
        File.WriteAllText(bad, Convert.ToBase64String(new byte[16]));
        production.Settings["Cases:EncryptionKeyFile"] = bad;
        var error = Assert.ThrowsAny<Exception>(() => production.Services);
        Assert.Contains("must hold 32 bytes", Flatten(error), StringComparison.Ordinal);

        // A good key: values round-trip, are bound to their sheet and field, and name the key.
        using var testing = new VigieFactory();
        var good = Path.Combine(Path.GetTempPath(), $"vigie-cases-{Guid.NewGuid():N}.key");
        CaseCipher.CreateKeyFile(good);
        testing.Settings["Cases:EncryptionKeyFile"] = good;
        var cipher = testing.Services.GetRequiredService<CaseCipher>();
        var sheet = Guid.NewGuid();
        var stored = cipher.Encrypt("Durand", sheet, "identity");
        Assert.StartsWith($"v1.{cipher.KeyId}.", stored, StringComparison.Ordinal);
        Assert.Equal("Durand", cipher.Decrypt(stored, sheet, "identity"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Decrypt(stored, Guid.NewGuid(), "identity"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Decrypt(stored, sheet, "contact"));
        Assert.Equal(cipher.DuplicateKey("Éloïse", "Dupont-Martin", new DateOnly(2010, 5, 1)), cipher.DuplicateKey("eloise ", "dupont martin", new DateOnly(2010, 5, 1)));
    }
}
