using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// The action plan's entities (issue #4) are configured here, in a file of their own, so the feature
// can be read (and merged) on its own. Every table carries ContractId: queries scope on it directly.

internal static class PlanText
{
    public const int Long = 8000;
}

internal static class PlanItemRecordConfiguration
{
    /// <summary>What every <see cref="PlanItemRecord"/> table shares: its reference unique in the contract, its item index, deleted with its item.</summary>
    public static void ConfigurePlanItemRecord<T>(this EntityTypeBuilder<T> b, string table) where T : PlanItemRecord
    {
        b.ToTable(table);
        b.Property(r => r.Reference).HasMaxLength(40);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.ContractId, r.Reference }).IsUnique();
        b.HasIndex(r => r.PlanItemId);
        b.HasOne(r => r.PlanItem).WithMany().HasForeignKey(r => r.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> b)
    {
        b.ToTable("PlanItems");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(i => i.Reference).HasMaxLength(40);
        b.Property(i => i.Title).HasMaxLength(300);
        b.Property(i => i.ProblemObserved).HasMaxLength(PlanText.Long);
        b.Property(i => i.Objectives).HasMaxLength(PlanText.Long);
        b.Property(i => i.Description).HasMaxLength(PlanText.Long);
        b.Property(i => i.TargetPublic).HasMaxLength(2000);
        b.Property(i => i.HumanMeans).HasMaxLength(PlanText.Long);
        b.Property(i => i.MaterialMeans).HasMaxLength(PlanText.Long);
        b.Property(i => i.FollowUpTools).HasMaxLength(PlanText.Long);
        b.Property(i => i.YearlyReview).HasMaxLength(PlanText.Long);
        b.Property(i => i.Weight).HasPrecision(9, 3);
        b.HasIndex(i => new { i.ContractId, i.Reference }).IsUnique();
        b.HasIndex(i => new { i.ContractId, i.ParentId, i.Position });
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Parent).WithMany().HasForeignKey(i => i.ParentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Area).WithMany().HasForeignKey(i => i.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.LeadOrganisation).WithMany().HasForeignKey(i => i.LeadOrganisationId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(i => i.Status).WithMany().HasForeignKey(i => i.StatusId).OnDelete(DeleteBehavior.SetNull);
        // Existing rows were all shown on the public page: they stay public.
        b.Property(i => i.Visibility).HasDefaultValue(MinutesVisibility.Public);
        b.HasOne<Meeting>().WithMany().HasForeignKey(i => i.SourceMeetingId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(i => i.Partners).WithOne().HasForeignKey(p => p.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanItemPartnerConfiguration : IEntityTypeConfiguration<PlanItemPartner>
{
    public void Configure(EntityTypeBuilder<PlanItemPartner> b)
    {
        b.ToTable("PlanItemPartners");
        b.HasKey(p => new { p.PlanItemId, p.OrganisationId });
        b.HasIndex(p => p.ContractId);
        b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanStatusConfiguration : IEntityTypeConfiguration<PlanStatus>
{
    public void Configure(EntityTypeBuilder<PlanStatus> b)
    {
        b.ToTable("PlanStatuses");
        b.Property(s => s.Key).HasMaxLength(40);
        b.Property(s => s.Label).HasMaxLength(100);
        b.HasIndex(s => new { s.ContractId, s.Key }).IsUnique();
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.ConfigurePlanItemRecord("Commitments");
        b.Property(c => c.What).HasMaxLength(2000);
        b.Property(c => c.Means).HasMaxLength(PlanText.Long);
        b.Property(c => c.Weight).HasPrecision(9, 3);
        b.HasIndex(c => new { c.ContractId, c.OrganisationId });
        b.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Status).WithMany().HasForeignKey(c => c.StatusId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.ConfigurePlanItemRecord("Milestones");
        b.Property(m => m.Title).HasMaxLength(300);
        b.Property(m => m.Weight).HasPrecision(9, 3);
        b.HasIndex(m => new { m.DoneOn, m.DueOn });
        b.HasOne(m => m.OwnerOrganisation).WithMany().HasForeignKey(m => m.OwnerOrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.ConfigurePlanItemRecord("BudgetLines");
        b.Property(l => l.Label).HasMaxLength(300);
        b.Property(l => l.Planned).HasPrecision(14, 2);
        b.Property(l => l.Granted).HasPrecision(14, 2);
        b.Property(l => l.Spent).HasPrecision(14, 2);
        b.HasOne(l => l.Organisation).WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PlanIndicatorConfiguration : IEntityTypeConfiguration<PlanIndicator>
{
    public void Configure(EntityTypeBuilder<PlanIndicator> b)
    {
        b.ConfigurePlanItemRecord("PlanIndicators");
        b.Property(i => i.Name).HasMaxLength(300);
        b.Property(i => i.Unit).HasMaxLength(60);
        b.Property(i => i.Source).HasMaxLength(300);
        b.Property(i => i.ObservatoryIndicatorCode).HasMaxLength(60);
        b.Property(i => i.LiveSource).HasDefaultValue(PlanIndicatorSourceKind.Manual);
        b.Property(i => i.SurveyItem).HasMaxLength(60);
        b.Property(i => i.SurveyAnswer).HasMaxLength(300);
        b.Property(i => i.IncidentGroup).HasMaxLength(40);
        b.Property(i => i.BaselineValue).HasPrecision(18, 4);
        b.Property(i => i.TargetValue).HasPrecision(18, 4);
        b.HasMany(i => i.Values).WithOne().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanIndicatorValueConfiguration : IEntityTypeConfiguration<PlanIndicatorValue>
{
    public void Configure(EntityTypeBuilder<PlanIndicatorValue> b)
    {
        b.ToTable("PlanIndicatorValues");
        b.Property(v => v.Period).HasMaxLength(10);
        b.Property(v => v.Provenance).HasMaxLength(300);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.Property(v => v.Value).HasPrecision(18, 4);
        b.HasIndex(v => new { v.IndicatorId, v.Period }).IsUnique();
        b.HasIndex(v => v.ContractId);
    }
}

internal sealed class PlanChangeConfiguration : IEntityTypeConfiguration<PlanChange>
{
    public void Configure(EntityTypeBuilder<PlanChange> b)
    {
        b.ToTable("PlanChanges");
        b.Property(c => c.EntityType).HasMaxLength(40);
        b.Property(c => c.EntityId).HasMaxLength(40);
        b.Property(c => c.Operation).HasMaxLength(20);
        b.Property(c => c.Field).HasMaxLength(60);
        b.Property(c => c.Before).HasMaxLength(PlanText.Long);
        b.Property(c => c.After).HasMaxLength(PlanText.Long);
        b.HasIndex(c => new { c.ContractId, c.PlanItemId, c.ChangedAt });
        // History outlives the rows it describes (a deleted action's history stays readable), hence no FK to
        // the item; it goes with its contract.
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanCommentConfiguration : IEntityTypeConfiguration<PlanComment>
{
    public void Configure(EntityTypeBuilder<PlanComment> b)
    {
        b.ToTable("PlanComments");
        b.Property(c => c.Text).HasMaxLength(4000);
        b.HasIndex(c => c.PlanItemId);
        b.HasIndex(c => c.ContractId);
        b.HasOne<PlanItem>().WithMany().HasForeignKey(c => c.PlanItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanReminderSentConfiguration : IEntityTypeConfiguration<PlanReminderSent>
{
    public void Configure(EntityTypeBuilder<PlanReminderSent> b)
    {
        b.ToTable("PlanRemindersSent");
        // The lock against duplicate reminders across instances (see PlanReminderSent).
        b.HasIndex(r => new { r.ItemId, r.RecipientId, r.Kind }).IsUnique();
        b.HasIndex(r => r.ContractId);
    }
}

internal sealed class PlanSettingsConfiguration : IEntityTypeConfiguration<PlanSettings>
{
    public void Configure(EntityTypeBuilder<PlanSettings> b)
    {
        b.ToTable("PlanSettings");
        b.HasKey(s => s.ContractId);
        b.HasOne<SecurityContract>().WithOne().HasForeignKey<PlanSettings>(s => s.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
