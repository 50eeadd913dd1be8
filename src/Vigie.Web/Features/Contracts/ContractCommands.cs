using System.Security.Cryptography;

namespace Vigie.Web.Features.Contracts;

/// <summary>A PDF received from a form or the API, checked before anything is saved.</summary>
public sealed record UploadedPdf(string FileName, string ContentType, byte[] Content)
{
    public static async Task<UploadedPdf?> FromAsync(IFormFile? file, CancellationToken ct = default)
    {
        if (file is null) return null;
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        return new UploadedPdf(Path.GetFileName(file.FileName), file.ContentType ?? "", ms.ToArray());
    }

    /// <summary>French error naming the problem, or null when the file is an acceptable PDF.</summary>
    public string? Problem()
    {
        if (Content.Length == 0) return "Le fichier est vide.";
        if (Content.Length > VigieApp.MaxUploadBytes) return $"Le fichier dépasse la taille maximale de {VigieApp.MaxUploadBytes / 1024 / 1024} Mo.";
        if (!FileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) return $"Le fichier « {FileName} » n'est pas un PDF (extension .pdf attendue).";
        if (Content.Length < 5 || Content[0] != '%' || Content[1] != 'P' || Content[2] != 'D' || Content[3] != 'F' || Content[4] != '-')
            return $"Le fichier « {FileName} » n'est pas un document PDF valide.";
        return null;
    }
}

