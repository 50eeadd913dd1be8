using System.CommandLine;
using System.Security.Cryptography;
using Spectre.Console;
using Vigie.Web.Cli;

namespace Vigie.Web.Features.Cases;

/// <summary>What a rotation changed (or, with <c>--dry-run</c>, would change): rows per table.</summary>
public sealed record CaseKeyRotationReport(int Sheets, int Actions, int ArchiveAccesses, int RightsRequests, bool DryRun)
{
    public int Total => Sheets + Actions + ArchiveAccesses + RightsRequests;
}

/// <summary>
/// <c>rotate-case-key --old old.key --new new.key [--dry-run] [--batch 200]</c> (docs/key-management.md): re-encrypts
/// every ciphertext of the follow-up module written with the old key under the new one, and recomputes the
/// duplicate-check hashes with the new key's hash key. Rows go in batches, each batch in one transaction (a sheet's
/// identity, contact, texts and hash change together); a row already under the new key is skipped, so an interrupted
/// run is resumed by running the verb again. The application keeps working meanwhile when it is deployed with the new
/// key and the old one in <c>Cases:PreviousKeyFiles</c>.
/// </summary>
public static class CaseKeyRotation
{
    public const int DefaultBatch = 200;

    public static Command Command(CliHost host)
    {
        var oldKey = new Option<string>("--old") { Description = "Fichier de l'ancienne clé (32 octets en Base64).", Required = true };
        var newKey = new Option<string>("--new") { Description = "Fichier de la nouvelle clé (32 octets en Base64), celle de Cases:EncryptionKeyFile après la rotation.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Compte les lignes à rechiffrer sans rien modifier." };
        var batch = new Option<int>("--batch") { Description = "Lignes par transaction (200 par défaut).", DefaultValueFactory = _ => DefaultBatch };
        var cmd = new Command("rotate-case-key", "Rechiffre les fiches de suivi individuel (identité, coordonnées, textes, empreintes de doublon) avec une nouvelle clé ; reprenable.")
        {
            oldKey, newKey, dryRun, batch,
        };
        cmd.SetAction((parse, ct) => host.RunAsync(async (sp, token) =>
        {
            var report = await RunAsync(sp, Open(parse.GetValue(oldKey)!, "--old"), Open(parse.GetValue(newKey)!, "--new"), parse.GetValue(dryRun), parse.GetValue(batch), token);
            host.Console.MarkupLine(Markup.Escape(report.DryRun
                ? $"Simulation : {report.Total} ligne(s) à rechiffrer ({report.Sheets} fiche(s), {report.Actions} action(s), {report.ArchiveAccesses} accès aux archives, {report.RightsRequests} demande(s) de droits) ; rien n'a été modifié."
                : $"Rotation terminée : {report.Total} ligne(s) rechiffrée(s) ({report.Sheets} fiche(s), {report.Actions} action(s), {report.ArchiveAccesses} accès aux archives, {report.RightsRequests} demande(s) de droits)."));
            return ExitCodes.Success;
        }, ct));
        return cmd;
    }

    private static CaseCipher Open(string path, string option)
    {
        try
        {
            return CaseCipher.FromKeyFile(path, option);
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException(e.Message);
        }
    }

    public static async Task<CaseKeyRotationReport> RunAsync(IServiceProvider services, CaseCipher oldCipher, CaseCipher newCipher, bool dryRun, int batch = DefaultBatch,
        CancellationToken ct = default)
    {
        if (oldCipher.KeyId == newCipher.KeyId) throw new UserInputException("--old et --new désignent la même clé : rien à rechiffrer.");
        if (batch is < 1 or > 10_000) throw new UserInputException("--batch doit être compris entre 1 et 10 000.");
        var p = newCipher.CurrentPrefix;
        string Rekey(string stored, Guid owner, string field) =>
            newCipher.IsCurrent(stored) ? stored : newCipher.Encrypt(oldCipher.Decrypt(stored, owner, field), owner, field);
        string? RekeyOptional(string? stored, Guid owner, string field) => stored is null ? null : Rekey(stored, owner, field);

        var sheets = await RotateAsync(services, db => db.CaseSheets.Where(s => !s.IdentityCipher.StartsWith(p) || !s.ContactCipher.StartsWith(p)
                || (s.SensitiveJustificationCipher != null && !s.SensitiveJustificationCipher.StartsWith(p))
                || (s.NoticeExceptionCipher != null && !s.NoticeExceptionCipher.StartsWith(p))).OrderBy(s => s.Id),
            s =>
            {
                s.IdentityCipher = Rekey(s.IdentityCipher, s.Id, "identity");
                var identity = newCipher.DecryptJson<CaseIdentity>(s.IdentityCipher, s.Id, "identity");
                s.DuplicateKey = newCipher.DuplicateKey(identity.Surname, identity.FirstName, identity.BirthDate);
                s.ContactCipher = Rekey(s.ContactCipher, s.Id, "contact");
                s.SensitiveJustificationCipher = RekeyOptional(s.SensitiveJustificationCipher, s.Id, "justification");
                s.NoticeExceptionCipher = RekeyOptional(s.NoticeExceptionCipher, s.Id, CaseRights.NoticeExceptionField);
            }, dryRun, batch, ct);
        var actions = await RotateAsync(services, db => db.CaseActions.Where(a => a.NoteCipher != null && !a.NoteCipher.StartsWith(p)).OrderBy(a => a.Id),
            a => a.NoteCipher = RekeyOptional(a.NoteCipher, a.Id, "note"), dryRun, batch, ct);
        var archive = await RotateAsync(services, db => db.CaseArchiveAccesses.Where(a => !a.MotiveCipher.StartsWith(p)).OrderBy(a => a.Id),
            a => a.MotiveCipher = Rekey(a.MotiveCipher, a.Id, "motive"), dryRun, batch, ct);
        var rights = await RotateAsync(services, db => db.CaseRightsRequests.Where(r => r.ExtensionMotiveCipher != null && !r.ExtensionMotiveCipher.StartsWith(p)).OrderBy(r => r.Id),
            r => r.ExtensionMotiveCipher = RekeyOptional(r.ExtensionMotiveCipher, r.Id, CaseRights.ExtensionMotiveField), dryRun, batch, ct);
        var report = new CaseKeyRotationReport(sheets, actions, archive, rights, dryRun);
        if (!dryRun)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Auditor>().RecordNowAsync(AuditKinds.CaseKeyRotated, "CaseKey", newCipher.KeyId, data: new
            {
                from = oldCipher.KeyId, to = newCipher.KeyId, sheets, actions, archiveAccesses = archive, rightsRequests = rights,
            });
        }
        return report;
    }

    /// <summary>Rows still under another key, batch after batch, each batch in a transaction; a dry run only counts them.</summary>
    private static async Task<int> RotateAsync<T>(IServiceProvider services, Func<AppDbContext, IQueryable<T>> pending, Action<T> rekey, bool dryRun, int batch, CancellationToken ct)
        where T : class
    {
        if (dryRun)
        {
            await using var scope = services.CreateAsyncScope();
            return await pending(scope.ServiceProvider.GetRequiredService<AppDbContext>()).CountAsync(ct);
        }
        var total = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await pending(db).Take(batch).ToListAsync(ct);
            if (rows.Count == 0) return total;
            try
            {
                foreach (var row in rows) rekey(row);
            }
            catch (CryptographicException e)
            {
                throw new UserInputException($"Une valeur n'est lisible ni avec l'ancienne ni avec la nouvelle clé ({e.Message}) : vérifiez --old ; aucune ligne de ce lot n'a été modifiée.");
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            total += rows.Count;
        }
    }
}
