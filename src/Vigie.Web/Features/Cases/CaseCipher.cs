using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Cases;

/// <summary>Where the key encrypting the follow-up sheets lives (docs/key-management.md): a file outside the database.</summary>
public sealed class CasesOptions
{
    public const string Section = "Cases";
    /// <summary>File holding 32 random bytes in Base64; required in production. Relative paths are from the application folder.</summary>
    public string? EncryptionKeyFile { get; set; }
    /// <summary>Older key files, ';'-separated, still read during a rotation (never used to encrypt).</summary>
    public string? PreviousKeyFiles { get; set; }

    /// <summary>Rule A9: two-factor authentication required to open a group's content (pages and API). On by default.</summary>
    public bool RequireTwoFactor { get; set; } = true;
    /// <summary>Rule A9: minutes without a request to the follow-up area after which a browser session must sign in again (1–120; 15).</summary>
    public int IdleMinutes { get; set; } = 15;

    /// <summary>Development and tests: generated on first start beside the SQLite file.</summary>
    public const string DevelopmentKeyFile = "data/keys/cases-dev.key";
}

/// <summary>
/// Encryption at rest of the follow-up sheets' identity, contact details and free texts (AES-256-GCM, a random
/// 96-bit nonce per value, the sheet id and field name as associated data so a ciphertext cannot be moved to another
/// sheet or field), and the keyed hash (HMAC-SHA-256) of the duplicate check. The key is read from a file named by
/// <c>Cases:EncryptionKeyFile</c>, never from the database: a copy of the database alone reveals no name.
/// Stored form: <c>v1.&lt;key id&gt;.&lt;Base64(nonce | ciphertext | tag)&gt;</c>; the key id names the key for rotation.
/// </summary>
public sealed class CaseCipher
{
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;
    private readonly string _keyId;
    private readonly Dictionary<string, byte[]> _readKeys = new(StringComparer.Ordinal);

    public CaseCipher(IOptions<CasesOptions> options, IHostEnvironment env) : this(LoadCurrent(options.Value, env),
        (options.Value.PreviousKeyFiles ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => Load(Path.GetFullPath(path, env.ContentRootPath), "Cases:PreviousKeyFiles")))
    {
    }

    private CaseCipher(byte[] master, IEnumerable<byte[]> previous)
    {
        (_keyId, _encryptionKey) = Derive(master);
        // The duplicate-check hash has a key of its own, derived from the master key (HKDF): rotating it means recomputing every hash.
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "vigie-cases-duplicate-hash"u8.ToArray());
        _readKeys[_keyId] = _encryptionKey;
        foreach (var key in previous)
        {
            var (id, derived) = Derive(key);
            _readKeys.TryAdd(id, derived);
        }
    }

    /// <summary>A cipher reading and writing with one key file only (the <c>rotate-case-key</c> verb: old key, new key).</summary>
    public static CaseCipher FromKeyFile(string path, string setting) => new(Load(Path.GetFullPath(path), setting), []);

    /// <summary>Whether a stored value was written with this cipher's current key.</summary>
    public bool IsCurrent(string stored) => stored.StartsWith(CurrentPrefix, StringComparison.Ordinal);

    /// <summary>The prefix of every value this cipher writes: <c>v1.&lt;key id&gt;.</c></summary>
    public string CurrentPrefix => $"v1.{_keyId}.";

    public string KeyId => _keyId;

    public string Encrypt(string plaintext, Guid owner, string field)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[12 + plain.Length + 16];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, 16);
        aes.Encrypt(nonce, plain, output.AsSpan(12, plain.Length), output.AsSpan(12 + plain.Length, 16), Aad(owner, field));
        return $"v1.{_keyId}.{Convert.ToBase64String(output)}";
    }

    public string? EncryptOptional(string? plaintext, Guid owner, string field) =>
        string.IsNullOrEmpty(plaintext) ? null : Encrypt(plaintext, owner, field);

    public string Decrypt(string stored, Guid owner, string field)
    {
        var parts = stored.Split('.', 3);
        if (parts.Length != 3 || parts[0] != "v1" || !_readKeys.TryGetValue(parts[1], out var key))
            throw new CryptographicException($"Ciphertext of {field} was written with an unknown key ({(parts.Length > 1 ? parts[1] : "?")}): add the old key file to Cases:PreviousKeyFiles.");
        var data = Convert.FromBase64String(parts[2]);
        var plain = new byte[data.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(data.AsSpan(0, 12), data.AsSpan(12, plain.Length), data.AsSpan(12 + plain.Length, 16), plain, Aad(owner, field));
        return Encoding.UTF8.GetString(plain);
    }

    public string? DecryptOptional(string? stored, Guid owner, string field) => stored is null ? null : Decrypt(stored, owner, field);

    public string EncryptJson<T>(T value, Guid owner, string field) => Encrypt(JsonSerializer.Serialize(value), owner, field);

    public T DecryptJson<T>(string stored, Guid owner, string field) => JsonSerializer.Deserialize<T>(Decrypt(stored, owner, field))!;

    /// <summary>Keyed hash of a person's surname, first name and birth date, normalised (case, accents, spaces, hyphens).</summary>
    public string DuplicateKey(string surname, string firstName, DateOnly birthDate)
    {
        var text = $"{Normalise(surname)}|{Normalise(firstName)}|{birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        return Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Salted keyed hash of a purged sheet's id for PURGE_EXECUTED (§1.5): proves a given id was purged to whoever holds the key and the run's salt, reveals nothing else.</summary>
    public string PurgeHash(Guid sheetId, string salt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes($"purge|{salt}|{sheetId:N}")))[..16];

    public static string Normalise(string name)
    {
        var decomposed = name.Trim().ToUpperInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString();
    }

    private static byte[] Aad(Guid owner, string field) => Encoding.UTF8.GetBytes($"{owner:N}/{field}");

    private static (string Id, byte[] Key) Derive(byte[] master) =>
        (Convert.ToHexStringLower(SHA256.HashData(master))[..8],
         HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "vigie-cases-encryption"u8.ToArray()));

    private static byte[] LoadCurrent(CasesOptions o, IHostEnvironment env)
    {
        if (!string.IsNullOrWhiteSpace(o.EncryptionKeyFile))
            return Load(Path.GetFullPath(o.EncryptionKeyFile, env.ContentRootPath), "Cases:EncryptionKeyFile");
        if (!env.IsDevelopment() && !env.IsEnvironment("Testing"))
            throw new InvalidOperationException("Cases:EncryptionKeyFile is not set: in production the follow-up sheets are encrypted with a key kept outside the database. "
                + "Create one (docs/key-management.md: head -c 32 /dev/urandom | base64 > cases.key) and set Cases:EncryptionKeyFile before starting Vigie.");
        var path = Path.Combine(env.ContentRootPath, CasesOptions.DevelopmentKeyFile);
        if (!File.Exists(path)) CreateKeyFile(path);
        return Load(path, "the development key file");
    }

    private static byte[] Load(string path, string setting)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"The key file named by {setting} was not found: {path}.");
        byte[] key;
        try { key = Convert.FromBase64String(File.ReadAllText(path).Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"The key file named by {setting} must hold 32 bytes in Base64: {path}."); }
        if (key.Length != 32) throw new InvalidOperationException($"The key file named by {setting} must hold 32 bytes in Base64 (it holds {key.Length}): {path}.");
        return key;
    }

    /// <summary>Writes a new random key; the file appears atomically and the first of several starting hosts wins.</summary>
    public static void CreateKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(temp, path, overwrite: false); }
        catch (IOException) { File.Delete(temp); }
    }
}
