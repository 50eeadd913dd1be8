using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vigie.Web.Data.Configurations;

// Incidents (issue 14): every row carries its ContractId; deleting a contract cascades to all of it.

internal sealed class IncidentCategoryConfiguration : IEntityTypeConfiguration<IncidentCategory>
{
    public void Configure(EntityTypeBuilder<IncidentCategory> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Group).HasMaxLength(40);
        b.Property(x => x.DefaultPilotLabel).HasMaxLength(200);
        b.Property(x => x.SecondaryPartners).HasMaxLength(400);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.PilotOrganisation).WithMany().HasForeignKey(x => x.PilotOrganisationId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ContractId, x.Code }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasMany(x => x.Partners).WithOne().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentCategoryPartnerConfiguration : IEntityTypeConfiguration<IncidentCategoryPartner>
{
    public void Configure(EntityTypeBuilder<IncidentCategoryPartner> b)
    {
        b.HasKey(x => new { x.CategoryId, x.OrganisationId });
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class RoutingZoneConfiguration : IEntityTypeConfiguration<RoutingZone>
{
    public void Configure(EntityTypeBuilder<RoutingZone> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.GeoJson).HasMaxLength(1024 * 1024);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Areas).WithOne().HasForeignKey(a => a.RoutingZoneId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.CategoryId });
    }
}

internal sealed class RoutingZoneAreaConfiguration : IEntityTypeConfiguration<RoutingZoneArea>
{
    public void Configure(EntityTypeBuilder<RoutingZoneArea> b)
    {
        b.HasKey(x => new { x.RoutingZoneId, x.AreaId });
        b.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Category).WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.PilotOrganisation).WithMany().HasForeignKey(x => x.PilotOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Area).WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.DuplicateOfId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Open311Client>().WithMany().HasForeignKey(x => x.Open311ClientId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ContractId, x.Number }).IsUnique();
        // The map and the Open311 lists read a contract's incidents by date; the inbox by pilot and state.
        b.HasIndex(x => new { x.ContractId, x.ReportedAt });
        b.HasIndex(x => new { x.PilotOrganisationId, x.Status, x.DueAt });
        // Duplicates and hot spots: same category, a bounding box around the point.
        b.HasIndex(x => new { x.CategoryId, x.Latitude, x.Longitude });
    }
}

internal sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> b)
    {
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasIndex(x => new { x.IncidentId, x.At });
        b.HasIndex(x => x.ContractId);
    }
}

internal sealed class IncidentSettingsConfiguration : IEntityTypeConfiguration<IncidentSettings>
{
    public void Configure(EntityTypeBuilder<IncidentSettings> b)
    {
        b.HasKey(x => x.ContractId);
        b.Property(x => x.Jurisdiction).HasMaxLength(200);
        b.HasOne<SecurityContract>().WithOne().HasForeignKey<IncidentSettings>(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Jurisdiction).IsUnique();
    }
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.KeyHash).HasMaxLength(64);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.HasOne<SecurityContract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.KeyHash).IsUnique();
    }
}

internal sealed class IncidentPhotoConfiguration : IEntityTypeConfiguration<IncidentPhoto>
{
    public void Configure(EntityTypeBuilder<IncidentPhoto> b)
    {
        b.Property(x => x.ContentType).HasMaxLength(40);
        b.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.File).WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.IncidentId, x.Status });
        // The coordination's moderation queue: a contract's pending photos.
        b.HasIndex(x => new { x.ContractId, x.Status });
    }
}
