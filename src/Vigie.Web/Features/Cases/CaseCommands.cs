using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Vigie.Web.Features.Cases;

/// <summary>Encrypted parts of a sheet (JSON inside the ciphertext).</summary>
public sealed record CaseIdentity(string Surname, string FirstName, CaseSex Sex, DateOnly BirthDate);
public sealed record CaseRepresentative(string? Surname, string? FirstName, RepresentativeLink? Link, string? Address, string? Phone, string? Email);
public sealed record CaseContact(string? Address, string? Phone, string? Email, IReadOnlyList<CaseRepresentative> Representatives);

/// <summary>
/// Writes of the confidential follow-up, shared by pages and API: load (scoped to the contract and the group) →
/// authorize (<see cref="CaseAccess"/>) → validate everything → change → one save with its audit event.
/// </summary>
public sealed class CaseCommands(AppDbContext db, CaseAccess access, ContractViewers viewers, CaseCipher cipher, Auditor auditor, CaseAudit audit, CaseAlerts alerts)
{
    private const string SheetEntity = CaseAudit.SheetEntity;
    private const string GroupEntity = CaseAudit.GroupEntity;

    // ---- groups, members, charter ----

    public async Task<CommandResult<Guid>> CreateGroupAsync(Guid contractId, CaseGroupInput input)
    {
        if (await viewers.ForAsync(contractId) is not { } v) return CommandResult<Guid>.Missing();
        // A8: the mayor's side designates the group; a coordinator of the contract by membership, never an administrator as such.
        if (!v.IsCoordinatorMember) return CommandResult<Guid>.Denied("Seul un coordinateur membre du contrat crée un dispositif de suivi individuel.");
        var errors = new ErrorBag();
        var name = input.Name!.Trim();
        if (await db.CaseGroups.AnyAsync(g => g.ContractId == contractId && g.Name == name))
            errors.Add("name", $"Un dispositif nommé « {name} » existe déjà dans ce contrat.");
        if (input.BodyId is { } bodyId)
        {
            var kind = await db.Bodies.Where(b => b.Id == bodyId && b.ContractId == contractId).Select(b => (BodyKind?)b.Kind).FirstOrDefaultAsync();
            if (kind is null) errors.Add("bodyId", "Cette instance n'existe pas dans ce contrat.");
            else if (kind is BodyKind.Plenary or BodyKind.Restricted)
                errors.Add("bodyId", "Les situations individuelles ne sont jamais examinées en formation plénière ou restreinte du conseil (AU-038, article 1) : choisissez une cellule de veille ou un groupe de travail.");
        }
        var coordinator = input.CoordinatorUserId ?? v.UserId;
        if (!await db.Memberships.AnyAsync(m => m.ContractId == contractId && m.UserId == coordinator))
            errors.Add("coordinatorUserId", "Le coordonnateur doit être membre du contrat.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var group = new CaseGroup
        {
            ContractId = contractId, Name = name, Kind = input.Kind!.Value, BodyId = input.BodyId, CoordinatorUserId = coordinator,
            RulebookVersion = Clean(input.RulebookVersion), CohortMaxAge = input.YouthCohort ? 25 : null,
        };
        group.Members.Add(new CaseGroupMember { UserId = coordinator, Institution = input.CoordinatorInstitution!.Value, Function = "Coordonnateur", From = access.Today });
        db.CaseGroups.Add(group);
        auditor.Record(AuditKinds.CaseGroupCreated, GroupEntity, group.Id, contractId, new { kind = group.Kind.ToString(), youth = input.YouthCohort });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(group.Id);
    }

    public async Task<CommandResult<Guid>> AddMemberAsync(Guid contractId, Guid groupId, CaseMemberInput input)
    {
        if (await CoordinatorAsync(contractId, groupId) is not { } v) return await RefusalAsync<Guid>(contractId, groupId);
        var errors = new ErrorBag();
        var uid = input.UserId!.Value;
        if (!await db.Memberships.AnyAsync(m => m.ContractId == contractId && m.UserId == uid))
            errors.Add("userId", "Ce compte n'est pas membre du contrat.");
        else if (await db.CaseGroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == uid))
            errors.Add("userId", "Cette personne est déjà membre du dispositif (changez son statut pour la réintégrer).");
        var from = input.From ?? access.Today;
        if (input.To is { } to && to < from) errors.Add("to", "La fin de participation doit être postérieure à son début.");
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);
        var member = new CaseGroupMember { GroupId = groupId, UserId = uid, Institution = input.Institution!.Value, Function = Clean(input.Function), From = from, To = input.To };
        db.CaseGroupMembers.Add(member);
        auditor.Record(AuditKinds.CaseMemberAdded, GroupEntity, groupId, contractId, new { member = member.Id, user = uid, institution = member.Institution.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(member.Id);
    }

    /// <summary>Suspends, excludes (A7: access revoked at once), reinstates or records the departure of a member; logged (A8).</summary>
    public async Task<CommandResult<Guid>> SetMemberStatusAsync(Guid contractId, Guid groupId, Guid memberId, MemberStatusInput input)
    {
        if (await CoordinatorAsync(contractId, groupId) is not { } v) return await RefusalAsync<Guid>(contractId, groupId);
        var member = await db.CaseGroupMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == groupId);
        if (member is null) return CommandResult<Guid>.Missing();
        if (member.UserId == v.Group.CoordinatorUserId)
            return CommandResult<Guid>.Invalid("status", "Le coordonnateur ne change pas son propre statut : désignez d'abord un autre coordonnateur.");
        var status = input.Status!.Value;
        if (member.Status == CaseMemberStatus.Excluded && status != CaseMemberStatus.Excluded)
            return CommandResult<Guid>.Invalid("status", "Un membre exclu pour manquement à la charte ne peut pas être réintégré ; il faudrait un nouvel ajout décidé par le maire.");
        var old = member.Status;
        member.Status = status;
        if (status == CaseMemberStatus.Left) member.To ??= access.Today;
        var kind = status switch
        {
            CaseMemberStatus.Suspended => AuditKinds.CaseMemberSuspended,
            CaseMemberStatus.Excluded => AuditKinds.CaseMemberExcluded,
            CaseMemberStatus.Left => AuditKinds.CaseMemberLeft,
            _ => AuditKinds.CaseMemberReinstated,
        };
        auditor.Record(kind, GroupEntity, groupId, contractId, new { member = member.Id, user = member.UserId, from = old.ToString(), to = status.ToString() });
        await db.SaveChangesAsync();
        if (status is CaseMemberStatus.Excluded or CaseMemberStatus.Suspended && old != status)
            await alerts.MemberRevokedAsync(v.Group, member.Id, status, access.Today);
        return CommandResult<Guid>.Ok(member.Id);
    }

