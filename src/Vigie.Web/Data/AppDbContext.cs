using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Vigie.Web.Data;

/// <summary>
/// The one DbContext. Two provider-specific subclasses exist only to hold separate migrations
/// (docs/adr/0002-dual-provider-migrations.md); application code always asks for AppDbContext.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Territory> Territories => Set<Territory>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<SecurityContract> Contracts => Set<SecurityContract>();
    public DbSet<ContractTerritory> ContractTerritories => Set<ContractTerritory>();
    public DbSet<Signatory> Signatories => Set<Signatory>();
    public DbSet<Amendment> Amendments => Set<Amendment>();
    public DbSet<ContractVersion> ContractVersions => Set<ContractVersion>();
    public DbSet<ContractMembership> Memberships => Set<ContractMembership>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<TwoFactorRequirement> TwoFactorRequirements => Set<TwoFactorRequirement>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<StatEdition> StatEditions => Set<StatEdition>();
    public DbSet<StatFile> StatFiles => Set<StatFile>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<StatValue> StatValues => Set<StatValue>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<Etat4001Service> Etat4001Services => Set<Etat4001Service>();
    public DbSet<Etat4001Index> Etat4001Indexes => Set<Etat4001Index>();
    public DbSet<Etat4001ServiceYear> Etat4001ServiceYears => Set<Etat4001ServiceYear>();
    public DbSet<Etat4001Count> Etat4001Counts => Set<Etat4001Count>();
    public DbSet<PartnerSeries> PartnerSeries => Set<PartnerSeries>();
    public DbSet<PartnerSeriesValue> PartnerSeriesValues => Set<PartnerSeriesValue>();
    public DbSet<PlanItem> PlanItems => Set<PlanItem>();
    public DbSet<PlanItemPartner> PlanItemPartners => Set<PlanItemPartner>();
    public DbSet<PlanStatus> PlanStatuses => Set<PlanStatus>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();
    public DbSet<PlanIndicator> PlanIndicators => Set<PlanIndicator>();
    public DbSet<PlanIndicatorValue> PlanIndicatorValues => Set<PlanIndicatorValue>();
    public DbSet<PlanChange> PlanChanges => Set<PlanChange>();
    public DbSet<PlanComment> PlanComments => Set<PlanComment>();
    public DbSet<PlanReminderSent> PlanRemindersSent => Set<PlanReminderSent>();
    public DbSet<PlanSettings> PlanSettings => Set<PlanSettings>();
    public DbSet<Body> Bodies => Set<Body>();
    public DbSet<BodyMembership> BodyMemberships => Set<BodyMembership>();
    public DbSet<MeetingSeries> MeetingSeries => Set<MeetingSeries>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<Convocation> Convocations => Set<Convocation>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<CaseGroup> CaseGroups => Set<CaseGroup>();
    public DbSet<CaseGroupMember> CaseGroupMembers => Set<CaseGroupMember>();
    public DbSet<CaseSheet> CaseSheets => Set<CaseSheet>();
    public DbSet<CaseAction> CaseActions => Set<CaseAction>();
    public DbSet<JudicialMeasure> JudicialMeasures => Set<JudicialMeasure>();
    public DbSet<CaseAgendaEntry> CaseAgendaEntries => Set<CaseAgendaEntry>();
    public DbSet<CaseArchiveAccess> CaseArchiveAccesses => Set<CaseArchiveAccess>();
    public DbSet<CaseStatsStub> CaseStatsStubs => Set<CaseStatsStub>();
    public DbSet<CasePurgeSlip> CasePurgeSlips => Set<CasePurgeSlip>();
    public DbSet<CaseNoticeSettings> CaseNoticeSettings => Set<CaseNoticeSettings>();
    public DbSet<CaseSessionActivity> CaseSessionActivities => Set<CaseSessionActivity>();
    public DbSet<CaseRightsRequest> CaseRightsRequests => Set<CaseRightsRequest>();
    public DbSet<CaseDpoDesignation> CaseDpoDesignations => Set<CaseDpoDesignation>();
    public DbSet<CaseProgramme> CaseProgrammes => Set<CaseProgramme>();
    public DbSet<CaseCharterReview> CaseCharterReviews => Set<CaseCharterReview>();
    public DbSet<IncidentCategory> IncidentCategories => Set<IncidentCategory>();
    public DbSet<RoutingZone> RoutingZones => Set<RoutingZone>();
    public DbSet<RoutingZoneArea> RoutingZoneAreas => Set<RoutingZoneArea>();
    public DbSet<IncidentCategoryPartner> IncidentCategoryPartners => Set<IncidentCategoryPartner>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentEvent> IncidentEvents => Set<IncidentEvent>();
    public DbSet<IncidentSettings> IncidentSettings => Set<IncidentSettings>();
    public DbSet<Open311Client> Open311Clients => Set<Open311Client>();
    public DbSet<IncidentPhoto> IncidentPhotos => Set<IncidentPhoto>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();
    public DbSet<SurveyWave> SurveyWaves => Set<SurveyWave>();
    public DbSet<SurveyStratum> SurveyStrata => Set<SurveyStratum>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyResponseChange> SurveyResponseChanges => Set<SurveyResponseChange>();
    public DbSet<SurveyIrisQuartier> SurveyIrisQuartiers => Set<SurveyIrisQuartier>();
    public DbSet<SecurityDiagnostic> Diagnostics => Set<SecurityDiagnostic>();
    public DbSet<DiagnosticSection> DiagnosticSections => Set<DiagnosticSection>();
    public DbSet<DiagnosticFinding> DiagnosticFindings => Set<DiagnosticFinding>();
    public DbSet<DiagnosticFindingLink> DiagnosticFindingLinks => Set<DiagnosticFindingLink>();
    public DbSet<DiagnosticSource> DiagnosticSources => Set<DiagnosticSource>();
    public DbSet<DiagnosticVersion> DiagnosticVersions => Set<DiagnosticVersion>();
    public DbSet<ContractEvaluation> ContractEvaluations => Set<ContractEvaluation>();
    public DbSet<EvaluationRating> EvaluationRatings => Set<EvaluationRating>();
    public DbSet<EvaluationJudgement> EvaluationJudgements => Set<EvaluationJudgement>();
    public DbSet<EvaluationRecommendation> EvaluationRecommendations => Set<EvaluationRecommendation>();
    public DbSet<EvaluationReportVersion> EvaluationReportVersions => Set<EvaluationReportVersion>();
    public DbSet<AmendmentSignature> AmendmentSignatures => Set<AmendmentSignature>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<VideoSystem> VideoSystems => Set<VideoSystem>();
    public DbSet<VideoDiagnostic> VideoDiagnostics => Set<VideoDiagnostic>();
    public DbSet<VideoRecommendation> VideoRecommendations => Set<VideoRecommendation>();
    public DbSet<VideoAuthorisationRequest> VideoAuthorisationRequests => Set<VideoAuthorisationRequest>();
    public DbSet<VideoAuthorisation> VideoAuthorisations => Set<VideoAuthorisation>();
    public DbSet<VideoCamera> VideoCameras => Set<VideoCamera>();
    public DbSet<VideoRecorder> VideoRecorders => Set<VideoRecorder>();
    public DbSet<VideoRequisition> VideoRequisitions => Set<VideoRequisition>();
    public DbSet<VideoExtraction> VideoExtractions => Set<VideoExtraction>();
    public DbSet<VideoAccessRequest> VideoAccessRequests => Set<VideoAccessRequest>();
    public DbSet<VideoCommitteeMember> VideoCommitteeMembers => Set<VideoCommitteeMember>();
    public DbSet<VideoCommitteeOpinion> VideoCommitteeOpinions => Set<VideoCommitteeOpinion>();
    public DbSet<VideoCommitteeReport> VideoCommitteeReports => Set<VideoCommitteeReport>();
    public DbSet<VideoCitizenReferral> VideoCitizenReferrals => Set<VideoCitizenReferral>();
    public DbSet<VideoAlert> VideoAlerts => Set<VideoAlert>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ExternalLoginLink> ExternalLoginLinks => Set<ExternalLoginLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as text: readable in SQL, and adding a member never renumbers stored rows.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Bounded text by default; long texts opt out in their configuration.
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
