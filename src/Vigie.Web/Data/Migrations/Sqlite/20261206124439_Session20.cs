using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Session20 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "IntervalMonths",
                table: "MeetingSeries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Parameters",
                table: "ImportJobs",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlannedSignatureDate",
                table: "Contracts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FreezeReason",
                table: "CaseSheets",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FrozenUntil",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PurgeNoticeSentOn",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReviewReminderSentOn",
                table: "CaseSheets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArchiveMonths",
                table: "CaseGroups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "NotRetainedMonths",
                table: "CaseGroups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "CaseArchiveAccesses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SheetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MotiveCipher = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseArchiveAccesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseArchiveAccesses_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseArchiveAccesses_CaseSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "CaseSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CasePurgeSlips",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PurgedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SheetCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EarliestStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LatestEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProcessingName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePurgeSlips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasePurgeSlips_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CasePurgeSlips_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseRetentionRuns",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    Archived = table.Column<int>(type: "INTEGER", nullable: false),
                    Purged = table.Column<int>(type: "INTEGER", nullable: false),
                    Previewed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRetentionRuns", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "CaseStatsStubs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DurationDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosureReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PurgedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStatsStubs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseStatsStubs_CaseGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "CaseGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseStatsStubs_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Surveys_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Section = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Options = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Rows = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MaxChoices = table.Column<int>(type: "INTEGER", nullable: true),
                    ShowIf = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyQuestions_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyWaves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FieldStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FieldEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PlannedSize = table.Column<int>(type: "INTEGER", nullable: false),
                    CensusVintage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OnlineCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyWaves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyWaves_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SurveyWaves_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SurveyResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RespId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Quartier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sex = table.Column<int>(type: "INTEGER", nullable: false),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    FreeText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Incomplete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DeviceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyResponses_SurveyWaves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "SurveyWaves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyStrata",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WaveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quartier = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    QuartierName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Population = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyStrata", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyStrata_SurveyWaves_WaveId",
                        column: x => x.WaveId,
                        principalTable: "SurveyWaves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticFindingLinks",
                columns: table => new
                {
                    FindingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticFindingLinks", x => new { x.FindingId, x.PlanItemId });
                    table.ForeignKey(
                        name: "FK_DiagnosticFindingLinks_PlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Axis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticFindings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Diagnostics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LastVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Diagnostics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Diagnostics_Areas_AreaId",
                        column: x => x.AreaId,
                        principalTable: "Areas",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Diagnostics_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticSections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Axis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticSections_Diagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "Diagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiagnosticSections_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticSources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticSources_Diagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "Diagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiagnosticSources_Files_FileId",
                        column: x => x.FileId,
                        principalTable: "Files",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_DiagnosticSources_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "DiagnosticVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DiagnosticId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    IsValidated = table.Column<bool>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 10000000, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FrozenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FrozenById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiagnosticVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiagnosticVersions_Diagnostics_DiagnosticId",
                        column: x => x.DiagnosticId,
                        principalTable: "Diagnostics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_EntityType_EntityId",
                table: "AuditEvents",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseArchiveAccesses_SheetId_UserId_Until",
                table: "CaseArchiveAccesses",
                columns: new[] { "SheetId", "UserId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseArchiveAccesses_UserId",
                table: "CaseArchiveAccesses",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePurgeSlips_ContractId",
                table: "CasePurgeSlips",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePurgeSlips_GroupId_PurgedOn",
                table: "CasePurgeSlips",
                columns: new[] { "GroupId", "PurgedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatsStubs_ContractId_Year",
                table: "CaseStatsStubs",
                columns: new[] { "ContractId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseStatsStubs_GroupId",
                table: "CaseStatsStubs",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindingLinks_ContractId",
                table: "DiagnosticFindingLinks",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindingLinks_PlanItemId",
                table: "DiagnosticFindingLinks",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindings_ContractId_DiagnosticId",
                table: "DiagnosticFindings",
                columns: new[] { "ContractId", "DiagnosticId" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindings_DiagnosticId",
                table: "DiagnosticFindings",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticFindings_SectionId",
                table: "DiagnosticFindings",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Diagnostics_AreaId",
                table: "Diagnostics",
                column: "AreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Diagnostics_ContractId_AreaId",
                table: "Diagnostics",
                columns: new[] { "ContractId", "AreaId" });

            migrationBuilder.CreateIndex(
                name: "IX_Diagnostics_PublishedVersionId",
                table: "Diagnostics",
                column: "PublishedVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSections_ContractId_DiagnosticId_Position",
                table: "DiagnosticSections",
                columns: new[] { "ContractId", "DiagnosticId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSections_DiagnosticId",
                table: "DiagnosticSections",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSections_OrganisationId",
                table: "DiagnosticSections",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_ContractId_DiagnosticId_Date",
                table: "DiagnosticSources",
                columns: new[] { "ContractId", "DiagnosticId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_DiagnosticId",
                table: "DiagnosticSources",
                column: "DiagnosticId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_FileId",
                table: "DiagnosticSources",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticSources_MeetingId",
                table: "DiagnosticSources",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticVersions_ContractId",
                table: "DiagnosticVersions",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_DiagnosticVersions_DiagnosticId_Number",
                table: "DiagnosticVersions",
                columns: new[] { "DiagnosticId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyQuestions_ContractId",
                table: "SurveyQuestions",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyQuestions_SurveyId_Code",
                table: "SurveyQuestions",
                columns: new[] { "SurveyId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_ContractId",
                table: "SurveyResponses",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_WaveId_DeviceHash",
                table: "SurveyResponses",
                columns: new[] { "WaveId", "DeviceHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_WaveId_RespId",
                table: "SurveyResponses",
                columns: new[] { "WaveId", "RespId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_ContractId",
                table: "Surveys",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyStrata_ContractId",
                table: "SurveyStrata",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyStrata_WaveId_Quartier_Sex_AgeBand",
                table: "SurveyStrata",
                columns: new[] { "WaveId", "Quartier", "Sex", "AgeBand" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyWaves_ContractId_Number",
                table: "SurveyWaves",
                columns: new[] { "ContractId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyWaves_OnlineCode",
                table: "SurveyWaves",
                column: "OnlineCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyWaves_SurveyId_Code",
                table: "SurveyWaves",
                columns: new[] { "SurveyId", "Code" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_DiagnosticFindingLinks_DiagnosticFindings_FindingId",
                table: "DiagnosticFindingLinks",
                column: "FindingId",
                principalTable: "DiagnosticFindings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DiagnosticFindings_DiagnosticSections_SectionId",
                table: "DiagnosticFindings",
                column: "SectionId",
                principalTable: "DiagnosticSections",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_DiagnosticFindings_Diagnostics_DiagnosticId",
                table: "DiagnosticFindings",
                column: "DiagnosticId",
                principalTable: "Diagnostics",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Diagnostics_DiagnosticVersions_PublishedVersionId",
                table: "Diagnostics",
                column: "PublishedVersionId",
                principalTable: "DiagnosticVersions",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DiagnosticVersions_Diagnostics_DiagnosticId",
                table: "DiagnosticVersions");

            migrationBuilder.DropTable(
                name: "CaseArchiveAccesses");

            migrationBuilder.DropTable(
                name: "CasePurgeSlips");

            migrationBuilder.DropTable(
                name: "CaseRetentionRuns");

            migrationBuilder.DropTable(
                name: "CaseStatsStubs");

            migrationBuilder.DropTable(
                name: "DiagnosticFindingLinks");

            migrationBuilder.DropTable(
                name: "DiagnosticSources");

            migrationBuilder.DropTable(
                name: "SurveyQuestions");

            migrationBuilder.DropTable(
                name: "SurveyResponses");

            migrationBuilder.DropTable(
                name: "SurveyStrata");

            migrationBuilder.DropTable(
                name: "DiagnosticFindings");

            migrationBuilder.DropTable(
                name: "SurveyWaves");

            migrationBuilder.DropTable(
                name: "DiagnosticSections");

            migrationBuilder.DropTable(
                name: "Surveys");

            migrationBuilder.DropTable(
                name: "Diagnostics");

            migrationBuilder.DropTable(
                name: "DiagnosticVersions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_EntityType_EntityId",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "IntervalMonths",
                table: "MeetingSeries");

            migrationBuilder.DropColumn(
                name: "Parameters",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "PlannedSignatureDate",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "FreezeReason",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "FrozenUntil",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "PurgeNoticeSentOn",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "ReviewReminderSentOn",
                table: "CaseSheets");

            migrationBuilder.DropColumn(
                name: "ArchiveMonths",
                table: "CaseGroups");

            migrationBuilder.DropColumn(
                name: "NotRetainedMonths",
                table: "CaseGroups");
        }
    }
}