    /// <summary>A new charter version: every member, the coordinator included, must sign again before any access (A1).</summary>
    public async Task<CommandResult<int>> PublishCharterVersionAsync(Guid contractId, Guid groupId)
    {
        if (await CoordinatorAsync(contractId, groupId) is null) return await RefusalAsync<int>(contractId, groupId);
        var group = await db.CaseGroups.FirstAsync(g => g.Id == groupId);
        group.CharterVersion++;
        auditor.Record(AuditKinds.CaseCharterVersionPublished, GroupEntity, groupId, contractId, new { version = group.CharterVersion });
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(group.CharterVersion);
    }

    /// <summary>Signature of the current charter by an active member: every clause ticked; date, version and institution stored.</summary>
    public async Task<CommandResult<int>> SignCharterAsync(Guid contractId, Guid groupId, CharterSignatureInput input)
    {
        if (await access.GroupAsync(contractId, groupId) is not { Member: not null } v) return CommandResult<int>.Missing();
        if (!v.IsActive) return CommandResult<int>.Denied(v.Refusal ?? "Votre participation à ce dispositif n'est pas en cours.");
        var missing = Enumerable.Range(1, CaseLabels.CharterClauses.Count).Except(input.AcceptedClauses ?? []).ToList();
        if (missing.Count > 0)
            return CommandResult<int>.Invalid("acceptedClauses", $"Cochez chacun des engagements de la charte (manquant : {string.Join(", ", missing)}).");
        var member = await db.CaseGroupMembers.FirstAsync(m => m.Id == v.Member.Id);
        member.SignedCharterVersion = v.Group.CharterVersion;
        member.SignedCharterAt = access.Now;
        auditor.Record(AuditKinds.CaseCharterSigned, GroupEntity, groupId, contractId,
            new { member = member.Id, version = v.Group.CharterVersion, institution = member.Institution.ToString() });
        await db.SaveChangesAsync();
        return CommandResult<int>.Ok(v.Group.CharterVersion);
    }

