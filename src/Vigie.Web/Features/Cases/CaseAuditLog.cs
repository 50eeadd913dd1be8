using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Vigie.Web.Features.Cases;

/// <summary>One event of the follow-up module's audit log as its readers see it: who, what, when, which group and sheet code — never a name or a value.</summary>
public sealed record CaseAuditEntry(long Id, long? Sequence, DateTimeOffset OccurredAt, string Kind, Guid? UserId, string? UserName, Guid? GroupId, string? GroupName,
    string? SheetCode, string? Tier, string Outcome, string? Details);

/// <summary>A page of the module's audit log (newest first), with the total matching the filters.</summary>
public sealed record CaseAuditLogPage(int Total, int Page, int PageCount, IReadOnlyList<CaseAuditEntry> Events);

/// <summary>A contract's designated data-protection officer for the follow-up.</summary>
public sealed record CaseDpoDto(Guid UserId, string Name, DateTimeOffset DesignatedAt);

/// <summary>Who reads the log and how far: the contract's DPO (every group) or a group's coordinator (their groups).</summary>
public sealed record CaseAuditReader(Guid UserId, bool IsDpo, IReadOnlyList<(Guid Id, string Name)> Groups);

/// <summary>The filters of the module's audit log (page and API): group, kind, user, period (Paris days, inclusive), page number.</summary>
public sealed record CaseAuditFilter(Guid? Group, string? Kind, Guid? User, DateOnly? From, DateOnly? To, int Page = 1);

/// <summary>The DPOs of a contract (the whole list: designations not in it are removed).</summary>
public sealed class CaseDpoInput : IValidatableInput
{
    [Required(ErrorMessage = "La liste des délégués à la protection des données est obligatoire (vide pour n'en désigner aucun).")]
    [MaxLength(20, ErrorMessage = "Désignez 20 délégués à la protection des données au plus.")]
    public List<Guid>? UserIds { get; set; } = [];
}

/// <summary>
/// The follow-up module's audit log for its readers (shared/specs §1.5: "readable by the DPO and the coordonnateur"), and
/// the designation of the contract's DPOs by a coordinator of the contract (<see cref="AuditKinds.CaseRoleChanged"/>).
/// The DPO reads the module's events of the contract — kinds, actors, dates, group and sheet code, tier, outcome — and
/// nothing of a sheet: designation opens no group (<see cref="CaseAccess"/> never looks at it). Scoping is in the query.
/// </summary>
public sealed class CaseAuditLog(AppDbContext db, ContractViewers viewers, ICurrentUser user, CaseAccess access, Auditor auditor, ReadAudit readAudit)
{
    public const int PageSize = 50;
    public const int MaxExportRows = 50_000;
    public const string DpoEntity = "CaseDpo";
    private const string KindPrefix = "cases.";

    /// <summary>The kinds a reader may filter on: the module's own, and the purge of its events.</summary>
    public static readonly IReadOnlyList<string> Kinds = [.. typeof(AuditKinds).GetFields().Select(f => (string)f.GetRawConstantValue()!)
        .Where(k => k.StartsWith(KindPrefix, StringComparison.Ordinal)).Append(AuditKinds.AuditPurged).Order(StringComparer.Ordinal)];

    /// <summary>Details a reader sees (closed lists, field names, counts); anything else in an event's data is left out.</summary>
    private static readonly HashSet<string> ShownDetails = ["reason", "fields", "count", "from", "to", "version", "role", "change", "deleted", "retentionMonths", "document", "cause"];

    /// <summary>The module's events of a contract, or of one group of it (the group in the event's data, or the group itself as entity).</summary>
    public static IQueryable<AuditEvent> OfContract(IQueryable<AuditEvent> events, Guid contractId) =>
        events.Where(e => e.ContractId == contractId && (e.Kind.StartsWith(KindPrefix) || e.Kind == AuditKinds.AuditPurged));

