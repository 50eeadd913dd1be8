using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

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
        b.Property(j => j.Parameters).HasMaxLength(2000);
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