    /// <summary>A4: the coordinator's duplicate check answers only "exists / in which group" across the contract's groups.</summary>
    public async Task<CommandResult<IReadOnlyList<string>>> DuplicateCheckAsync(Guid contractId, Guid groupId, DuplicateCheckInput input)
    {
        if (await CoordinatorAsync(contractId, groupId) is null) return await RefusalAsync<IReadOnlyList<string>>(contractId, groupId);
        var key = cipher.DuplicateKey(input.Surname!, input.FirstName!, input.BirthDate!.Value);
        var groups = await db.CaseSheets.Where(s => s.ContractId == contractId && s.DuplicateKey == key)
            .Select(s => s.Group!.Name).Distinct().OrderBy(n => n).ToListAsync();
        auditor.Record(AuditKinds.CaseDuplicateCheck, GroupEntity, groupId, contractId, new { found = groups.Count > 0, groups = groups.Count });
        await db.SaveChangesAsync();
        return CommandResult<IReadOnlyList<string>>.Ok(groups);
    }

    // ---- sheets ----

    /// <summary>Any member with content access refers a person: the sheet starts as "proposée" for the coordinator.</summary>
    public async Task<CommandResult<Guid>> CreateSheetAsync(Guid contractId, Guid groupId, CaseSheetInput input)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<Guid>.Missing();
        if (!v.HasContentAccess) return await DeniedAsync<Guid>(v, null);
        var errors = ValidateSheet(v, input);
        if (input.ReferentUserId is { } referent && !await ActiveMemberAsync(groupId, referent))
            errors.Add("referentUserId", "Le référent de parcours doit être un membre actif du dispositif.");
        await CheckQuartierAsync(contractId, input.AreaId, errors);
        await CaseProgrammeService.CheckChoiceAsync(db, contractId, input.ProgrammeId, null, errors);
        if (errors.Any) return CommandResult<Guid>.Invalid(errors.Errors);

