using System.Text.Json;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Second audit layer: explicit append-only events for sensitive actions. Event kinds are listed in
/// docs/audit-events.md; <see cref="AuditKinds"/> holds them in code. Events are added to the
/// DbContext so they are saved in the same transaction as the change they describe.
/// </summary>
public sealed class Auditor(AppDbContext db, TimeProvider clock, ICurrentUser currentUser, IHttpContextAccessor? http = null)
{
    public void Record(string kind, string? entityType = null, object? entityId = null, Guid? contractId = null, object? data = null, Guid? userId = null,
        string? outcome = null, string? via = null, string? credentialId = null)
    {
        db.AuditEvents.Add(Create(kind, entityType, entityId, contractId, data, userId, outcome, via, credentialId));
    }

    /// <summary>Records and saves at once, for events with no accompanying change (sign-in, reads).</summary>
    public async Task RecordNowAsync(string kind, string? entityType = null, object? entityId = null, Guid? contractId = null, object? data = null, Guid? userId = null)
    {
        Record(kind, entityType, entityId, contractId, data, userId);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A new event with the actor's context filled from the request: organisation and platform roles (claims),
    /// client address (as resolved by ASP.NET Core), and how they authenticated (cookie session, access token id).
    /// </summary>
    public AuditEvent Create(string kind, string? entityType = null, object? entityId = null, Guid? contractId = null, object? data = null, Guid? userId = null,
        string? outcome = null, string? via = null, string? credentialId = null)
    {
        var context = http?.HttpContext;
        var principal = context?.User;
        var signedIn = principal?.Identity?.IsAuthenticated == true;
        var tokenId = principal?.FindFirst(VigieClaims.AccessTokenId)?.Value;
        var roles = signedIn ? string.Join(",", Roles.Platform.Where(principal!.IsInRole)) : "";
        return new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            UserId = userId ?? currentUser.Id,
            Kind = kind,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            ContractId = contractId,
            Data = data is null ? null : JsonSerializer.Serialize(data),
            ActorOrganisationId = signedIn ? currentUser.OrganisationId : null,
            ActorRole = roles.Length > 0 ? roles : null,
            Outcome = outcome ?? AuditOutcomes.Success,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
            Via = via ?? (context is null ? AuditVia.System : tokenId is not null ? AuditVia.Token : signedIn ? AuditVia.Session : null),
            CredentialId = credentialId ?? tokenId ?? (signedIn ? principal!.FindFirst(VigieClaims.SessionId)?.Value : null),
        };
    }
}

