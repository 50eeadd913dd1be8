using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<SecurityContract>
{
    public void Configure(EntityTypeBuilder<SecurityContract> b)
    {
        b.ToTable("Contracts");
        b.Property(c => c.Title).HasMaxLength(300);
        b.Property(c => c.Summary).HasMaxLength(4000);
        b.HasOne(c => c.Predecessor).WithMany().HasForeignKey(c => c.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        // One successor per contract (issue 15): two renewals at once cannot both create the next generation.
        b.HasIndex(c => c.PredecessorId).IsUnique().HasFilter("\"PredecessorId\" IS NOT NULL");
        b.HasOne(c => c.AmendsContract).WithMany().HasForeignKey(c => c.AmendsContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.SignedDocument).WithMany().HasForeignKey(c => c.SignedDocumentId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Territories).WithOne().HasForeignKey(t => t.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Signatories).WithOne().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Amendments).WithOne().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Memberships).WithOne(m => m.Contract).HasForeignKey(m => m.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class ContractTerritoryConfiguration : IEntityTypeConfiguration<ContractTerritory>
{
    public void Configure(EntityTypeBuilder<ContractTerritory> b)
    {
        b.HasKey(t => new { t.ContractId, t.TerritoryId });
        b.HasOne(t => t.Territory).WithMany().HasForeignKey(t => t.TerritoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignatoryConfiguration : IEntityTypeConfiguration<Signatory>
{
    public void Configure(EntityTypeBuilder<Signatory> b)
    {
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.RepresentativeName).HasMaxLength(200);
    }
}

internal sealed class AmendmentConfiguration : IEntityTypeConfiguration<Amendment>
{
    public void Configure(EntityTypeBuilder<Amendment> b)
    {
        b.Property(a => a.Description).HasMaxLength(8000);
        b.Property(a => a.AddedTerritoryCodes).HasMaxLength(2000);
        b.Property(a => a.AddedPriorities).HasMaxLength(4000);
        b.Property(a => a.SignatoryChanges).HasMaxLength(8000);
        b.HasIndex(a => new { a.ContractId, a.Number }).IsUnique();
        b.HasOne(a => a.Document).WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ContractVersionConfiguration : IEntityTypeConfiguration<ContractVersion>
{
    public void Configure(EntityTypeBuilder<ContractVersion> b)
    {
        b.Property(v => v.Snapshot).HasMaxLength(100_000);
        b.HasIndex(v => new { v.ContractId, v.Number }).IsUnique();
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(v => v.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<ContractMembership>
{
    public void Configure(EntityTypeBuilder<ContractMembership> b)
    {
        b.HasIndex(m => new { m.ContractId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("Files");
        b.Property(f => f.Sha256).HasMaxLength(64);
    }
}
