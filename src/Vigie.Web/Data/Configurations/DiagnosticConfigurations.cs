using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// Diagnostic local de sécurité (issue 12): every row carries its ContractId; deleting a contract cascades to all of it.

internal sealed class DiagnosticConfiguration : IEntityTypeConfiguration<SecurityDiagnostic>
{
    public void Configure(EntityTypeBuilder<SecurityDiagnostic> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Area).WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Sections).WithOne().HasForeignKey(s => s.DiagnosticId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DiagnosticVersion>().WithMany().HasForeignKey(x => x.PublishedVersionId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.AreaId });
    }
}

internal sealed class DiagnosticSectionConfiguration : IEntityTypeConfiguration<DiagnosticSection>
{
    public void Configure(EntityTypeBuilder<DiagnosticSection> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Body).HasMaxLength(200_000);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ContractId, x.DiagnosticId, x.Position });
    }
}

internal sealed class DiagnosticFindingConfiguration : IEntityTypeConfiguration<DiagnosticFinding>
{
    public void Configure(EntityTypeBuilder<DiagnosticFinding> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasOne<SecurityDiagnostic>().WithMany().HasForeignKey(x => x.DiagnosticId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DiagnosticSection>().WithMany().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.DiagnosticId });
    }
}

internal sealed class DiagnosticFindingLinkConfiguration : IEntityTypeConfiguration<DiagnosticFindingLink>
{
    public void Configure(EntityTypeBuilder<DiagnosticFindingLink> b)
    {
        b.HasKey(x => new { x.FindingId, x.PlanItemId });
        b.HasOne<DiagnosticFinding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanItem>().WithMany().HasForeignKey(x => x.PlanItemId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.ContractId);
        b.HasIndex(x => x.PlanItemId);
    }
}

internal sealed class DiagnosticSourceConfiguration : IEntityTypeConfiguration<DiagnosticSource>
{
    public void Configure(EntityTypeBuilder<DiagnosticSource> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Edition).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.HasOne<SecurityDiagnostic>().WithMany().HasForeignKey(x => x.DiagnosticId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.File).WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => new { x.ContractId, x.DiagnosticId, x.Date });
    }
}

internal sealed class DiagnosticVersionConfiguration : IEntityTypeConfiguration<DiagnosticVersion>
{
    public void Configure(EntityTypeBuilder<DiagnosticVersion> b)
    {
        b.Property(x => x.Sha256).HasMaxLength(64);
        // The whole frozen document as JSON (sections, findings, sources, figures): up to PostgreSQL's varchar limit.
        b.Property(x => x.Content).HasMaxLength(10_000_000);
        b.HasOne<SecurityDiagnostic>().WithMany().HasForeignKey(x => x.DiagnosticId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.DiagnosticId, x.Number }).IsUnique();
        b.HasIndex(x => x.ContractId);
    }
}
