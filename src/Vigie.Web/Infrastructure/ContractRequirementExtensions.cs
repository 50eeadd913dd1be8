namespace Microsoft.AspNetCore.Builder;

/// <summary>In the framework's namespace, like <c>RequireAuthorization</c>, so every <c>*Api.cs</c> reads it without a using.</summary>
public static class ContractRequirementExtensions
{
    /// <summary>States at the door that callers need at least <paramref name="minimum"/> in the route's contract.</summary>
    public static TBuilder RequireContract<TBuilder>(this TBuilder builder, ContractRole minimum) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ContractRequirementAttribute(minimum));

    /// <summary>
    /// On a group whose endpoints are not all about one contract (<c>/contracts</c> lists them, <c>/contracts/{id}</c> is one):
    /// the requirement on every endpoint whose route has the contract id parameter <paramref name="routeParameter"/>.
    /// </summary>
    public static TBuilder RequireContract<TBuilder>(this TBuilder builder, ContractRole minimum, string routeParameter) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is Microsoft.AspNetCore.Routing.RouteEndpointBuilder route && route.RoutePattern.GetParameter(routeParameter) is not null)
                endpoint.Metadata.Add(new ContractRequirementAttribute(minimum));
        });
        return builder;
    }
}