/// <summary>
/// The contract's business rules, shared by the pages and the API: authorization (scoped through
/// <see cref="ContractAccess"/>), validation, the change, its history version and its audit event,
/// all in one transaction.
/// </summary>
public sealed class ContractCommands(AppDbContext db, ContractAccess access, ContractHistory history, Auditor auditor,
    TerritoryResolver resolver, TimeProvider clock, ICurrentUser user, MembershipNotices notices, ContractViewers viewers, IRenewalCarryOver carryOver)
{
    public const string SelfGrantRefused = "Un administrateur ne peut pas se donner lui-même un rôle dans un contrat dont il n'est pas déjà coordinateur : " +
        "l'administration technique gère les comptes, pas l'accès au contenu. Demandez à un coordinateur du contrat de vous ajouter.";

    /// <summary>
    /// An administrator acts as a coordinator for account management, but never grants themselves content access
    /// (ADR 0003, ADR 0006): adding or changing their own membership needs an existing coordinator membership.
    /// </summary>
    private async Task<bool> IsAdministratorSelfGrantAsync(Guid contractId, Guid targetUserId)
    {
        if (!user.IsAdministrator || user.Id != targetUserId) return false;
        var own = await db.Memberships.Where(m => m.ContractId == contractId && m.UserId == targetUserId).Select(m => (ContractRole?)m.Role).FirstOrDefaultAsync();
        return own != ContractRole.Coordinator;
    }

    private async Task<CommandResult<Guid>> RefuseSelfGrantAsync(Guid contractId)
    {
        await auditor.RecordNowAsync(AuditKinds.MembershipSelfGrantRefused, "User", user.Id, contractId);
        return CommandResult<Guid>.Denied(SelfGrantRefused);
    }

    public const string AlreadyRenewed = "Ce contrat a déjà été renouvelé : il a déjà un contrat successeur, qui se renouvelle à son tour.";
    public const string PredecessorAlreadyRenewed = "Le contrat précédent a déjà un contrat successeur : c'est ce successeur qui se renouvelle à son tour.";

    public const string PredecessorNotCoordinated = "Seul un coordinateur du contrat précédent peut lui désigner un contrat successeur.";
    public const string AmendsNotCoordinated = "Seul un coordinateur du contrat de rattachement peut y rattacher ce contrat comme avenant.";

    /// <summary>Allowed status changes: the contract life cycle.</summary>
    public static readonly IReadOnlyDictionary<ContractStatus, ContractStatus[]> Transitions = new Dictionary<ContractStatus, ContractStatus[]>
    {
        [ContractStatus.Draft] = [ContractStatus.InSignature],
        [ContractStatus.InSignature] = [ContractStatus.Draft, ContractStatus.InForce],
        [ContractStatus.InForce] = [ContractStatus.UnderEvaluation, ContractStatus.Ended],
        [ContractStatus.UnderEvaluation] = [ContractStatus.InForce, ContractStatus.Ended],
        [ContractStatus.Ended] = [],
    };

    /// <summary>Once signed, the period and the territory change only through an avenant.</summary>
    public static bool IsSigned(ContractStatus s) => s is ContractStatus.InForce or ContractStatus.UnderEvaluation or ContractStatus.Ended;

    public async Task<CommandResult<Guid>> CreateAsync(ContractInput input)
    {
        var errors = new ErrorBag();
        var territories = await ValidateContractAsync(input, errors, current: null);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var generation = 1;
        if (input.PredecessorId is { } pid)
            generation = await access.Contracts.Where(c => c.Id == pid).Select(c => c.Generation).SingleAsync() + 1;

        await using var tx = await db.Database.BeginTransactionAsync();
        var contract = new SecurityContract
        {
            Title = input.Title.Trim(),
            Kind = input.Kind,
            Status = ContractStatus.Draft,
            StartDate = input.StartDate!.Value,
            EndDate = input.EndDate!.Value,
            Summary = Clean(input.Summary),
            PredecessorId = input.PredecessorId,
            AmendsContractId = input.AmendsContractId,
            Generation = generation,
            IsPublished = input.IsPublished,
            PlannedSignatureDate = input.PlannedSignatureDate,
        };
        foreach (var t in territories) contract.Territories.Add(new ContractTerritory { TerritoryId = t.Id });
        if (user.Id is { } uid) contract.Memberships.Add(new ContractMembership { UserId = uid, Role = ContractRole.Coordinator });
        db.Contracts.Add(contract);
        db.PlanStatuses.AddRange(ActionPlan.PlanCommandKit.DefaultStatuses(contract.Id));
        auditor.Record(AuditKinds.ContractCreated, "Contract", contract.Id, contract.Id, new { generation, territories = territories.Count });
        if (!await SaveSuccessorAsync()) return CommandResult<Guid>.Invalid("predecessorId", PredecessorAlreadyRenewed);
        await history.RecordAsync(contract.Id, VersionCause.Created, contract.StartDate);
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(contract.Id);
    }

    public async Task<CommandResult<Guid>> UpdateAsync(Guid id, ContractInput input)
    {
        var contract = await access.Contracts.Include(c => c.Territories).SingleOrDefaultAsync(c => c.Id == id);
        if (contract is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        var territories = await ValidateContractAsync(input, errors, current: contract);
        // "Est un avenant au contrat…" is the attachment an avenant makes (AmendmentWorkflow): same rules, checked when it changes.
        if (input.AmendsContractId is { } amends && amends != contract.AmendsContractId && !errors.Errors.ContainsKey("amendsContractId")
            && await AmendmentWorkflow.AttachmentProblemAsync(db, access, amends, id) is { } refused)
            errors.Add("amendsContractId", refused);
        if (IsSigned(contract.Status))
        {
            if (input.StartDate != contract.StartDate || input.EndDate != contract.EndDate)
                errors.Add("endDate", "Le contrat est signé : sa période ne peut changer que par un avenant.");
            var current = contract.Territories.Select(t => t.TerritoryId).Order().ToList();
            if (!territories.Select(t => t.Id).Order().SequenceEqual(current) && !errors.Errors.ContainsKey("territories"))
                errors.Add("territories", "Le contrat est signé : son territoire ne peut changer que par un avenant.");
        }
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        var changed = new List<string>();
        void Track(string name, bool differs) { if (differs) changed.Add(name); }
        Track("title", contract.Title != input.Title.Trim());
        Track("kind", contract.Kind != input.Kind);
        Track("startDate", contract.StartDate != input.StartDate);
        Track("endDate", contract.EndDate != input.EndDate);
        Track("summary", contract.Summary != Clean(input.Summary));
        Track("predecessor", contract.PredecessorId != input.PredecessorId);
        Track("amendsContract", contract.AmendsContractId != input.AmendsContractId);
        Track("published", contract.IsPublished != input.IsPublished);
        Track("plannedSignatureDate", contract.PlannedSignatureDate != input.PlannedSignatureDate);
        contract.Title = input.Title.Trim();
        contract.Kind = input.Kind;
        contract.StartDate = input.StartDate!.Value;
        contract.EndDate = input.EndDate!.Value;
        contract.Summary = Clean(input.Summary);
        contract.PredecessorId = input.PredecessorId;
        contract.AmendsContractId = input.AmendsContractId;
        contract.IsPublished = input.IsPublished;
        contract.PlannedSignatureDate = input.PlannedSignatureDate;
        var wanted = territories.Select(t => t.Id).ToHashSet();
        var removed = contract.Territories.Where(t => !wanted.Contains(t.TerritoryId)).ToList();
        foreach (var r in removed) contract.Territories.Remove(r);
        var added = wanted.Except(contract.Territories.Select(t => t.TerritoryId)).ToList();
        foreach (var a in added) contract.Territories.Add(new ContractTerritory { ContractId = id, TerritoryId = a });
        Track("territories", removed.Count + added.Count > 0);
        if (changed.Count == 0) return CommandResult<Guid>.Ok(id);

        auditor.Record(AuditKinds.ContractEdited, "Contract", id, id, new { fields = changed });
        if (!await SaveSuccessorAsync()) return CommandResult<Guid>.Invalid("predecessorId", PredecessorAlreadyRenewed);
        await history.RecordAsync(id, VersionCause.Edited, Today());
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(id);
    }

    public async Task<CommandResult<ContractStatus>> ChangeStatusAsync(Guid id, ContractStatus to)
    {
        var contract = await access.Contracts.Include(c => c.Signatories).Include(c => c.Territories).SingleOrDefaultAsync(c => c.Id == id);
        if (contract is null) return CommandResult<ContractStatus>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<ContractStatus>.Denied();
        var from = contract.Status;
        if (from == to) return CommandResult<ContractStatus>.Ok(to);
        if (!Transitions[from].Contains(to))
            return CommandResult<ContractStatus>.Invalid("status", $"Un contrat « {Labels.Status(from)} » ne peut pas passer au statut « {Labels.Status(to)} ».");
        if (to == ContractStatus.InSignature && contract.Signatories.Count == 0)
            return CommandResult<ContractStatus>.Invalid("status", "Ajoutez au moins un signataire avant de mettre le contrat en signature.");
        if (to == ContractStatus.InForce && contract.Signatories.Any(s => s.SignedOn is null))
            return CommandResult<ContractStatus>.Invalid("status", "Tous les signataires doivent avoir une date de signature pour que le contrat entre en vigueur : " +
                string.Join(", ", contract.Signatories.Where(s => s.SignedOn is null).Select(s => s.RepresentativeName)) + ".");

        await using var tx = await db.Database.BeginTransactionAsync();
        contract.Status = to;
        auditor.Record(AuditKinds.ContractStatusChanged, "Contract", id, id, new { from = from.ToString(), to = to.ToString() });
        await db.SaveChangesAsync();
        await history.RecordAsync(id, VersionCause.StatusChanged, Today());
        await tx.CommitAsync();
        return CommandResult<ContractStatus>.Ok(to);
    }

    public async Task<CommandResult<Guid>> SaveSignatoryAsync(Guid id, Guid? signatoryId, SignatoryInput input)
    {
        var contract = await access.Contracts.Include(c => c.Signatories).SingleOrDefaultAsync(c => c.Id == id);
        if (contract is null) return CommandResult<Guid>.Missing();
        var signatory = signatoryId is { } sid ? contract.Signatories.SingleOrDefault(s => s.Id == sid) : null;
        if (signatoryId is not null && signatory is null) return CommandResult<Guid>.Missing();

        // A partner member may record their own organisation's signature; everything else is the coordinator's.
        var role = await access.RoleInAsync(id);
        var isCoordinator = role == ContractRole.Coordinator;
        if (!isCoordinator)
        {
            var ownOnly = signatory is not null && await access.CanEditOwnedByAsync(id, signatory.OrganisationId)
                && input.OrganisationId == signatory.OrganisationId;
            if (!ownOnly) return CommandResult<Guid>.Denied();
        }

        var errors = new ErrorBag();
        if (input.OrganisationId is { } orgId && !await db.Organisations.AnyAsync(o => o.Id == orgId && !o.IsArchived))
            errors.Add("organisationId", "L'institution choisie n'existe pas ou est archivée.");
        if (input.OrganisationId is { } oid && contract.Signatories.Any(s => s.OrganisationId == oid && s.Id != signatoryId))
            errors.Add("organisationId", "Cette institution est déjà signataire du contrat.");
        if (input.SignedOn is { } signed && signed > Today())
            errors.Add("signedOn", "La date de signature ne peut pas être dans le futur.");
        if (signatory is null && IsSigned(contract.Status))
            errors.Add("organisationId", "Le contrat est signé : un nouveau signataire s'ajoute par un avenant.");
        else if (signatory is not null && IsSigned(contract.Status) && input.OrganisationId != signatory.OrganisationId)
            errors.Add("organisationId", "Le contrat est signé : l'institution signataire ne change que par un avenant (retrait d'un signataire et ajout d'un autre).");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        if (signatory is null)
        {
            signatory = new Signatory
            {
                ContractId = id,
                OrganisationId = input.OrganisationId!.Value,
                RepresentativeName = input.RepresentativeName.Trim(),
                RepresentativePosition = Clean(input.RepresentativePosition),
                SignedOn = input.SignedOn,
                Order = contract.Signatories.Count == 0 ? 1 : contract.Signatories.Max(s => s.Order) + 1,
            };
            db.Signatories.Add(signatory);
            auditor.Record(AuditKinds.SignatoryAdded, "Signatory", signatory.Id, id);
        }
        else
        {
            signatory.OrganisationId = input.OrganisationId!.Value;
            signatory.RepresentativeName = input.RepresentativeName.Trim();
            signatory.RepresentativePosition = Clean(input.RepresentativePosition);
            signatory.SignedOn = input.SignedOn;
            auditor.Record(AuditKinds.SignatoryUpdated, "Signatory", signatory.Id, id, new { signed = input.SignedOn is not null });
        }
        await db.SaveChangesAsync();
        await history.RecordAsync(id, VersionCause.SignatoriesChanged, input.SignedOn ?? Today());
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(signatory.Id);
    }

    public async Task<CommandResult<Guid>> RemoveSignatoryAsync(Guid id, Guid signatoryId)
    {
        var contract = await access.Contracts.Include(c => c.Signatories).SingleOrDefaultAsync(c => c.Id == id);
        var signatory = contract?.Signatories.SingleOrDefault(s => s.Id == signatoryId);
        if (contract is null || signatory is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        if (IsSigned(contract.Status))
            return CommandResult<Guid>.Invalid("signatory", "Le contrat est signé : un signataire ne peut plus être retiré.");

        await using var tx = await db.Database.BeginTransactionAsync();
        db.Signatories.Remove(signatory);
        auditor.Record(AuditKinds.SignatoryRemoved, "Signatory", signatoryId, id);
        await db.SaveChangesAsync();
        await history.RecordAsync(id, VersionCause.SignatoriesChanged, Today());
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(signatoryId);
    }

    public async Task<CommandResult<Guid>> AttachDocumentAsync(Guid id, UploadedPdf? file)
    {
        var contract = await access.Contracts.SingleOrDefaultAsync(c => c.Id == id);
        if (contract is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        if (file is null) return CommandResult<Guid>.Invalid("document", "Choisissez le fichier PDF du contrat signé.");
        if (file.Problem() is { } problem) return CommandResult<Guid>.Invalid("document", problem);

        await using var tx = await db.Database.BeginTransactionAsync();
        var stored = Store(file);
        contract.SignedDocumentId = stored.Id;
        auditor.Record(AuditKinds.ContractDocumentUploaded, "Contract", id, id, new { bytes = file.Content.Length, sha256 = stored.Sha256 });
        await db.SaveChangesAsync();
        await history.RecordAsync(id, VersionCause.Edited, Today());
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(stored.Id);
    }

    public async Task<CommandResult<Guid>> AddAmendmentAsync(Guid id, AmendmentInput input, UploadedPdf? document)
    {
        var contract = await access.Contracts.Include(c => c.Territories).Include(c => c.Amendments).SingleOrDefaultAsync(c => c.Id == id);
        if (contract is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();

        var errors = new ErrorBag();
        if (contract.Status is not (ContractStatus.InForce or ContractStatus.UnderEvaluation))
            errors.Add("effectiveDate", $"Un avenant modifie un contrat signé et en cours ; ce contrat est « {Labels.Status(contract.Status)} ».");
        if (input.EffectiveDate is { } eff && (eff < contract.StartDate || eff > (input.NewEndDate is { } ne && ne > contract.EndDate ? ne : contract.EndDate)))
            errors.Add("effectiveDate", $"La date d'effet doit être comprise dans la période du contrat ({Culture.Date(contract.StartDate)} – {Culture.Date(contract.EndDate)}).");
        if (input.NewEndDate is { } end && end <= contract.StartDate)
            errors.Add("newEndDate", "La nouvelle date de fin doit être postérieure au début du contrat.");
        if (input.NewEndDate == contract.EndDate)
            errors.Add("newEndDate", "La nouvelle date de fin est identique à la date de fin actuelle.");
        var added = new List<Territory>();
        if (!string.IsNullOrWhiteSpace(input.AddedTerritories))
        {
            var resolved = await resolver.ResolveAsync(TerritoryResolver.Split(input.AddedTerritories));
            foreach (var e in resolved.Errors) errors.Add("addedTerritories", e);
            added = resolved.Territories.Where(t => contract.Territories.All(ct => ct.TerritoryId != t.Id)).ToList();
            if (resolved.Errors.Count == 0 && added.Count == 0)
                errors.Add("addedTerritories", "Ces territoires font déjà partie du contrat.");
        }
        if (input.AttachesContractId is { } attached && await AmendmentWorkflow.AttachmentProblemAsync(db, access, id, attached) is { } refused)
            errors.Add("attachesContractId", refused);
        var priorities = AmendmentWorkflow.Priorities(input.AddedPriorities);
        if (priorities.Any(p => p.Length > 300)) errors.Add("addedPriorities", "L'intitulé d'un axe ne doit pas dépasser 300 caractères.");
        if (document?.Problem() is { } problem) errors.Add("document", problem);
        var signatoryChanges = await AmendmentWorkflow.SignatoryChangesAsync(db, id, input, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        var amendment = new Amendment
        {
            ContractId = id,
            Number = contract.Amendments.Count == 0 ? 1 : contract.Amendments.Max(a => a.Number) + 1,
            Title = input.Title.Trim(),
            EffectiveDate = input.EffectiveDate!.Value,
            Description = input.Description.Trim(),
            NewEndDate = input.NewEndDate,
            AddedTerritoryCodes = added.Count == 0 ? null : string.Join(",", added.Select(t => t.Code)),
            DocumentId = document is null ? null : Store(document).Id,
            IsDraft = input.Draft,
            AttachesContractId = input.AttachesContractId,
            AddedPriorities = priorities.Count == 0 ? null : string.Join("\n", priorities),
            SignatoryChanges = AmendmentWorkflow.StoreSignatoryChanges(signatoryChanges),
        };
        db.Amendments.Add(amendment);
        if (input.Draft)
        {
            // A draft changes nothing yet: its signatures are collected, then it is put in force (AmendmentWorkflow).
            auditor.Record(AuditKinds.AmendmentDrafted, "Amendment", amendment.Id, id, new { amendment.Number, attaches = input.AttachesContractId });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return CommandResult<Guid>.Ok(amendment.Id);
        }
        await AmendmentWorkflow.ApplyAsync(db, contract, amendment, added.Select(t => t.Id).ToList(), Today());
        // Recorded in one step: an avenant already signed by every signatory outside Vigie (ADR 0016), attested by the coordinator.
        auditor.Record(AuditKinds.AmendmentAdded, "Amendment", amendment.Id, id, new { amendment.Number, endChanged = input.NewEndDate is not null, territoriesAdded = added.Count,
            signatoryChanges = signatoryChanges.Count, signedOutsideVigie = true, signedDocument = document is not null });
        await db.SaveChangesAsync();
        await history.RecordAsync(id, VersionCause.Amended, amendment.EffectiveDate, amendment.Id);
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(amendment.Id);
    }

    public async Task<CommandResult<Guid>> AddMemberAsync(Guid id, MemberInput input)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id)) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var email = input.Email.Trim().ToUpperInvariant();
        var member = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => new { u.Id, u.IsDisabled }).SingleOrDefaultAsync();
        if (member is null || member.IsDisabled)
            return CommandResult<Guid>.Invalid("email", "Aucun compte actif n'utilise cette adresse : demandez à un administrateur de le créer.");
        if (await IsAdministratorSelfGrantAsync(id, member.Id)) return await RefuseSelfGrantAsync(id);
        var existing = await db.Memberships.SingleOrDefaultAsync(m => m.ContractId == id && m.UserId == member.Id);
        if (existing is not null)
            return CommandResult<Guid>.Invalid("email", $"Cette personne est déjà membre du contrat ({Labels.Role(existing.Role)}).");

        var coordinatorsBefore = await notices.CoordinatorIdsAsync(id);
        var membership = new ContractMembership { ContractId = id, UserId = member.Id, Role = input.Role };
        db.Memberships.Add(membership);
        auditor.Record(AuditKinds.MembershipGranted, "User", member.Id, id, new { role = input.Role.ToString(), byAdministrator = await ActsAsAdministratorAsync(id) });
        await db.SaveChangesAsync();
        viewers.Forget(id);
        await notices.SendAsync(id, coordinatorsBefore, member.Id, null, input.Role);
        return CommandResult<Guid>.Ok(membership.Id);
    }

    public async Task<CommandResult<Guid>> ChangeMemberAsync(Guid id, Guid membershipId, ContractRole? newRole)
    {
        if (!await access.Contracts.AnyAsync(c => c.Id == id)) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.ContractId == id);
        if (membership is null) return CommandResult<Guid>.Missing();
        if (newRole is not null && newRole != membership.Role && await IsAdministratorSelfGrantAsync(id, membership.UserId)) return await RefuseSelfGrantAsync(id);
        if (membership.Role == ContractRole.Coordinator && newRole != ContractRole.Coordinator
            && await db.Memberships.CountAsync(m => m.ContractId == id && m.Role == ContractRole.Coordinator) == 1)
            return CommandResult<Guid>.Invalid("role", "Le contrat doit garder au moins un coordinateur.");

        if (newRole == membership.Role) return CommandResult<Guid>.Ok(membership.Id);
        var coordinatorsBefore = await notices.CoordinatorIdsAsync(id);
        var byAdministrator = await ActsAsAdministratorAsync(id);
        var oldRole = membership.Role;
        if (newRole is null)
        {
            db.Memberships.Remove(membership);
            auditor.Record(AuditKinds.MembershipRevoked, "User", membership.UserId, id, new { byAdministrator });
        }
        else
        {
            auditor.Record(AuditKinds.MembershipChanged, "User", membership.UserId, id, new { from = membership.Role.ToString(), to = newRole.Value.ToString(), byAdministrator });
            membership.Role = newRole.Value;
        }
        await db.SaveChangesAsync();
        viewers.Forget(id);
        // Losing a membership revokes the person's tokens and feeds: a script handed over with the seat stops working.
        if (newRole is null)
            await Tokens.AccessTokens.RevokeAllAsync(db, auditor, membership.UserId, "membership-removed", clock.GetUtcNow());
        await notices.SendAsync(id, coordinatorsBefore, membership.UserId, oldRole, newRole);
        return CommandResult<Guid>.Ok(membership.Id);
    }

    /// <summary>An administrator acting without being a coordinator of the contract (flagged in the audit).</summary>
    private async Task<bool> ActsAsAdministratorAsync(Guid contractId)
    {
        if (!user.IsAdministrator) return false;
        var uid = user.Id ?? Guid.Empty;
        return !await db.Memberships.AnyAsync(m => m.ContractId == contractId && m.UserId == uid && m.Role == ContractRole.Coordinator);
    }

    /// <summary>
    /// Starts the next generation: same territory, then what the coordinator selects (<see cref="RenewalSelection"/>; by default
    /// partners to sign again, same members, sub-areas) and, through <see cref="IRenewalCarryOver"/>, plan items with lineage,
    /// bodies and recommendations as draft actions. One transaction: nothing is half-saved. A renewal without an evaluation
    /// is allowed (flagged on the contract page); a contract that already has a successor is refused.
    /// </summary>
    public async Task<CommandResult<Guid>> RenewAsync(Guid id, RenewalSelection? selection = null)
    {
        selection ??= new RenewalSelection();
        var old = await access.Contracts.AsNoTracking().Include(c => c.Territories).Include(c => c.Signatories).Include(c => c.Memberships)
            .SingleOrDefaultAsync(c => c.Id == id);
        if (old is null) return CommandResult<Guid>.Missing();
        if (await access.RoleInAsync(id) != ContractRole.Coordinator) return CommandResult<Guid>.Denied();
        if (old.Status is not (ContractStatus.UnderEvaluation or ContractStatus.Ended or ContractStatus.InForce))
            return CommandResult<Guid>.Invalid("status", "Seul un contrat signé (en vigueur, en évaluation ou terminé) peut être renouvelé.");
        if (await db.Contracts.AnyAsync(c => c.PredecessorId == id))
            return CommandResult<Guid>.Invalid("status", AlreadyRenewed);
        var errors = new ErrorBag();
        await carryOver.ValidateAsync(id, selection, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        await using var tx = await db.Database.BeginTransactionAsync();
        var years = Math.Max(1, old.EndDate.Year - old.StartDate.Year + (old.EndDate.DayOfYear >= old.StartDate.DayOfYear ? 0 : -1) + 1);
        var start = old.EndDate.AddDays(1);
        var renewed = new SecurityContract
        {
            Title = string.IsNullOrWhiteSpace(selection.Title) ? old.Title + " — renouvellement" : selection.Title.Trim(),
            Kind = old.Kind,
            Status = ContractStatus.Draft,
            StartDate = start,
            EndDate = start.AddYears(years).AddDays(-1),
            Summary = old.Summary,
            PredecessorId = old.Id,
            // Not AmendsContractId: an attachment is made by an avenant the neighbour's signatories signed; the next
            // generation is a new contract, attached again only by a new avenant.
            Generation = old.Generation + 1,
        };
        foreach (var t in old.Territories) renewed.Territories.Add(new ContractTerritory { TerritoryId = t.TerritoryId });
        if (selection.Signatories)
            foreach (var s in old.Signatories.OrderBy(s => s.Order))
                renewed.Signatories.Add(new Signatory { OrganisationId = s.OrganisationId, RepresentativeName = s.RepresentativeName, RepresentativePosition = s.RepresentativePosition, Order = s.Order });
        foreach (var m in old.Memberships.Where(m => selection.Members || m.UserId == user.Id))
            renewed.Memberships.Add(new ContractMembership { UserId = m.UserId, Role = m.Role });
        db.Contracts.Add(renewed);
        var statuses = ActionPlan.PlanCommandKit.DefaultStatuses(renewed.Id).ToList();
        db.PlanStatuses.AddRange(statuses);
        if (selection.Areas)
        {
            var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == id).ToListAsync();
            foreach (var a in areas)
                db.Areas.Add(new Area { ContractId = renewed.Id, Kind = a.Kind, Name = a.Name, Code = a.Code, CommuneCode = a.CommuneCode, GeoJson = a.GeoJson });
        }
        var carried = await carryOver.CarryOverAsync(id, renewed.Id, renewed.StartDate, statuses, selection);
        auditor.Record(AuditKinds.ContractCreated, "Contract", renewed.Id, renewed.Id, new { renews = id, generation = renewed.Generation });
        auditor.Record(AuditKinds.ContractRenewed, "Contract", renewed.Id, renewed.Id, new { renews = id, generation = renewed.Generation, evaluated = carried.Evaluated,
            items = carried.Items, bodies = carried.Bodies, recommendations = carried.Recommendations, sourcesToRelink = carried.SourcesToRelink });
        // Two renewals at once both pass the check above: the unique index on PredecessorId lets only the first one in.
        if (!await SaveSuccessorAsync()) return CommandResult<Guid>.Invalid("status", AlreadyRenewed);
        await history.RecordAsync(renewed.Id, VersionCause.Created, renewed.StartDate);
        await tx.CommitAsync();
        return CommandResult<Guid>.Ok(renewed.Id);
    }

    /// <summary>
    /// Checks a contract input; <paramref name="current"/> is the edited contract (null on create). Naming a predecessor or
    /// the contract this one is an avenant to takes the coordinator's role in that contract, when it changes.
    /// </summary>
    private async Task<List<Territory>> ValidateContractAsync(ContractInput input, ErrorBag errors, SecurityContract? current)
    {
        var currentId = current?.Id;
        if (input.StartDate is { } s && input.EndDate is { } e)
        {
            if (e <= s) errors.Add("endDate", "La date de fin doit être postérieure à la date de début.");
            else if (e > s.AddYears(10)) errors.Add("endDate", "Un contrat ne peut pas durer plus de 10 ans.");
        }
        if (input.StartDate is { Year: < 1990 }) errors.Add("startDate", "La date de début doit être postérieure à 1990.");
        if (input.EndDate is { Year: > 2100 }) errors.Add("endDate", "La date de fin doit être antérieure à 2101.");
        if (input.PlannedSignatureDate is { } planned && input.StartDate is { } start && (planned < start.AddYears(-3) || planned > (input.EndDate ?? start)))
            errors.Add("plannedSignatureDate", "La date de signature prévue doit se situer entre trois ans avant le début du contrat et sa fin.");
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "Le type de contrat est inconnu.");
        if (input.PredecessorId is { } pid)
        {
            if (pid == currentId) errors.Add("predecessorId", "Un contrat ne peut pas se renouveler lui-même.");
            else if (!await access.Contracts.AnyAsync(c => c.Id == pid)) errors.Add("predecessorId", "Le contrat précédent est introuvable.");
            else if (await db.Contracts.AnyAsync(c => c.PredecessorId == pid && c.Id != currentId)) errors.Add("predecessorId", PredecessorAlreadyRenewed);
            // Reading the predecessor is not enough: naming it takes its only successor slot.
            else if (pid != current?.PredecessorId && await access.RoleInAsync(pid) != ContractRole.Coordinator)
                errors.Add("predecessorId", PredecessorNotCoordinated);
            else if (currentId is { } cid && await IsEarlierGenerationAsync(cid, pid))
                errors.Add("predecessorId", "Le contrat précédent choisi est une génération suivante de ce contrat : le renouvellement formerait une boucle.");
        }
        if (input.AmendsContractId is { } aid)
        {
            if (aid == currentId) errors.Add("amendsContractId", "Un contrat ne peut pas être un avenant à lui-même.");
            else if (!await access.Contracts.AnyAsync(c => c.Id == aid)) errors.Add("amendsContractId", "Le contrat de rattachement est introuvable.");
            else if (aid != current?.AmendsContractId && await access.RoleInAsync(aid) != ContractRole.Coordinator)
                errors.Add("amendsContractId", AmendsNotCoordinated);
        }
        var resolved = await resolver.ResolveAsync(TerritoryResolver.Split(input.Territories));
        foreach (var message in resolved.Errors) errors.Add("territories", message);
        if (resolved.Errors.Count == 0 && resolved.Territories.Count == 0)
            errors.Add("territories", "Indiquez au moins une commune, un arrondissement ou un EPCI.");
        return resolved.Territories.ToList();
    }

    /// <summary>Saves; false when the unique index on PredecessorId refused a second successor (a concurrent renewal).</summary>
    private async Task<bool> SaveSuccessorAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && IsSuccessorIndex(e))
        {
            return false;
        }
    }

    /// <summary>Whether a unique violation comes from the one-successor index (another unique key is not "already renewed").</summary>
    private static bool IsSuccessorIndex(Exception e) => e switch
    {
        Npgsql.PostgresException p => p.ConstraintName == "IX_Contracts_PredecessorId",
        Microsoft.Data.Sqlite.SqliteException s => s.Message.Contains("Contracts.PredecessorId", StringComparison.Ordinal),
        _ => e.InnerException is not null && IsSuccessorIndex(e.InnerException),
    };

    /// <summary>Whether <paramref name="contractId"/> comes before <paramref name="candidate"/> in its chain of generations.</summary>
    private async Task<bool> IsEarlierGenerationAsync(Guid contractId, Guid candidate)
    {
        var seen = new HashSet<Guid> { candidate };
        for (var up = await PredecessorOfAsync(candidate); up is { } p && seen.Add(p); up = await PredecessorOfAsync(p))
            if (p == contractId) return true;
        return false;
    }

    private Task<Guid?> PredecessorOfAsync(Guid contractId) =>
        db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => c.PredecessorId).FirstOrDefaultAsync();

    private StoredFile Store(UploadedPdf file) => StoreFile(db, file, clock.GetUtcNow(), user.Id);

    internal static StoredFile StoreFile(AppDbContext db, UploadedPdf file, DateTimeOffset now, Guid? userId)
    {
        var stored = new StoredFile
        {
            Id = Guid.NewGuid(),
            FileName = file.FileName.Length > 200 ? file.FileName[^200..] : file.FileName,
            ContentType = "application/pdf",
            Length = file.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
            Content = file.Content,
            UploadedAt = now,
            UploadedById = userId,
        };
        db.Files.Add(stored);
        return stored;
    }

    private DateOnly Today() => Culture.ParisDate(clock.GetUtcNow());

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
