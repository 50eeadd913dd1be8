using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.VideoProtection;

/// <summary>The video-protection register under /api/v1/contracts/{id}/video (issue 15): readers see the register, coordinators keep it.</summary>
public static class VideoApi
{
    private const string Tag = "Vidéoprotection";

    public sealed record VideoSystemDto(Guid Id, string Commune, string Responsible, string? AccessContact, bool HasCsu, string Operator, DateOnly? AipdDate,
        Guid? CommitteeBodyId, string? CharterVersion);
    public sealed record VideoAuthorisationDto(Guid Id, Guid SystemId, string OrderNumber, DateOnly OrderDate, string Prefecture, string Mode, IReadOnlyList<int> Purposes,
        bool VideoVerbalisation, string? PerimeterName, int AuthorisedCameras, int RetentionDays, DateOnly EffectiveOn, DateOnly ExpiresOn, string Status,
        string? PerimeterGeoJson, int? MinimumRetentionDays, string? Prescriptions, DateOnly? RepealedOn, string? RepealMotive, Guid? RequestId, Guid? RenewsAuthorisationId);
    public sealed record VideoCameraDto(Guid Id, Guid SystemId, Guid? AuthorisationId, Guid? RecorderId, string Code, string Site, string? Address, double Latitude, double Longitude,
        string Kind, string Field, int? Bearing, int? ViewAngle, int Purpose, string State, DateOnly? InServiceOn, DateOnly? PrefectInformedOn, string? Warning,
        bool PrivacyMasking, string? PrivacyMaskingNote, bool SignPresent, DateOnly? SignCheckedOn, int Version);
    public sealed record VideoRecorderDto(Guid Id, Guid SystemId, Guid AuthorisationId, string Name, int RetentionDays, DateOnly? LastPurgeCheckOn, DateTimeOffset? OldestImageAt, int Version);
    public sealed record VideoRequestDto(Guid Id, Guid SystemId, string Kind, string Mode, IReadOnlyList<int> Purposes, DateOnly? FiledOn, string Status, DateOnly? ImplicitRejectionOn,
        bool VideoVerbalisation, DateOnly? CommissionSittingOn, string? CommissionOpinion, string? CommissionReserves, int Version);
    public sealed record VideoRecommendationDto(string Site, string CameraKind, int Purpose, int Priority);
    public sealed record VideoDiagnosticDto(Guid Id, Guid SystemId, DateOnly Date, string Author, string Perimeter, string Opinion, IReadOnlyList<string> Sites,
        string? Findings, IReadOnlyList<VideoRecommendationDto> Recommendations);
    public sealed record VideoCommitteeMemberDto(Guid Id, Guid SystemId, string Name, string Quality, int Version);
    public sealed record VideoCommitteeReportDto(Guid Id, Guid SystemId, int Year, string Text, DateOnly? PublishedOn);
    /// <summary>A citizen's referral, by reference (never a name).</summary>
    public sealed record VideoCitizenReferralDto(Guid Id, Guid SystemId, string Reference, DateOnly ReceivedOn, string Subject, Guid? AccessRequestId, string? Answer, DateOnly? AnsweredOn);
    public sealed record VideoAlertDto(Guid Id, string Kind, Guid SubjectId, DateTimeOffset RaisedAt, string Message);
    /// <summary>An opinion of the ethics committee the caller may read (its visibility: Public, Members or Restricted).</summary>
    public sealed record VideoCommitteeOpinionDto(Guid Id, Guid SystemId, Guid? MeetingId, DateOnly Date, string Subject, string Text, string Visibility);
    public sealed record VideoRegisterDto(IReadOnlyList<VideoSystemDto> Systems, IReadOnlyList<VideoDiagnosticDto> Diagnostics, IReadOnlyList<VideoRequestDto> Requests,
        IReadOnlyList<VideoAuthorisationDto> Authorisations, IReadOnlyList<VideoCameraDto> Cameras, IReadOnlyList<VideoRecorderDto> Recorders, IReadOnlyList<VideoAlertDto> Alerts,
        IReadOnlyList<VideoCommitteeOpinionDto> Opinions, IReadOnlyList<VideoCommitteeMemberDto> Members, IReadOnlyList<VideoCommitteeReportDto> Reports,
        IReadOnlyList<VideoCitizenReferralDto> Referrals, int ReferralCount);
    public sealed record VideoRequisitionDto(Guid Id, string Number, string Authority, string Frame, DateOnly ReceivedOn, DateTimeOffset PeriodFrom, DateTimeOffset PeriodTo,
        string? Site, string? Response, DateOnly? AnsweredOn, DateTimeOffset? PurgedAt);
    public sealed record VideoExtractionDto(Guid Id, DateTimeOffset At, string OperatorName, string OperatorRole, IReadOnlyList<string> Cameras, DateTimeOffset From, DateTimeOffset To,
        string Reason, Guid? RequisitionId, Guid? AccessRequestId, string Recipient, string Medium, string? Sha256, DateOnly? ParquetTransmittedOn, DateOnly? CopyDestroyedOn, int Version);
    public sealed record VideoAccessRequestDto(Guid Id, string Reference, DateOnly ReceivedOn, DateOnly DueOn, bool IdentityChecked, Guid? CameraId, string Object,
        bool ThirdPartiesVisible, bool BlurringDone, bool ReferredToCommittee, string? Decision, string? RefusalReason, DateOnly? AnsweredOn);
    public sealed record VideoJudicialRegisterDto(IReadOnlyList<VideoRequisitionDto> Requisitions, IReadOnlyList<VideoExtractionDto> Extractions, IReadOnlyList<VideoAccessRequestDto> AccessRequests);