    public static IQueryable<AuditEvent> OfGroup(IQueryable<AuditEvent> events, Guid contractId, Guid groupId)
    {
        var id = groupId.ToString();
        var needle = $"\"group\":\"{id}\"";
        return OfContract(events, contractId).Where(e => (e.EntityType == CaseAudit.GroupEntity && e.EntityId == id) || (e.Data != null && e.Data.Contains(needle)));
    }

    private (Guid ContractId, CommandResult<CaseAuditReader> Result)? _reader;

    /// <summary>
    /// The reader of a contract's log: 404 when the contract is not visible, 403 (French reason) when neither DPO nor
    /// coordinator of a group. Worked out once per request (the page asks for it, then its page or CSV again).
    /// </summary>
    public async Task<CommandResult<CaseAuditReader>> ReaderAsync(Guid contractId)
    {
        if (_reader is { } known && known.ContractId == contractId) return known.Result;
        var result = await FindReaderAsync(contractId);
        _reader = (contractId, result);
        return result;
    }

    private async Task<CommandResult<CaseAuditReader>> FindReaderAsync(Guid contractId)
    {
        if (user.Id is not { } uid || await viewers.ForAsync(contractId) is null) return CommandResult<CaseAuditReader>.Missing();
        var isDpo = await db.CaseDpoDesignations.AnyAsync(d => d.ContractId == contractId && d.UserId == uid);
        var all = await db.CaseGroups.AsNoTracking().Where(g => g.ContractId == contractId).OrderBy(g => g.Name).ToListAsync();
        var groups = new List<(Guid, string)>();
        foreach (var g in all)
        {
            if (isDpo) groups.Add((g.Id, g.Name));
            // A coordinator reads their group's log while they have content access (active, current charter signed).
            else if (g.CoordinatorUserId == uid && await access.GroupAsync(contractId, g.Id) is { IsCoordinator: true }) groups.Add((g.Id, g.Name));
        }
        if (!isDpo && groups.Count == 0)
            return CommandResult<CaseAuditReader>.Denied("Le journal d'audit du suivi individuel se lit par le délégué à la protection des données désigné pour ce contrat et par le coordonnateur de chaque dispositif.");
        return CommandResult<CaseAuditReader>.Ok(new CaseAuditReader(uid, isDpo, groups));
    }

    /// <summary>One page of the log, newest first; the read is audited (filters and count, never a value).</summary>
    public async Task<CommandResult<CaseAuditLogPage>> PageAsync(Guid contractId, CaseAuditFilter filter)
    {
        var (failure, query, reader) = await FilteredAsync<CaseAuditLogPage>(contractId, filter);
        if (failure is not null) return failure;
        var total = await query!.CountAsync();
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await query!.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        await readAudit.RecordAsync(AuditKinds.CaseAuditLogViewed, contractId: contractId, data: Filters(filter, reader!, total));
        return CommandResult<CaseAuditLogPage>.Ok(new CaseAuditLogPage(total, page, pageCount, await EntriesAsync(contractId, reader!, rows)));
    }

