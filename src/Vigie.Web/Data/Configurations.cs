using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigie.Web.Domain;

namespace Vigie.Web.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.Siren).HasMaxLength(9);
        b.HasIndex(o => o.Name);
        b.HasMany(o => o.Contacts).WithOne(c => c.Organisation).HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b) => b.Property(c => c.FullName).HasMaxLength(200);
}

internal sealed class TerritoryConfiguration : IEntityTypeConfiguration<Territory>
{
    public void Configure(EntityTypeBuilder<Territory> b)
    {
        b.Property(t => t.Code).HasMaxLength(12);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.DepartementCode).HasMaxLength(3);
        b.Property(t => t.RegionCode).HasMaxLength(3);
        b.Property(t => t.ParentCode).HasMaxLength(12);
        b.Property(t => t.EpciCode).HasMaxLength(9);
        b.Property(t => t.EptCode).HasMaxLength(9);
        b.Property(t => t.Nature).HasMaxLength(10);
        b.HasIndex(t => new { t.Kind, t.Code }).IsUnique();
        b.HasIndex(t => t.Code);
        b.HasIndex(t => t.EpciCode);
        b.HasIndex(t => t.DepartementCode);
        b.HasIndex(t => t.Name);
    }
}

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.Property(a => a.GeoJson).HasMaxLength(1_000_000);
        b.HasOne(a => a.Contract).WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.ContractId, a.Name }).IsUnique();
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<SecurityContract>
{
    public void Configure(EntityTypeBuilder<SecurityContract> b)
    {
        b.ToTable("Contracts");
        b.Property(c => c.Title).HasMaxLength(300);
        b.Property(c => c.Summary).HasMaxLength(4000);
        b.HasOne(c => c.Predecessor).WithMany().HasForeignKey(c => c.PredecessorId).OnDelete(DeleteBehavior.Restrict);
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

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.ToTable("AccessTokens");
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Scopes).HasMaxLength(60);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TwoFactorRequirementConfiguration : IEntityTypeConfiguration<TwoFactorRequirement>
{
    public void Configure(EntityTypeBuilder<TwoFactorRequirement> b)
    {
        b.HasKey(r => r.Role);
        b.Property(r => r.Role).HasMaxLength(40);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(e => e.Kind).HasMaxLength(80);
        b.Property(e => e.EntityType).HasMaxLength(80);
        b.Property(e => e.EntityId).HasMaxLength(80);
        b.Property(e => e.Data).HasMaxLength(4000);
        b.HasIndex(e => e.OccurredAt);
        b.HasIndex(e => new { e.Kind, e.OccurredAt });
        b.HasIndex(e => e.ContractId);
        b.Property(e => e.ActorRole).HasMaxLength(200);
        b.Property(e => e.Outcome).HasMaxLength(20).HasDefaultValue(AuditOutcomes.Success);
        b.Property(e => e.IpAddress).HasMaxLength(45);
        b.Property(e => e.Via).HasMaxLength(20);
        b.Property(e => e.CredentialId).HasMaxLength(80);
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.UserId, e.OccurredAt });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64);
        b.Property(h => h.PurgedThroughHash).HasMaxLength(64);
        b.HasData(new AuditChainHead { Id = 1 });
    }
}

