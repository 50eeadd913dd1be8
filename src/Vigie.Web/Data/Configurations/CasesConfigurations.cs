using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// Confidential follow-up (issue 13): groups and sheets carry their ContractId (one Where for scoping); deleting a
// group or a sheet cascades to everything under it — the purge deletes physically. Ciphertexts are long text.

internal sealed class CaseGroupConfiguration : IEntityTypeConfiguration<CaseGroup>
{
    public void Configure(EntityTypeBuilder<CaseGroup> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.RulebookVersion).HasMaxLength(100);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CoordinatorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ContractId, x.Name }).IsUnique();
        // Groups created before retention settings existed keep the defaults of §1.6 (0 is a valid choice: the sentinel is -1).
        b.Property(x => x.ArchiveMonths).HasDefaultValue(3).HasSentinel(-1);
        b.Property(x => x.NotRetainedMonths).HasDefaultValue(3).HasSentinel(-1);
        b.Property(x => x.AuditMonths).HasDefaultValue(12).HasSentinel(-1);
        b.HasMany(x => x.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseGroupMemberConfiguration : IEntityTypeConfiguration<CaseGroupMember>
{
    public void Configure(EntityTypeBuilder<CaseGroupMember> b)
    {
        b.Property(x => x.Function).HasMaxLength(200);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.GroupId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class CaseSheetConfiguration : IEntityTypeConfiguration<CaseSheet>
{
    public void Configure(EntityTypeBuilder<CaseSheet> b)
    {
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.IdentityCipher).HasMaxLength(4000);
        b.Property(x => x.ContactCipher).HasMaxLength(8000);
        b.Property(x => x.DuplicateKey).HasMaxLength(64);
        b.Property(x => x.SensitiveJustificationCipher).HasMaxLength(2000);
        b.Property(x => x.NoticeExceptionCipher).HasMaxLength(2000);
        CaseColumns.ProblemsColumn(b.Property(x => x.Problems));
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.Code }).IsUnique();
        b.HasIndex(x => new { x.ContractId, x.DuplicateKey });
        b.HasMany(x => x.Actions).WithOne().HasForeignKey(a => a.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Measures).WithOne().HasForeignKey(m => m.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.AgendaEntries).WithOne().HasForeignKey(e => e.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.Version).IsConcurrencyToken();
        // A programme named by a sheet is never deleted (archived instead); NO ACTION lets a contract's deletion cascade to both.
        b.HasOne<CaseProgramme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class CaseProgrammeConfiguration : IEntityTypeConfiguration<CaseProgramme>
{
    public void Configure(EntityTypeBuilder<CaseProgramme> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Code).HasMaxLength(CaseProgramme.CodeMax);
        b.Property(x => x.Label).HasMaxLength(CaseProgramme.LabelMax);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.Code }).IsUnique();
    }
}

internal sealed class CaseCharterReviewConfiguration : IEntityTypeConfiguration<CaseCharterReview>
{
    public void Configure(EntityTypeBuilder<CaseCharterReview> b)
    {
        b.Property(x => x.Findings).HasMaxLength(CaseCharterReview.TextMax);
        b.Property(x => x.Decisions).HasMaxLength(CaseCharterReview.TextMax);
        CaseColumns.EnumList(b.Property(x => x.Institutions));
        b.HasOne<CaseGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.GroupId, x.HeldOn });
    }
}

internal static class CaseColumns
{
    /// <summary>Problématiques as one comma-separated column of enum names.</summary>
    public static void ProblemsColumn(PropertyBuilder<List<CaseProblem>> p) => p.HasMaxLength(200).HasConversion(
        v => string.Join(",", v),
        v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<CaseProblem>(s)).ToList(),
        new ValueComparer<List<CaseProblem>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p)), v => v.ToList()));

    /// <summary>A list of closed-list values as one comma-separated column of enum names (e.g. the institutions at a charter review).</summary>
    public static void EnumList<TEnum>(PropertyBuilder<List<TEnum>> p) where TEnum : struct, Enum => p.HasMaxLength(400).HasConversion(
        v => string.Join(",", v),
        v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.Parse<TEnum>(s)).ToList(),
        new ValueComparer<List<TEnum>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()));
}

