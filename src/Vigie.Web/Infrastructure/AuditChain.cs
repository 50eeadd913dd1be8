using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Infrastructure;

public sealed class AuditOptions
{
    public const string Section = "Audit";
    /// <summary>Audit events older than this are purged (by sealed segments, see docs/adr/0008-audit-log.md).</summary>
    [Range(30, 36500, ErrorMessage = "Audit:RetentionDays must be between {1} and {2}.")]
    public int RetentionDays { get; set; } = 365;
    /// <summary>Seconds between two sealing runs (hash chain + alerts to the data-protection officers).</summary>
    [Range(1, 3600, ErrorMessage = "Audit:SealIntervalSeconds must be between {1} and {2}.")]
    public int SealIntervalSeconds { get; set; } = 30;
    /// <summary>Events sealed per transaction.</summary>
    [Range(1, 10000, ErrorMessage = "Audit:SealBatchSize must be between {1} and {2}.")]
    public int SealBatchSize { get; set; } = 500;
    /// <summary>Runs the sealing/purge worker in this instance (tests switch it off and call <see cref="AuditChain"/> directly).</summary>
    public bool BackgroundEnabled { get; set; } = true;
}

public sealed record AuditVerification(bool Valid, long Checked, long? BrokenAtSequence, string? Reason);

/// <summary>
/// The audit log's hash chain (docs/adr/0008-audit-log.md). Events are inserted unsealed by any instance at any
/// time; <see cref="SealAsync"/> then gives them, in one transaction per batch, a gap-free <see cref="AuditEvent.Sequence"/>
/// and <see cref="AuditEvent.Hash"/> = SHA-256(previous hash + "\n" + canonical form). The transaction first moves the
/// head row (<see cref="AuditChainHead"/>) on the condition that it still holds the sequence read at the start: a
/// concurrent sealer on another instance waits on that row lock, then updates nothing and rolls back — one chain, no fork.
/// The instance that sealed an event is the one that alerts the data-protection officers about it, so each alert goes
/// out once. <see cref="PurgeAsync"/> removes a prefix of the chain and keeps its last hash as the new anchor.
/// </summary>
public sealed class AuditChain(IServiceScopeFactory scopes, IMailer mailer, PublicLinks links, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditChain> logger)
{
    /// <summary>Kinds that e-mail the data-protection officers: privileges and memberships changed.</summary>
    public static readonly IReadOnlySet<string> AlertKinds = new HashSet<string>
    {
        AuditKinds.RoleGranted, AuditKinds.RoleRevoked, AuditKinds.TwoFactorPolicyChanged, AuditKinds.UserTwoFactorReset,
        AuditKinds.MembershipGranted, AuditKinds.MembershipChanged, AuditKinds.MembershipRevoked,
    };

