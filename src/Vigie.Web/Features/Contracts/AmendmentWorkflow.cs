using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigie.Web.Features.Contracts;

public enum SignatoryChangeKind
{
    Added,
    Removed,
    Representative,
}

/// <summary>One change an avenant makes to the signatories (stored as JSON in <see cref="Amendment.SignatoryChanges"/>).</summary>
public sealed record AmendmentSignatoryChange(SignatoryChangeKind Kind, Guid? SignatoryId, Guid? OrganisationId, string? RepresentativeName, string? RepresentativePosition);

public sealed record AmendmentSignatureView(Guid SignatoryId, string Organisation, string RepresentativeName, DateOnly? SignedOn, Guid? DocumentId);

/// <summary>One drafted or in-force avenant: its signatures (one per contract signatory) and what it changes.</summary>
public sealed record AmendmentDetail(Guid ContractId, string ContractTitle, AmendmentView Amendment, string? AttachesContract, Guid? AttachesContractId,
    IReadOnlyList<string> AddedPriorities, IReadOnlyList<AmendmentSignatureView> Signatures, IReadOnlyList<FieldChange> Changes)
{
    public bool AllSigned => Signatures.Count > 0 && Signatures.All(s => s.SignedOn is not null);
}

/// <summary>
/// The avenant workflow: draft (nothing applies) → signatures collected (each signatory of the contract with a date and an
/// optional scanned document; anyone else is refused) → in force (its changes applied to the contract, a new version in the
/// history). An avenant may extend the period, add territories and priorities, and attach a commune's contract to this one.
/// </summary>
public sealed class AmendmentWorkflow(AppDbContext db, ContractAccess access, ContractHistory history, Auditor auditor, TerritoryResolver resolver,
    TimeProvider clock, ICurrentUser user)
{
    public const string NotASignatory = "Cette personne n'est pas signataire du contrat : seuls ses signataires signent un avenant.";

    private DateOnly Today => Culture.ParisDate(clock.GetUtcNow());

    /// <summary>The priorities typed in an avenant, one a line, blanks dropped.</summary>
    public static List<string> Priorities(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<AmendmentSignatoryChange> SignatoryChangesOf(Amendment a) =>
        a.SignatoryChanges is null ? [] : JsonSerializer.Deserialize<List<AmendmentSignatoryChange>>(a.SignatoryChanges, Json) ?? [];

    public static string? StoreSignatoryChanges(IReadOnlyList<AmendmentSignatoryChange> changes) =>
        changes.Count == 0 ? null : JsonSerializer.Serialize(changes, Json);

    /// <summary>
    /// The signatory changes an avenant input asks for, checked against the contract's signatories (French errors in
    /// <paramref name="errors"/>): an institution added with its representative, signatories removed (one at least stays),
    /// one signatory's new representative.
    /// </summary>
    public static async Task<List<AmendmentSignatoryChange>> SignatoryChangesAsync(AppDbContext db, Guid contractId, AmendmentInput input, ErrorBag errors)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var changes = new List<AmendmentSignatoryChange>();
        var current = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId).Select(s => new { s.Id, s.OrganisationId }).ToListAsync();
        var removed = input.RemovedSignatoryIds.Distinct().ToList();
        foreach (var r in removed)
        {
            if (current.FirstOrDefault(s => s.Id == r) is { } gone) changes.Add(new(SignatoryChangeKind.Removed, r, gone.OrganisationId, null, null));
            else errors.Add("removedSignatoryIds", "Un signataire à retirer n'est pas signataire du contrat.");
        }
        if (input.AddedSignatoryOrganisationId is { } org)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == org && !o.IsArchived))
                errors.Add("addedSignatoryOrganisationId", "L'institution à ajouter comme signataire n'existe pas ou est archivée.");
            else if (current.Any(s => s.OrganisationId == org && removed.Contains(s.Id)))
                errors.Add("addedSignatoryOrganisationId", "Cette institution est retirée par le même avenant : elle ne peut pas y être ajoutée à nouveau ; changez plutôt son représentant.");
            else if (current.Any(s => s.OrganisationId == org))
                errors.Add("addedSignatoryOrganisationId", "Cette institution est déjà signataire du contrat.");
            if (Clean(input.AddedSignatoryName) is not { } name)
                errors.Add("addedSignatoryName", "Indiquez le représentant de l'institution ajoutée comme signataire.");
            else changes.Add(new(SignatoryChangeKind.Added, null, org, name, Clean(input.AddedSignatoryPosition)));
        }
        else if (Clean(input.AddedSignatoryName) is not null)
            errors.Add("addedSignatoryOrganisationId", "Choisissez l'institution ajoutée comme signataire.");
        if (current.Count > 0 && current.Count(s => !removed.Contains(s.Id)) + (input.AddedSignatoryOrganisationId is null ? 0 : 1) == 0)
            errors.Add("removedSignatoryIds", "Le contrat doit garder au moins un signataire.");
        if (input.ChangedSignatoryId is { } changed)
        {
            if (current.FirstOrDefault(s => s.Id == changed) is not { } who)
                errors.Add("changedSignatoryId", "Le signataire dont le représentant change n'est pas signataire du contrat.");
            else if (removed.Contains(changed))
                errors.Add("changedSignatoryId", "Ce signataire est retiré par l'avenant : son représentant ne change pas.");
            else if (Clean(input.ChangedSignatoryName) is not { } name)
                errors.Add("changedSignatoryName", "Indiquez le nouveau représentant du signataire.");
            else changes.Add(new(SignatoryChangeKind.Representative, changed, who.OrganisationId, name, Clean(input.ChangedSignatoryPosition)));
        }
        return changes;
    }

    /// <summary>Applies an avenant to its contract (period, territories, priorities, signatories, attachment). The caller saves.</summary>
    public static async Task ApplyAsync(AppDbContext db, SecurityContract contract, Amendment a, IReadOnlyList<int> addedTerritoryIds, DateOnly today)
    {
        if (SignatoryChangesOf(a) is { Count: > 0 } signatoryChanges)
        {
            // An institution joining by avenant signs the contract when the avenant is signed (its last signature, else today),
            // at its effective date at the latest: never a date in the future.
            var lastSigned = await db.AmendmentSignatures.Where(x => x.AmendmentId == a.Id).MaxAsync(x => (DateOnly?)x.SignedOn) ?? today;
            var joinedOn = lastSigned < a.EffectiveDate ? lastSigned : a.EffectiveDate;
            var signatories = await db.Signatories.Where(s => s.ContractId == contract.Id).ToListAsync();
            var order = signatories.Count == 0 ? 0 : signatories.Max(s => s.Order);
            foreach (var c in signatoryChanges)
            {
                var target = signatories.FirstOrDefault(s => s.Id == c.SignatoryId);
                switch (c.Kind)
                {
                    case SignatoryChangeKind.Removed when target is not null:
                        db.Signatories.Remove(target);
                        break;
                    case SignatoryChangeKind.Representative when target is not null:
                        (target.RepresentativeName, target.RepresentativePosition) = (c.RepresentativeName!, c.RepresentativePosition);
                        break;
                    case SignatoryChangeKind.Added when c.OrganisationId is { } org && signatories.All(s => s.OrganisationId != org):
                        db.Signatories.Add(new Signatory
                        {
                            ContractId = contract.Id, OrganisationId = org, RepresentativeName = c.RepresentativeName!, RepresentativePosition = c.RepresentativePosition,
                            SignedOn = joinedOn, Order = ++order,
                        });
                        break;
                }
            }
        }
        if (a.NewEndDate is { } end) contract.EndDate = end;
        foreach (var t in addedTerritoryIds.Where(t => contract.Territories.All(ct => ct.TerritoryId != t)))
            contract.Territories.Add(new ContractTerritory { ContractId = contract.Id, TerritoryId = t });
        var priorities = Priorities(a.AddedPriorities);
        if (priorities.Count > 0)
        {
            var statuses = await db.PlanStatuses.Where(s => s.ContractId == contract.Id).ToListAsync();
            var planned = statuses.FirstOrDefault(s => s.Key == "planned")?.Id;
            var position = await db.PlanItems.Where(i => i.ContractId == contract.Id && i.ParentId == null).MaxAsync(i => (int?)i.Position) ?? 0;
            foreach (var title in priorities)
                db.PlanItems.Add(new PlanItem
                {
                    ContractId = contract.Id, Kind = PlanItemKind.Priority, Position = ++position, StatusId = planned,
                    Reference = ActionPlan.PlanRules.NewReference('P'), Title = title,
                });
        }
        if (a.AttachesContractId is { } attached)
            await db.Contracts.Where(c => c.Id == attached).ExecuteUpdateAsync(s => s.SetProperty(c => c.AmendsContractId, contract.Id));
    }

    /// <summary>
    /// Why <paramref name="attached"/> cannot be attached to <paramref name="contractId"/> by an avenant, or null: checked when
    /// the avenant is drafted and again when it is put in force (the other contract may have changed meanwhile) — the target
    /// still exists for the user who coordinates both, is not attached to another contract, and attaching it makes no cycle.
    /// </summary>
    public static async Task<string?> AttachmentProblemAsync(AppDbContext db, ContractAccess access, Guid contractId, Guid attached)
    {
        if (attached == contractId) return "Un contrat ne peut pas être rattaché à lui-même.";
        var target = await access.Contracts.AsNoTracking().Where(c => c.Id == attached).Select(c => new { c.AmendsContractId }).FirstOrDefaultAsync();
        if (target is null) return "Le contrat à rattacher est introuvable.";
        if (target.AmendsContractId is { } other && other != contractId) return "Le contrat à rattacher est déjà rattaché à un autre contrat.";
        if (await access.RoleInAsync(attached) != ContractRole.Coordinator) return "Seul un coordinateur des deux contrats peut rattacher un contrat par avenant.";
        // A cycle: the amended contract is itself attached, directly or through others, to the contract to attach.
        var seen = new HashSet<Guid> { contractId };
        for (var up = await ParentAsync(db, contractId); up is { } p && seen.Add(p); up = await ParentAsync(db, p))
            if (p == attached) return "Le contrat à rattacher est celui auquel ce contrat est lui-même rattaché : le rattachement formerait une boucle.";
        return null;
    }

    private static Task<Guid?> ParentAsync(AppDbContext db, Guid contractId) =>
        db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => c.AmendsContractId).FirstOrDefaultAsync();

    public async Task<AmendmentDetail?> DetailAsync(Guid contractId, Guid amendmentId)
    {
        var contract = await access.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.Id, c.Title, c.StartDate, c.EndDate }).FirstOrDefaultAsync();
        if (contract is null) return null;
        var a = await db.Amendments.AsNoTracking().Include(x => x.Document).FirstOrDefaultAsync(x => x.Id == amendmentId && x.ContractId == contractId);
        if (a is null) return null;
        var view = new AmendmentView(a.Id, a.Number, a.Title, a.EffectiveDate, a.Description, a.NewEndDate, a.AddedTerritoryCodes, a.DocumentId, a.Document?.FileName, a.IsDraft);
        var signatories = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId).OrderBy(s => s.Order)
            .Select(s => new { s.Id, Org = s.Organisation!.Name, s.RepresentativeName }).ToListAsync();
        var signed = await db.AmendmentSignatures.AsNoTracking().Where(s => s.AmendmentId == amendmentId).ToDictionaryAsync(s => s.SignatoryId);
        // In force: the signatures it was enacted with (a signatory it removed is gone; one it added did not sign it).
        if (!a.IsDraft && signed.Count > 0) signatories = signatories.Where(s => signed.ContainsKey(s.Id)).ToList();
        var signatures = signatories.Select(s => new AmendmentSignatureView(s.Id, s.Org, s.RepresentativeName, signed.GetValueOrDefault(s.Id)?.SignedOn,
            signed.GetValueOrDefault(s.Id)?.DocumentId)).ToList();
        var attached = a.AttachesContractId is { } aid ? await db.Contracts.Where(c => c.Id == aid).Select(c => c.Title).FirstOrDefaultAsync() : null;
        return new AmendmentDetail(contractId, contract.Title, view, attached, a.AttachesContractId, Priorities(a.AddedPriorities), signatures,
            await ChangesAsync(contractId, a, attached));
    }

    /// <summary>
    /// What the avenant changes: for one in force, the difference between the contract's versions around it (history);
    /// for a draft, what it would change; plus the priorities it adds and the contract it attaches.
    /// </summary>
    private async Task<IReadOnlyList<FieldChange>> ChangesAsync(Guid contractId, Amendment a, string? attached)
    {
        var changes = new List<FieldChange>();
        var versions = await db.ContractVersions.AsNoTracking().Where(v => v.ContractId == contractId).OrderBy(v => v.Number).ToListAsync();
        var at = versions.FindIndex(v => v.AmendmentId == a.Id);
        // The plan is compared with the contract's last signed state (its creation or previous avenant): the avenant ratifies
        // every priority or action added, removed or renamed since.
        var signedPlan = versions.Take(a.IsDraft ? versions.Count : Math.Max(at, 0)).LastOrDefault(v => v.Cause is VersionCause.Created or VersionCause.Amended) is { } signed
            ? ContractHistory.Read(signed).Plan : null;
        var planDiffed = false;
        if (!a.IsDraft && at > 0)
        {
            var (before, after) = (ContractHistory.Read(versions[at - 1]), ContractHistory.Read(versions[at]));
            changes.AddRange(ContractHistory.Diff(before, after).Where(c => c.Field is not ("Avenants" or "Signataires")));
            changes.AddRange(SignatoryChanges(before.Signatories, after.Signatories));
            if (signedPlan is not null && after.Plan is not null)
            {
                changes.AddRange(ContractHistory.PlanChanges(signedPlan, after.Plan));
                planDiffed = true;
            }
        }
        else if (a.IsDraft)
        {
            var now = await history.SnapshotAsync(contractId);
            if (signedPlan is not null && now.Plan is not null) changes.AddRange(ContractHistory.PlanChanges(signedPlan, now.Plan));
            if (a.NewEndDate is { } end)
                changes.Add(new FieldChange("Période", $"{Culture.Date(now.StartDate)} – {Culture.Date(now.EndDate)}", $"{Culture.Date(now.StartDate)} – {Culture.Date(end)}"));
            if (a.AddedTerritoryCodes is { } codes)
                changes.Add(new FieldChange("Territoire", string.Join(" ; ", now.Territories), string.Join(" ; ", now.Territories) + " ; + " + codes.Replace(",", ", ")));
            changes.AddRange(await DraftSignatoryChangesAsync(contractId, a));
        }
        var priorities = Priorities(a.AddedPriorities);
        if (priorities.Count > 0 && !planDiffed) changes.Add(new FieldChange("Axes du plan d'action", "—", "ajout : " + string.Join(" ; ", priorities)));
        if (attached is not null) changes.Add(new FieldChange("Contrats rattachés", "—", attached));
        return changes;
    }

    /// <summary>What a draft avenant would change in the signatories, in the words of the history's diff.</summary>
    private async Task<IEnumerable<FieldChange>> DraftSignatoryChangesAsync(Guid contractId, Amendment a)
    {
        var changes = SignatoryChangesOf(a);
        if (changes.Count == 0) return [];
        static string Line(string org, string name, string? position) => $"{org} — {name}{(position is null ? "" : ", " + position)}";
        var current = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId)
            .Select(s => new { s.Id, Org = s.Organisation!.Name, s.RepresentativeName, s.RepresentativePosition }).ToDictionaryAsync(s => s.Id);
        var orgIds = changes.Where(c => c.OrganisationId is not null).Select(c => c.OrganisationId!.Value).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var result = new List<FieldChange>();
        foreach (var c in changes)
        {
            var was = c.SignatoryId is { } sid && current.TryGetValue(sid, out var s) ? Line(s.Org, s.RepresentativeName, s.RepresentativePosition) : null;
            var org = c.OrganisationId is { } o ? names.GetValueOrDefault(o) ?? "—" : "—";
            result.Add(c.Kind switch
            {
                SignatoryChangeKind.Added => new FieldChange("Signataire ajouté", "—", Line(org, c.RepresentativeName!, c.RepresentativePosition)),
                SignatoryChangeKind.Removed => new FieldChange("Signataire retiré", was ?? org, "—"),
                _ => new FieldChange("Signataire modifié", was ?? org, Line(org, c.RepresentativeName!, c.RepresentativePosition)),
            });
        }
        return result;
    }

    /// <summary>
    /// The signatories an avenant adds, removes or changes (representative, position, signature), one line each, matched by
    /// organisation (a snapshot's line reads "organisation — representative…").
    /// </summary>
    public static IEnumerable<FieldChange> SignatoryChanges(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        static string Org(string line) => line.Split(" — ", 2)[0];
        var old = before.GroupBy(Org).ToDictionary(g => g.Key, g => string.Join(" ; ", g));
        var now = after.GroupBy(Org).ToDictionary(g => g.Key, g => string.Join(" ; ", g));
        foreach (var (org, line) in now)
        {
            if (!old.TryGetValue(org, out var was)) yield return new FieldChange("Signataire ajouté", "—", line);
            else if (!string.Equals(was, line, StringComparison.Ordinal)) yield return new FieldChange("Signataire modifié", was, line);
        }
        foreach (var (org, line) in old)
            if (!now.ContainsKey(org)) yield return new FieldChange("Signataire retiré", line, "—");
    }

    /// <summary>
    /// The refusal of a user who may record no signature on this contract's avenants (null for a coordinator or a partner
    /// member): asked before an upload is read, so the file is not buffered for a refusal. A contract the user cannot see is
    /// "not found", as in <see cref="SignAsync"/>.
    /// </summary>
    public async Task<CommandResult<Guid>?> SignRefusalAsync(Guid contractId)
    {
        if (await access.RoleInAsync(contractId) is ContractRole.Coordinator or ContractRole.PartnerMember) return null;
        return await access.Contracts.AnyAsync(c => c.Id == contractId) ? CommandResult<Guid>.Denied() : CommandResult<Guid>.Missing();
    }

    /// <summary>Records one signatory's signature of a drafted avenant: the coordinator, or a partner member for their own organisation.</summary>
    public async Task<CommandResult<Guid>> SignAsync(Guid contractId, Guid amendmentId, AmendmentSignatureInput input, UploadedPdf? document)
    {
        var contract = await access.Contracts.AsNoTracking().Where(c => c.Id == contractId)
            .Select(c => new { c.StartDate }).FirstOrDefaultAsync();
        if (contract is null) return CommandResult<Guid>.Missing();
        var a = await db.Amendments.FirstOrDefaultAsync(x => x.Id == amendmentId && x.ContractId == contractId);
        if (a is null) return CommandResult<Guid>.Missing();
        if (input.SignatoryId is null) return CommandResult<Guid>.Invalid("signatoryId", "Choisissez le signataire.");
        var signatory = await db.Signatories.FirstOrDefaultAsync(s => s.Id == input.SignatoryId && s.ContractId == contractId);
        // Who is not a signatory gets the same French refusal from everyone who may sign (a partner member included), not a 403.
        if (signatory is null)
            return await access.RoleInAsync(contractId) is ContractRole.Coordinator or ContractRole.PartnerMember
                ? CommandResult<Guid>.Invalid("signatoryId", NotASignatory) : CommandResult<Guid>.Denied();
        var role = await access.RoleInAsync(contractId);
        if (role != ContractRole.Coordinator && !await access.CanEditOwnedByAsync(contractId, signatory.OrganisationId))
            return CommandResult<Guid>.Denied();
        var errors = new ErrorBag();
        if (!a.IsDraft) errors.Add("signatoryId", "Cet avenant est déjà en vigueur : ses signatures ne changent plus.");
        else if (await db.AmendmentSignatures.AnyAsync(s => s.AmendmentId == amendmentId && s.SignatoryId == signatory.Id))
            errors.Add("signatoryId", "Ce signataire a déjà signé l'avenant.");
        // An avenant amends a signed contract: it is signed once the contract is (its last signature, else its start), never ahead of today.
        var earliest = await ContractSignedOnAsync(db, contractId) ?? contract.StartDate;
        if (input.SignedOn is not { } on) errors.Add("signedOn", "La date de signature est obligatoire.");
        else if (on > Today) errors.Add("signedOn", "La date de signature ne peut pas être dans le futur.");
        else if (on < earliest)
            errors.Add("signedOn", $"La date de signature ne peut pas précéder la signature du contrat qu'il modifie ({Culture.Date(earliest)}).");
        if (document?.Problem() is { } problem) errors.Add("document", problem);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var signature = new AmendmentSignature
        {
            ContractId = contractId, AmendmentId = amendmentId, SignatoryId = signatory.Id, SignedOn = input.SignedOn!.Value,
            DocumentId = document is null ? null : ContractCommands.StoreFile(db, document, clock.GetUtcNow(), user.Id).Id,
        };
        db.AmendmentSignatures.Add(signature);
        auditor.Record(AuditKinds.AmendmentSigned, "Amendment", amendmentId, contractId, new { signatory = signatory.Id, document = document is not null });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(signature.Id);
    }

    /// <summary>
    /// When the contract itself was signed: the last signature of its original signatories. An institution that joined by
    /// avenant signed later and does not move this date (later avenants stay signable at any date since the contract's).
    /// </summary>
    public static async Task<DateOnly?> ContractSignedOnAsync(AppDbContext db, Guid contractId)
    {
        var signatories = await db.Signatories.AsNoTracking().Where(s => s.ContractId == contractId).Select(s => new { s.OrganisationId, s.SignedOn }).ToListAsync();
        var enacted = await db.Amendments.AsNoTracking().Where(x => x.ContractId == contractId && !x.IsDraft && x.SignatoryChanges != null).ToListAsync();
        var joined = enacted.SelectMany(SignatoryChangesOf).Where(c => c.Kind == SignatoryChangeKind.Added).Select(c => c.OrganisationId).ToHashSet();
        return signatories.Where(s => !joined.Contains(s.OrganisationId)).Max(s => s.SignedOn);
    }

    /// <summary>Puts a drafted avenant in force once every signatory of the contract has signed it; one transaction.</summary>
    public async Task<CommandResult<Guid>> EnactAsync(Guid contractId, Guid amendmentId)
    {
        var contract = await access.Contracts.Include(c => c.Territories).SingleOrDefaultAsync(c => c.Id == contractId);
        if (contract is null) return CommandResult<Guid>.Missing();
        var a = await db.Amendments.FirstOrDefaultAsync(x => x.Id == amendmentId && x.ContractId == contractId);
        if (a is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(contractId) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        if (!a.IsDraft) return CommandResult<Guid>.Invalid("amendment", "Cet avenant est déjà en vigueur.");
        if (contract.Status is not (ContractStatus.InForce or ContractStatus.UnderEvaluation))
            return CommandResult<Guid>.Invalid("amendment", $"Un avenant modifie un contrat signé et en cours ; ce contrat est « {Labels.Status(contract.Status)} ».");
        var missing = await db.Signatories.Where(s => s.ContractId == contractId && !db.AmendmentSignatures.Any(x => x.AmendmentId == amendmentId && x.SignatoryId == s.Id))
            .OrderBy(s => s.Order).Select(s => s.Organisation!.Name).ToListAsync();
        if (missing.Count > 0)
            return CommandResult<Guid>.Invalid("amendment", "Tous les signataires doivent avoir signé l'avenant pour qu'il entre en vigueur ; manquent : " + string.Join(", ", missing) + ".");
        // "At least one signatory stays", again against today's signatories: another avenant may have removed some since the draft.
        var changes = SignatoryChangesOf(a);
        var currentSignatories = await db.Signatories.Where(s => s.ContractId == contractId).Select(s => new { s.Id, s.OrganisationId }).ToListAsync();
        var removedIds = changes.Where(c => c.Kind == SignatoryChangeKind.Removed).Select(c => c.SignatoryId).ToHashSet();
        var joining = changes.Count(c => c.Kind == SignatoryChangeKind.Added && currentSignatories.All(s => s.OrganisationId != c.OrganisationId));
        if (currentSignatories.Count > 0 && currentSignatories.Count(s => !removedIds.Contains(s.Id)) + joining == 0)
            return CommandResult<Guid>.Invalid("removedSignatoryIds", "Le contrat doit garder au moins un signataire : cet avenant retire les derniers signataires restants.");
        if (a.NewEndDate is { } end && end <= contract.StartDate)
            return CommandResult<Guid>.Invalid("newEndDate", "La nouvelle date de fin doit être postérieure au début du contrat.");
        if (a.AttachesContractId is { } attached && await AttachmentProblemAsync(db, access, contractId, attached) is { } refused)
            return CommandResult<Guid>.Invalid("attachesContractId", refused);
        var territories = new List<int>();
        if (a.AddedTerritoryCodes is { } codes)
        {
            var resolved = await resolver.ResolveAsync(codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (resolved.Errors.Count > 0) return CommandResult<Guid>.Invalid("addedTerritories", string.Join(" ", resolved.Errors));
            territories = resolved.Territories.Select(t => t.Id).ToList();
        }

        await using var tx = await db.Database.BeginTransactionAsync();
        await ApplyAsync(db, contract, a, territories, Today);
        a.IsDraft = false;
        auditor.Record(AuditKinds.AmendmentEnacted, "Amendment", a.Id, contractId, new
        {
            a.Number, endChanged = a.NewEndDate is not null, territoriesAdded = territories.Count, priorities = Priorities(a.AddedPriorities).Count, attached = a.AttachesContractId,
            signatoryChanges = SignatoryChangesOf(a).Count,
        });
        await db.SaveChangesAsync();
        await history.RecordAsync(contractId, VersionCause.Amended, a.EffectiveDate, a.Id);
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(a.Id);
    }
}