internal sealed class CaseArchiveAccessConfiguration : IEntityTypeConfiguration<CaseArchiveAccess>
{
    public void Configure(EntityTypeBuilder<CaseArchiveAccess> b)
    {
        b.Property(x => x.MotiveCipher).HasMaxLength(2000);
        b.HasOne<CaseSheet>().WithMany().HasForeignKey(x => x.SheetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SheetId, x.UserId, x.Until });
    }
}

internal sealed class CaseStatsStubConfiguration : IEntityTypeConfiguration<CaseStatsStub>
{
    public void Configure(EntityTypeBuilder<CaseStatsStub> b)
    {
        CaseColumns.ProblemsColumn(b.Property(x => x.Problems));
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CaseGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<CaseProgramme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.Year });
    }
}

internal sealed class CasePurgeSlipConfiguration : IEntityTypeConfiguration<CasePurgeSlip>
{
    public void Configure(EntityTypeBuilder<CasePurgeSlip> b)
    {
        b.Property(x => x.ProcessingName).HasMaxLength(300);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CaseGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.GroupId, x.PurgedOn }).IsUnique();
    }
}

internal sealed class CaseNoticeSettingsConfiguration : IEntityTypeConfiguration<CaseNoticeSettings>
{
    public void Configure(EntityTypeBuilder<CaseNoticeSettings> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.ControllerName).HasMaxLength(CaseNoticeSettings.NameMax);
        b.Property(x => x.ControllerAddress).HasMaxLength(CaseNoticeSettings.AddressMax);
        b.Property(x => x.DpoName).HasMaxLength(CaseNoticeSettings.NameMax);
        b.Property(x => x.DpoContact).HasMaxLength(CaseNoticeSettings.ContactMax);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ContractId).IsUnique();
    }
}

internal sealed class CaseActionConfiguration : IEntityTypeConfiguration<CaseAction>
{
    public void Configure(EntityTypeBuilder<CaseAction> b) => b.Property(x => x.NoteCipher).HasMaxLength(2000);
}

internal sealed class CaseAgendaEntryConfiguration : IEntityTypeConfiguration<CaseAgendaEntry>
{
    public void Configure(EntityTypeBuilder<CaseAgendaEntry> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SheetId, x.MeetingId }).IsUnique();
    }
}

internal sealed class CaseSessionActivityConfiguration : IEntityTypeConfiguration<CaseSessionActivity>
{
    public void Configure(EntityTypeBuilder<CaseSessionActivity> b)
    {
        b.HasKey(x => x.SessionId);
        b.Property(x => x.SessionId).HasMaxLength(64);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.LastSeenAt);
    }
}

internal sealed class CaseRightsRequestConfiguration : IEntityTypeConfiguration<CaseRightsRequest>
{
    public const int ReasonMax = 400;

    public void Configure(EntityTypeBuilder<CaseRightsRequest> b)
    {
        b.Property(x => x.ExtensionMotiveCipher).HasMaxLength(2000);
        b.Property(x => x.OutcomeReason).HasMaxLength(CaseRightsRequestConfiguration.ReasonMax);
        // The register of rights requests outlives the sheet (§1.7): an erasure or a purge detaches the request, never deletes it.
        b.HasOne<CaseSheet>().WithMany().HasForeignKey(x => x.SheetId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<CaseGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.GroupId, x.AnsweredOn, x.DueOn });
    }
}

internal sealed class CaseDpoDesignationConfiguration : IEntityTypeConfiguration<CaseDpoDesignation>
{
    public void Configure(EntityTypeBuilder<CaseDpoDesignation> b)
    {
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.UserId }).IsUnique();
    }
}