    /// <summary>
    /// The register as <paramref name="coordinator"/> or not may read it: the citizens' referrals (subject, answer, linked
    /// access request) are the coordination's, as on the page; other members get their count only.
    /// </summary>
    public static VideoRegisterDto ToDto(VideoQueries.Overview o, bool coordinator) => new(
        [.. o.Systems.Select(s => new VideoSystemDto(s.Id, s.Commune, s.Responsible, s.AccessContact, s.HasCsu, s.Operator.ToString(), s.AipdDate, s.CommitteeBodyId, s.CharterVersion))],
        [.. o.Diagnostics.Select(d => new VideoDiagnosticDto(d.Id, d.SystemId, d.Date, d.Author.ToString(), d.Perimeter, d.Opinion.ToString(), [.. d.Recommendations.OrderBy(r => r.Priority).ThenBy(r => r.Site).Select(r => r.Site).Distinct()],
            d.Findings, [.. d.Recommendations.OrderBy(r => r.Priority).ThenBy(r => r.Site).Select(r => new VideoRecommendationDto(r.Site, r.CameraKind.ToString(), (int)r.Purpose, r.Priority))]))],
        [.. o.Requests.Select(r => new VideoRequestDto(r.Id, r.SystemId, r.Kind.ToString(), r.Mode.ToString(), [.. r.Purposes.Select(p => (int)p)], r.FiledOn,
            VideoCommands.EffectiveStatus(r, o.Today).ToString(), r.ImplicitRejectionOn, r.VideoVerbalisation, r.CommissionSittingOn, r.CommissionOpinion?.ToString(), r.CommissionReserves, r.Version))],
        [.. o.Authorisations.Select(a => new VideoAuthorisationDto(a.Id, a.SystemId, a.OrderNumber, a.OrderDate, a.Prefecture, a.Mode.ToString(), [.. a.Purposes.Select(p => (int)p)],
            a.VideoVerbalisation, a.PerimeterName, a.AuthorisedCameras, a.RetentionDays, a.EffectiveOn, a.ExpiresOn, a.StatusOn(o.Today).ToString(),
            a.PerimeterGeoJson, a.MinimumRetentionDays, a.Prescriptions, a.RepealedOn, a.RepealMotive, a.RequestId, a.RenewsAuthorisationId))],
        [.. o.Cameras.Select(c => new VideoCameraDto(c.Id, c.SystemId, c.AuthorisationId, c.RecorderId, c.Code, c.Site, c.Address, c.Latitude, c.Longitude, c.Kind.ToString(),
            c.Field.ToString(), c.Bearing, c.ViewAngle, (int)c.Purpose, c.State.ToString(), c.InServiceOn, c.PrefectInformedOn, o.Warning(c),
            c.PrivacyMasking, c.PrivacyMaskingNote, c.SignPresent, c.SignCheckedOn, c.Version))],
        [.. o.Recorders.Select(r => new VideoRecorderDto(r.Id, r.SystemId, r.AuthorisationId, r.Name, r.RetentionDays, r.LastPurgeCheckOn, r.OldestImageAt, r.Version))],
        [.. o.Alerts.Select(a => new VideoAlertDto(a.Id, a.Kind.ToString(), a.SubjectId, a.RaisedAt, a.Message))],
        [.. o.Opinions.Select(x => new VideoCommitteeOpinionDto(x.Id, x.SystemId, x.MeetingId, x.Date, x.Subject, x.Text, (x.Visibility ?? MinutesVisibility.Public).ToString()))],
        [.. o.Members.Select(m => new VideoCommitteeMemberDto(m.Id, m.SystemId, m.Name, m.Quality.ToString(), m.Version))],
        [.. o.Reports.Select(r => new VideoCommitteeReportDto(r.Id, r.SystemId, r.Year, r.Text, r.PublishedOn))],
        coordinator ? [.. o.Referrals.Select(r => new VideoCitizenReferralDto(r.Id, r.SystemId, r.Reference, r.ReceivedOn, r.Subject, r.AccessRequestId, r.Answer, r.AnsweredOn))] : [],
        o.Referrals.Count);

