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
/// A module whose audit events have their own retention (docs/adr/0022-case-audit-retention.md): the platform's prefix purge
/// (<see cref="AuditChain.PurgeAsync"/>) stops before the first event such a module still keeps past the platform's cutoff.
/// </summary>
public interface IAuditRetentionHold
{
    /// <summary>The lowest sealed sequence this module keeps although it is older than <paramref name="platformCutoff"/>; null when none.</summary>
    Task<long?> FirstHeldSequenceAsync(AppDbContext db, DateTimeOffset now, DateTimeOffset platformCutoff, CancellationToken ct);
}

/// <summary>A run of sequences deleted out of the middle of the chain, declared by the <c>audit.purged</c> event that deleted it.</summary>
public sealed record AuditGap(long From, long Through, string ThroughHash);

/// <summary>
/// The audit log's hash chain (docs/adr/0008-audit-log.md). Events are inserted unsealed by any instance at any
/// time; <see cref="SealAsync"/> then gives them, in one transaction per batch, a gap-free <see cref="AuditEvent.Sequence"/>
/// and <see cref="AuditEvent.Hash"/> = SHA-256(previous hash + "\n" + canonical form). The transaction first moves the
/// head row (<see cref="AuditChainHead"/>) on the condition that it still holds the sequence read at the start: a
/// concurrent sealer on another instance waits on that row lock, then updates nothing and rolls back — one chain, no fork.
/// The instance that sealed an event is the one that alerts the data-protection officers about it, so each alert goes
/// out once. <see cref="PurgeAsync"/> removes a prefix of the chain and keeps its last hash as the new anchor.
/// </summary>
public sealed class AuditChain(IServiceScopeFactory scopes, IMailer mailer, PublicLinks links, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditChain> logger,
    IEnumerable<IAuditRetentionHold>? holds = null)
{
    /// <summary>Gaps declared per <c>audit.purged</c> event: the declaration is chained data, so it must fit in <see cref="AuditEvent.Data"/> (4000 characters).</summary>
    public const int MaxGapsPerEvent = 36;

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

    /// <summary>
    /// Checks the whole chain from the purge anchor: hashes, gap-free sequence and the head. A run of sequences missing out of
    /// the middle is accepted only when a later, sealed <c>audit.purged</c> event declares exactly that run with the hash of
    /// its last event (a module's shorter retention, <see cref="PurgeGapsAsync"/>): the next remaining event chains on that
    /// hash, and the declaration itself is chained, so a row deleted by hand is still reported as missing.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var gaps = await DeclaredGapsAsync(db, ct);
        var previous = head.PurgedThroughHash;
        var expected = head.PurgedThroughSequence + 1;
        long count = 0;
        await foreach (var row in db.AuditEvents.AsNoTracking().Where(e => e.Sequence != null).OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            // Declared runs before this row: skip them, chaining on the hash of their last event.
            while (row.Sequence > expected && gaps.TryGetValue(expected, out var gap) && gap.Gap.Through < row.Sequence && gap.DeclaredAt > gap.Gap.Through)
            {
                previous = gap.Gap.ThroughHash;
                expected = gap.Gap.Through + 1;
            }
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

    /// <summary>The runs declared deleted by sealed <c>audit.purged</c> events (by first sequence), with the declaring event's sequence.</summary>
    private static async Task<Dictionary<long, (AuditGap Gap, long DeclaredAt)>> DeclaredGapsAsync(AppDbContext db, CancellationToken ct)
    {
        var declarations = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Kind == AuditKinds.AuditPurged && e.Sequence != null && e.Data != null && e.Data.Contains("\"gaps\""))
            .Select(e => new { Sequence = e.Sequence!.Value, e.Data }).ToListAsync(ct);
        var gaps = new Dictionary<long, (AuditGap, long)>();
        foreach (var d in declarations)
            foreach (var gap in ParseGaps(d.Data!))
                gaps.TryAdd(gap.From, (gap, d.Sequence));
        return gaps;
    }

    /// <summary>The <c>gaps</c> of a purge event's data: <c>[[from, through, "hash of through"], …]</c>; nothing when malformed.</summary>
    public static IReadOnlyList<AuditGap> ParseGaps(string data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data);
            if (!doc.RootElement.TryGetProperty("gaps", out var list) || list.ValueKind != JsonValueKind.Array) return [];
            return [.. list.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.Array && g.GetArrayLength() == 3)
                .Select(g => new AuditGap(g[0].GetInt64(), g[1].GetInt64(), g[2].GetString() ?? ""))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }
    }

    /// <summary>
    /// Deletes chosen sealed events out of the middle of the chain (a module's own retention, docs/adr/0022-case-audit-retention.md),
    /// in batches of at most <see cref="MaxGapsPerEvent"/> runs: each batch, in one transaction, deletes its rows and records an
    /// <c>audit.purged</c> event declaring the runs deleted (first and last sequence, hash of the last) with <paramref name="scopeData"/>.
    /// The declaration is chained like any event, so <see cref="VerifyAsync"/> accepts these gaps and no other. A batch whose rows
    /// another purge deleted first is rolled back (nothing declared twice). Returns how many events were deleted.
    /// </summary>
    public async Task<int> PurgeGapsAsync(Func<IQueryable<AuditEvent>, IQueryable<AuditEvent>> select, Guid? contractId, IReadOnlyDictionary<string, object?> scopeData,
        CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            try
            {
                var deleted = await PurgeGapBatchAsync(select, contractId, scopeData, ct);
                if (deleted == 0) return total;
                total += deleted;
            }
            catch (Exception e) when (e is DbUpdateException || e.GetType().Name is "SqliteException" or "PostgresException")
            {
                // A concurrent purge or sealer holds the rows (SQLite busy): nothing half-done, the next daily run continues.
                logger.LogInformation(e, "Audit gap purge yielded to a concurrent writer");
                return total;
            }
        }
    }

    private async Task<int> PurgeGapBatchAsync(Func<IQueryable<AuditEvent>, IQueryable<AuditEvent>> select, Guid? contractId, IReadOnlyDictionary<string, object?> scopeData,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockHeadAsync(db, ct);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var anchor = head.PurgedThroughSequence;
        var rows = await select(db.AuditEvents.AsNoTracking()).Where(e => e.Sequence != null && e.Sequence > anchor && e.Kind != AuditKinds.AuditPurged)
            .OrderBy(e => e.Sequence).Take(4 * MaxGapsPerEvent * 25).ToListAsync(ct);
        if (rows.Count == 0) return 0;

        var gaps = new List<AuditGap>();
        var chosen = new List<AuditEvent>();
        foreach (var row in rows)
        {
            var sequence = row.Sequence!.Value;
            if (gaps.Count > 0 && gaps[^1].Through == sequence - 1) gaps[^1] = gaps[^1] with { Through = sequence, ThroughHash = row.Hash! };
            else if (gaps.Count == MaxGapsPerEvent) break;
            else gaps.Add(new AuditGap(sequence, sequence, row.Hash!));
            chosen.Add(row);
        }
        // The rows were chosen by columns anyone with database access can change: delete them only if each still proves its
        // hash, or an altered row (say a role grant rewritten into an old case event) would be deleted and declared, unseen.
        if (await FirstTamperedAsync(db, head, chosen, ct) is { } tampered)
        {
            logger.LogError("Audit gap purge refused: the event at sequence {Sequence} does not match its hash; nothing purged for this scope", tampered);
            await tx.RollbackAsync(ct);
            return 0;
        }
        var sequences = chosen.Select(r => r.Sequence!.Value).ToList();
        var deleted = await db.AuditEvents.Where(e => e.Sequence != null && sequences.Contains(e.Sequence.Value)).ExecuteDeleteAsync(ct);
        if (deleted != sequences.Count)
        {
            await tx.RollbackAsync(ct); // a concurrent purge took some of them: it declares them, not us
            return 0;
        }
        var data = new Dictionary<string, object?>(scopeData) { ["deleted"] = deleted, ["gaps"] = gaps.Select(g => new object[] { g.From, g.Through, g.ThroughHash }).ToList() };
        scope.ServiceProvider.GetRequiredService<Auditor>().Record(AuditKinds.AuditPurged, contractId: contractId, data: data);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>
    /// The first of <paramref name="rows"/> (sealed, by sequence) whose stored hash is not the hash <see cref="VerifyAsync"/> would
    /// compute, chaining each run on the hash before it (the anchor, the previous row, or the hash a declaration kept); null when all match.
    /// </summary>
    private static async Task<long?> FirstTamperedAsync(AppDbContext db, AuditChainHead head, List<AuditEvent> rows, CancellationToken ct)
    {
        Dictionary<long, (AuditGap Gap, long DeclaredAt)>? declared = null;
        string? previous = null;
        long? previousSequence = null;
        foreach (var row in rows)
        {
            var sequence = row.Sequence!.Value;
            if (previousSequence != sequence - 1)
            {
                var before = sequence - 1;
                previous = before == head.PurgedThroughSequence ? head.PurgedThroughHash
                    : await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == before).Select(e => e.Hash).SingleOrDefaultAsync(ct);
                if (previous is null)
                {
                    declared ??= await DeclaredGapsAsync(db, ct);
                    previous = declared.Values.Select(g => g.Gap).FirstOrDefault(g => g.Through == before)?.ThroughHash;
                }
            }
            if (previous is null || !string.Equals(ComputeHash(previous, row), row.Hash, StringComparison.Ordinal)) return sequence;
            previous = row.Hash;
            previousSequence = sequence;
        }
        return null;
    }

    /// <summary>Locks the chain head for the rest of the transaction (a no-op update), so that two purges never interleave.</summary>
    private static Task<int> LockHeadAsync(AppDbContext db, CancellationToken ct) =>
        db.AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.PurgedThroughSequence, h => h.PurgedThroughSequence), ct);

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

        // The head is locked before anything is read: a group's purge (PurgeGapsAsync) cannot commit between the choice of the
        // new anchor and the move, which could put the anchor inside a run that purge declares (docs/adr/0022).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockHeadAsync(db, ct);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var firstKept = await db.AuditEvents.Where(e => e.Sequence != null && e.OccurredAt >= cutoff).MinAsync(e => e.Sequence, ct);
        // A module keeping its events longer (case groups: up to 36 months) holds the prefix back at its first such event.
        foreach (var hold in holds ?? [])
            if (await hold.FirstHeldSequenceAsync(db, now, cutoff, ct) is { } held && (firstKept is null || held < firstKept))
                firstKept = held;
        var through = firstKept is { } k ? k - 1 : head.LastSequence;
        if (through <= head.PurgedThroughSequence) return 0;
        // The new anchor: the hash of the event at `through`, or, when a module's purge already deleted it, the hash its declaration kept.
        var anchor = await db.AuditEvents.Where(e => e.Sequence == through).Select(e => e.Hash).SingleOrDefaultAsync(ct)
            ?? (await DeclaredGapsAsync(db, ct)).Values.Select(g => g.Gap).FirstOrDefault(g => g.Through == through)?.ThroughHash;
        if (anchor is null)
        {
            logger.LogError("Audit retention: no hash for sequence {Sequence}, the purge anchor cannot move", through);
            return 0;
        }

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