    /// <summary>
    /// The filtered log as a semicolon CSV (oldest first, formula-safe), downloaded by the entitled reader who asked for it
    /// (never mailed: the log holds no name and no value, only kinds, actors, dates and sheet codes); the export is audited.
    /// </summary>
    public async Task<CommandResult<byte[]>> CsvAsync(Guid contractId, CaseAuditFilter filter)
    {
        var (failure, query, reader) = await FilteredAsync<byte[]>(contractId, filter);
        if (failure is not null) return failure;
        var rows = await query!.OrderBy(e => e.Id).Take(MaxExportRows).ToListAsync();
        var entries = await EntriesAsync(contractId, reader!, rows);
        await readAudit.RecordAsync(AuditKinds.CaseAuditLogExported, contractId: contractId, data: Filters(filter, reader!, entries.Count));
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", InjectionOptions = InjectionOptions.Escape, InjectionEscapeCharacter = '\'' }))
        {
            foreach (var h in new[] { "sequence", "date_utc", "type", "utilisateur_id", "utilisateur", "dispositif", "fiche", "niveau", "resultat", "details" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var e in entries)
            {
                csv.WriteField(e.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(e.Kind);
                csv.WriteField(e.UserId?.ToString() ?? "");
                csv.WriteField(e.UserName ?? "");
                csv.WriteField(e.GroupName ?? "");
                csv.WriteField(e.SheetCode ?? "");
                csv.WriteField(e.Tier ?? "");
                csv.WriteField(e.Outcome);
                csv.WriteField(e.Details ?? "");
                csv.NextRecord();
            }
        }
        return CommandResult<byte[]>.Ok(stream.ToArray());
    }

    private async Task<(CommandResult<T>? Failure, IQueryable<AuditEvent>? Query, CaseAuditReader? Reader)> FilteredAsync<T>(Guid contractId, CaseAuditFilter filter)
    {
        var r = await ReaderAsync(contractId);
        if (!r.Succeeded) return (r.NotFound ? CommandResult<T>.Missing() : CommandResult<T>.Denied(r.ForbiddenReason!), null, null);
        var reader = r.Value!;
        var errors = new ErrorBag();
        if (filter.From is { } f && filter.To is { } t && f > t) errors.Add("from", "La date de début doit précéder la date de fin.");
        if (filter.Kind is { Length: > 0 } k && !Kinds.Contains(k)) errors.Add("kind", "Type d'événement inconnu : choisissez dans la liste.");
        if (filter.Group is { } g && !reader.Groups.Any(x => x.Id == g)) errors.Add("group", "Ce dispositif n'existe pas dans ce contrat ou vous n'en lisez pas le journal.");
        if (errors.Any) return (CommandResult<T>.Invalid(errors.Errors), null, null);

        // A coordinator who is not the DPO reads one of their groups at a time (the first by default).
        var group = filter.Group ?? (reader.IsDpo ? null : reader.Groups[0].Id);
        var q = group is { } gid ? OfGroup(db.AuditEvents.AsNoTracking(), contractId, gid) : OfContract(db.AuditEvents.AsNoTracking(), contractId);
        if (filter.From is { } from)
        {
            var start = Governance.Recurrence.ParisToUtc(from, TimeOnly.MinValue);
            q = q.Where(e => e.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = Governance.Recurrence.ParisToUtc(to.AddDays(1), TimeOnly.MinValue);
            q = q.Where(e => e.OccurredAt < end);
        }
        if (filter.Kind is { Length: > 0 } kind) q = q.Where(e => e.Kind == kind);
        if (filter.User is { } u) q = q.Where(e => e.UserId == u);
        return (null, q, reader);
    }

    private static object Filters(CaseAuditFilter f, CaseAuditReader reader, int count) =>
        new { count, dpo = reader.IsDpo, group = f.Group, kind = f.Kind, user = f.User, from = f.From, to = f.To };

    /// <summary>Rows → entries: user names, group names and sheet codes looked up in three queries ("fiche supprimée" once purged).</summary>
    private async Task<IReadOnlyList<CaseAuditEntry>> EntriesAsync(Guid contractId, CaseAuditReader reader, List<AuditEvent> rows)
    {
        var userIds = rows.Where(e => e.UserId != null).Select(e => e.UserId!.Value).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName);
        var sheetIds = rows.Where(e => e.EntityType == CaseAudit.SheetEntity && Guid.TryParse(e.EntityId, out _)).Select(e => Guid.Parse(e.EntityId!)).Distinct().ToList();
        var codes = await db.CaseSheets.Where(s => s.ContractId == contractId && sheetIds.Contains(s.Id)).Select(s => new { s.Id, s.Code }).ToDictionaryAsync(s => s.Id, s => s.Code);
        var groups = await db.CaseGroups.Where(g => g.ContractId == contractId).Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name);
        return [.. rows.Select(e =>
        {
            var (group, tier, details) = ReadData(e);
            if (group is null && e.EntityType == CaseAudit.GroupEntity && Guid.TryParse(e.EntityId, out var g)) group = g;
            string? code = e.EntityType == CaseAudit.SheetEntity && Guid.TryParse(e.EntityId, out var s) ? codes.GetValueOrDefault(s) ?? CaseRetention.DeletedSheet : null;
            return new CaseAuditEntry(e.Id, e.Sequence, e.OccurredAt, e.Kind, e.UserId, e.UserId is { } u ? users.GetValueOrDefault(u) : null,
                group, group is { } gg ? groups.GetValueOrDefault(gg) : null, code, tier, e.Outcome, details);
        })];
    }

    private static (Guid? Group, string? Tier, string? Details) ReadData(AuditEvent e)
    {
        if (e.Data is null) return (null, null, null);
        try
        {
            using var doc = JsonDocument.Parse(e.Data);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null, null);
            Guid? group = doc.RootElement.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String && Guid.TryParse(g.GetString(), out var gid) ? gid : null;
            var tier = doc.RootElement.TryGetProperty("tier", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var details = string.Join(" ; ", doc.RootElement.EnumerateObject().Where(p => ShownDetails.Contains(p.Name) && p.Value.ValueKind != JsonValueKind.Null)
                .Select(p => $"{p.Name} = {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
            return (group, tier, details.Length == 0 ? null : details);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    // ---- DPO designation (a coordinator of the contract) ----

    public async Task<CommandResult<IReadOnlyList<CaseDpoDto>>> DposAsync(Guid contractId)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<IReadOnlyList<CaseDpoDto>>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<IReadOnlyList<CaseDpoDto>>.Denied(NotCoordinator);
        return CommandResult<IReadOnlyList<CaseDpoDto>>.Ok(await ListAsync(contractId));
    }

    private async Task<IReadOnlyList<CaseDpoDto>> ListAsync(Guid contractId) =>
        await (from d in db.CaseDpoDesignations.AsNoTracking()
               join u in db.Users on d.UserId equals u.Id
               where d.ContractId == contractId
               orderby u.FullName
               select new CaseDpoDto(d.UserId, u.FullName, d.DesignatedAt)).ToListAsync();

    private const string NotCoordinator = "Seul un coordinateur membre du contrat désigne le délégué à la protection des données du suivi individuel.";

    /// <summary>Sets the contract's DPOs to exactly <see cref="CaseDpoInput.UserIds"/> (members of the contract); each designation and removal is a ROLE_CHANGED event.</summary>
    public async Task<CommandResult<int>> SetDposAsync(Guid contractId, CaseDpoInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<int>.Missing();
        if (!v.IsCoordinatorMember) return CommandResult<int>.Denied(NotCoordinator);
        var wanted = (input.UserIds ?? []).Distinct().ToList();
        var members = await db.Memberships.Where(m => m.ContractId == contractId && wanted.Contains(m.UserId)).Select(m => m.UserId).ToListAsync();
        if (wanted.Except(members).Any())
            return CommandResult<int>.Invalid("userIds", "Le délégué à la protection des données désigné doit être membre du contrat.");
        var current = await db.CaseDpoDesignations.Where(d => d.ContractId == contractId).ToListAsync();
        foreach (var gone in current.Where(d => !wanted.Contains(d.UserId)))
        {
            db.CaseDpoDesignations.Remove(gone);
            auditor.Record(AuditKinds.CaseRoleChanged, DpoEntity, gone.UserId, contractId, new { role = "dpo", change = "removed", user = gone.UserId });
        }
        foreach (var uid in wanted.Where(u => !current.Any(d => d.UserId == u)))
        {
            db.CaseDpoDesignations.Add(new CaseDpoDesignation { Id = Guid.NewGuid(), ContractId = contractId, UserId = uid, DesignatedAt = access.Now, DesignatedByUserId = v.UserId });
            auditor.Record(AuditKinds.CaseRoleChanged, DpoEntity, uid, contractId, new { role = "dpo", change = "designated", user = uid });
        }
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(wanted.Count);
    }
}