    public static VideoRequisitionDto ToDto(VideoRequisition q) => new(q.Id, q.Number, q.Authority.ToString(), q.Frame.ToString(), q.ReceivedOn, q.PeriodFrom, q.PeriodTo,
        q.Site, q.Response?.ToString(), q.AnsweredOn, q.PurgedAt);

    public static VideoJudicialRegisterDto ToDto(VideoQueries.Registers r) => new(
        [.. r.Requisitions.Select(ToDto)],
        [.. r.Extractions.Select(e => new VideoExtractionDto(e.Id, e.At, e.OperatorName, e.OperatorRole, [.. e.CameraIds.Select(id => r.CameraCodes.GetValueOrDefault(id) ?? id.ToString())],
            e.From, e.To, e.Reason.ToString(), e.RequisitionId, e.AccessRequestId, e.Recipient, e.Medium.ToString(), e.Sha256, e.ParquetTransmittedOn, e.CopyDestroyedOn, e.Version))],
        [.. r.AccessRequests.Select(a => new VideoAccessRequestDto(a.Id, a.Reference, a.ReceivedOn, a.DueOn, a.IdentityChecked, a.CameraId, a.Object.ToString(), a.ThirdPartiesVisible,
            a.BlurringDone, a.ReferredToCommittee, a.Decision?.ToString(), a.RefusalReason?.ToString(), a.AnsweredOn))]);

    private static string Location(Guid id, string what, Guid itemId) => $"/api/v1/contracts/{id}/video/{what}/{itemId}";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{id:guid}/video").RequireContract(ContractRole.Reader).WithTags(Tag);

        g.MapGet("", async (Guid id, VideoQueries q, ContractViewers viewers) =>
            TypedResults.Ok(ToDto(await q.OverviewAsync(id), (await viewers.ForAsync(id))?.IsCoordinator == true)))
            .WithSummary("Le registre de vidéoprotection du contrat : systèmes, diagnostics, demandes, autorisations, caméras, enregistreurs, alertes et avis du comité d'éthique que l'appelant peut lire.")
            .WithDescription("Les saisines du comité d'éthique par des citoyens (objet, réponse, demande d'accès liée) ne sont détaillées qu'à la coordination ; les autres membres n'en reçoivent que le nombre (referralCount).");

