using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Cli;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Cases;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13 item 8: the <c>rotate-case-key</c> verb re-encrypts the module under a new key (docs/key-management.md) —
/// a dry run changes nothing, the rotation is resumable, afterwards the old key alone reads nothing, the new key reads
/// everything, and an app started on the new key finds duplicates again. Its own app and database (its own key file).
/// </summary>
public sealed class CaseKeyRotationTests : IAsyncLifetime
{
    private readonly string _oldKey = Path.Combine(Path.GetTempPath(), $"vigie-cases-old-{Guid.NewGuid():N}.key");
    private readonly string _newKey = Path.Combine(Path.GetTempPath(), $"vigie-cases-new-{Guid.NewGuid():N}.key");
    private readonly VigieFactory _factory = new();

    public CaseKeyRotationTests()
    {
        CaseCipher.CreateKeyFile(_oldKey);
        CaseCipher.CreateKeyFile(_newKey);
        _factory.Settings["Cases:EncryptionKeyFile"] = _oldKey;
    }

    public Task InitializeAsync() => _factory.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        File.Delete(_oldKey);
        File.Delete(_newKey);
    }

    [Fact]
    public async Task Rotate_ReencryptsEverything_TheOldKeyAloneReadsNothing_TheNewKeyReads_AndTheDuplicateCheckStillWorks()
    {
        var coordinator = await _factory.UserAsync();
        var contract = await _factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await _factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var group = await api.CreateAsync(groups, new { name = TestData.Unique("Cellule"), kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{group}/charter/signature", new { acceptedClauses = AllClauses }));
        var surname = UniqueName("Nom");
        var firstName = UniqueName("Prenom");
        var birth = TestDates.Today.AddYears(-15);
        var sheets = new List<Guid>();
        for (var i = 0; i < 3; i++)
            sheets.Add(await api.CreateAsync($"{groups}/{group}/sheets", SheetBody(surname + (i == 0 ? "" : "X" + (char)('A' + i)), firstName, coordinator.Id, birth)));
        await api.PostAsJsonAsync($"{groups}/{group}/sheets/{sheets[0]}/actions", new { type = "schoolSupport", startedOn = "2026-01-05", result = "inProgress", note = "Rendez-vous tenu." });
        await Ok(api.PutAsJsonAsync($"{groups}/{group}/sheets/{sheets[0]}/notice", new { exceptionMotive = "Information différée à la demande du parquet" }));

        // A dry run counts and changes nothing.
        var before = await _factory.WithDb(db => db.CaseSheets.AsNoTracking().OrderBy(s => s.Id).Select(s => s.IdentityCipher + s.DuplicateKey).ToListAsync());
        var (dryCode, dryOutput) = await _factory.RunCliAsync("rotate-case-key", "--old", _oldKey, "--new", _newKey, "--dry-run");
        Assert.Equal(0, dryCode);
        Assert.Contains("Simulation : 4 ligne(s) à rechiffrer (3 fiche(s), 1 action(s)", dryOutput, StringComparison.Ordinal);
        Assert.Equal(before, await _factory.WithDb(db => db.CaseSheets.AsNoTracking().OrderBy(s => s.Id).Select(s => s.IdentityCipher + s.DuplicateKey).ToListAsync()));

        // Resumable: a first run stopped after one batch of one sheet is finished by the verb (batches of 2).
        var oldCipher = CaseCipher.FromKeyFile(_oldKey, "--old");
        var newCipher = CaseCipher.FromKeyFile(_newKey, "--new");
        await _factory.WithDb(async db =>
        {
            var first = await db.CaseSheets.OrderBy(s => s.Id).FirstAsync();
            first.IdentityCipher = newCipher.Encrypt(oldCipher.Decrypt(first.IdentityCipher, first.Id, "identity"), first.Id, "identity");
            return await db.SaveChangesAsync();
        });
        var (code, output) = await _factory.RunCliAsync("rotate-case-key", "--old", _oldKey, "--new", _newKey, "--batch", "2");
        Assert.Equal(0, code);
        Assert.Contains("Rotation terminée : 4 ligne(s) rechiffrée(s)", output, StringComparison.Ordinal);
        var (again, againOutput) = await _factory.RunCliAsync("rotate-case-key", "--old", _oldKey, "--new", _newKey);
        Assert.Equal(0, again);
        Assert.Contains("0 ligne(s)", againOutput, StringComparison.Ordinal);

        var rows = await _factory.WithDb(db => db.CaseSheets.AsNoTracking().ToListAsync());
        var note = await _factory.WithDb(db => db.CaseActions.AsNoTracking().SingleAsync(a => a.SheetId == sheets[0]));
        foreach (var s in rows)
        {
            Assert.Throws<CryptographicException>(() => oldCipher.Decrypt(s.IdentityCipher, s.Id, "identity"));
            Assert.Throws<CryptographicException>(() => oldCipher.Decrypt(s.ContactCipher, s.Id, "contact"));
            var identity = newCipher.DecryptJson<CaseIdentity>(s.IdentityCipher, s.Id, "identity");
            Assert.Equal(firstName, identity.FirstName);
            Assert.Equal(newCipher.DuplicateKey(identity.Surname, identity.FirstName, identity.BirthDate), s.DuplicateKey);
        }
        Assert.Equal("Rendez-vous tenu.", newCipher.Decrypt(note.NoteCipher!, note.Id, "note"));
        var withNotice = rows.Single(s => s.Id == sheets[0]);
        Assert.Contains("parquet", newCipher.Decrypt(withNotice.NoticeExceptionCipher!, withNotice.Id, CaseRights.NoticeExceptionField), StringComparison.Ordinal);
        Assert.True(await _factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.CaseKeyRotated && e.EntityId == newCipher.KeyId)));

        // A wrong --old key: refused with a French message, nothing changed.
        var (badCode, badOutput) = await _factory.RunCliAsync("rotate-case-key", "--old", _newKey, "--new", _newKey);
        Assert.Equal(2, badCode);
        Assert.Contains("même clé", badOutput, StringComparison.Ordinal);

        // An app on the new key (same database) reads the sheets and finds the duplicate.
        using var rotated = VigieFactory.SharingDatabase(_factory.ConnectionString);
        rotated.Settings["Cases:EncryptionKeyFile"] = _newKey;
        var rotatedApi = await rotated.ApiClientAsync(coordinator);
        var sheet = await rotatedApi.GetFromJsonAsync<JsonElement>($"{groups}/{group}/sheets/{sheets[0]}");
        Assert.Equal($"{firstName} {surname}", sheet.GetProperty("displayName").GetString());
        var duplicate = await (await rotatedApi.PostAsJsonAsync($"{groups}/{group}/duplicate-check",
            new { surname, firstName, birthDate = birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(duplicate.GetProperty("exists").GetBoolean());
    }
}