/// <summary>
/// Read audit: one line in a handler records who read what, from where and with which credential, in one insert
/// of its own (a fresh DbContext, so the request's pending changes are never flushed by a read). It throws when the
/// insert fails: no audit, no read.
/// </summary>
public sealed class ReadAudit(Auditor auditor, IServiceScopeFactory scopes)
{
    public async Task RecordAsync(string kind, string? entityType = null, object? entityId = null, Guid? contractId = null, object? data = null,
        Guid? userId = null, string? via = null, string? credentialId = null)
    {
        var e = auditor.Create(kind, entityType, entityId, contractId, data, userId, via: via, credentialId: credentialId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AuditEvents.Add(e);
        await db.SaveChangesAsync();
    }
}

public static class ReadAuditExtensions
{
    /// <summary>One-line read audit from a page or endpoint: <c>await HttpContext.AuditReadAsync(AuditKinds.X, "Meeting", id, contractId);</c></summary>
    public static Task AuditReadAsync(this HttpContext context, string kind, string? entityType = null, object? entityId = null, Guid? contractId = null, object? data = null) =>
        context.RequestServices.GetRequiredService<ReadAudit>().RecordAsync(kind, entityType, entityId, contractId, data);
}

public static class AuditKinds
{
    public const string SignInSucceeded = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignedOut = "account.sign-out";
    public const string ExternalLoginLinked = "account.proconnect-linked";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string PasswordReset = "account.password-reset";
    public const string PasswordChanged = "account.password-changed";
    public const string TwoFactorEnabled = "account.2fa-enabled";
    public const string TwoFactorDisabled = "account.2fa-disabled";
    public const string TwoFactorFailed = "account.2fa-failed";
    public const string RecoveryCodeUsed = "account.2fa-recovery-code-used";
    public const string RecoveryCodesRegenerated = "account.2fa-recovery-codes-regenerated";
    public const string UserCreated = "admin.user-created";
    public const string UserUpdated = "admin.user-updated";
    public const string UserInvited = "admin.user-invited";
    public const string UserDisabled = "admin.user-disabled";
    public const string UserEnabled = "admin.user-enabled";
    public const string UserUnlocked = "admin.user-unlocked";
    public const string MailRetried = "admin.mail-retried";
    public const string UserTwoFactorReset = "admin.user-2fa-reset";
    public const string RoleGranted = "admin.role-granted";
    public const string RoleRevoked = "admin.role-revoked";
    public const string TwoFactorPolicyChanged = "admin.2fa-policy-changed";
    public const string TokenCreated = "api.token-created";
    public const string TokenRevoked = "api.token-revoked";
    public const string MembershipGranted = "contract.membership-granted";
    public const string MembershipChanged = "contract.membership-changed";
    public const string MembershipRevoked = "contract.membership-revoked";
    public const string ContractCreated = "contract.created";
    public const string ContractEdited = "contract.edited";
    public const string ContractStatusChanged = "contract.status-changed";
    public const string ContractDocumentUploaded = "contract.document-uploaded";
    public const string SignatoryAdded = "contract.signatory-added";
    public const string SignatoryUpdated = "contract.signatory-updated";
    public const string SignatoryRemoved = "contract.signatory-removed";
    public const string AmendmentAdded = "contract.amendment-added";
    public const string GeographyImported = "geography.imported";
    public const string SsmsiImported = "observatory.ssmsi-imported";
    public const string ImportJobQueued = "observatory.import-queued";
    public const string PartnerCreated = "partner.created";
    public const string PartnerEdited = "partner.edited";
    public const string PartnerArchived = "partner.archived";
    public const string PartnerUnarchived = "partner.unarchived";
    public const string PartnerDeleted = "partner.deleted";
    public const string ContactAdded = "partner.contact-added";
    public const string ContactUpdated = "partner.contact-updated";
    public const string ContactRemoved = "partner.contact-removed";
    public const string AreaCreated = "area.created";
    public const string AreaUpdated = "area.updated";
    public const string AreaDeleted = "area.deleted";
    public const string Etat4001Imported = "observatory.etat4001-imported";
    public const string PartnerSeriesImported = "observatory.partner-series-imported";
    public const string BodySaved = "governance.body-saved";
    public const string BodyMemberAdded = "governance.body-member-added";
    public const string BodyMemberEnded = "governance.body-member-ended";
    public const string MeetingCreated = "governance.meeting-created";
    public const string MeetingSeriesCreated = "governance.series-created";
    public const string MeetingStatusChanged = "governance.meeting-status-changed";
    public const string AttendanceRecorded = "governance.attendance-recorded";
    public const string MinutesSaved = "governance.minutes-saved";
    public const string OutcomeRecorded = "governance.outcome-recorded";
    public const string TaskUpdated = "governance.task-updated";
    public const string MeetingConvened = "governance.convened";
    public const string MeetingRescheduled = "governance.meeting-rescheduled";
    public const string MeetingCancellationSent = "governance.cancellation-sent";
    public const string MeetingPackSent = "governance.pack-sent";
    public const string DecisionAppliedToPlan = "governance.decision-applied-to-plan";
    public const string CalendarFeedCreated = "governance.calendar-feed-created";
    public const string CalendarFeedRevoked = "governance.calendar-feed-revoked";
    public const string PlanItemDeleted = "plan.item-deleted";
    public const string PlanCommitmentDeleted = "plan.commitment-deleted";
    public const string PlanMilestoneDeleted = "plan.milestone-deleted";
    public const string PlanBudgetLineDeleted = "plan.budget-line-deleted";
    public const string PlanIndicatorDeleted = "plan.indicator-deleted";
    public const string PlanIndicatorValueDeleted = "plan.indicator-value-deleted";
    public const string PlanImported = "plan.imported";
    public const string PlanSettingsChanged = "plan.settings-changed";
    // Issue 9, accounts and tokens:
    public const string CredentialsRevoked = "account.credentials-revoked";
    public const string MembershipSelfGrantRefused = "contract.membership-self-grant-refused";
    // Visibility of derived records and the partner contact address (issue 9).
    public const string ContentDeclassified = "confidentiality.declassified";
    public const string ContentReclassified = "confidentiality.reclassified";
    public const string PartnerEmailChanged = "partner.email-changed";
    // Read audit and the audit log itself (docs/adr/0008-audit-log.md).
    public const string RestrictedMeetingRead = "read.restricted-meeting";
    public const string MeetingPackDownloaded = "read.meeting-pack";
    public const string ExportDownloaded = "read.export";
    public const string MeetingSearched = "read.meeting-search";
    public const string CalendarFeedPulled = "read.calendar-feed";
    public const string OrganisationContactsRead = "read.organisation-contacts";
    public const string AuditLogViewed = "audit.log-viewed";
    public const string AuditLogExported = "audit.log-exported";
    public const string AuditPurged = "audit.purged";
    public const string AuditAlertsSent = "audit.alerts-sent";
    // Confidential follow-up of individuals (issue 13, docs/adr/0010-confidential-cases.md).
    public const string CaseGroupCreated = "cases.group-created";
    public const string CaseMemberAdded = "cases.member-added";
    public const string CaseMemberSuspended = "cases.member-suspended";
    public const string CaseMemberExcluded = "cases.member-excluded";
    public const string CaseMemberReinstated = "cases.member-reinstated";
    public const string CaseMemberLeft = "cases.member-left";
    public const string CaseCharterVersionPublished = "cases.charter-version-published";
    public const string CaseCharterSigned = "cases.charter-signed";
    public const string CaseSheetCreated = "cases.sheet-created";
    public const string CaseSheetViewed = "cases.sheet-viewed";
    public const string CaseContactViewed = "cases.contact-viewed";
    public const string CaseJudicialViewed = "cases.judicial-viewed";
    public const string CaseSheetUpdated = "cases.sheet-updated";
    public const string CaseSensitiveDataFlagged = "cases.sensitive-data-flagged";
    public const string CaseDuplicateCheck = "cases.duplicate-check";
    public const string CaseStatusChanged = "cases.status-changed";
    public const string CaseReviewConfirmed = "cases.review-confirmed";
    public const string CaseAddedToAgenda = "cases.added-to-agenda";
    public const string CaseExamined = "cases.examined";
    public const string CaseAccessesViewed = "cases.accesses-viewed";
    public const string CasePermissionDenied = "cases.permission-denied";
    public const string CaseAutoClosedAgeLimit = "cases.auto-closed-age-limit";
    public const string CaseReviewReminderSent = "cases.review-reminder-sent";
    public const string CasePurgePreviewSent = "cases.purge-preview-sent";
    public const string CasePurgeExecuted = "cases.purge-executed";
    public const string CaseSheetFrozen = "cases.sheet-frozen";
    public const string CaseRetentionChanged = "cases.retention-changed";
    public const string CaseArchiveAccessRequested = "cases.archive-access-requested";
    public const string CaseArchiveAccessed = "cases.archive-accessed";
    public const string CaseSheetPrinted = "cases.sheet-printed";
    public const string CaseKeyRotated = "cases.key-rotated";
    public const string CaseNoticeRecorded = "cases.notice-recorded";
    public const string CaseNoticeExceptionRecorded = "cases.notice-exception-recorded";
    public const string CaseRightsRequestReceived = "cases.rights-request-received";
    public const string CaseRightsRequestExtended = "cases.rights-request-extended";
    public const string CaseRightsRequestAnswered = "cases.rights-request-answered";
    public const string CaseNoticeSettingsSaved = "cases.notice-settings-saved";
    public const string CaseSheetRectified = "cases.sheet-rectified";
    public const string CaseErasureApplied = "cases.erasure-applied";
    public const string CaseErasureRefused = "cases.erasure-refused";
    public const string CaseProgrammeCreated = "cases.programme-created";
    public const string CaseProgrammeUpdated = "cases.programme-updated";
    public const string CaseProgrammeDeleted = "cases.programme-deleted";
    public const string CaseCharterReviewRecorded = "cases.charter-review-recorded";
    public const string CaseCharterReviewReminderSent = "cases.charter-review-reminder-sent";
    public const string AuditChainVerified = "audit.chain-verified";
    // Issue 13 follow-up: role changes in the follow-up module (§1.5 ROLE_CHANGED) and its audit log read by the contract's DPO.
    public const string CaseRoleChanged = "cases.role-changed";
    public const string CaseAuditLogViewed = "read.case-audit-log";
    public const string CaseAuditLogExported = "read.case-audit-log-export";
    // Incidents (issue 14).
    public const string IncidentCategoriesSeeded = "incident.categories-seeded";
    public const string IncidentCategoryUpdated = "incident.category-updated";
    public const string RoutingZoneSaved = "incident.routing-zone-saved";
    public const string RoutingZoneDeleted = "incident.routing-zone-deleted";
    public const string IncidentCreated = "incident.created";
    public const string IncidentStatusChanged = "incident.status-changed";
    public const string IncidentRerouted = "incident.rerouted";
    public const string IncidentMarkedDuplicate = "incident.marked-duplicate";
    public const string IncidentSettingsChanged = "incident.open311-settings-changed";
    public const string Open311ClientCreated = "incident.open311-client-created";
    public const string Open311ClientRevoked = "incident.open311-client-revoked";
    public const string IncidentsExported = "read.incidents-export";
    public const string IncidentAutoClosed = "incident.auto-closed";
    public const string IncidentPhotoAdded = "incident.photo-added";
    public const string IncidentPhotoModerated = "incident.photo-moderated";
    public const string IncidentCategoryCreated = "incident.category-created";
    // Public-tranquillity survey (issue 12, docs/adr/0013-survey.md).
    public const string SurveyCreated = "survey.created";
    public const string SurveyQuestionUpdated = "survey.question-updated";
    public const string SurveyWaveCreated = "survey.wave-created";
    public const string SurveyStrataSet = "survey.strata-set";
    public const string SurveyWaveOpened = "survey.wave-opened";
    public const string SurveyWaveClosed = "survey.wave-closed";
    public const string SurveyWavePublished = "survey.wave-published";
    public const string SurveyWaveUnpublished = "survey.wave-unpublished";
    public const string SurveyResponsesImported = "survey.responses-imported";
    public const string SurveyResponseSubmitted = "survey.response-submitted";
    public const string SurveyResponseEntered = "survey.response-entered";
    public const string SurveyWaveUpdated = "survey.wave-updated";
    public const string SurveyResponseCorrected = "survey.response-corrected";
    public const string SurveyResponseDeleted = "survey.response-deleted";
    public const string SurveyResponseVoided = "survey.response-voided";
    public const string SurveyIrisMappingSet = "survey.iris-mapping-set";
    public const string SurveyCensusImported = "survey.census-imported";
    public const string SurveyResponsesExported = "read.survey-responses-export";
    public const string SurveyResultsExported = "read.survey-results-export";
    public const string SurveyFreeTextsRead = "read.survey-free-texts";
    public const string DiagnosticCreated = "diagnostic.created";
    public const string DiagnosticSectionWritten = "diagnostic.section-written";
    public const string DiagnosticSectionStatusChanged = "diagnostic.section-status-changed";
    public const string DiagnosticSectionVisibilityChanged = "diagnostic.section-visibility-raised";
    public const string DiagnosticFindingAdded = "diagnostic.finding-added";
    public const string DiagnosticFindingLinked = "diagnostic.finding-linked";
    public const string DiagnosticFindingUnlinked = "diagnostic.finding-unlinked";
    public const string DiagnosticSourceAdded = "diagnostic.source-added";
    public const string DiagnosticFrozen = "diagnostic.frozen";
    public const string DiagnosticPublished = "diagnostic.published";
    public const string DiagnosticUnpublished = "diagnostic.unpublished";
    public const string EvaluationCreated = "evaluation.created";
    public const string EvaluationEdited = "evaluation.edited";
    public const string EvaluationRated = "evaluation.rated";
    public const string EvaluationJudged = "evaluation.judged";
    public const string EvaluationRecommended = "evaluation.recommended";
    public const string EvaluationEntryDeleted = "evaluation.entry-deleted";
    public const string EvaluationStatusChanged = "evaluation.status-changed";
    public const string EvaluationDraftActionCreated = "evaluation.draft-action-created";
    public const string EvaluationReportRead = "read.evaluation-report";
    public const string ContractRenewed = "contract.renewed";
    public const string AmendmentDrafted = "contract.amendment-drafted";
    public const string AmendmentSigned = "contract.amendment-signed";
    public const string AmendmentEnacted = "contract.amendment-enacted";
    // Video-protection register (issue 15, docs/adr/0017-video-protection.md): ids and counts only.
    public const string VideoSystemSaved = "video.system-saved";
    public const string VideoDiagnosticCreated = "video.diagnostic-created";
    public const string VideoRequestSaved = "video.request-saved";
    public const string VideoAuthCreated = "video.auth-created";
    public const string VideoAuthExpiring = "video.auth-expiring";
    public const string VideoAuthExpired = "video.auth-expired";
    public const string VideoCameraSaved = "video.camera-saved";
    public const string VideoCameraStateChanged = "video.camera-state-changed";
    public const string VideoRecorderSaved = "video.recorder-saved";
    public const string VideoRetentionBreach = "video.retention-breach";
    public const string VideoCameraAlert = "video.camera-alert";
    public const string VideoRequisitionReceived = "video.requisition-received";
    public const string VideoRequisitionAnswered = "video.requisition-answered";
    public const string VideoExtractionCreated = "video.extraction-created";
    public const string VideoAccessRequestReceived = "video.access-request-received";
    public const string VideoAccessRequestDecided = "video.access-request-decided";
    public const string VideoCommitteeChanged = "video.committee-changed";
    public const string VideoRegisterViewed = "read.video-register";
    public const string VideoAccessRequestOverdue = "video.access-request-overdue";
    public const string VideoExtractionsPurged = "video.extractions-purged";
    public const string VideoAuthRepealed = "video.auth-repealed";
    public const string VideoCameraUpdated = "video.camera-updated";
    public const string VideoExtractionCopyUpdated = "video.extraction-copy-updated";
    public const string VideoAuthUpdated = "video.auth-updated";
    // Video-protection daily job, second pass (issue 15 follow-up): late purge checks, copies, signs, closing alerts.
    public const string VideoPurgeCheckLate = "video.purge-check-late";
    public const string VideoCopyOutstanding = "video.copy-outstanding";
    public const string VideoSignCheckDue = "video.sign-check-due";
    public const string VideoAlertResolved = "video.alert-resolved";
}