/// <summary>The data-protection package's own entity (keys stored encrypted, docs/key-management.md).</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        b.Property(k => k.Xml).HasMaxLength(20_000).IsRequired();
    }
}

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> b)
    {
        b.ToTable("AuthSessions");
        b.Property(s => s.Id).HasMaxLength(64);
        b.HasIndex(s => s.UserId);
        b.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.FullName).HasMaxLength(200);
        b.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatEditionConfiguration : IEntityTypeConfiguration<StatEdition>
{
    public void Configure(EntityTypeBuilder<StatEdition> b)
    {
        b.HasIndex(e => new { e.Source, e.ProducedOn }).IsUnique();
        b.HasMany(e => e.Files).WithOne(f => f.Edition).HasForeignKey(f => f.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StatFileConfiguration : IEntityTypeConfiguration<StatFile>
{
    public void Configure(EntityTypeBuilder<StatFile> b)
    {
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.Schema).HasMaxLength(40);
        b.HasIndex(f => new { f.EditionId, f.Sha256 }).IsUnique();
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(i => i.Code).HasMaxLength(60);
        b.Property(i => i.Unit).HasMaxLength(60);
        b.HasIndex(i => i.Code).IsUnique();
    }
}

internal sealed class StatValueConfiguration : IEntityTypeConfiguration<StatValue>
{
    public void Configure(EntityTypeBuilder<StatValue> b)
    {
        b.Property(v => v.GeoCode).HasMaxLength(5);
        b.Property(v => v.PublishedLabel).HasMaxLength(120);
        b.Property(v => v.Unit).HasMaxLength(60);
        b.Property(v => v.Rate).HasPrecision(18, 10);
        b.Property(v => v.Dwellings).HasPrecision(18, 4);
        b.Property(v => v.EstimateCount).HasPrecision(18, 6);
        b.Property(v => v.EstimateRate).HasPrecision(18, 10);
        // The natural key is the primary key (no surrogate id: one index fewer to maintain on a 5-million-row import)
        // and the access path of every view: one geography, all years and indicators.
        b.HasKey(v => new { v.Level, v.GeoCode, v.EditionId, v.Year, v.IndicatorId });
        b.HasIndex(v => new { v.EditionId, v.Level, v.Year, v.IndicatorId });
        // No foreign keys to StatEditions / Indicators (ADR 0007): the importer is the only writer, takes the edition
        // it created in the same transaction and indicator ids from the catalogue; per-row foreign-key triggers cost
        // PostgreSQL more than the whole copy.
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> b)
    {
        b.Property(j => j.Kind).HasMaxLength(40);
        b.Property(j => j.StoragePath).HasMaxLength(1000);
        b.Property(j => j.Error).HasMaxLength(4000);
        b.Property(j => j.LeaseOwner).HasMaxLength(200);
        b.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}

internal sealed class Etat4001ServiceConfiguration : IEntityTypeConfiguration<Etat4001Service>
{
    public void Configure(EntityTypeBuilder<Etat4001Service> b)
    {
        b.ToTable("Etat4001Services");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.DepartementCode).HasMaxLength(3);
        b.Property(s => s.Perimeter).HasMaxLength(100);
        b.Property(s => s.CommuneCode).HasMaxLength(5);
        b.HasIndex(s => new { s.Force, s.DepartementCode, s.Name }).IsUnique();
        b.HasIndex(s => s.DepartementCode);
        b.HasIndex(s => s.CommuneCode);
    }
}

internal sealed class Etat4001IndexConfiguration : IEntityTypeConfiguration<Etat4001Index>
{
    public void Configure(EntityTypeBuilder<Etat4001Index> b)
    {
        b.ToTable("Etat4001Indexes");
        b.HasKey(i => i.Number);
        b.Property(i => i.Number).ValueGeneratedNever();
        b.Property(i => i.Label).HasMaxLength(200);
    }
}

internal sealed class Etat4001ServiceYearConfiguration : IEntityTypeConfiguration<Etat4001ServiceYear>
{
    public void Configure(EntityTypeBuilder<Etat4001ServiceYear> b)
    {
        b.ToTable("Etat4001ServiceYears");
        b.HasKey(y => new { y.EditionId, y.ServiceId, y.Year });
        b.HasIndex(y => y.ServiceId);
        b.HasOne<StatEdition>().WithMany().HasForeignKey(y => y.EditionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(y => y.Service).WithMany().HasForeignKey(y => y.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class Etat4001CountConfiguration : IEntityTypeConfiguration<Etat4001Count>
{
    public void Configure(EntityTypeBuilder<Etat4001Count> b)
    {
        b.ToTable("Etat4001Counts");
        // The access path of the service page: one service, all years and indexes of an edition.
        b.HasKey(c => new { c.EditionId, c.ServiceId, c.Year, c.IndexNumber });
        b.HasOne<Etat4001ServiceYear>().WithMany().HasForeignKey(c => new { c.EditionId, c.ServiceId, c.Year }).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Etat4001Index>().WithMany().HasForeignKey(c => c.IndexNumber).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerSeriesConfiguration : IEntityTypeConfiguration<PartnerSeries>
{
    public void Configure(EntityTypeBuilder<PartnerSeries> b)
    {
        b.ToTable("PartnerSeries");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Unit).HasMaxLength(100);
        b.HasIndex(s => new { s.ContractId, s.OrganisationId, s.Name }).IsUnique();
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(s => s.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Values).WithOne().HasForeignKey(v => v.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartnerSeriesValueConfiguration : IEntityTypeConfiguration<PartnerSeriesValue>
{
    public void Configure(EntityTypeBuilder<PartnerSeriesValue> b)
    {
        b.ToTable("PartnerSeriesValues");
        b.Property(v => v.Period).HasMaxLength(7);
        b.Property(v => v.TerritoryCode).HasMaxLength(5);
        b.Property(v => v.Value).HasPrecision(18, 4);
        b.HasIndex(v => new { v.SeriesId, v.Period, v.TerritoryCode }).IsUnique();
    }
}