        g.MapGet("/judicial-register", async Task<Results<Ok<VideoJudicialRegisterDto>, ForbidHttpResult>> (Guid id, VideoQueries q, HttpContext http) =>
        {
            // As the page: an administrator who is no coordinator member of the contract is refused, not served empty lists.
            if (!await q.MayReadJudicialAsync(id)) return TypedResults.Forbid();
            var r = await q.RegistersAsync(id);
            await http.AuditReadAsync(AuditKinds.VideoRegisterViewed, "Contract", id, id, new { count = r.Extractions.Count });
            return TypedResults.Ok(ToDto(r));
        }).RequireContract(ContractRole.Coordinator)
            .WithSummary("Le registre des extractions (3 ans), les réquisitions et les demandes d'accès (coordination ; lecture journalisée).");

        var c = g.MapGroup("").RequireContract(ContractRole.Coordinator);
        c.MapPost("/systems", async (Guid id, VideoSystemInput input, VideoCommands cmd) =>
            (await cmd.SaveSystemAsync(id, null, input)).ToCreated(x => Location(id, "systems", x)))
            .WithSummary("Déclare le système de vidéoprotection d'une commune (responsable, contact pour le droit d'accès, comité d'éthique, charte).");
        c.MapPut("/systems/{systemId:guid}", async (Guid id, Guid systemId, VideoSystemInput input, VideoCommands cmd) =>
            (await cmd.SaveSystemAsync(id, systemId, input)).ToNoContent())
            .WithSummary("Modifie un système de vidéoprotection.");
        c.MapPost("/diagnostics", async (Guid id, VideoDiagnosticInput input, VideoCommands cmd) =>
            (await cmd.CreateDiagnosticAsync(id, input)).ToCreated(x => Location(id, "diagnostics", x)))
            .WithSummary("Enregistre un diagnostic de sûreté et ses préconisations par site.");
        c.MapPost("/requests", async (Guid id, VideoRequestInput input, VideoCommands cmd) =>
            (await cmd.CreateRequestAsync(id, input)).ToCreated(x => Location(id, "requests", x)))
            .WithSummary("Enregistre une demande d'autorisation préfectorale (le rejet implicite est calculé : dépôt + 4 mois).");
        c.MapPut("/requests/{requestId:guid}", async (Guid id, Guid requestId, VideoRequestProgressInput input, VideoCommands cmd) =>
            (await cmd.ProgressRequestAsync(id, requestId, input)).ToNoContent())
            .WithSummary("Fait avancer une demande : déposée → en instruction → avis de la commission rendu (avec l'avis) → accordée ou refusée ; le rejet implicite est calculé, jamais saisi.");
        c.MapPost("/authorisations", async (Guid id, VideoAuthorisationInput input, VideoCommands cmd) =>
            (await cmd.CreateAuthorisationAsync(id, input)).ToCreated(x => Location(id, "authorisations", x)))
            .WithSummary("Enregistre une autorisation préfectorale (5 ans, finalités 1 à 11 de l'article L251-2, conservation de 30 jours au plus).");
        c.MapPut("/authorisations/{authorisationId:guid}", async (Guid id, Guid authorisationId, VideoAuthorisationInput input, VideoCommands cmd) =>
            (await cmd.UpdateAuthorisationAsync(id, authorisationId, input)).ToNoContent())
            .WithSummary("Modifie une autorisation (finalités, conservation, périmètre ou nombre de caméras, dates) : règles revérifiées, rien n'est enregistré en cas de refus.");
        c.MapPut("/authorisations/{authorisationId:guid}/repeal", async (Guid id, Guid authorisationId, VideoAuthorisationRepealInput input, VideoCommands cmd) =>
            (await cmd.RepealAuthorisationAsync(id, authorisationId, input)).ToNoContent())
            .WithSummary("Enregistre l'abrogation d'une autorisation (date et motif) ; ses caméras encore en service sont signalées par le contrôle quotidien.");
        c.MapPost("/recorders", async (Guid id, VideoRecorderInput input, VideoCommands cmd) =>
            (await cmd.CreateRecorderAsync(id, input)).ToCreated(x => Location(id, "recorders", x)))
            .WithSummary("Enregistre un enregistreur et sa durée de conservation configurée (au plus celle de l'autorisation).");
        c.MapPut("/recorders/{recorderId:guid}", async (Guid id, Guid recorderId, VideoRecorderInput input, VideoCommands cmd) =>
            (await cmd.UpdateRecorderAsync(id, recorderId, input)).ToNoContent())
            .WithSummary("Modifie un enregistreur (nom, autorisation, conservation entre le minimum et le maximum de l'autorisation) ; version périmée : 409.");
        c.MapPut("/recorders/{recorderId:guid}/purge-check", async (Guid id, Guid recorderId, VideoPurgeCheckInput input, VideoCommands cmd) =>
            (await cmd.RecordPurgeCheckAsync(id, recorderId, input)).ToNoContent())
            .WithSummary("Enregistre le contrôle de purge d'un enregistreur (date de la plus ancienne image).");
        c.MapPost("/cameras", async (Guid id, VideoCameraInput input, VideoCommands cmd) =>
            (await cmd.CreateCameraAsync(id, input)).ToCreated(x => Location(id, "cameras", x)))
            .WithSummary("Enregistre une caméra (dans le périmètre autorisé ; en service seulement sous une autorisation en vigueur et après information du préfet).");
        c.MapPut("/cameras/{cameraId:guid}/state", async (Guid id, Guid cameraId, VideoCameraStateInput input, VideoCommands cmd) =>
            (await cmd.ChangeCameraStateAsync(id, cameraId, input)).ToNoContent())
            .WithSummary("Change l'état d'une caméra (et, si indiquée, l'autorisation dont elle relève).");
        c.MapPut("/cameras/{cameraId:guid}", async (Guid id, Guid cameraId, VideoCameraInput input, VideoCommands cmd) =>
            (await cmd.UpdateCameraAsync(id, cameraId, input)).ToNoContent())
            .WithSummary("Modifie une caméra (autorisation, enregistreur, position, orientation, site, finalité, masquage, panneau, état) : règles V1, V2 et V4 revérifiées ; version périmée : 409.");
        c.MapPost("/requisitions", async (Guid id, VideoRequisitionInput input, VideoCommands cmd) =>
            (await cmd.CreateRequisitionAsync(id, input)).ToOk(ToDto))
            .WithSummary("Enregistre une réquisition judiciaire ; une période plus ancienne que la durée de conservation reçoit aussitôt la réponse « images détruites ».");
        c.MapPut("/requisitions/{requisitionId:guid}/answer", async (Guid id, Guid requisitionId, VideoRequisitionAnswerInput input, VideoCommands cmd) =>
            (await cmd.AnswerRequisitionAsync(id, requisitionId, input)).ToNoContent())
            .WithSummary("Enregistre la réponse à une réquisition (les images fournies doivent être au registre des extractions).");
        c.MapPost("/extractions", async (Guid id, VideoExtractionInput input, VideoCommands cmd) =>
            (await cmd.CreateExtractionAsync(id, input)).ToCreated(x => Location(id, "extractions", x)))
            .WithSummary("Inscrit une extraction au registre (opérateur, caméras, plage, motif, destinataire, support, empreinte).");
        c.MapPut("/extractions/{extractionId:guid}/copy", async (Guid id, Guid extractionId, VideoExtractionCopyInput input, VideoCommands cmd) =>
            (await cmd.UpdateExtractionCopyAsync(id, extractionId, input)).ToNoContent())
            .WithSummary("Enregistre le sort de la copie remise : détruite le, transmise au parquet le (jamais avant l'extraction ni dans le futur).");
        c.MapPost("/access-requests", async (Guid id, VideoAccessRequestInput input, VideoCommands cmd) =>
            (await cmd.CreateAccessRequestAsync(id, input)).ToCreated(x => Location(id, "access-requests", x)))
            .WithSummary("Enregistre une demande d'accès aux images (échéance : réception + 1 mois), par référence de dossier.");
        c.MapPut("/access-requests/{accessRequestId:guid}/decision", async (Guid id, Guid accessRequestId, VideoAccessDecisionInput input, VideoCommands cmd) =>
            (await cmd.DecideAccessRequestAsync(id, accessRequestId, input)).ToNoContent())
            .WithSummary("Décide une demande d'accès (floutage obligatoire si des tiers sont visibles, motif en cas de refus).");
        c.MapPost("/committee/members", async (Guid id, VideoCommitteeMemberInput input, VideoCommands cmd) =>
            (await cmd.AddCommitteeMemberAsync(id, input)).ToCreated(x => Location(id, "committee/members", x)))
            .WithSummary("Ajoute un membre du comité d'éthique, avec sa qualité.");
        c.MapPut("/committee/members/{memberId:guid}", async (Guid id, Guid memberId, VideoCommitteeMemberInput input, VideoCommands cmd) =>
            (await cmd.UpdateCommitteeMemberAsync(id, memberId, input)).ToNoContent())
            .WithSummary("Modifie le nom ou la qualité d'un membre du comité d'éthique ; version périmée : 409.");
        c.MapDelete("/committee/members/{memberId:guid}", async (Guid id, Guid memberId, int? version, VideoCommands cmd) =>
            (await cmd.RemoveCommitteeMemberAsync(id, memberId, version)).ToNoContent())
            .WithSummary("Retire un membre du comité d'éthique (version : celle lue, une version périmée donne 409).");
        c.MapPost("/committee/opinions", async (Guid id, VideoCommitteeOpinionInput input, VideoCommands cmd) =>
            (await cmd.AddCommitteeOpinionAsync(id, input)).ToCreated(x => Location(id, "committee/opinions", x)))
            .WithSummary("Enregistre un avis du comité d'éthique (séance : réunion de son instance).");
        c.MapPost("/committee/reports", async (Guid id, VideoCommitteeReportInput input, VideoCommands cmd) =>
            (await cmd.SaveCommitteeReportAsync(id, input)).ToCreated(x => Location(id, "committee/reports", x)))
            .WithSummary("Enregistre (ou remplace) le rapport annuel du comité d'éthique, publié ou non sur la page d'information.");
        c.MapPost("/committee/referrals", async (Guid id, VideoCitizenReferralInput input, VideoCommands cmd) =>
            (await cmd.AddCitizenReferralAsync(id, input)).ToCreated(x => Location(id, "committee/referrals", x)))
            .WithSummary("Enregistre une saisine du comité d'éthique par un citoyen (par référence).");
        c.MapPut("/committee/referrals/{referralId:guid}/answer", async (Guid id, Guid referralId, VideoReferralAnswerInput input, VideoCommands cmd) =>
            (await cmd.AnswerCitizenReferralAsync(id, referralId, input)).ToNoContent())
            .WithSummary("Enregistre la réponse du comité d'éthique à une saisine citoyenne.");

