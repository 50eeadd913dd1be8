using Vigie.Web.Features.Territories;

namespace Vigie.Tests.Territories;

public sealed class GeoJsonValidatorTests
{
    private const string Square = "[[3.05,50.63],[3.07,50.63],[3.07,50.64],[3.05,50.64],[3.05,50.63]]";

    [Fact]
    public void Validate_Polygon_ReturnsCompactGeometry()
    {
        var r = GeoJsonValidator.Validate($$"""{ "type": "Polygon", "coordinates": [ {{Square}} ] }""");
        Assert.True(r.IsValid, r.Error);
        Assert.Equal($$"""{"type":"Polygon","coordinates":[{{Square}}]}""", r.Geometry);
    }

    [Fact]
    public void Validate_FeatureCollectionWithOnePolygon_KeepsOnlyTheGeometry()
    {
        var r = GeoJsonValidator.Validate($$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"x"},"geometry":{"type":"MultiPolygon","coordinates":[[{{{Square}}}]]}}]}""");
        Assert.True(r.IsValid, r.Error);
        Assert.StartsWith("""{"type":"MultiPolygon","coordinates":""", r.Geometry);
        Assert.DoesNotContain("nom", r.Geometry);
    }

    [Fact]
    public void Validate_OpenRing_SaysNotClosed()
    {
        var r = GeoJsonValidator.Validate("""{"type":"Polygon","coordinates":[[[3.05,50.63],[3.07,50.63],[3.07,50.64],[3.05,50.64]]]}""");
        Assert.False(r.IsValid);
        Assert.StartsWith("Le polygone GeoJSON n'est pas fermé :", r.Error);
    }

    [Fact]
    public void Validate_Point_SaysPolygonExpected()
    {
        var r = GeoJsonValidator.Validate("""{"type":"Point","coordinates":[3.05,50.63]}""");
        Assert.Contains("« Point »", r.Error);
        Assert.Contains("Polygon ou un MultiPolygon", r.Error);
    }

    [Fact]
    public void Validate_NotJson_SaysInvalidJson()
    {
        var r = GeoJsonValidator.Validate("{ type: Polygon");
        Assert.StartsWith("Le GeoJSON n'est pas un JSON valide", r.Error);
    }

    [Fact]
    public void Validate_LatitudeOutOfRange_NamesLatitude()
    {
        var r = GeoJsonValidator.Validate("""{"type":"Polygon","coordinates":[[[50.63,93.05],[50.64,93.07],[50.65,93.07],[50.63,93.05]]]}""");
        Assert.Contains("latitude", r.Error);
        Assert.Contains("-90 et 90", r.Error);
    }

    [Fact]
    public void Validate_TooFewPositions_SaysFourNeeded()
    {
        var r = GeoJsonValidator.Validate("""{"type":"Polygon","coordinates":[[[3.05,50.63],[3.07,50.63],[3.05,50.63]]]}""");
        Assert.Contains("au moins 4", r.Error);
    }

    [Fact]
    public void Validate_FeatureCollectionWithTwoFeatures_IsRefused()
    {
        var f = $$$"""{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[{{{Square}}}]}}""";
        var r = GeoJsonValidator.Validate($$"""{"type":"FeatureCollection","features":[{{f}},{{f}}]}""");
        Assert.Contains("exactement une Feature", r.Error);
    }

    [Fact]
    public void Validate_StringCoordinates_AreRefused()
    {
        var r = GeoJsonValidator.Validate("""{"type":"Polygon","coordinates":[[["3.05","50.63"],[3.07,50.63],[3.07,50.64],[3.05,50.63]]]}""");
        Assert.Contains("[longitude, latitude] de nombres", r.Error);
    }
}
