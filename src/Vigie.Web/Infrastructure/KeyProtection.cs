using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Vigie.Web.Infrastructure;

/// <summary>Where the certificate that encrypts the data-protection keys at rest lives (docs/key-management.md).</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";
    /// <summary>PFX (PKCS#12) holding the certificate and its private key, outside the database and its backups.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
    /// <summary>Older certificates, separated by ';', still needed to read keys they encrypted (rotation).</summary>
    public string? PreviousCertificatePaths { get; set; }
    public string? PreviousCertificatePassword { get; set; }
}

/// <summary>
/// The data-protection key ring (cookies, antiforgery, reset links) is stored in the database so that several
/// instances share it, and every key is encrypted there with a certificate kept outside the database: a database
/// backup alone does not let anyone forge a session cookie or a password-reset link.
/// </summary>
public static class KeyProtection
{
    /// <summary>Development and tests: generated on first run, beside the SQLite file.</summary>
    public const string DevelopmentCertificate = "data/keys/data-protection-dev.pfx";

    public static void AddVigieDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var o = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        var current = LoadCurrent(o, env);
        var previous = (o.PreviousCertificatePaths ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Load(Path.GetFullPath(p, env.ContentRootPath), o.PreviousCertificatePassword ?? o.CertificatePassword, "DataProtection:PreviousCertificatePaths"));
        services.AddDataProtection()
            .SetApplicationName("Vigie")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithCertificate(current)
            // Decryption looks only in the machine's certificate store unless the certificates are named here.
            .UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2 LoadCurrent(KeyProtectionOptions o, IHostEnvironment env)
    {
        if (!string.IsNullOrWhiteSpace(o.CertificatePath))
            return Load(Path.GetFullPath(o.CertificatePath, env.ContentRootPath), o.CertificatePassword, "DataProtection:CertificatePath");
        if (!env.IsDevelopment() && !env.IsEnvironment("Testing"))
            throw new InvalidOperationException(
                "DataProtection:CertificatePath is not set: in production the data-protection keys stored in the database must be " +
                "encrypted with a certificate kept outside the database. Create a PFX (see docs/key-management.md) and set " +
                "DataProtection:CertificatePath (and DataProtection:CertificatePassword) before starting Vigie.");
        var path = Path.Combine(env.ContentRootPath, DevelopmentCertificate);
        if (!File.Exists(path)) CreateSelfSignedPfx(path, password: null);
        return Load(path, null, "the development certificate");
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"The data-protection certificate named by {setting} was not found: {path}.");
        var cert = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        if (!cert.HasPrivateKey)
            throw new InvalidOperationException($"The data-protection certificate named by {setting} has no private key: {path}.");
        return cert;
    }

    /// <summary>
    /// Writes a self-signed RSA certificate with its private key as a PFX. Safe when several hosts start at once:
    /// the file appears atomically and the first one wins.
    /// </summary>
    public static void CreateSelfSignedPfx(string path, string? password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Vigie data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, cert.Export(X509ContentType.Pfx, password));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(temp, path, overwrite: false); }
        catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
    }
}