    /// <summary>Seals every pending event; returns how many this call sealed.</summary>
    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var sealedNow = await SealBatchAsync(ct);
            if (sealedNow.Count == 0) return total;
            total += sealedNow.Count;
            await AlertAsync(sealedNow, ct);
        }
    }

    private async Task<List<AuditEvent>> SealBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
            var rows = await db.AuditEvents.Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(options.Value.SealBatchSize).ToListAsync(ct);
            if (rows.Count == 0) return [];

            var previous = head.LastHash;
            var sequence = head.LastSequence;
            foreach (var row in rows)
            {
                row.Sequence = ++sequence;
                row.Hash = ComputeHash(previous, row);
                previous = row.Hash;
            }
            // The claim comes first: a concurrent sealer blocks here, then finds the head moved and gives up.
            var claimed = await db.AuditChainHeads.Where(h => h.Id == 1 && h.LastSequence == head.LastSequence)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, previous), ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                return [];
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return rows;
        }
        catch (Exception e) when (e is DbUpdateException || e.GetType().Name is "SqliteException" or "PostgresException")
        {
            // Another instance sealed the same rows first (unique sequence, SQLite busy snapshot): nothing lost, the next run continues.
            logger.LogInformation(e, "Audit sealing yielded to a concurrent sealer");
            return [];
        }
    }

    /// <summary>Checks the whole chain from the purge anchor: hashes, gap-free sequence and the head.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var previous = head.PurgedThroughHash;
        var expected = head.PurgedThroughSequence + 1;
        long count = 0;
        await foreach (var row in db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.Sequence != expected)
                return new(false, count, expected, row.Sequence < expected ? "événement antérieur à l'ancre de purge" : "événement manquant");
            if (!string.Equals(ComputeHash(previous, row), row.Hash, StringComparison.Ordinal))
                return new(false, count, row.Sequence, "empreinte incorrecte : l'événement a été modifié");
            previous = row.Hash!;
            expected++;
            count++;
        }
        if (expected - 1 != head.LastSequence || previous != head.LastHash)
            return new(false, count, expected, "fin de chaîne différente de la tête enregistrée");
        return new(true, count, null, null);
    }

    /// <summary>
    /// Deletes the sealed events older than the retention period, as a prefix of the chain, and keeps the last deleted
    /// hash as the anchor. Claimed at most once a day across instances through the head row.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notBefore = now.AddHours(-20);
        if (await db.AuditChainHeads.Where(h => h.Id == 1 && (h.LastPurgeAt == null || h.LastPurgeAt < notBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastPurgeAt, now), ct) == 0)
            return 0;

        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var firstKept = await db.AuditEvents.Where(e => e.Sequence != null && e.OccurredAt >= cutoff).MinAsync(e => e.Sequence, ct);
        var through = firstKept is { } k ? k - 1 : head.LastSequence;
        if (through <= head.PurgedThroughSequence) return 0;
        var anchor = await db.AuditEvents.Where(e => e.Sequence == through).Select(e => e.Hash).SingleAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.AuditChainHeads.Where(h => h.Id == 1 && h.PurgedThroughSequence == head.PurgedThroughSequence)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.PurgedThroughSequence, through).SetProperty(h => h.PurgedThroughHash, anchor!), ct);
        if (moved == 0) return 0;
        var deleted = await db.AuditEvents.Where(e => e.Sequence != null && e.Sequence <= through).ExecuteDeleteAsync(ct);
        var auditor = scope.ServiceProvider.GetRequiredService<Auditor>();
        auditor.Record(AuditKinds.AuditPurged, data: new { deleted, throughSequence = through, retentionDays = options.Value.RetentionDays });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Audit retention: {Count} event(s) purged through sequence {Sequence}", deleted, through);
        return deleted;
    }

    private async Task AlertAsync(List<AuditEvent> sealedEvents, CancellationToken ct)
    {
        var alerts = sealedEvents.Where(e => AlertKinds.Contains(e.Kind)).ToList();
        if (alerts.Count == 0) return;
        try
        {
            List<string> officers;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                officers = await (from ur in db.UserRoles
                                  join r in db.Roles on ur.RoleId equals r.Id
                                  join u in db.Users on ur.UserId equals u.Id
                                  where r.Name == Roles.DataProtectionOfficer && !u.IsDisabled && u.Email != null
                                  select u.Email!).Distinct().ToListAsync(ct);
            }
            if (officers.Count == 0) return;
            var body = new StringBuilder("Bonjour,\n\nDes droits ou des appartenances ont changé dans Vigie :\n\n");
            foreach (var e in alerts)
                body.Append("- ").Append(Culture.DateTime(e.OccurredAt)).Append(" : ").Append(AlertLabel(e.Kind)).Append(" (événement n° ").Append(e.Sequence)
                    .Append(", compte ").Append(e.EntityId ?? "—").Append(", par ").Append(e.UserId?.ToString() ?? "système")
                    .Append(e.ContractId is { } c ? $", contrat {c}" : "").Append(e.Data is { } d ? $", détails {d}" : "").Append(")\n");
            body.Append("\nLe détail figure dans le journal d'audit : ").Append(links.ToPage("/Audit/Journal")).Append("\n\nVigie");
            var subject = alerts.Count == 1 ? $"Alerte sécurité : {AlertLabel(alerts[0].Kind)}" : $"Alerte sécurité : {alerts.Count} changements de droits";
            foreach (var to in officers) await mailer.SendAsync(to, subject, body.ToString(), htmlBody: null, ct: ct);
            await using var record = scopes.CreateAsyncScope();
            await record.ServiceProvider.GetRequiredService<Auditor>().RecordNowAsync(AuditKinds.AuditAlertsSent,
                data: new { recipients = officers.Count, sequences = alerts.Select(a => a.Sequence).ToList() });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Sealed already: the alert is not retried (at most once); the events stay in the journal.
            logger.LogError(e, "Audit alerts not sent for events {Sequences}", string.Join(",", alerts.Select(a => a.Sequence)));
        }
    }

    public static string AlertLabel(string kind) => kind switch
    {
        AuditKinds.RoleGranted => "rôle de plateforme attribué",
        AuditKinds.RoleRevoked => "rôle de plateforme retiré",
        AuditKinds.TwoFactorPolicyChanged => "politique de double authentification modifiée",
        AuditKinds.UserTwoFactorReset => "double authentification d'un compte réinitialisée par un administrateur",
        AuditKinds.MembershipGranted => "membre ajouté à un contrat",
        AuditKinds.MembershipChanged => "rôle d'un membre de contrat modifié",
        AuditKinds.MembershipRevoked => "membre retiré d'un contrat",
        _ => kind,
    };

    public static string ComputeHash(string previousHash, AuditEvent e)
    {
        var canonical = Canonical(e);
        var input = new byte[64 + 1 + canonical.Length];
        Encoding.ASCII.GetBytes(previousHash, input);
        input[64] = (byte)'\n';
        canonical.CopyTo(input, 65);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>
    /// Canonical form, version 1: compact UTF-8 JSON, fixed property order, null properties left out (so a column added
    /// later, null on old rows, does not change their hash), time as UTC with microseconds (PostgreSQL's precision).
    /// </summary>
    public static byte[] Canonical(AuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", e.Sequence ?? 0);
            w.WriteString("at", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("kind", e.Kind);
            Opt(w, "user", e.UserId?.ToString());
            Opt(w, "org", e.ActorOrganisationId?.ToString());
            Opt(w, "role", e.ActorRole);
            Opt(w, "contract", e.ContractId?.ToString());
            Opt(w, "entityType", e.EntityType);
            Opt(w, "entityId", e.EntityId);
            Opt(w, "data", e.Data);
            w.WriteString("outcome", e.Outcome);
            Opt(w, "ip", e.IpAddress);
            Opt(w, "via", e.Via);
            Opt(w, "credential", e.CredentialId);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Opt(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}

/// <summary>Seals the audit chain every few seconds and purges it once a day (claimed across instances).</summary>
public sealed class AuditWorker(AuditChain chain, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundEnabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SealIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await chain.SealAsync(stoppingToken);
                await chain.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit sealing or purge failed; next attempt at the next interval");
            }
        }
    }
}
