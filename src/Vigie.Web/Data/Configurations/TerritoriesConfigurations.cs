using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

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
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(a => a.GeoJson).HasMaxLength(1_000_000);
        b.HasOne(a => a.Contract).WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.ContractId, a.Name }).IsUnique();
    }
}
