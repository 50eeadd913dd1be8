using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Session21 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContinuesItemId",
                table: "PlanItems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PlanItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "PublicForm",
                table: "IncidentSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NoticeExceptionCipher",
                table: "CaseSheets",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NoticeGivenOn",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeMeans",
                table: "CaseSheets",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeRecipient",
                table: "CaseSheets",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AddedPriorities",
                table: "Amendments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AttachesContractId",
                table: "Amendments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDraft",
                table: "Amendments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AmendmentSignatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmendmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignatoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmendmentSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmendmentSignatures_Amendments_AmendmentId",
                        column: x => x.AmendmentId,
                        principalTable: "Amendments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AmendmentSignatures_Files_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AmendmentSignatures_Signatories_SignatoryId",
                        column: x => x.SignatoryId,
                        principalTable: "Signatories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseRightsRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExtensionMotiveCipher = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRightsRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRightsRequests_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSessionActivities",
                columns: table => new
                {
                    SessionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSessionActivities", x => x.SessionId);
                    table.ForeignKey(
                        name: "FK_CaseSessionActivities_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    MandateBodyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CouncilApprovalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Conclusion = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReportVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PresentedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractEvaluations_Bodies_MandateBodyId",
                        column: x => x.MandateBodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ContractEvaluations_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExternalLoginLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalLoginLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExternalLoginLinks_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModeratedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModeratedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentPhotos_Files_FileId",
                        column: x => x.FileId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IncidentPhotos_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VideoSystems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Commune = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Responsible = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccessContact = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    HasCsu = table.Column<bool>(type: "INTEGER", nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AipdDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CommitteeBodyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CharterText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    CharterVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoSystems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoSystems_Bodies_CommitteeBodyId",
                        column: x => x.CommitteeBodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoSystems_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationJudgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Attainment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationJudgements_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationJudgements_PlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PlanItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRatings_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationRatings_PlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRecommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OwnerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DraftPlanItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRecommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRecommendations_ContractEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ContractEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationRecommendations_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VideoAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoAlerts_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoAlerts_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoAuthorisationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Purposes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    VideoVerbalisation = table.Column<bool>(type: "INTEGER", nullable: false),
                    FiledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CommissionSittingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CommissionOpinion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CommissionReserves = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoAuthorisationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoAuthorisationRequests_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoAuthorisationRequests_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoCommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Quality = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoCommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoCommitteeMembers_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoCommitteeMembers_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoCommitteeOpinions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoCommitteeOpinions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoCommitteeOpinions_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoCommitteeOpinions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoCommitteeOpinions_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoCommitteeReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoCommitteeReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoCommitteeReports_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoCommitteeReports_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoDiagnostics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Perimeter = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoDiagnostics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoDiagnostics_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoDiagnostics_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoRequisitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Frame = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodTo = table.Column<long>(type: "INTEGER", nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoRequisitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoRequisitions_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoRequisitions_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoAuthorisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrderDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Prefecture = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Purposes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    VideoVerbalisation = table.Column<bool>(type: "INTEGER", nullable: false),
                    PerimeterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PerimeterGeoJson = table.Column<string>(type: "TEXT", maxLength: 1048576, nullable: true),
                    AuthorisedCameras = table.Column<int>(type: "INTEGER", nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumRetentionDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Prescriptions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RepealedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoAuthorisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoAuthorisations_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoAuthorisations_VideoAuthorisationRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "VideoAuthorisationRequests",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoAuthorisations_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoRecommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CameraKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoRecommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoRecommendations_VideoDiagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "VideoDiagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VideoRecorders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    LastPurgeCheckOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OldestImageAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoRecorders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoRecorders_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoRecorders_VideoAuthorisations_AuthorisationId",
                        column: x => x.AuthorisationId,
                        principalTable: "VideoAuthorisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoRecorders_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoCameras",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecorderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Bearing = table.Column<int>(type: "INTEGER", nullable: true),
                    ViewAngle = table.Column<int>(type: "INTEGER", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PrivacyMasking = table.Column<bool>(type: "INTEGER", nullable: false),
                    PrivacyMaskingNote = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    InServiceOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PrefectInformedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignPresent = table.Column<bool>(type: "INTEGER", nullable: false),
                    SignCheckedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoCameras", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoCameras_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoCameras_VideoAuthorisations_AuthorisationId",
                        column: x => x.AuthorisationId,
                        principalTable: "VideoAuthorisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoCameras_VideoRecorders_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "VideoRecorders",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoCameras_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoAccessRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IdentityChecked = table.Column<bool>(type: "INTEGER", nullable: false),
                    CameraId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SlotFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    SlotTo = table.Column<long>(type: "INTEGER", nullable: false),
                    Object = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ThirdPartiesVisible = table.Column<bool>(type: "INTEGER", nullable: false),
                    BlurringDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferredToCommittee = table.Column<bool>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoAccessRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoAccessRequests_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoAccessRequests_VideoCameras_CameraId",
                        column: x => x.CameraId,
                        principalTable: "VideoCameras",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoAccessRequests_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoCitizenReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AccessRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoCitizenReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoCitizenReferrals_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoCitizenReferrals_VideoAccessRequests_AccessRequestId",
                        column: x => x.AccessRequestId,
                        principalTable: "VideoAccessRequests",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoCitizenReferrals_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VideoExtractions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    OperatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OperatorRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CameraIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequisitionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AccessRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Medium = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ParquetTransmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CopyDestroyedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VideoExtractions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VideoExtractions_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VideoExtractions_VideoAccessRequests_AccessRequestId",
                        column: x => x.AccessRequestId,
                        principalTable: "VideoAccessRequests",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoExtractions_VideoRequisitions_RequisitionId",
                        column: x => x.RequisitionId,
                        principalTable: "VideoRequisitions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_VideoExtractions_VideoSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "VideoSystems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_AmendmentId_SignatoryId",
                table: "AmendmentSignatures",
                columns: new[] { "AmendmentId", "SignatoryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_ContractId",
                table: "AmendmentSignatures",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_DocumentId",
                table: "AmendmentSignatures",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_AmendmentSignatures_SignatoryId",
                table: "AmendmentSignatures",
                column: "SignatoryId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRightsRequests_GroupId_AnsweredOn_DueOn",
                table: "CaseRightsRequests",
                columns: new[] { "GroupId", "AnsweredOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRightsRequests_SheetId",
                table: "CaseRightsRequests",
                column: "SheetId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSessionActivities_LastSeenAt",
                table: "CaseSessionActivities",
                column: "LastSeenAt");

            migrationBuilder.CreateIndex(
                name: "IX_CaseSessionActivities_UserId",
                table: "CaseSessionActivities",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractEvaluations_ContractId_PeriodEnd",
                table: "ContractEvaluations",
                columns: new[] { "ContractId", "PeriodEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractEvaluations_MandateBodyId",
                table: "ContractEvaluations",
                column: "MandateBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationJudgements_EvaluationId_PlanItemId",
                table: "EvaluationJudgements",
                columns: new[] { "EvaluationId", "PlanItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationJudgements_PlanItemId",
                table: "EvaluationJudgements",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_ContractId_EvaluationId",
                table: "EvaluationRatings",
                columns: new[] { "ContractId", "EvaluationId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_EvaluationId",
                table: "EvaluationRatings",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_PlanItemId",
                table: "EvaluationRatings",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRecommendations_ContractId_EvaluationId",
                table: "EvaluationRecommendations",
                columns: new[] { "ContractId", "EvaluationId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRecommendations_EvaluationId",
                table: "EvaluationRecommendations",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRecommendations_OwnerOrganisationId",
                table: "EvaluationRecommendations",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ExternalLoginLinks_Issuer_Subject",
                table: "ExternalLoginLinks",
                columns: new[] { "Issuer", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExternalLoginLinks_UserId",
                table: "ExternalLoginLinks",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentPhotos_ContractId_Status",
                table: "IncidentPhotos",
                columns: new[] { "ContractId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentPhotos_FileId",
                table: "IncidentPhotos",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_IncidentPhotos_IncidentId_Status",
                table: "IncidentPhotos",
                columns: new[] { "IncidentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Name_PeriodKey",
                table: "JobRuns",
                columns: new[] { "Name", "PeriodKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoAccessRequests_CameraId",
                table: "VideoAccessRequests",
                column: "CameraId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoAccessRequests_ContractId_ReceivedOn",
                table: "VideoAccessRequests",
                columns: new[] { "ContractId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoAccessRequests_SystemId",
                table: "VideoAccessRequests",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoAlerts_ContractId_RaisedAt",
                table: "VideoAlerts",
                columns: new[] { "ContractId", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoAlerts_Kind_SubjectId_PeriodKey",
                table: "VideoAlerts",
                columns: new[] { "Kind", "SubjectId", "PeriodKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoAlerts_SystemId",
                table: "VideoAlerts",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisationRequests_ContractId_Status",
                table: "VideoAuthorisationRequests",
                columns: new[] { "ContractId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisationRequests_SystemId",
                table: "VideoAuthorisationRequests",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisations_ContractId_ExpiresOn",
                table: "VideoAuthorisations",
                columns: new[] { "ContractId", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisations_RequestId",
                table: "VideoAuthorisations",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoAuthorisations_SystemId",
                table: "VideoAuthorisations",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCameras_AuthorisationId",
                table: "VideoCameras",
                column: "AuthorisationId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCameras_ContractId_Code",
                table: "VideoCameras",
                columns: new[] { "ContractId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoCameras_RecorderId",
                table: "VideoCameras",
                column: "RecorderId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCameras_SystemId",
                table: "VideoCameras",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCitizenReferrals_AccessRequestId",
                table: "VideoCitizenReferrals",
                column: "AccessRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCitizenReferrals_ContractId",
                table: "VideoCitizenReferrals",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCitizenReferrals_SystemId",
                table: "VideoCitizenReferrals",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeMembers_ContractId",
                table: "VideoCommitteeMembers",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeMembers_SystemId",
                table: "VideoCommitteeMembers",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeOpinions_ContractId_Date",
                table: "VideoCommitteeOpinions",
                columns: new[] { "ContractId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeOpinions_MeetingId",
                table: "VideoCommitteeOpinions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeOpinions_SystemId",
                table: "VideoCommitteeOpinions",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeReports_ContractId",
                table: "VideoCommitteeReports",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoCommitteeReports_SystemId_Year",
                table: "VideoCommitteeReports",
                columns: new[] { "SystemId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoDiagnostics_ContractId_Date",
                table: "VideoDiagnostics",
                columns: new[] { "ContractId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoDiagnostics_SystemId",
                table: "VideoDiagnostics",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoExtractions_AccessRequestId",
                table: "VideoExtractions",
                column: "AccessRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoExtractions_ContractId_At",
                table: "VideoExtractions",
                columns: new[] { "ContractId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoExtractions_RequisitionId",
                table: "VideoExtractions",
                column: "RequisitionId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoExtractions_SystemId",
                table: "VideoExtractions",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoRecommendations_ContractId",
                table: "VideoRecommendations",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoRecommendations_DiagnosticId",
                table: "VideoRecommendations",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoRecorders_AuthorisationId",
                table: "VideoRecorders",
                column: "AuthorisationId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoRecorders_ContractId",
                table: "VideoRecorders",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoRecorders_SystemId",
                table: "VideoRecorders",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoRequisitions_ContractId_ReceivedOn",
                table: "VideoRequisitions",
                columns: new[] { "ContractId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VideoRequisitions_SystemId",
                table: "VideoRequisitions",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoSystems_CommitteeBodyId",
                table: "VideoSystems",
                column: "CommitteeBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_VideoSystems_ContractId_Commune",
                table: "VideoSystems",
                columns: new[] { "ContractId", "Commune" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmendmentSignatures");

            migrationBuilder.DropTable(
                name: "CaseRightsRequests");

            migrationBuilder.DropTable(
                name: "CaseSessionActivities");

            migrationBuilder.DropTable(
                name: "EvaluationJudgements");

            migrationBuilder.DropTable(
                name: "EvaluationRatings");

            migrationBuilder.DropTable(
                name: "EvaluationRecommendations");

            migrationBuilder.DropTable(
                name: "ExternalLoginLinks");

            migrationBuilder.DropTable(
                name: "IncidentPhotos");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "VideoAlerts");

            migrationBuilder.DropTable(
                name: "VideoCitizenReferrals");

            migrationBuilder.DropTable(
                name: "VideoCommitteeMembers");

            migrationBuilder.DropTable(
                name: "VideoCommitteeOpinions");

            migrationBuilder.DropTable(
                name: "VideoCommitteeReports");

            migrationBuilder.DropTable(
                name: "VideoExtractions");

            migrationBuilder.DropTable(
                name: "VideoRecommendations");

            migrationBuilder.DropTable(
                name: "ContractEvaluations");

            migrationBuilder.DropTable(
                name: "VideoAccessRequests");

            migrationBuilder.DropTable(
                name: "VideoRequisitions");

            migrationBuilder.DropTable(
                name: "VideoDiagnostics");

            migrationBuilder.DropTable(
                name: "VideoCameras");

            migrationBuilder.DropTable(
                name: "VideoRecorders");

            migrationBuilder.DropTable(
                name: "VideoAuthorisations");

            migrationBuilder.DropTable(
                name: "VideoAuthorisationRequests");

            migrationBuilder.DropTable(
                name: "VideoSystems");

            migrationBuilder.DropColumn(
                name: "ContinuesItemId",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "PublicForm",
                table: "IncidentSettings");

            migrationBuilder.DropColumn(
                name: "NoticeExceptionCipher",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "NoticeGivenOn",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "NoticeMeans",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "NoticeRecipient",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "AddedPriorities",
                table: "Amendments");

            migrationBuilder.DropColumn(
                name: "AttachesContractId",
                table: "Amendments");

            migrationBuilder.DropColumn(
                name: "IsDraft",
                table: "Amendments");
        }
    }
}