        g.MapGet("/summary/{year:int:range(2000,2100)}/pdf", async (Guid id, int year, VideoQueries q, HttpContext http) =>
        {
            await http.AuditReadAsync(AuditKinds.ExportDownloaded, "Contract", id, id, new { what = "video-summary", year, format = "pdf" });
            return TypedResults.File(await q.SummaryPdfAsync(id, year), "application/pdf", $"videoprotection-bilan-{year}.pdf");
        }).ProducesFile(ApiDocumentation.Pdf).WithSummary("Le bilan annuel pour le CLSPD : comptages par site, sans donnée personnelle.");

        g.MapGet("/committee/reports/{year:int:range(2000,2100)}/pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, int year, Guid? systemId, VideoQueries q, HttpContext http) =>
        {
            if (await q.CommitteeReportPdfAsync(id, year, publishedOnly: false, systemId) is not { } r) return ApiErrors.NotFound("Aucun rapport du comité d'éthique pour cette année.");
            await http.AuditReadAsync(AuditKinds.ExportDownloaded, "VideoCommitteeReport", r.ReportId, id, new { what = "video-committee-report", year, format = "pdf" });
            return TypedResults.File(r.Pdf, "application/pdf", $"comite-ethique-{year}.pdf");
        }).ProducesFile(ApiDocumentation.Pdf).WithSummary("Le rapport annuel du comité d'éthique en PDF balisé.")
            .WithDescription("systemId : le système (commune) dont le comité a rédigé le rapport ; sans lui, celui de la première commune par ordre alphabétique.");
    }
}