        var id = Guid.NewGuid();
        var identity = new CaseIdentity(input.Surname!.Trim(), input.FirstName!.Trim(), input.Sex!.Value, input.BirthDate!.Value);
        var contact = new CaseContact(Clean(input.Address), Clean(input.Phone), Clean(input.Email),
            [.. input.Representatives.Where(r => !r.IsEmpty).Select(r => new CaseRepresentative(Clean(r.Surname), Clean(r.FirstName), r.Link, Clean(r.Address), Clean(r.Phone), Clean(r.Email)))]);
        var sheet = new CaseSheet
        {
            Id = id, ContractId = contractId, GroupId = groupId, Code = await NewCodeAsync(contractId),
            IdentityCipher = cipher.EncryptJson(identity, id, "identity"),
            ContactCipher = cipher.EncryptJson(contact, id, "contact"),
            DuplicateKey = cipher.DuplicateKey(identity.Surname, identity.FirstName, identity.BirthDate),
            SchoolLevel = input.SchoolLevel, Occupation = input.Occupation, StartedOn = input.StartedOn ?? access.Today,
            Origin = input.Origin!.Value, ReferralSource = input.ReferralSource!.Value, ReferredByUserId = v.UserId,
            Problems = [.. input.Problems.Distinct()], AreaId = input.AreaId, ReferentUserId = input.ReferentUserId, ProgrammeId = input.ProgrammeId,
            Status = CaseStatus.Proposed, StatusChangedAt = access.Now,
            SensitiveData = input.SensitiveData,
            SensitiveJustificationCipher = cipher.EncryptOptional(Clean(input.Justification), id, "justification"),
        };
        db.CaseSheets.Add(sheet);
        auditor.Record(AuditKinds.CaseSheetCreated, SheetEntity, id, contractId, new
        {
            group = groupId, tier = "T3", fields = SheetFields(input), problems = sheet.Problems.Select(p => p.ToString()).ToList(),
            origin = sheet.Origin.ToString(), source = sheet.ReferralSource.ToString(),
        });
        if (sheet.SensitiveData || sheet.Problems.Any(CaseLabels.IsOffenceLinked))
            auditor.Record(AuditKinds.CaseSensitiveDataFlagged, SheetEntity, id, contractId, new { group = groupId, tier = "T3", sensitive = sheet.SensitiveData, offenceLinked = sheet.Problems.Count(CaseLabels.IsOffenceLinked) });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(id);
    }

    /// <summary>Status machine of §1.3, by the coordinator: closing needs a reason; entering follow-up schedules the six-month review.</summary>
    public async Task<CommandResult<CaseStatus>> SetStatusAsync(Guid contractId, Guid groupId, Guid sheetId, CaseStatusInput input)
    {
        if (await CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found) return await SheetRefusalAsync<CaseStatus>(contractId, groupId, sheetId);
        var (_, sheet) = found;
        var to = input.Status!.Value;
        if (!Allowed(sheet.Status, to))
            return CommandResult<CaseStatus>.Invalid("status", $"Une fiche « {CaseLabels.Status(sheet.Status)} » ne peut pas passer à « {CaseLabels.Status(to)} ».");
        if (to == CaseStatus.Closed && input.ClosureReason is null)
            return CommandResult<CaseStatus>.Invalid("closureReason", "Choisissez le motif de clôture.");
        if (to == CaseStatus.Closed && input.ClosureReason == CaseClosureReason.AgeLimit25)
            return CommandResult<CaseStatus>.Invalid("closureReason", "La limite d'âge est appliquée automatiquement ; choisissez un autre motif.");
        Transition(sheet, to, to == CaseStatus.Closed ? input.ClosureReason : to == CaseStatus.NotRetained ? CaseClosureReason.NotRetainedAfterReview : null);
        await db.SaveChangesAsync();
        return CommandResult<CaseStatus>.Ok(to);
    }

    /// <summary>The six-month review: the coordinator confirms that the follow-up is still justified.</summary>
    public async Task<CommandResult<DateOnly>> ConfirmReviewAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        if (await CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found) return await SheetRefusalAsync<DateOnly>(contractId, groupId, sheetId);
        var (_, sheet) = found;
        if (sheet.Status is not (CaseStatus.Followed or CaseStatus.Watch))
            return CommandResult<DateOnly>.Invalid("status", "Seule une fiche en suivi ou en veille se réexamine.");
        sheet.ReviewDueOn = access.Today.AddMonths(6);
        auditor.Record(AuditKinds.CaseReviewConfirmed, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", due = sheet.ReviewDueOn });
        await db.SaveChangesAsync();
        return CommandResult<DateOnly>.Ok(sheet.ReviewDueOn.Value);
    }

    /// <summary>An action: by the coordinator or the référent for any institution, by another member who reads the sheet for their own institution.</summary>
    public async Task<CommandResult<Guid>> AddActionAsync(Guid contractId, Guid groupId, Guid sheetId, CaseActionInput input)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<Guid>.Missing();
        if (!v.HasContentAccess) return await DeniedAsync<Guid>(v, sheetId);
        var sheet = await access.VisibleSheets(v).FirstOrDefaultAsync(s => s.Id == sheetId);
        if (sheet is null) return await NotVisibleAsync<Guid>(v, sheetId);
        var tier = CaseAccess.TierOn(v, sheet);
        var carrier = input.CarrierInstitution ?? v.Member!.Institution;
        if (tier < CaseTier.T3 && carrier != v.Member!.Institution)
            return CommandResult<Guid>.Invalid("carrierInstitution", "Vous enregistrez les actions de votre institution seulement.");
        if (input.EndedOn is { } end && end < input.StartedOn!.Value)
            return CommandResult<Guid>.Invalid("endedOn", "La fin de l'action doit être postérieure à son début.");
        if (sheet.Status is CaseStatus.Closed or CaseStatus.NotRetained or CaseStatus.Archived)
            return CommandResult<Guid>.Invalid("status", "La fiche est close : elle ne reçoit plus d'action.");
        var action = new CaseAction
        {
            Id = Guid.NewGuid(), SheetId = sheetId, Type = input.Type!.Value, CarrierInstitution = carrier, StartedOn = input.StartedOn!.Value,
            EndedOn = input.EndedOn, Result = input.Result!.Value,
        };
        action.NoteCipher = cipher.EncryptOptional(Clean(input.Note), action.Id, "note");
        db.CaseActions.Add(action);
        auditor.Record(AuditKinds.CaseSheetUpdated, SheetEntity, sheetId, contractId, new
        {
            group = groupId, tier = "T1", change = "action-added", action = action.Id, type = action.Type.ToString(), result = action.Result.ToString(), note = action.NoteCipher is not null,
        });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(action.Id);
    }

    /// <summary>A judicial measure (T3): coordinator or référent only; no offence field exists.</summary>
    public async Task<CommandResult<Guid>> AddMeasureAsync(Guid contractId, Guid groupId, Guid sheetId, JudicialMeasureInput input)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<Guid>.Missing();
        if (!v.HasContentAccess) return await DeniedAsync<Guid>(v, sheetId);
        var sheet = await access.VisibleSheets(v).FirstOrDefaultAsync(s => s.Id == sheetId);
        if (sheet is null) return await NotVisibleAsync<Guid>(v, sheetId);
        if (CaseAccess.TierOn(v, sheet) < CaseTier.T3) return await DeniedAsync<Guid>(v, sheetId, "Les mesures judiciaires sont réservées au coordonnateur et au référent de parcours.");
        if (input.EndedOn is { } end && end < input.StartedOn!.Value)
            return CommandResult<Guid>.Invalid("endedOn", "La fin de la mesure doit être postérieure à son début.");
        var measure = new JudicialMeasure { SheetId = sheetId, Type = input.Type!.Value, Service = input.Service!.Value, StartedOn = input.StartedOn!.Value, EndedOn = input.EndedOn };
        db.JudicialMeasures.Add(measure);
        auditor.Record(AuditKinds.CaseSheetUpdated, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T3", change = "measure-added", measure = measure.Id });
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(measure.Id);
    }

    /// <summary>
    /// Places a sheet on a meeting of the group's body: the governance agenda gets an item titled with the code only (A6),
    /// the sheet goes to "en examen", and the group's members see it until 7 days after the meeting (A2).
    /// </summary>
    public async Task<CommandResult<Guid>> AddToAgendaAsync(Guid contractId, Guid groupId, Guid sheetId, CaseAgendaInput input)
    {
        if (await CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found) return await SheetRefusalAsync<Guid>(contractId, groupId, sheetId);
        var (v, sheet) = found;
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == input.MeetingId && m.ContractId == contractId);
        if (v.Group.BodyId is null)
            return CommandResult<Guid>.Invalid("meetingId", "Ce dispositif n'est rattaché à aucune instance : rattachez-le à une cellule de veille ou un groupe de travail pour inscrire des situations à ses réunions.");
        if (meeting is null || meeting.BodyId != v.Group.BodyId)
            return CommandResult<Guid>.Invalid("meetingId", "Choisissez une réunion de l'instance du dispositif.");
        if (meeting.Status == MeetingStatus.Cancelled || meeting.EndsAt < access.Now)
            return CommandResult<Guid>.Invalid("meetingId", "Cette réunion est passée ou annulée.");
        if (sheet.Status is CaseStatus.Closed or CaseStatus.NotRetained or CaseStatus.Archived)
            return CommandResult<Guid>.Invalid("status", "La fiche est close : elle ne s'inscrit plus à l'ordre du jour.");
        if (await db.CaseAgendaEntries.AnyAsync(e => e.SheetId == sheetId && e.MeetingId == meeting.Id))
            return CommandResult<Guid>.Invalid("meetingId", "La situation est déjà inscrite à cette réunion.");
        var position = await db.AgendaItems.Where(a => a.MeetingId == meeting.Id).MaxAsync(a => (int?)a.Position) ?? 0;
        var item = new AgendaItem { ContractId = contractId, MeetingId = meeting.Id, Position = position + 1, Title = $"Situation {sheet.Code}", DurationMinutes = 10 };
        db.AgendaItems.Add(item);
        var entry = new CaseAgendaEntry { SheetId = sheetId, MeetingId = meeting.Id, AgendaItemId = item.Id, AddedAt = access.Now };
        db.CaseAgendaEntries.Add(entry);
        auditor.Record(AuditKinds.CaseAddedToAgenda, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", meeting = meeting.Id });
        if (sheet.Status == CaseStatus.Proposed) Transition(sheet, CaseStatus.UnderReview, null);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(entry.Id);
    }

    /// <summary>The decision taken when the case was examined at a meeting (a "passage"); opening the follow-up moves the sheet to "en suivi".</summary>
    public async Task<CommandResult<Guid>> RecordDecisionAsync(Guid contractId, Guid groupId, Guid sheetId, CaseDecisionInput input)
    {
        if (await CoordinatorSheetAsync(contractId, groupId, sheetId) is not { } found) return await SheetRefusalAsync<Guid>(contractId, groupId, sheetId);
        var (_, sheet) = found;
        var entry = await db.CaseAgendaEntries.FirstOrDefaultAsync(e => e.SheetId == sheetId && e.MeetingId == input.MeetingId);
        if (entry is null) return CommandResult<Guid>.Invalid("meetingId", "La situation n'est pas inscrite à cette réunion.");
        var decision = input.Decision!.Value;
        if (decision == CaseDecision.OpenFollowUp && sheet.Status is not (CaseStatus.Proposed or CaseStatus.UnderReview))
            return CommandResult<Guid>.Invalid("decision", "Le suivi est déjà ouvert ou la fiche est close.");
        entry.Decision = decision;
        auditor.Record(AuditKinds.CaseExamined, SheetEntity, sheetId, contractId, new { group = groupId, tier = "T1", meeting = input.MeetingId, decision = decision.ToString() });
        if (decision == CaseDecision.OpenFollowUp) Transition(sheet, CaseStatus.Followed, null);
        await db.SaveChangesAsync();
        return CommandResult<Guid>.Ok(entry.Id);
    }

    // ---- rules ----

    private static readonly Dictionary<CaseStatus, CaseStatus[]> Transitions = new()
    {
        [CaseStatus.Proposed] = [CaseStatus.UnderReview, CaseStatus.NotRetained],
        [CaseStatus.UnderReview] = [CaseStatus.Followed, CaseStatus.NotRetained],
        [CaseStatus.Followed] = [CaseStatus.Watch, CaseStatus.Closed],
        [CaseStatus.Watch] = [CaseStatus.Followed, CaseStatus.Closed],
    };

    public static bool Allowed(CaseStatus from, CaseStatus to) => Transitions.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<CaseStatus> NextStatuses(CaseStatus from) => Transitions.TryGetValue(from, out var next) ? next : [];

    private void Transition(CaseSheet sheet, CaseStatus to, CaseClosureReason? reason)
    {
        var from = sheet.Status;
        sheet.Status = to;
        sheet.StatusChangedAt = access.Now;
        if (to is CaseStatus.Followed or CaseStatus.Watch) sheet.ReviewDueOn ??= access.Today.AddMonths(6);
        if (to is CaseStatus.Closed or CaseStatus.NotRetained)
        {
            sheet.EndedOn = access.Today;
            sheet.ClosureReason = reason;
            sheet.ReviewDueOn = null;
        }
        auditor.Record(AuditKinds.CaseStatusChanged, SheetEntity, sheet.Id, sheet.ContractId,
            new { group = sheet.GroupId, tier = "T1", from = from.ToString(), to = to.ToString(), reason = reason?.ToString() });
    }

    /// <summary>The rules on the person's details shared by a new sheet and a rectification: birth date within the cohort, school or occupation.</summary>
    internal ErrorBag ValidateDetails(CaseGroupViewer v, CasePersonDetailsInput input)
    {
        var errors = new ErrorBag();
        var today = access.Today;
        var birth = input.BirthDate!.Value;
        if (birth > today) errors.Add("birthDate", "La date de naissance est dans le futur.");
        else if (birth < today.AddYears(-120)) errors.Add("birthDate", "La date de naissance est trop ancienne.");
        else if (v.Group.CohortMaxAge is { } max && birth.AddYears(max).AddDays(-1) <= today)
            errors.Add("birthDate", $"La personne a {max} ans ou plus, ou les aura demain : ce dispositif suit des jeunes jusqu'à la veille de leurs {max} ans (AU-038, article 5).");
        if (input.SchoolLevel is not null && input.Occupation is not null)
            errors.Add("occupation", "Indiquez le niveau scolaire ou la situation professionnelle, pas les deux.");
        return errors;
    }

    /// <summary>The quartier of residence, when given, must be one of the contract's quartiers or QPV (closed list).</summary>
    internal async Task CheckQuartierAsync(Guid contractId, Guid? areaId, ErrorBag errors)
    {
        if (areaId is { } a && !await CaseAggregates.QuartierAreas(db, contractId).AnyAsync(x => x.Id == a))
            errors.Add("areaId", "Choisissez le quartier de résidence dans la liste des quartiers et QPV du contrat.");
    }

    private ErrorBag ValidateSheet(CaseGroupViewer v, CaseSheetInput input)
    {
        var errors = ValidateDetails(v, input);
        if (input.StartedOn is { } start && start > access.Today) errors.Add("startedOn", "Le début du suivi ne peut pas être dans le futur.");
        if (input.Problems.Count == 0) errors.Add("problems", "Cochez au moins une problématique.");
        else if (input.Problems.Distinct().Count() > 3) errors.Add("problems", "Cochez au plus trois problématiques.");
        var needsJustification = input.SensitiveData || input.Problems.Any(CaseLabels.IsOffenceLinked);
        if (needsJustification && string.IsNullOrWhiteSpace(input.Justification))
            errors.Add("justification", "Justifiez la stricte nécessité des données sensibles ou des problématiques liées à une infraction (300 caractères au plus).");
        if (!needsJustification && !string.IsNullOrWhiteSpace(input.Justification))
            errors.Add("justification", "La justification ne sert qu'aux données sensibles ou aux problématiques liées à une infraction : laissez-la vide.");
        if (input.Representatives.Count > 2) errors.Add("representatives", "Deux représentants légaux au plus.");
        for (var i = 0; i < input.Representatives.Count; i++)
        {
            var r = input.Representatives[i];
            if (r.IsEmpty) continue;
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(r, new ValidationContext(r), results, validateAllProperties: true);
            foreach (var result in results) errors.Add($"representatives[{i}]", result.ErrorMessage ?? "Valeur invalide.");
            if (string.IsNullOrWhiteSpace(r.Surname) || r.Link is null)
                errors.Add($"representatives[{i}]", $"Représentant légal {i + 1} : le nom et le lien sont obligatoires.");
        }
        return errors;
    }

    private static List<string> SheetFields(CaseSheetInput i)
    {
        var fields = new List<string> { "surname", "firstName", "sex", "birthDate", "origin", "referralSource", "problems" };
        if (i.Address is not null) fields.Add("address");
        if (i.Phone is not null) fields.Add("phone");
        if (i.Email is not null) fields.Add("email");
        if (i.Representatives.Any(r => !r.IsEmpty)) fields.Add("representatives");
        if (i.SchoolLevel is not null) fields.Add("schoolLevel");
        if (i.Occupation is not null) fields.Add("occupation");
        if (i.AreaId is not null) fields.Add("areaId");
        if (i.ReferentUserId is not null) fields.Add("referentUserId");
        if (i.ProgrammeId is not null) fields.Add("programmeId");
        if (i.SensitiveData) fields.Add("sensitiveData");
        if (i.Justification is not null) fields.Add("justification");
        return fields;
    }

    private async Task<string> NewCodeAsync(Guid contractId)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I
        while (true)
        {
            var code = "FS-" + string.Concat(Enumerable.Range(0, 6).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]));
            if (!await db.CaseSheets.AnyAsync(s => s.ContractId == contractId && s.Code == code)) return code;
        }
    }

    private Task<bool> ActiveMemberAsync(Guid groupId, Guid userId)
    {
        var today = access.Today;
        return db.CaseGroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == userId && m.Status == CaseMemberStatus.Active
            && m.From <= today && (m.To == null || m.To >= today));
    }

    internal async Task<CaseGroupViewer?> CoordinatorAsync(Guid contractId, Guid groupId) =>
        await access.GroupAsync(contractId, groupId) is { IsCoordinator: true } v ? v : null;

    internal async Task<(CaseGroupViewer, CaseSheet)?> CoordinatorSheetAsync(Guid contractId, Guid groupId, Guid sheetId)
    {
        if (await CoordinatorAsync(contractId, groupId) is not { } v) return null;
        var sheet = await access.VisibleSheets(v).FirstOrDefaultAsync(s => s.Id == sheetId);
        return sheet is null ? null : (v, sheet);
    }

    /// <summary>Why a coordinator-only group action fails: 404 (no group for this user), or 403 audited.</summary>
    internal async Task<CommandResult<T>> RefusalAsync<T>(Guid contractId, Guid groupId)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<T>.Missing();
        return await DeniedAsync<T>(v, null, v.Refusal ?? "Seul le coordonnateur du dispositif peut faire cela.");
    }

    internal async Task<CommandResult<T>> SheetRefusalAsync<T>(Guid contractId, Guid groupId, Guid sheetId)
    {
        if (await access.GroupAsync(contractId, groupId) is not { } v) return CommandResult<T>.Missing();
        if (v.HasContentAccess && !await access.VisibleSheets(v).AnyAsync(s => s.Id == sheetId)) return await NotVisibleAsync<T>(v, sheetId);
        return await DeniedAsync<T>(v, sheetId, v.Refusal ?? "Seul le coordonnateur du dispositif peut faire cela.");
    }

    private async Task<CommandResult<T>> DeniedAsync<T>(CaseGroupViewer v, Guid? sheetId, string? reason = null)
    {
        await audit.DeniedAsync(v.Group.ContractId, v.Group.Id, sheetId, reason is null ? v.RefusalCode : "not-entitled");
        return CommandResult<T>.Denied(reason ?? v.Refusal ?? "Accès refusé.");
    }

    /// <summary>A sheet outside the viewer's need-to-know (or of another group): 404, audited as a refusal.</summary>
    private async Task<CommandResult<T>> NotVisibleAsync<T>(CaseGroupViewer v, Guid sheetId)
    {
        await audit.DeniedAsync(v.Group.ContractId, v.Group.Id, sheetId, "need-to-know");
        return CommandResult<T>.Missing();
    }

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
